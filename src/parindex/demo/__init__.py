"""A deterministic demo province: units and scores from 2023 to 2026, as scorer inputs.

``write_demo(out)`` writes a fictional province with four assessment years as CSV files
plus ``manifest.json``, and returns the manifest. The same seed gives byte-identical files.

2023 and 2024 have the old shape: about 12 districts and 150 communes, each level scored
with its own framework. The data is made to exercise the scorer: indices spread over every
class, ranks that move between years, an exact tie in every run, a few criteria not
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

From 2025 the province has no districts (``scheme_round``): its departments (sở, ban) and
the xã, phường and đặc khu formed from the 2024 communes (``reorganisation``: two to four
into one, a few kept; each names its 2024 ``predecessors``) are scored in one round with the
scheme ``scheme/scheme-2025.yaml`` — the shipped frameworks ``lamson-department-2025`` and
``lamson-commune-2025``, ranked in the blocks "Khối sở, ban, ngành", "Khối phường" and "Khối
xã, đặc khu". The communes' framework is of the family of the 2023–2024 commune framework,
so the 2025 communes are compared with their 2024 predecessors. 2026 (same scheme, same
units: "năm 2025 và các năm tiếp theo") is open for self-assessment: its scores file holds
what some units have entered so far.

Layout under ``out`` (paths in the manifest are relative to ``out``)::

    manifest.json
    districts/units.csv  districts/scores-2023.csv  districts/scores-2024.csv
    communes/units-2023.csv  communes/units-2024.csv
    communes/scores-2023.csv  communes/scores-2024.csv
    communes/questionnaire.yaml  communes/survey-2024.csv
    scheme/scheme-2025.yaml  scheme/units-2025.csv
    scheme/scores-2025.csv  scheme/scores-2026-partial.csv
    van-ban.yaml  plan/ke-hoach-2026.xlsx  plan/tien-do-2026.xlsx

The manifest (its contract; the web's demo loader reads it)::

    {"province": "tỉnh Lam Sơn", "runs": [ … ]}

Every run has ``name``, ``title``, ``units``, ``scores``, ``period``, ``previous`` (the
name of the run it is compared with, or null), ``block_by`` and ``survey`` (null, or
``{"questionnaire", "responses"}``). A run of one framework has ``framework`` (its id); a
scheme run has ``scheme`` (the scheme file) instead, ``block_by`` null (the scheme's blocks
rank it) and its scores in the long format with the ``value`` column. The runs, in order:
``districts-2023``, ``districts-2024``, ``communes-2023``, ``communes-2024`` (with the
survey), ``scheme-2025`` (previous ``communes-2024``) and ``scheme-2026`` (previous
``scheme-2025``), which has ``"open": true`` and ``"scores":
"scheme/scores-2026-partial.csv"``: a round in self-assessment, not scored by ``parindex
demo --score``. An entry with no ``open`` key is a closed round.

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
['districts-2023', 'districts-2024', 'communes-2023', 'communes-2024', 'scheme-2025', 'scheme-2026']
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parindex.core.framework import Framework
from parindex.core.questionnaire import Questionnaire
from parindex.demo.province import (
    UNIT_COLUMNS,
    YEARS,
    DemoUnit,
    build_province,
    draw_populations,
    lineage,
    targets_by_year,
    tie_pair,
    write_units,
)
from parindex.demo.scheme_round import write_rounds
from parindex.demo.scores import (
    HUNDREDTH,
    NOT_ASSESSED,
    QUARTER,
    SCORE_COLUMNS,
    choose_not_assessed,
    format_score,
    leaf_difficulty,
    unit_scores,
    write_scores,
)
from parindex.demo.survey import (
    RESPONSE_COLUMNS,
    survey_questionnaire,
    unit_responses,
    write_responses,
)

__all__ = [
    "COMMUNE_FRAMEWORK",
    "DISTRICT_FRAMEWORK",
    "HUNDREDTH",
    "NOT_ASSESSED",
    "PROVINCE",
    "QUARTER",
    "QUESTIONNAIRE",
    "RESPONSE_COLUMNS",
    "SCORE_COLUMNS",
    "SURVEY_QUESTIONNAIRE",
    "SURVEY_RESPONSES",
    "SURVEY_YEAR",
    "UNIT_COLUMNS",
    "YEARS",
    "DemoUnit",
    "format_score",
    "write_demo",
]

DISTRICT_FRAMEWORK = "lamdong-district-2022"
COMMUNE_FRAMEWORK = "quangnam-tienphuoc-commune-2023"
PROVINCE = "tỉnh Lam Sơn"

# The shipped questionnaire of the commune framework, and the survey of the demo.
QUESTIONNAIRE = Path(__file__).resolve().parents[3] / "questionnaires" / f"{COMMUNE_FRAMEWORK}.yaml"
SURVEY_YEAR = 2024
SURVEY_QUESTIONNAIRE = "communes/questionnaire.yaml"
SURVEY_RESPONSES = f"communes/survey-{SURVEY_YEAR}.csv"


@dataclass(frozen=True)
class _Level:
    """One level of the demo (districts or communes): its framework and what is fixed for
    both years (the targets, the criteria not assessed, the leaves' difficulty)."""

    name: str
    title: str
    framework: Framework
    units: Mapping[int, Sequence[DemoUnit]]
    targets: Mapping[int, dict[str, int]]
    not_assessed: dict[str, set[str]]
    difficulty: dict[str, int]


def write_demo(
    out: Path,
    seed: int = 2024,
    district_framework: Framework | None = None,
    commune_framework: Framework | None = None,
    questionnaire: Path | None = None,
    survey: bool = True,
    rounds_2025: bool = True,
) -> dict[str, Any]:
    """Write the demo province under ``out`` and return its manifest (also ``manifest.json``).

    Frameworks default to the shipped district and commune frameworks, the survey's
    questionnaire (a YAML file) to the shipped one of the commune framework, which is
    used only if every leaf it feeds is a survey leaf of the commune framework; a
    questionnaire passed that does not fit is a ValueError. ``survey=False`` leaves the
    survey out: the scores file then carries the survey leaves. The rounds from 2025 always
    use the shipped 2025 frameworks (the scheme names them by id); ``rounds_2025=False``
    leaves them out.
    """
    if district_framework is None or commune_framework is None:
        from parindex.io.frameworks import resolve_framework

        if district_framework is None:
            district_framework = resolve_framework(DISTRICT_FRAMEWORK)
        if commune_framework is None:
            commune_framework = resolve_framework(COMMUNE_FRAMEWORK)

    out = Path(out)
    province = build_province(random.Random(seed * 10 + 1))
    target_rng = random.Random(seed * 10 + 2)
    na_rng = random.Random(seed * 10 + 3)

    districts = province.districts
    district_targets = targets_by_year({y: districts for y in YEARS}, {}, target_rng)
    communes = province.communes
    commune_targets = targets_by_year(communes, lineage(communes[2024]), target_rng)

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
        questions = survey_questionnaire(questionnaire_path, commune_framework)
        if questions is None and questionnaire is not None:
            raise ValueError(
                f"{questionnaire_path.name}: the questionnaire does not feed survey leaves "
                f"of {commune_framework.id}"
            )
    populations = None
    if questions is not None:
        populations = draw_populations(
            districts, communes[SURVEY_YEAR], random.Random(seed * 10 + 6)
        )
    _write_unit_files(out, districts, communes, populations)

    manifest: dict[str, Any] = {"province": PROVINCE, "runs": []}
    levels = (
        ("districts", "Cấp huyện", district_framework, district_na_units, district_targets),
        ("communes", "Cấp xã", commune_framework, commune_na_units, commune_targets),
    )
    for offset, (name, title, fw, na_units, targets) in enumerate(levels):
        fw_rng = random.Random(seed * 10 + 4 + offset)
        difficulty = leaf_difficulty(fw, fw_rng)
        level = _Level(
            name,
            title,
            fw,
            {y: districts for y in YEARS} if name == "districts" else communes,
            targets,
            choose_not_assessed(fw, na_units, fw_rng),
            difficulty,
        )
        previous = None
        for year in YEARS:
            with_survey = questions if name == "communes" and year == SURVEY_YEAR else None
            run = _write_run(
                out,
                level,
                year,
                random.Random(seed * 100 + year * 2 + offset),
                province.lineage_changes,
                with_survey,
                questionnaire_path,
                random.Random(seed * 10 + 7),
            )
            run["previous"] = previous
            manifest["runs"].append(run)
            previous = run["name"]

    if rounds_2025:
        manifest["runs"].extend(
            write_rounds(
                out,
                districts,
                communes[2024],
                commune_targets[2024],
                seed,
                previous="communes-2024",
            )
        )
    from parindex.demo.letterhead import LETTERHEAD_FILE, write_letterhead

    write_letterhead(out)
    manifest["letterhead"] = LETTERHEAD_FILE
    from parindex.demo.plan_2026 import write_plan

    manifest["plan"] = write_plan(out)
    if (out / "scheme" / "units-2025.csv").is_file():
        from parindex.demo.dossiers import write_register
        from parindex.io.dossier_mapping import read_unit_levels

        register_units = read_unit_levels(out / "scheme" / "units-2025.csv")
        manifest["onestop"] = {
            "dossiers": write_register(out, [(u.code, u.level) for u in register_units]),
            "units": "scheme/units-2025.csv",
            "from": "01/01/2026",
            "to": "30/06/2026",
        }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def _write_unit_files(
    out: Path,
    districts: Sequence[DemoUnit],
    communes: Mapping[int, Sequence[DemoUnit]],
    populations: dict[str, int] | None,
) -> None:
    """The units files; the survey year's communes with their populations, if any."""
    (out / "districts").mkdir(parents=True, exist_ok=True)
    (out / "communes").mkdir(parents=True, exist_ok=True)
    write_units(out / "districts" / "units.csv", districts)
    for year in YEARS:
        write_units(
            out / "communes" / f"units-{year}.csv",
            communes[year],
            populations if year == SURVEY_YEAR else None,
        )


def _write_run(
    out: Path,
    level: _Level,
    year: int,
    score_rng: random.Random,
    lineage_changes: set[str],
    questions: Questionnaire | None,
    questionnaire_path: Path,
    survey_rng: random.Random,
) -> dict[str, Any]:
    """One run's scores file (and survey files, with ``questions``); its manifest entry.

    The pair of units that tie get the same scores (and the same respondents).
    """
    fw = level.framework
    units = level.units[year]
    targets = level.targets[year]
    scores = {
        u.code: unit_scores(
            fw, targets[u.code], level.not_assessed.get(u.code, set()), level.difficulty, score_rng
        )
        for u in units
    }
    first, second = tie_pair(units, targets, set(level.not_assessed) | lineage_changes)
    scores[second] = dict(scores[first])
    scores_path = f"{level.name}/scores-{year}.csv"
    survey_files = None
    omit: set[str] = set()
    if questions is not None:
        responses = {
            u.code: unit_responses(questions, fw, scores[u.code], survey_rng)
            for u in units
            if u.code != second
        }
        responses[second] = responses[first]  # the tie holds in the survey too
        (out / SURVEY_QUESTIONNAIRE).write_bytes(questionnaire_path.read_bytes())
        write_responses(out / SURVEY_RESPONSES, units, questions, responses)
        survey_files = {"questionnaire": SURVEY_QUESTIONNAIRE, "responses": SURVEY_RESPONSES}
        omit = set(questions.leaves)
    write_scores(out / scores_path, units, fw, scores, omit)
    return {
        "name": f"{level.name}-{year}",
        "title": f"{level.title} năm {year}",
        "framework": fw.id,
        "units": "districts/units.csv"
        if level.name == "districts"
        else f"communes/units-{year}.csv",
        "scores": scores_path,
        "period": str(year),
        "previous": None,
        "block_by": "kind" if level.name == "communes" and year == 2024 else None,
        "survey": survey_files,
    }
