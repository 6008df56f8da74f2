"""Shared helpers: small frameworks built in code, paths to test data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from parindex.core.framework import Framework, default_classes, parse_framework

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

FIVE_CLASSES = default_classes()


def make_framework(fields: list[dict[str, Any]], **extra: Any) -> Framework:
    data = {
        "id": "test-commune",
        "name": "Bộ tiêu chí thử",
        "level": "commune",
        "year": 2023,
        "classes": FIVE_CLASSES,
        "fields": fields,
        **extra,
    }
    return parse_framework(data)


@pytest.fixture
def small_framework() -> Framework:
    """Three fields, 100 points: 1 (two leaves), 2 (one leaf), 3 survey (one leaf)."""
    return make_framework(
        [
            {
                "code": "1",
                "name": "Công tác chỉ đạo, điều hành CCHC",
                "children": [
                    {"code": "1.1", "name": "Kế hoạch CCHC năm", "max": 20},
                    {"code": "1.2", "name": "Báo cáo CCHC", "max": 20},
                ],
            },
            {"code": "2", "name": "Cải cách thể chế", "max": 30},
            {"code": "3", "name": "Điều tra xã hội học", "max": 30, "source": "survey"},
        ]
    )


def D(text: str) -> Decimal:
    return Decimal(text)
