"""The ranking as people read it, computed once per publication (it never changes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parindex.core.narrative import points


def ranking_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The ranking table as people read it (Vietnamese number style); public: no evidence, no reasons."""

    def pts(value: Any) -> str:
        # results.json numbers carry at most 2 decimals; under 1.000 no thousands dot is needed
        if isinstance(value, int) or abs(value) >= 1000:
            return points(Decimal(str(value)))
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")

    rows = []
    for u in results["units"]:
        prev = u.get("previous") or {}
        rows.append(
            {
                "rank": f"{u['rank']}/{u['of']}",
                "interval": "–".join(str(x) for x in u["rank_interval"])
                if u.get("rank_interval") and u["rank_interval"][0] != u["rank_interval"][1]
                else "",
                "name": u["display_name"],
                "code": u["unit"],
                "block": u.get("block") or "",
                "index": f"{u['index']:.2f}".replace(".", ","),
                "class": u["class"],
                "self": points(Decimal(str(u["self"]["score"]))) if u.get("self") else "",
                "survey": points(Decimal(str(u["survey"]["score"]))) if u.get("survey") else "",
                "fields": [points(Decimal(str(f["score"]))) for f in u["fields"]],
                "delta": points(Decimal(str(prev["delta"])))
                if prev.get("delta") is not None
                else "",
                "rank_change": prev.get("rank_change"),
            }
        )
    return rows
