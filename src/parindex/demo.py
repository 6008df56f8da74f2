"""A deterministic demo province: units and scores for two years, as scorer inputs.

``write_demo(out)`` writes a fictional province (about 12 districts and 150
communes) with two assessment years as CSV files plus ``manifest.json``, and
returns the manifest. The same seed gives byte-identical files.

The data is made to exercise the scorer: indices spread over every class,
ranks that move between years, an exact tie in every run, a few criteria not
assessed (``KĐG``) and, in 2024, two commune mergers and one renaming.

The 2024 commune run also carries a sociological survey: the shipped
questionnaire (``questionnaires/<commune framework>.yaml``) copied to
``communes/questionnaire.yaml`` and one plain export of responses per respondent
(``communes/survey-2024.csv``). Its survey leaves are then left out of
``communes/scores-2024.csv``: their points come from the responses, which are
drawn around, then nudged onto, the points the scores file would have carried
(to the hundredth, so the 2024 commune ranking is the same with or without the
survey). The two tied communes get identical responses, so they stay tied. The
communes of the thị xã have a ``population`` in ``units-2024.csv``, so their
minimum sample is n = N/(1+N·e²) and they fall short of it.

Layout under ``out`` (paths in the manifest are relative to ``out``)::

    manifest.json
    districts/units.csv  districts/scores-2023.csv  districts/scores-2024.csv
    communes/units-2023.csv  communes/units-2024.csv
    communes/scores-2023.csv  communes/scores-2024.csv
    communes/questionnaire.yaml  communes/survey-2024.csv

>>> import tempfile
>>> from pathlib import Path
>>> from parindex.core.framework import parse_framework
>>> fw = parse_framework({"id": "t", "name": "T", "level": "district", "year": 2023,
...     "classes": [{"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
...     "fields": [{"code": "1", "name": "A", "children": [
...         {"code": "1.1", "name": "a", "max": 40}, {"code": "1.2", "name": "b", "max": 35},
...         {"code": "2", "name": "Khảo sát", "max": 25, "source": "survey"}]}]})
>>> with tempfile.TemporaryDirectory() as tmp:
...     manifest = write_demo(Path(tmp), district_framework=fw, commune_framework=fw)
>>> [run["name"] for run in manifest["runs"]]
['districts-2023', 'districts-2024', 'communes-2023', 'communes-2024']
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

from parindex.core.framework import Framework, Node
from parindex.core.questionnaire import Question, Questionnaire

DISTRICT_FRAMEWORK = "lamdong-district-2022"
COMMUNE_FRAMEWORK = "quangnam-tienphuoc-commune-2023"
PROVINCE = "tỉnh Lam Sơn"
NOT_ASSESSED = "KĐG"
YEARS = (2023, 2024)

UNIT_COLUMNS = ("code", "name", "kind", "parent", "predecessors")
SCORE_COLUMNS = ("unit", "criterion", "score")
RESPONSE_COLUMNS = ("respondent", "unit", "group")

# The shipped questionnaire of the commune framework, and the survey of the demo.
QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "questionnaires" / f"{COMMUNE_FRAMEWORK}.yaml"
SURVEY_YEAR = 2024
SURVEY_QUESTIONNAIRE = "communes/questionnaire.yaml"
SURVEY_RESPONSES = f"communes/survey-{SURVEY_YEAR}.csv"

QUARTER = Decimal("0.25")
HUNDREDTH = Decimal("0.01")

# code, name (without the kind), kind, number of phường/thị trấn, number of xã
_DISTRICTS = (
    ("H01", "Phú Lâm", "thành phố", 12, 4),
    ("H02", "An Khánh", "thị xã", 7, 6),
    ("H03", "Tiên Sơn", "huyện", 2, 12),
    ("H04", "Đồng Xuân", "huyện", 1, 11),
    ("H05", "Quế Phong", "huyện", 1, 9),
    ("H06", "Hương Điền", "huyện", 1, 12),
    ("H07", "Thạnh Mỹ", "huyện", 1, 10),
    ("H08", "Bắc Trà", "huyện", 2, 13),
    ("H09", "Vĩnh Thạnh", "huyện", 1, 8),
    ("H10", "Cẩm Đường", "huyện", 1, 11),
    ("H11", "Ngọc Sơn", "huyện", 1, 12),
    ("H12", "Nam Trà", "huyện", 1, 11),
)

# Syllables of commune names ("Phước Lộc", "Tân Hòa", "Đồng Tâm", "Quảng Sơn" …).
_FIRST = (
    "An", "Bình", "Cẩm", "Đại", "Đồng", "Đức", "Hải", "Hòa", "Hương", "Hưng", "Kim",
    "Long", "Mỹ", "Nghĩa", "Ngọc", "Phú", "Phước", "Quảng", "Quế", "Sơn", "Tam", "Tân",
    "Thạnh", "Thuận", "Tiên", "Trung", "Vĩnh", "Xuân",
)  # fmt: skip
_SECOND = (
    "An", "Bắc", "Bình", "Châu", "Cường", "Điền", "Đông", "Hà", "Hiệp", "Hòa", "Hưng",
    "Khánh", "Lạc", "Lâm", "Lập", "Lộc", "Lợi", "Mỹ", "Nam", "Nghĩa", "Phong", "Phú",
    "Quang", "Sơn", "Tâm", "Tây", "Thắng", "Thành", "Thịnh", "Thọ", "Thuận", "Tiến",
    "Trung", "Xuân", "Yên",
)  # fmt: skip

# Shape of the index distribution of one run: (cumulative share in ‰, index in hundredths).
# Units are spread over it by rank, so every class shows up even with 12 units:
# a few under 70 (Trung bình), most in 75–90, the top ~8 % at 90 or more (Xuất sắc).
_SHAPE = (
    (0, 6500),
    (50, 6850),
    (100, 7200),
    (300, 7800),
    (550, 8250),
    (800, 8700),
    (920, 9000),
    (1000, 9450),
)
_UPLIFT_2024 = 80  # hundredths of a point: the province improves a little
_JITTER = 40  # ± hundredths around the shape
_DRIFT = 300  # ± hundredths of year-on-year change in a unit's latent quality

# Respondents per commune and group (about 40–90 in all, mostly citizens); how much
# higher than the citizens the commune's leaders and civil servants rate it (percent);
# the chance of an E answer (không biết / không trả lời).
_RESPONDENTS = {"dan": (32, 72), "lanhdao": (3, 6), "canbo": (5, 12)}
_GROUP_OFFSET = {"dan": 0, "lanhdao": 8, "canbo": 4}
_NO_ANSWER = {"dan": 0.06, "lanhdao": 0.02, "canbo": 0.02}
_RESPONDENT_SPREAD = 10.0  # sd (percent) of respondents around their group's mean
_ANSWER_SPREAD = 12.0  # sd (percent) of a respondent's answers around their own mean
_SURVEY_TOLERANCE = Fraction(1, 20)  # percent: how near a banded leaf's value lands its target
_SURVEY_ATTEMPTS = 5  # draws of a commune's respondents before keeping one that is off
_POPULATION_DISTRICT_KIND = "thị xã"  # its communes report the residents they serve


@dataclass(frozen=True)
class DemoUnit:
    """One row of a units file."""

    code: str
    name: str
    kind: str
    parent: str = ""
    predecessors: tuple[str, ...] = ()


@dataclass
class _Province:
    districts: list[DemoUnit]
    communes: dict[int, list[DemoUnit]]
    lineage_changes: set[str] = field(default_factory=set)


def write_demo(
    out: Path,
    seed: int = 2024,
    district_framework: Framework | None = None,
    commune_framework: Framework | None = None,
    questionnaire: Path | None = None,
    survey: bool = True,
) -> dict[str, Any]:
    """Write the demo province under ``out`` and return its manifest (also ``manifest.json``).

    Frameworks default to the shipped district and commune frameworks, the survey's
    questionnaire (a YAML file) to the shipped one of the commune framework, which is
    used only if every leaf it feeds is a survey leaf of the commune framework; a
    questionnaire passed that does not fit is a ValueError. ``survey=False`` leaves the
    survey out: the scores file then carries the survey leaves.
    """
    if district_framework is None or commune_framework is None:
        from parindex.io.frameworks import resolve_framework

        if district_framework is None:
            district_framework = resolve_framework(DISTRICT_FRAMEWORK)
        if commune_framework is None:
            commune_framework = resolve_framework(COMMUNE_FRAMEWORK)

    out = Path(out)
    province = _build_province(random.Random(seed * 10 + 1))
    target_rng = random.Random(seed * 10 + 2)
    na_rng = random.Random(seed * 10 + 3)

    districts = province.districts
    district_targets = _targets_by_year({y: districts for y in YEARS}, {}, target_rng)
    communes = province.communes
    commune_targets = _targets_by_year(communes, _lineage(communes[2024]), target_rng)

    # Units that lack an activity (KĐG): chosen without looking at the framework, so the
    # same units are KĐG whatever framework is passed; the criteria depend on it.
    huyen = [u.code for u in districts if u.kind == "huyện"]
    district_na_units = sorted(na_rng.sample(huyen, 2))
    stable = [
        u.code for u in communes[2023] if u.code not in province.lineage_changes and u.kind == "xã"
    ]
    commune_na_units = sorted(na_rng.sample(stable, 4))

    questionnaire_path = Path(questionnaire) if questionnaire is not None else QUESTIONNAIRE
    questions = None
    if survey and (questionnaire is not None or questionnaire_path.is_file()):
        questions = _survey_questionnaire(questionnaire_path, commune_framework)
        if questions is None and questionnaire is not None:
            raise ValueError(
                f"{questionnaire_path.name}: the questionnaire does not feed survey leaves "
                f"of {commune_framework.id}"
            )
    populations: dict[str, int] = {}
    if questions is not None:
        populations = _populations(districts, communes[SURVEY_YEAR], random.Random(seed * 10 + 6))

    manifest: dict[str, Any] = {"province": PROVINCE, "runs": []}
    (out / "districts").mkdir(parents=True, exist_ok=True)
    (out / "communes").mkdir(parents=True, exist_ok=True)
    _write_units(out / "districts" / "units.csv", districts)
    for year in YEARS:
        _write_units(
            out / "communes" / f"units-{year}.csv",
            communes[year],
            populations if year == SURVEY_YEAR and questions is not None else None,
        )

    levels = (
        ("districts", "Cấp huyện", district_framework, district_na_units, district_targets),
        ("communes", "Cấp xã", commune_framework, commune_na_units, commune_targets),
    )
    for offset, (level, title, fw, na_units, targets) in enumerate(levels):
        fw_rng = random.Random(seed * 10 + 4 + offset)
        difficulty = _difficulty(fw, fw_rng)
        na_leaves = _choose_not_assessed(fw, na_units, fw_rng)
        previous = None
        for year in YEARS:
            units = districts if level == "districts" else communes[year]
            score_rng = random.Random(seed * 100 + year * 2 + offset)
            scores = {
                u.code: _unit_scores(
                    fw, targets[year][u.code], na_leaves.get(u.code, set()), difficulty, score_rng
                )
                for u in units
            }
            first, second = _tie_pair(
                units, targets[year], set(na_leaves) | province.lineage_changes
            )
            scores[second] = dict(scores[first])
            scores_path = f"{level}/scores-{year}.csv"
            survey_files = None
            omit: set[str] = set()
            if questions is not None and level == "communes" and year == SURVEY_YEAR:
                survey_rng = random.Random(seed * 10 + 7)
                responses = {
                    u.code: _unit_responses(questions, fw, scores[u.code], survey_rng)
                    for u in units
                    if u.code != second
                }
                responses[second] = responses[first]  # the tie holds in the survey too
                (out / SURVEY_QUESTIONNAIRE).write_bytes(questionnaire_path.read_bytes())
                _write_responses(out / SURVEY_RESPONSES, units, questions, responses)
                survey_files = {
                    "questionnaire": SURVEY_QUESTIONNAIRE,
                    "responses": SURVEY_RESPONSES,
                }
                omit = set(questions.leaves)
            _write_scores(out / scores_path, units, fw, scores, omit)
            name = f"{level}-{year}"
            manifest["runs"].append(
                {
                    "name": name,
                    "title": f"{title} năm {year}",
                    "framework": fw.id,
                    "units": "districts/units.csv"
                    if level == "districts"
                    else f"communes/units-{year}.csv",
                    "scores": scores_path,
                    "period": str(year),
                    "previous": previous,
                    "block_by": "kind" if level == "communes" and year == 2024 else None,
                    "survey": survey_files,
                }
            )
            previous = name

    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


# -- units ---------------------------------------------------------------------------


def _name_pool(rng: random.Random) -> list[str]:
    """Commune names in a seeded order: two syllables, at least one with a diacritic."""
    taken = {name for _, name, *_ in _DISTRICTS}
    pool = [
        f"{a} {b}"
        for a in _FIRST
        for b in _SECOND
        if a != b and not (a.isascii() and b.isascii()) and f"{a} {b}" not in taken
    ]
    rng.shuffle(pool)
    return pool


def _build_province(rng: random.Random) -> _Province:
    names = _name_pool(rng)
    districts: list[DemoUnit] = []
    communes_2023: list[DemoUnit] = []
    number = 0
    for code, name, kind, urban, rural in _DISTRICTS:
        districts.append(DemoUnit(code, name, kind))
        urban_kind = "thị trấn" if kind == "huyện" else "phường"
        for commune_kind, count in ((urban_kind, urban), ("xã", rural)):
            for _ in range(count):
                number += 1
                communes_2023.append(DemoUnit(f"X{number:03d}", names.pop(), commune_kind, code))

    def members(district: str, kind: str) -> list[DemoUnit]:
        return [u for u in communes_2023 if u.parent == district and u.kind == kind]

    # 2024: three xã of a huyện merge into one; two phường of the city merge into one;
    # one xã of another huyện is renamed (new code, one predecessor).
    big_huyen = [d for d in districts if d.kind == "huyện" and len(members(d.code, "xã")) >= 10]
    merged3_district = rng.choice(big_huyen)
    merged3 = sorted(rng.sample(members(merged3_district.code, "xã"), 3), key=lambda u: u.code)
    city = next(d for d in districts if d.kind == "thành phố")
    merged2 = sorted(rng.sample(members(city.code, "phường"), 2), key=lambda u: u.code)
    renamed_district = rng.choice([d for d in big_huyen if d != merged3_district])
    renamed = rng.choice(members(renamed_district.code, "xã"))

    successors = [
        DemoUnit(f"X{number + 1:03d}", names.pop(), "xã", merged3_district.code,
                 tuple(u.code for u in merged3)),
        DemoUnit(f"X{number + 2:03d}", names.pop(), "phường", city.code,
                 tuple(u.code for u in merged2)),
        DemoUnit(f"X{number + 3:03d}", names.pop(), "xã", renamed_district.code,
                 (renamed.code,)),
    ]  # fmt: skip
    gone = {code for unit in successors for code in unit.predecessors}
    order = {d.code: i for i, d in enumerate(districts)}
    communes_2024 = sorted(
        [u for u in communes_2023 if u.code not in gone] + successors,
        key=lambda u: (order[u.parent], u.code),
    )
    changes = gone | {u.code for u in successors}
    return _Province(districts, {2023: communes_2023, 2024: communes_2024}, changes)


def _lineage(units: Sequence[DemoUnit]) -> dict[str, tuple[str, ...]]:
    return {u.code: u.predecessors for u in units if u.predecessors}


def _write_units(
    path: Path, units: Sequence[DemoUnit], populations: dict[str, int] | None = None
) -> None:
    """A units file; with ``populations``, a ``population`` column (empty where unknown)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(UNIT_COLUMNS + (("population",) if populations is not None else ()))
        for u in units:
            row = [u.code, u.name, u.kind, u.parent, ";".join(u.predecessors)]
            if populations is not None:
                row.append(str(populations[u.code]) if u.code in populations else "")
            writer.writerow(row)


def _populations(
    districts: Sequence[DemoUnit], communes: Sequence[DemoUnit], rng: random.Random
) -> dict[str, int]:
    """Residents served (N) by the communes of the thị xã: 2,000–20,000, more in phường."""
    town = {d.code for d in districts if d.kind == _POPULATION_DISTRICT_KIND}
    return {
        u.code: rng.randint(2_000, 9_000) if u.kind == "xã" else rng.randint(6_000, 20_000)
        for u in communes
        if u.parent in town
    }


# -- target indices ---------------------------------------------------------------------


def _shape_at(share: Fraction) -> Fraction:
    """The index (in hundredths) at a cumulative share (in ‰) of the distribution shape."""
    for (p0, v0), (p1, v1) in pairwise(_SHAPE):
        if share <= p1:
            return v0 + (v1 - v0) * (share - p0) / (p1 - p0)
    return Fraction(_SHAPE[-1][1])


def _spread(order: Sequence[str], uplift: int, rng: random.Random) -> dict[str, int]:
    """Target indices (hundredths) for units ranked lowest first, following the shape."""
    n = len(order)
    targets = {}
    for position, code in enumerate(order):
        share = Fraction(1000 * (2 * position + 1), 2 * n)
        value = round(_shape_at(share)) + uplift + rng.randint(-_JITTER, _JITTER)
        targets[code] = min(value, 9800)
    return targets


def _targets_by_year(
    units: dict[int, Sequence[DemoUnit]],
    predecessors: dict[str, tuple[str, ...]],
    rng: random.Random,
) -> dict[int, dict[str, int]]:
    """Each unit's target index per year: a latent rank in 2023, then drift in 2024."""
    codes_2023 = [u.code for u in units[2023]]
    order = list(codes_2023)
    rng.shuffle(order)
    first = _spread(order, 0, rng)
    latent = {}
    for u in units[2024]:
        before = [first[c] for c in predecessors.get(u.code, (u.code,))]
        latent[u.code] = sum(before) // len(before) + rng.randint(-_DRIFT, _DRIFT)
    order_2024 = sorted(latent, key=lambda c: (latent[c], c))
    return {2023: first, 2024: _spread(order_2024, _UPLIFT_2024, rng)}


def _tie_pair(
    units: Sequence[DemoUnit], targets: dict[str, int], excluded: set[str]
) -> tuple[str, str]:
    """Two units of the same kind next in rank among their kind, nearest the middle.

    The lower one will copy the higher one's scores, so they tie in a class that
    has many units and the top and bottom units keep their classes.
    """
    kinds = {u.code: u.kind for u in units}
    ranked = sorted(kinds, key=lambda c: (targets[c], c))
    rank = {code: i for i, code in enumerate(ranked)}
    middle = len(ranked) * 45 // 100
    pairs = [
        (abs(rank[a] - middle), rank[a], b, a)
        for kind in sorted(set(kinds.values()))
        for a, b in pairwise([c for c in ranked if kinds[c] == kind and c not in excluded])
    ]
    if not pairs:
        raise ValueError("no two units of the same kind to tie")
    _, _, higher, lower = min(pairs)
    return higher, lower


# -- scores ------------------------------------------------------------------------------


def _difficulty(fw: Framework, rng: random.Random) -> dict[str, int]:
    """Per leaf, how readily units lose points there (by field: some fields are hard)."""
    weights = {}
    for top in fw.fields:
        weight = rng.choice((1, 1, 2, 4, 6))
        for leaf in top.leaves:
            weights[leaf.code] = weight
    return weights


def _choose_not_assessed(
    fw: Framework, units: Sequence[str], rng: random.Random
) -> dict[str, set[str]]:
    """One or two self-assessed criteria not assessed (KĐG) for each of the given units.

    Only leaves with a sibling, so no criterion or field loses all its applicable points.
    """
    siblings: dict[str, int] = {}
    for top in fw.fields:
        for node in top.walk():
            for child in node.children:
                siblings[child.code] = len(node.children)
    eligible = [
        leaf.code for leaf in fw.leaves if leaf.source == "self" and siblings.get(leaf.code, 0) >= 2
    ]
    chosen: dict[str, set[str]] = {}
    for code in units:
        if eligible:
            chosen[code] = set(rng.sample(eligible, min(len(eligible), rng.randint(1, 2))))
    return chosen


def _quarters_below(maximum: Decimal) -> list[Decimal]:
    """Scores a self-assessed leaf can get short of its max: 0, 0.25, 0.5 … below max."""
    values = []
    value = Decimal(0)
    while value < maximum:
        values.append(value)
        value += QUARTER
    return values


def _unit_scores(
    fw: Framework,
    target: int,
    not_assessed: set[str],
    difficulty: dict[str, int],
    rng: random.Random,
) -> dict[str, Decimal | None]:
    """Leaf scores whose index comes close to ``target`` (hundredths); None is KĐG.

    Survey leaves get a share of their max near the target; the points the
    self-assessed leaves must lose are then taken, in quarter points, from leaves
    picked mostly in the hard fields, so most other leaves stay at their max.
    """
    leaves = [leaf for leaf in fw.leaves if leaf.code not in not_assessed]
    applicable = sum((leaf.max for leaf in leaves), Decimal(0))
    wanted = applicable * Decimal(target) / 10000
    scores: dict[str, Decimal | None] = {code: None for code in not_assessed}
    got = Decimal(0)
    self_leaves: list[Node] = []
    for leaf in leaves:
        if leaf.source == "survey":
            permille = min(995, max(400, target // 10 + rng.randint(-40, 30)))
            score = (Decimal(permille) / 1000 * leaf.max).quantize(HUNDREDTH, ROUND_HALF_UP)
            scores[leaf.code] = score
            got += score
        else:
            scores[leaf.code] = leaf.max
            got += leaf.max
            self_leaves.append(leaf)
    deficit = max(Decimal(0), got - wanted)

    keys = {leaf.code: rng.randint(1, 1000) * difficulty.get(leaf.code, 1) for leaf in self_leaves}
    picked = sorted(self_leaves, key=lambda leaf: (-keys[leaf.code], leaf.code))
    for leaf in picked:
        if deficit < QUARTER:
            break
        options = [s for s in _quarters_below(leaf.max) if leaf.max - s <= deficit]
        if options:
            score = rng.choice(options)
            scores[leaf.code] = score
            deficit -= leaf.max - score
    for leaf in picked:  # what is still missing comes off the leaves already picked
        if deficit < QUARTER:
            break
        current = scores[leaf.code]
        assert current is not None
        lowest = max(Decimal(0), current - deficit)
        score = (lowest / QUARTER).to_integral_value(rounding=ROUND_CEILING) * QUARTER
        if score < current:
            scores[leaf.code] = score
            deficit -= current - score
    return scores


def format_score(value: Decimal) -> str:
    """A score as written in the files: dot decimal, no trailing zeros (``8.5``, ``0``)."""
    text = format(value.quantize(HUNDREDTH, ROUND_HALF_UP).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _write_scores(
    path: Path,
    units: Sequence[DemoUnit],
    fw: Framework,
    scores: dict[str, dict[str, Decimal | None]],
    omit: set[str] | None = None,
) -> None:
    """The long scores table; leaves in ``omit`` (scored by the survey) are left out."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SCORE_COLUMNS)
        for u in units:
            for leaf in fw.leaves:
                if omit and leaf.code in omit:
                    continue
                value = scores[u.code][leaf.code]
                writer.writerow(
                    (u.code, leaf.code, NOT_ASSESSED if value is None else format_score(value))
                )


# -- survey ------------------------------------------------------------------------------


def _survey_questionnaire(path: Path, fw: Framework) -> Questionnaire | None:
    """The questionnaire, if every leaf it feeds is a survey leaf of ``fw``; else None."""
    from parindex.io.survey_responses import read_questionnaire

    questionnaire = read_questionnaire(path)
    survey_leaves = {leaf.code for leaf in fw.leaves if leaf.source == "survey"}
    if not questionnaire.leaves or not set(questionnaire.leaves) <= survey_leaves:
        return None
    return questionnaire


def _ladder(question: Question) -> list[tuple[Fraction, str]]:
    """The question's weighted options as (weight, code), lowest weight first."""
    weighted = [(Fraction(o.weight), o.code) for o in question.scale if o.weight is not None]
    return sorted(weighted)


def _draw_option(ladder: Sequence[tuple[float, str]], value: float, rng: random.Random) -> str:
    """An option whose weight is ``value`` (percent) on average: a random pick between the
    two options of the ladder whose weights enclose it."""
    value = min(max(value, ladder[0][0]), ladder[-1][0])
    for (w0, c0), (w1, c1) in pairwise(ladder):
        if value <= w1:
            return c1 if w1 > w0 and rng.random() < (value - w0) / (w1 - w0) else c0
    return ladder[-1][1]


def _unit_responses(
    questionnaire: Questionnaire,
    fw: Framework,
    scores: dict[str, Decimal | None],
    rng: random.Random,
) -> list[tuple[str, list[str]]]:
    """One commune's respondents (group code, answer code per question, "" if not asked).

    Each group's respondents centre on the leaf's target value (the share of the leaf's
    max in ``scores``), leaders and civil servants a little higher than citizens;
    answers are then nudged one option at a time until the commune's value, by the
    point rule, gives the same points. A draw that cannot get there is drawn again (a
    few times; the last one is kept, its points then off by a hundredth or so).
    """
    maxima = {leaf.code: leaf.max for leaf in fw.leaves}
    targets = {}
    for leaf in questionnaire.leaves:
        score = scores[leaf]
        assert score is not None
        targets[leaf] = Fraction(score) / Fraction(maxima[leaf]) * 100
    for _ in range(_SURVEY_ATTEMPTS):
        respondents = _draw_respondents(questionnaire, targets, rng)
        landed = [
            _nudge(
                questionnaire,
                leaf,
                target,
                # the values that round to the same points, or near them for a banded leaf
                _SURVEY_TOLERANCE
                if leaf in questionnaire.bands
                else Fraction(1, 2) / Fraction(maxima[leaf]),
                respondents,
                rng,
            )
            for leaf, target in targets.items()
        ]
        if all(landed):
            break
    return respondents


def _draw_respondents(
    questionnaire: Questionnaire, targets: dict[str, Fraction], rng: random.Random
) -> list[tuple[str, list[str]]]:
    """Respondents of one commune drawn around the leaves' target values (percent)."""
    questions = questionnaire.questions
    groups = questionnaire.groups
    ladders = [[(float(w), c) for w, c in _ladder(qu)] for qu in questions]
    total_weight = sum(Fraction(g.weight) for g in groups)
    lift = sum(Fraction(g.weight) * _GROUP_OFFSET.get(g.code, 0) for g in groups) / total_weight
    excluded = [next((o.code for o in qu.scale if o.weight is None), "") for qu in questions]

    plan = [g.code for g in groups for _ in range(rng.randint(*_RESPONDENTS.get(g.code, (5, 10))))]
    rng.shuffle(plan)
    respondents: list[tuple[str, list[str]]] = []
    for group in plan:
        latent = {
            leaf: rng.gauss(float(target - lift) + _GROUP_OFFSET.get(group, 0), _RESPONDENT_SPREAD)
            for leaf, target in targets.items()
        }
        answers = []
        for i, qu in enumerate(questions):
            if qu.groups and group not in qu.groups:
                answers.append("")
            elif excluded[i] and rng.random() < _NO_ANSWER.get(group, 0.02):
                answers.append(excluded[i])
            else:
                answers.append(
                    _draw_option(ladders[i], rng.gauss(latent[qu.leaf], _ANSWER_SPREAD), rng)
                )
        for leaf in targets:  # at least one valid answer on every leaf asked
            asked = [i for i, qu in enumerate(questions) if qu.leaf == leaf and answers[i]]
            if asked and all(answers[i] == excluded[i] for i in asked):
                answers[asked[0]] = _draw_option(ladders[asked[0]], latent[leaf], rng)
        respondents.append((group, answers))
    return respondents


def _nudge(
    questionnaire: Questionnaire,
    leaf: str,
    target: Fraction,
    window: Fraction,
    respondents: list[tuple[str, list[str]]],
    rng: random.Random,
) -> bool:
    """Move answers of the leaf's questions one option up or down until the commune's leaf
    value (percent, by the point rule, exactly) lies in [target − window, target + window);
    False if it cannot.

    Single moves first, each taken only if it brings the value nearer the target; then,
    if the value is still outside, one move up and one down whose steps together land it.
    """
    questions = questionnaire.questions
    on_leaf = [i for i, qu in enumerate(questions) if qu.leaf == leaf]
    codes = {i: [c for _, c in _ladder(questions[i])] for i in on_leaf}
    weights = {  # an answer's value under the question's rule (mean or share)
        i: {c: Fraction(questions[i].value(c) or 0) for c in codes[i]} for i in on_leaf
    }
    question_weight = {i: Fraction(questions[i].weight) for i in on_leaf}

    den = []  # per respondent: the weight of their valid answers on the leaf
    value_sum: dict[str, Fraction] = {}
    count: dict[str, int] = {}
    for group, answers in respondents:
        valid = [i for i in on_leaf if answers[i] in weights[i]]
        d = sum((question_weight[i] for i in valid), Fraction(0))
        den.append(d)
        if d:
            num = sum((question_weight[i] * weights[i][answers[i]] for i in valid), Fraction(0))
            value_sum[group] = value_sum.get(group, Fraction(0)) + num / d
            count[group] = count.get(group, 0) + 1
    group_weight = {g.code: Fraction(g.weight) for g in questionnaire.groups if g.code in count}
    total = sum(group_weight.values(), Fraction(0))
    if not total:
        return True
    value = sum((group_weight[g] * value_sum[g] / count[g] for g in count), Fraction(0)) / total
    error = value - target
    cells = [
        (r, i)
        for r, (_, answers) in enumerate(respondents)
        for i in on_leaf
        if answers[i] in weights[i]
    ]
    changes: dict[tuple[str, Fraction, int, str, int], tuple[str, Fraction] | None] = {}

    def move(r: int, i: int, step: int) -> tuple[str, Fraction] | None:
        """The answer one option up (+1) or down (-1), and the change of the unit's value."""
        group, answers = respondents[r]
        key = (group, den[r], i, answers[i], step)
        if key not in changes:
            position = codes[i].index(answers[i]) + step
            if not 0 <= position < len(codes[i]):
                changes[key] = None
            else:
                code = codes[i][position]
                change = weights[i][code] - weights[i][answers[i]]
                changes[key] = (
                    code,
                    group_weight[group]
                    / total
                    / count[group]
                    * question_weight[i]
                    * change
                    / den[r],
                )
        return changes[key]

    for _ in range(50):
        if -window <= error < window:
            return True
        rng.shuffle(cells)
        moved = False
        for r, i in cells:
            if -window <= error < window:
                return True
            step = move(r, i, 1 if error < 0 else -1)
            if step is not None and abs(error + step[1]) < abs(error):
                respondents[r][1][i] = step[0]
                error += step[1]
                moved = True
        if not moved:
            break
    if -window <= error < window:
        return True
    ups: dict[Fraction, list[tuple[int, int, str]]] = {}
    downs: dict[Fraction, list[tuple[int, int, str]]] = {}
    for r, i in sorted(cells):
        for direction, found in ((1, ups), (-1, downs)):
            step = move(r, i, direction)
            if step is not None:
                found.setdefault(step[1], []).append((r, i, step[0]))
    for up in sorted(ups):
        for down in sorted(downs):
            if not -window <= error + up + down < window:
                continue
            r1, i1, code1 = rng.choice(ups[up])
            others = [c for c in downs[down] if c[:2] != (r1, i1)]
            if others:
                r2, i2, code2 = rng.choice(others)
                respondents[r1][1][i1] = code1
                respondents[r2][1][i2] = code2
                return True
    return False


def _write_responses(
    path: Path,
    units: Sequence[DemoUnit],
    questionnaire: Questionnaire,
    responses: dict[str, list[tuple[str, list[str]]]],
) -> None:
    """The plain export: respondent, unit, group, one column per question (A–E, "" not asked)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(RESPONSE_COLUMNS + tuple(q.code for q in questionnaire.questions))
        for u in units:
            for number, (group, answers) in enumerate(responses[u.code], start=1):
                writer.writerow((f"{u.code}-{number:03d}", u.code, group, *answers))
