"""The logo check never fails on what an upload holds: any bytes get a Vietnamese reason or
pass, and only a real PNG or JPEG passes."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from parindex.web.organisation.logo import logo_problem

SIGNATURES = (b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")


def picture(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#c8102e").save(out, kind)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SIGNATURES), st.binary(max_size=2048))
def test_any_bytes_get_a_reason_in_vietnamese(head, tail):
    data = head + tail
    problem = logo_problem(io.BytesIO(data), "tep.png", len(data))
    assert problem.startswith(("Tệp «tep.png»", "Ảnh «tep.png»"))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["PNG", "JPEG"]), st.integers(min_value=0, max_value=200), st.data())
def test_a_real_picture_passes_and_a_cut_one_does_not(kind, cut, data):
    whole = picture(kind)
    assert logo_problem(io.BytesIO(whole), "a", len(whole)) == ""
    if 0 < cut < len(whole) - 16:
        broken = whole[: len(whole) - cut - 16]
        assert logo_problem(io.BytesIO(broken), "a", len(broken)) != ""
