"""Every file importer of the project, a real sample file for each, and the mutations the
fuzz tests apply to them: truncation, flipped bytes, NaN/INF/huge/odd cells inserted, deep
nesting, another encoding, a damaged member of a zip (XLSX, .npz).

An importer answers a file with its result or with an InputError whose problems are located
(one names the file) — ``outcome`` checks exactly that and lets any other exception through.
"""

from __future__ import annotations

import functools
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from parindex.core.problems import InputError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SURVEY = DATA / "survey"
FRAMEWORKS = ROOT / "frameworks"

PAYLOADS = [
    b"nan", b"NaN", b"inf", b"-Infinity", b"1e999", b".nan", b".inf", b"-.inf", b"\x00", b"\x07",
    b"\xff\xfe", b"\xfe\xff\x00", b"=1+1", b"\"", b"\r", b"'", b"99999", b"-50", b"[" * 300,
    b"{a: " * 200, b"- " * 300, b"&a [*a, *a, *a]", b"!!python/object:os.system", b"\xc3",
    b"x" * 40_000, b"<?xml", b"]]>", b"&#0;", b"PK\x03\x04",
]  # fmt: skip
"""What a damaged or hostile file holds where a value should be."""


@dataclass(frozen=True)
class Importer:
    name: str
    file: str  # the name the mutated file is given
    seed: Callable[[], bytes]
    read: Callable[[Path], Any]


def outcome(importer: Importer, data: bytes) -> None:
    """Run one importer on ``data``: a result, or an InputError with located problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / importer.file
        path.write_bytes(data)
        try:
            importer.read(path)
        except InputError as exc:
            assert exc.problems, "an InputError without problems"
            assert all(str(p) and p.message for p in exc.problems)
            assert any(p.file for p in exc.problems), [str(p) for p in exc.problems]


# --- mutations -------------------------------------------------------------------------


def _mutate_once(data: bytes, draw: st.DrawFn, inside_zip: bool = False) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "insert", "replace", "encoding", "member"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if kind == "truncate":
        return data[:at]
    if kind == "flip" and data:
        flipped = bytearray(data)
        for offset in range(draw(st.integers(1, 8))):
            flipped[(at + offset * 97) % len(data)] ^= draw(st.integers(1, 255))
        return bytes(flipped)
    if kind == "insert":
        return data[:at] + draw(st.sampled_from(PAYLOADS)) + data[at:]
    if kind == "replace":
        return data[:at] + draw(st.sampled_from(PAYLOADS)) + data[at + draw(st.integers(1, 12)) :]
    if kind == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1258"]))
        return data.decode("utf-8", "replace").encode(encoding, "replace")
    if kind == "member" and data[:2] == b"PK" and not inside_zip:
        return _mutate_member(data, draw)
    return data


def _mutate_member(data: bytes, draw: st.DrawFn) -> bytes:
    """One member of a zip (a sheet's XML, an array) damaged, the archive itself sound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # an earlier mutation broke the archive: keep it as it is
        return data
    victim = draw(st.integers(0, len(members) - 1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, content) in enumerate(members):
            archive.writestr(name, _mutate_once(content, draw, True) if i == victim else content)
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = seed
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate_once(data, draw)
    return data


# --- sample files -----------------------------------------------------------------------


def _file(path: Path) -> Callable[[], bytes]:
    return lambda: path.read_bytes()


def _demo_letterhead() -> bytes:
    from parindex.demo.letterhead import LETTERHEAD

    return LETTERHEAD.encode()


@functools.cache
def _framework() -> Any:
    from parindex.io.frameworks import load_framework

    return load_framework(SURVEY / "framework.yaml")


@functools.cache
def _survey_files() -> tuple[bytes, bytes]:
    """points.json and its .draws.npz, from the plain export (few draws: it is a sample)."""
    from parindex.io.survey_points import write_survey
    from parindex.io.survey_responses import read_questionnaire
    from parindex.io.units import read_populations
    from parindex.services.survey import import_survey

    with tempfile.TemporaryDirectory() as folder:
        survey = import_survey(
            _framework(),
            read_questionnaire(SURVEY / "questionnaire.yaml"),
            SURVEY / "plain.csv",
            read_populations(SURVEY / "units.csv") or None,
            draws=20,
        )
        out = Path(folder) / "points.json"
        write_survey(survey.result, out, survey.counts)
        return out.read_bytes(), out.with_name("points.draws.npz").read_bytes()


@functools.cache
def _results() -> bytes:
    from tests.reports.test_xlsx_appendix import results

    return json.dumps(results(), ensure_ascii=False).encode()


@functools.cache
def _template() -> bytes:
    from parindex.reports import xlsx_template

    units = [("TC", "Xã Tiên Châu"), ("TH", "Xã Tiên Hà"), ("TL", "Xã Tiên Lãnh")]
    return xlsx_template.render(_framework(), units)


@functools.cache
def _units_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for line in (SURVEY / "units.csv").read_text(encoding="utf-8").splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@functools.cache
def _annex() -> bytes:
    from tests.io.test_framework_annex import ca_mau

    with tempfile.TemporaryDirectory() as folder:
        return ca_mau(Path(folder)).read_bytes()


@functools.cache
def _remediation_plan() -> bytes:
    from decimal import Decimal as D

    from parindex.core.remediation import Finding, UnitFindings
    from parindex.reports.remediation_xlsx import plan_workbook

    findings = (
        Finding("3.1", "Công khai thủ tục hành chính", "3", D(3), D("0.5"), D("2.5")),
        Finding("8", "Điều tra xã hội học", "8", D("31.5"), D("29.8"), D("1.7")),
    )
    return plan_workbook(UnitFindings("TC", "xã Tiên Châu", "2023", findings), "Chỉ số CCHC")


SCHEME = """\
id: lamson-2025
name: Chỉ số cải cách hành chính tỉnh Lam Sơn
year: 2025
frameworks:
  - {framework: lamson-department-2025, kinds: [sở, ban]}
  - {framework: lamson-commune-2025, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở, ban]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""


USERS = """Mã đơn vị,Họ tên,E-mail,Vai trò
TC,Nguyễn Văn An,an@tienchau.gov.vn,cán bộ đầu mối
TH,Trần Thị Bình,,cán bộ đầu mối
,Lê Văn Cường,cuong@snv.gov.vn,quản trị
"""

# --- the importers ----------------------------------------------------------------------


def _read_framework_table(path: Path) -> Any:
    from parindex.io.framework_table import read_framework_table

    return read_framework_table(path, id="x-2026", name="X", level="commune", year=2026)


def _read_scores(path: Path) -> Any:
    from parindex.io.scores import read_scores

    return read_scores(path, _framework())


def _read_seed_scores(path: Path) -> Any:
    from parindex.io.frameworks import load_framework
    from parindex.io.scores import read_scores

    return read_scores(path, load_framework(DATA / "seeds/catien-communes-2022/framework.yaml"))


def _read_responses(mapping: str | None) -> Callable[[Path], Any]:
    def read(path: Path) -> Any:
        from parindex.io.survey_responses import read_questionnaire
        from parindex.services.survey import check_responses

        questionnaire = read_questionnaire(SURVEY / "questionnaire.yaml")
        return check_responses(
            questionnaire, path, None, mapping=SURVEY / mapping if mapping else None,
            drop_invalid=True,
        )  # fmt: skip

    return read


def _read_odk_repeat(path: Path) -> Any:
    """A damaged ODK Central repeat file beside its sound export."""
    from parindex.io.survey_responses import read_questionnaire
    from parindex.services.survey import check_responses

    questionnaire = read_questionnaire(SURVEY / "questionnaire.yaml")
    return check_responses(
        questionnaire, SURVEY / "odk-repeat.csv", None, drop_invalid=True, repeats=[path]
    )


DESIGN_CSV = (
    "respondent,unit,group,ngay,trong_so,Q1,Q2,Q3,Q4,Q5,Q6\n"
    '1,TC,dan,Ngày 1,"1,5",A,B,A;C,B,,C\n2,TH,canbo,Ngày 2,2.25,B,A,A,A,B,A\n'
    "3,TL,dan,Ngày 1,1,C,C,D,D,,E\n"
)


def _read_designed(path: Path) -> Any:
    """Responses with the design's cluster and weight columns."""
    import dataclasses

    from parindex.core.questionnaire import Design
    from parindex.io.survey_responses import read_questionnaire, read_responses

    questionnaire = dataclasses.replace(
        read_questionnaire(SURVEY / "questionnaire.yaml"),
        design=Design(cluster="ngay", weight="trong_so"),
    )
    return read_responses(path, questionnaire, None, drop_invalid=True)


def _read_draws(path: Path) -> Any:
    from parindex.io.survey_points import read_draws

    units = [u["unit"] for u in json.loads(_survey_files()[0])["units"]]
    return read_draws(path, units, path.name)


def _plan_workbook() -> bytes:
    from parindex.demo.plan_2026 import plan_workbook

    return plan_workbook()


def _progress_workbook() -> bytes:
    from parindex.demo.plan_2026 import progress_workbook

    return progress_workbook()


def _dossiers_csv() -> bytes:
    from parindex.demo.dossiers import register_frame

    units = [("SNV", "tỉnh"), ("X01", "xã")]
    return register_frame(units, scale=0.004).write_csv().encode("utf-8")


def _read_dossiers(path: Path) -> Any:
    from parindex.io.dossiers import read_register

    return read_register(path, ["SNV", "X01"])


@functools.cache  # rendered once: its timestamps would change the seed between draws
def _plan_docx() -> bytes:
    from parindex.reports.plan_annexes import task_table_docx

    return task_table_docx(["Phụ lục", "DANH MỤC NHIỆM VỤ"], _demo_plan().tasks)


@functools.cache
def _demo_plan() -> Any:
    from parindex.io.plan_tables import read_plan

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ke-hoach.xlsx"
        path.write_bytes(_plan_workbook())
        return read_plan(path)


def _read_progress(path: Path) -> Any:
    from parindex.io.plan_tables import read_progress

    return read_progress(path, _demo_plan())


def _lazy(module: str, name: str) -> Callable[[Path], Any]:
    def read(path: Path) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(path)

    return read


def _roster(kind: str) -> Callable[[Path], Any]:
    def read(path: Path) -> Any:
        from parindex.io import roster

        sheet = getattr(roster, f"parse_{kind}")(path.read_bytes(), path.name)
        if sheet.problems:
            raise InputError(sheet.problems)
        return sheet

    return read


def _scheme(path: Path) -> Any:
    from parindex.io.schemes import load_scheme

    return load_scheme(path)


IMPORTERS = {
    i.name: i
    for i in [
        Importer("framework_yaml", "framework.yaml", _file(SURVEY / "framework.yaml"),
                 _lazy("parindex.io.frameworks", "load_framework")),
        Importer("framework_xlsx", "phu-luc.xlsx", _annex, _read_framework_table),
        Importer("scheme_yaml", "scheme.yaml", SCHEME.encode, _scheme),
        Importer("scores_csv", "scores.csv", _file(DATA / "seeds/catien-communes-2022/scores.csv"),
                 _read_seed_scores),
        Importer("scores_xlsx", "mau-cham-diem.xlsx", _template, _read_scores),
        Importer("units_csv", "units.csv", _file(SURVEY / "units.csv"),
                 _lazy("parindex.io.units", "read_units")),
        Importer("units_xlsx", "units.xlsx", _units_workbook,
                 _lazy("parindex.io.units", "read_units")),
        Importer("populations", "units.csv", _file(SURVEY / "units.csv"),
                 _lazy("parindex.io.units", "read_populations")),
        Importer("roster_units", "don-vi.xlsx", _units_workbook, _roster("units")),
        Importer("roster_users", "nguoi-dung.csv", lambda: USERS.encode(), _roster("users")),
        Importer("points_json", "points.json", lambda: _survey_files()[0],
                 _lazy("parindex.io.survey_points", "read_survey")),
        Importer("draws_npz", "points.draws.npz", lambda: _survey_files()[1], _read_draws),
        Importer("results_json", "results.json", _results,
                 _lazy("parindex.io.results_json", "read_results")),
        Importer("previous_json", "results.json", _results,
                 _lazy("parindex.io.results_json", "read_previous")),
        Importer("remediation_plan", "khac-phuc.xlsx", _remediation_plan,
                 _lazy("parindex.io.remediation_plan", "read_plan")),
        Importer("questionnaire", "questionnaire.yaml", _file(SURVEY / "questionnaire.yaml"),
                 _lazy("parindex.io.survey_responses", "read_questionnaire")),
        Importer("letterhead", "van-ban.yaml", _demo_letterhead,
                 _lazy("parindex.io.letterhead", "read_letterhead")),
        Importer("mapping", "mapping.yaml", _file(SURVEY / "mapping-limesurvey.yaml"),
                 _lazy("parindex.io.survey_responses.mapping", "read_mapping")),
        Importer("survey_plain", "plain.csv", _file(SURVEY / "plain.csv"), _read_responses(None)),
        Importer("survey_kobo_csv", "kobo.csv", _file(SURVEY / "kobo.csv"), _read_responses(None)),
        Importer("survey_kobo_xlsx", "kobo.xlsx", _file(SURVEY / "kobo.xlsx"),
                 _read_responses(None)),
        Importer("survey_odk", "odk.csv", _file(SURVEY / "odk.csv"), _read_responses(None)),
        Importer("survey_limesurvey", "limesurvey.csv", _file(SURVEY / "limesurvey.csv"),
                 _read_responses("mapping-limesurvey.yaml")),
        Importer("survey_googleforms", "googleforms.csv", _file(SURVEY / "googleforms.csv"),
                 _read_responses("mapping-googleforms.yaml")),
        Importer("survey_kobo_repeat_xlsx", "kobo-repeat.xlsx", _file(SURVEY / "kobo-repeat.xlsx"),
                 _read_responses(None)),
        Importer("survey_odk_repeat", "odk-repeat-giao_dich.csv",
                 _file(SURVEY / "odk-repeat-giao_dich.csv"), _read_odk_repeat),
        Importer("survey_wide_repeat", "wide-repeat.csv", _file(SURVEY / "wide-repeat.csv"),
                 _read_responses(None)),
        Importer("survey_qualtrics", "qualtrics.csv", _file(SURVEY / "qualtrics.csv"),
                 _read_responses(None)),
        Importer("survey_kobo_labels", "kobo-labels.csv", _file(SURVEY / "kobo-labels.csv"),
                 _read_responses(None)),
        Importer("survey_googleforms_other", "googleforms-other.csv",
                 _file(SURVEY / "googleforms-other.csv"),
                 _read_responses("mapping-googleforms-other.yaml")),
        Importer("survey_design", "phieu.csv", lambda: DESIGN_CSV.encode(), _read_designed),
        Importer("plan_xlsx", "ke-hoach.xlsx", _plan_workbook,
                 _lazy("parindex.io.plan_tables", "read_plan")),
        Importer("progress_xlsx", "tien-do.xlsx", _progress_workbook, _read_progress),
        Importer("dossiers_csv", "ho-so.csv", _dossiers_csv, _read_dossiers),
        Importer("plan_docx", "ke-hoach.docx", _plan_docx,
                 _lazy("parindex.io.plan_tables", "read_plan")),
    ]
}  # fmt: skip


def fuzz_one(name: str, data: st.DataObject) -> None:
    """One mutated sample file through the importer ``name``."""
    importer = IMPORTERS[name]
    outcome(importer, data.draw(mutated(importer.seed()), label=importer.file))
