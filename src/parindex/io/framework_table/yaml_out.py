"""A framework mapping written as readable YAML for ``frameworks/``."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import yaml

from parindex.core.numbers import plain_decimal


class _QuotedStr(str):
    """A string YAML writes in double quotes (codes: "1.10" must stay text)."""


class _FlowList(list[object]):
    """A list YAML writes on one line (a scale: [1, 0.5, 0])."""


class _Dumper(yaml.SafeDumper):
    """Readable YAML: lists indented under their key, exact numbers, no tags."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", plain_decimal(value))


def _represent_quoted(dumper: yaml.SafeDumper, value: _QuotedStr) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _represent_flow(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(_QuotedStr, _represent_quoted)
_Dumper.add_representer(_FlowList, _represent_flow)


def _prepared(value: object, key: str = "") -> object:
    if isinstance(value, Mapping):
        return {k: _prepared(item, str(k)) for k, item in value.items()}
    if isinstance(value, list | tuple):
        items = [_prepared(item) for item in value]
        return _FlowList(items) if key == "scale" else items
    if key == "code":
        return _QuotedStr(str(value))
    return value


def write_framework_yaml(data: Mapping[str, object]) -> str:
    """The framework mapping as YAML: Unicode kept, keys in order, plain numbers.

    >>> print(write_framework_yaml({"fields": [{"code": "1", "max": Decimal("8.50"),
    ...     "scale": [Decimal("8.5"), Decimal(0)]}]}), end="")
    fields:
      - code: "1"
        max: 8.5
        scale: [8.5, 0]
    """
    return yaml.dump(
        _prepared(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
