"""The demo loader: today's commune cycles of 2023 and 2024 as they were, a scheme's 2025 round
closed and published, its 2026 round open for self-assessment with the scores entered so far;
entries it does not know are skipped and said."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from parindex.web.accounts.models import User
from parindex.web.cycles.demo_load import load_demo
from parindex.web.cycles.models import Cycle, Round
from parindex.web.results.models import Publication
from parindex.web.units.models import Unit
from tests.web.rounds import COMMUNES, DEPARTMENTS

SCHEME = """\
id: lamson-{year}
name: Chỉ số CCHC năm {year} của các sở, ban, ngành và UBND các xã, phường, đặc khu
year: {year}
frameworks:
  - {{framework: so.yaml, kinds: [sở]}}
  - {{framework: xa.yaml, kinds: [phường, xã, đặc khu]}}
blocks:
  - {{name: "Khối sở, ban, ngành", kinds: [sở]}}
  - {{name: Khối phường, kinds: [phường]}}
  - {{name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}}
"""

SCORES = {  # (1.1, 2.1): departments 88, 93; wards 85, 98; communes 90, 95, 80
    "SNV": ("38", "50"),
    "STP": ("35", "58"),
    "P01": ("25", "60"),
    "P02": ("29", "69"),
    "X01": ("28", "62"),
    "X02": ("20", "60"),
    "DK1": ("30", "65"),
}
PARTIAL_2026 = [("SNV", "1.1", "39"), ("SNV", "2.1", "55"), ("X01", "1.1", "27")]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def add_rounds(out: Path, predecessors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The scheme's files under ``out/scheme`` and its two entries (2025, 2026) in the manifest."""
    predecessors = predecessors or {}
    folder = out / "scheme"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "so.yaml").write_text(DEPARTMENTS, encoding="utf-8")
    (folder / "xa.yaml").write_text(COMMUNES, encoding="utf-8")
    units = [
        ["SNV", "Sở Nội vụ", "sở"],
        ["STP", "Sở Tư pháp", "sở"],
        ["P01", "Phường An Biên", "phường"],
        ["P02", "Phường Lê Chân", "phường"],
        ["X01", "Xã Quyết Thắng", "xã"],
        ["X02", "Xã Vĩnh Am", "xã"],
        ["DK1", "Đặc khu Cát Hải", "đặc khu"],
    ]
    rows = [[*u, "", ";".join(predecessors.get(u[0], []))] for u in units]
    header = ["code", "name", "kind", "parent", "predecessors"]
    write_csv(folder / "units-2025.csv", header, rows)
    write_csv(folder / "units-2026.csv", header, rows)
    scores = [[u, c, v[i]] for u, v in SCORES.items() for i, c in enumerate(("1.1", "2.1"))]
    write_csv(folder / "scores-2025.csv", ["unit", "criterion", "score"], scores)
    partial = [list(r) for r in PARTIAL_2026]
    write_csv(folder / "scores-2026.csv", ["unit", "criterion", "score"], partial)
    for year in (2025, 2026):
        (folder / f"scheme-{year}.yaml").write_text(SCHEME.format(year=year), encoding="utf-8")
    manifest_path = out / "manifest.json"
    manifest = (
        json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest_path.exists()
        else {"province": "tỉnh Lam Sơn", "runs": []}
    )
    # this small round stands in for the demo's own (tested whole below)
    manifest["runs"] = [r for r in manifest["runs"] if not r.get("scheme")]
    for year, previous in ((2025, "communes-2024"), (2026, "scheme-2025")):
        manifest["runs"].append(
            {
                "name": f"scheme-{year}",
                "title": f"Các sở, ban, ngành và các xã, phường, đặc khu năm {year}",
                "scheme": f"scheme/scheme-{year}.yaml",
                "units": f"scheme/units-{year}.csv",
                "scores": f"scheme/scores-{year}.csv",
                "period": str(year),
                "previous": previous,
                "block_by": None,
                "survey": None,
                **({"open": True} if year == 2026 else {}),
            }
        )
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from parindex.demo import write_demo

    out = tmp_path_factory.mktemp("demo")
    write_demo(out)
    with (out / "communes" / "units-2024.csv").open(encoding="utf-8") as fh:
        communes = list(csv.DictReader(fh))
    wards = [r["code"] for r in communes if r["kind"] == "phường"]
    villages = [r["code"] for r in communes if r["kind"] == "xã"]
    add_rounds(
        out,
        {
            "P01": wards[:2],
            "P02": wards[2:4],
            "X01": villages[:3],
            "X02": villages[3:5],
            "DK1": villages[5:6],
        },
    )
    return out


def test_the_demo_loads_its_communes_and_both_rounds(db, client, demo_folder):
    said: list[str] = []
    accounts = load_demo(demo_folder, say=said.append)
    assert said == []
    # today's commune cycles, as they were
    legacy = Cycle.objects.filter(round__isnull=True).order_by("period")
    assert [(c.period, c.state) for c in legacy] == [("2023", "closed"), ("2024", "appraisal")]
    assert Publication.objects.filter(cycle=legacy[0]).exists()
    # 2025: one cycle per framework, closed and published, each block ranked apart
    past = Round.objects.get(period="2025")
    assert [(c.framework.code, c.state) for c in past.cycles.order_by("pk")] == [
        ("tinh-so-2025", "closed"),
        ("tinh-xa-2025", "closed"),
    ]
    assert all(c.publications.exists() for c in past.cycles.all())
    # each publication follows its year's report, dated the day before the decision
    for c in (legacy[0], *past.cycles.all()):
        head = c.publications.get().letterhead()
        assert head.number == "120/BC-SNV" and head.decision is not None
        assert head.date is not None and head.decision.date is not None
        assert (head.decision.date - head.date).days == 1
    page = client.get(f"/cong-khai/dot/{past.pk}/").content.decode()
    heads = re.findall(r"<h2>(.*?)</h2>", page)
    assert heads == ["Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"]
    assert "Quyết định số 95/QĐ-UBND ngày 09/01/2026" in page
    # its units formed on 1 July 2025 from the 2024 communes, which ended the day before
    x01 = Unit.objects.get(code="X01")
    assert x01.valid_from is not None and x01.valid_from.isoformat() == "2025-07-01"
    replaced = list(x01.predecessors.all())
    assert len(replaced) == 3 and all(str(u.valid_to) == "2025-06-30" for u in replaced)
    in_force = Unit.objects.filter(valid_to__isnull=True)  # no district, no commune of 2024
    assert sorted(in_force.values_list("code", flat=True)) == sorted(SCORES)
    # 2026: in self-assessment, the scores entered so far, nothing submitted
    current = Round.objects.get(period="2026")
    cycles = list(current.cycles.order_by("pk"))
    assert [c.state for c in cycles] == ["self_assessment", "self_assessment"]
    entered = {
        (s.unit.code, s.criterion.code): s.self_score
        for c in cycles
        for s in c.scores.filter(self_score__isnull=False).select_related("unit", "criterion")
    }
    assert {k: str(v.normalize()) for k, v in entered.items()} == {
        (u, c): v for u, c, v in PARTIAL_2026
    }
    assert not current.cycles.filter(participations__submitted_at__isnull=False).exists()
    assert not Publication.objects.filter(cycle__round=current).exists()
    # an officer for every unit of the rounds, beside the two of 2024
    for code in SCORES:
        assert User.objects.get(username=f"canbo.{code.lower()}").unit.code == code
    names = [a[0] for a in accounts]
    assert names[:4] == ["quantri", "lanhdao", "thamdinh1", "thamdinh2"]
    assert {"canbo.snv", "canbo.p01", "canbo.dk1"} <= set(names)
    assert names[-1] == "canbo.<mã>"
    # the officer of a commune works in their cycle of 2026 only
    client.force_login(User.objects.get(username="canbo.x01"))
    dashboard = client.get("/").content.decode()
    assert cycles[1].name in dashboard and cycles[0].name not in dashboard
    assert client.get(f"/ky/{cycles[0].pk}/").status_code == 404
    assert client.get(f"/ky/{cycles[1].pk}/don-vi/{x01.pk}/").status_code == 200


def test_entries_it_does_not_know_are_skipped_and_said(db, tmp_path):
    manifest = add_rounds(tmp_path)
    manifest["runs"] += [
        {"name": "sipas-2025", "title": "Chỉ số hài lòng", "questionnaire": "x.yaml"},
        {"name": "departments-2024", "framework": "lamdong-district-2022", "units": "x.csv"},
        {"name": "scheme-2027", "scheme": "scheme/khong-co.yaml", "units": "u.csv",
         "scores": "s.csv", "period": "2027"},
    ]  # fmt: skip
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    out = io.StringIO()
    call_command("load_demo", str(tmp_path), "--force", stdout=out)
    printed = out.getvalue()
    assert "Bỏ qua mục «sipas-2025» của manifest: chưa biết cách nạp vào trang web" in printed
    assert "Bỏ qua mục «departments-2024»" in printed
    assert "Bỏ qua mục «scheme-2027» của manifest: thiếu scheme, units, scores" in printed
    assert Round.objects.count() == 2 and not Cycle.objects.filter(round__isnull=True).exists()
    assert "canbo.snv" in printed and "quantri" in printed
    again = io.StringIO()
    call_command(
        "load_demo", str(tmp_path), "--force", stdout=again
    )  # loaded already: the accounts
    assert "không nạp lại" in again.getvalue() and "canbo.<mã>" in again.getvalue()


@pytest.mark.django_db(transaction=False)
def test_make_run_s_demo_is_the_province_of_today(tmp_path, client):
    """`parindex demo --score` then `load_demo`, as `make run` does: 2023 and 2024 closed and
    published, the 2025 round published with the figures the command line computed (values,
    KPS, bonus and penalty included), the 2026 round open for self-assessment."""
    from parindex.cli import main
    from parindex.io.results_json import parse_results, read_results

    out = tmp_path / "demo"
    assert main(["--quiet", "demo", "--out", str(out), "--score"]) == 0
    load_demo(out, say=lambda _: None)
    legacy = Cycle.objects.filter(round__isnull=True).order_by("period")
    assert [(c.period, c.state) for c in legacy] == [("2023", "closed"), ("2024", "closed")]
    assert all(c.publications.exists() for c in legacy)
    past = Round.objects.get(period="2025")
    for cycle in past.cycles.all():
        run = parse_results(cycle.publications.get().results)
        cli = read_results(out / "results" / "scheme-2025" / run.framework.id / "results.json")
        assert [(u.code, u.index, u.rank, u.block) for u in run.units] == [
            (u.code, u.index, u.rank, u.block) for u in cli.units
        ]
        assert {u.code: (u.bonus, u.penalty, dict(u.values)) for u in run.units} == {
            u.code: (u.bonus, u.penalty, dict(u.values)) for u in cli.units
        }
    current = Round.objects.get(period="2026")
    assert {c.state for c in current.cycles.all()} == {"self_assessment"}
    # the demo organisation keeps the demo's letterhead: its publications' decisions are
    # signed by the People's Committee's vice-chair, the reports by the Sở Nội vụ's deputy
    import docx

    from parindex.web.organisation.models import Organisation

    assert "Lê Minh Khoa" in Organisation.current().letterhead
    publication = legacy[0].publications.get()
    client.force_login(User.objects.get(role="admin"))
    words = []
    for name in ("quyet-dinh.docx", "bao-cao.docx"):
        response = client.get(f"/cong-khai/{publication.pk}/tai/{name}")
        assert response.status_code == 200, name
        document = docx.Document(io.BytesIO(response.content))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        words.append(" ".join(parts))
    assert "Phạm Thị Thu Hà" in words[0] and "Như Điều 3" in words[0]
    assert "Lê Minh Khoa" in words[1]
