"""Is a ZIP container safe to open? Its directory is read first (member count, declared sizes,
compression ratio, encryption, method), then every member unpacked in small chunks; a bomb or
a damaged archive is refused naming the file, the member and the reason — nothing else."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest

from parindex.core.problems import InputError
from parindex.io.containers import (
    DEFAULT_LIMITS,
    ZipLimits,
    check_workbook,
    check_zip,
    read_member_head,
)
from parindex.io.framework_table import read_framework_table
from parindex.io.tables import read_table
from tests.io.damaged_zips import DAMAGED, DOC, MB, bomb, many_members, write_bomb


def refusal(source, limits: ZipLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(InputError) as raised:
        check_zip(source, name="bao-cao.docx", limits=limits)
    (problem,) = raised.value.problems
    assert problem.file == "bao-cao.docx"
    return str(problem)


def test_a_sound_document_passes_and_its_members_are_listed():
    stream = io.BytesIO(DOC)
    stream.seek(3)
    assert check_zip(stream, name="bao-cao.docx") == ["[Content_Types].xml", "word/document.xml"]
    assert stream.tell() == 3  # left where it was, for whoever reads it next


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_archive_is_refused_with_its_reason(damage):
    data, words = DAMAGED[damage]
    assert words in refusal(io.BytesIO(data))


@pytest.mark.parametrize("damage", ["bad CRC", "bad deflate stream", "encrypted member"])
def test_the_damaged_member_is_named(damage):
    assert "phần «word/document.xml»" in refusal(io.BytesIO(DAMAGED[damage][0]))


def test_a_bomb_is_refused_from_its_directory_without_unpacking_it():
    assert len(bomb()) < 1 * MB
    tracemalloc.start()
    try:
        message = refusal(io.BytesIO(bomb()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "giải nén ra 300 MB" in message and "nghi là bom nén" in message
    assert peak < 5 * MB


def test_a_member_packed_more_than_a_hundredfold_is_refused_even_under_the_total():
    out = io.BytesIO()
    write_bomb(out, member="word/document.xml", megabytes=5)
    message = refusal(out)
    assert "phần «word/document.xml»" in message and "gấp hơn 100 lần" in message


def test_the_declared_total_is_bounded():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # stored, ratio 1: only the total is too much
        archive.writestr("a.bin", bytes(700 * 1024))
        archive.writestr("b.bin", bytes(700 * 1024))
    assert "quá giới hạn 1 MB" in refusal(out, ZipLimits(max_total=1 * MB))


def test_too_many_members_are_refused_with_the_limit():
    assert "10.001 phần, quá giới hạn 10.000 phần" in refusal(io.BytesIO(many_members(10_001)))


def test_a_member_head_is_read_bounded():
    out = io.BytesIO()
    write_bomb(out, megabytes=50)
    assert read_member_head(out, "mimetype", name="bom.odt", size=100) == bytes(100)
    assert read_member_head(out, "khong-co", name="bom.odt") == b""


def test_a_file_that_is_not_a_zip_is_left_to_its_reader(tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"STT,Ten\n")
    check_workbook(path)  # no complaint: the reader says it is not a workbook
    with pytest.raises(InputError, match="không mở được tệp Excel"):
        read_table(path)


@pytest.mark.parametrize(
    "read",
    [read_table, lambda p: read_framework_table(p, id="x", name="x", level="commune", year=2026)],
    ids=["table", "framework annex"],
)
def test_the_spreadsheet_readers_refuse_a_bomb_before_opening_it(tmp_path, read):
    path = tmp_path / "Phu luc.xlsx"
    write_bomb(path, member="xl/worksheets/sheet1.xml", megabytes=5)
    with pytest.raises(InputError) as raised:
        read(path)
    assert str(raised.value).startswith("Phu luc.xlsx, phần «xl/worksheets/sheet1.xml»")
    assert "nghi là bom nén" in str(raised.value)
