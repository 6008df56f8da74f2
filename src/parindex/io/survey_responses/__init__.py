"""Survey responses (phiếu điều tra xã hội học) as the collection tools export them.

``read_responses`` reads one CSV or XLSX export (with its repeat groups), recognises its
shape, finds the unit, respondent group, respondent id, design and question columns,
turns every answer into its value (hundredths of a percent, ``core.survey``) and checks
every row. A bad row is never dropped silently: by default every bad row is reported at
once (``InputError``); with ``drop_invalid=True`` the good rows are kept and the bad ones
returned, each with its row number, column, value, reason and what was dropped: a bad
answer (outside the scale, several answers to a single choice, a question not asked to
the group) drops that answer only (``RejectedRow.action`` «bỏ câu trả lời»); a problem of
the row (unit, group, duplicate id, cluster or weight, blank row, no answer left) drops
the respondent («bỏ phiếu»).

Export shapes (recognised from the header):

* ``kobo`` — KoBoToolbox: ``_uuid`` (respondent id), ``_submission_time``, ``_id``,
  ``_index``, ``__version__``, ``start``, ``end``; question names with group prefixes
  (``grp_chung/q1``); choices as names (``a``) or labels; several choices space-separated.
* ``odk`` — ODK Central: ``SubmissionDate``, ``meta-instanceID`` (respondent id),
  ``KEY``, ``SubmitterID``; group prefixes with ``-`` or ``/`` (``grp-q1``).
* ``qualtrics`` — Qualtrics: ``ResponseId`` (respondent id), ``StartDate``, ``EndDate``,
  ``Status``, ``Progress``, ``Finished`` …; three header rows (export tags, question texts,
  ``{"ImportId":…}``): rows 2–3 are skipped and a column also answers to its text.
* ``limesurvey`` — ``id`` (respondent id), ``submitdate``, ``lastpage``,
  ``startlanguage``, ``seed``; question codes as headers (``Q1``, ``Q2[SQ001]``);
  answer codes (``A1``) are mapped in the mapping file.
* ``googleforms`` — first column ``Timestamp`` / ``Dấu thời gian``; headers are the
  question texts; answers are labels, several joined by ``, ``; the row number is the
  respondent id.
* ``plain`` — ``respondent``, ``unit``, ``group`` and the question codes.

A column is a question when its header (case, accents and spacing ignored; group
prefixes stripped for KoBo, ODK and plain, each prefix in turn, so that a KoBo label
header ``Nhóm chung/Ông/bà có hài lòng…?`` is the question «Ông/bà có hài lòng…?») is the
question's code, is the question's text, or starts with the code and a separator
(``Q1. …``, ``[Q1] …``). The unit column
is ``unit``, ``đơn vị``, ``mã đơn vị``, ``xã`` …; the group column ``group``, ``nhóm``,
``đối tượng`` …; the respondent id ``respondent``, ``mã phiếu``, ``số phiếu``, then the
tool's own id. Units are given by code (or by label through the mapping file); groups
by code, by name, or through the mapping file. An answer is an option code (``A``–``E``,
any case), an option label (``Rất hài lòng``; a label ``Rất tốt / Rất hài lòng`` also
accepts each side of the slash) or a label from the mapping file. Multiple-choice
answers are separated by ``;``, ``,`` or spaces; a label holding a comma is matched whole
before the cell is split (Google Forms joins a checkbox's answers with ``, ``).

Repeat groups: a question asked once per transaction or visit is read from a KoBoToolbox
workbook's repeat sheets (``_parent_index`` → the submission's ``_index``), from ODK
Central's repeat files given as ``repeats=[…]`` (``PARENT_KEY`` → the submission's
``KEY``; a .zip of the export is not opened) or from flattened columns ``grp[1]/q1``,
``grp[2]/q1``. The respondent's value is the mean of its valid instances' values, rounded
half-up to an integer of hundredths of a percent (blank, excluded and dropped instances do
not count; none valid: no answer). A bad repeat row is located by sheet or file and row.

Design (``Questionnaire.design``): the columns it names (or the mapping's ``cluster`` and
``weight`` columns) give ``SurveyData.cluster`` (an index into ``clusters``, the labels in
first-seen order) and ``SurveyData.weight`` (ten-thousandths: ``1,5`` → 15000; > 0, at most
four decimals). A missing declared column is a file error, a blank or bad cell a row error.
``unit=CODE`` (``--unit``) gives every row of a file without a unit column that unit.

Mapping file (YAML, UTF-8; every section optional)::

    columns:            # export column header (exact or folded) → meaning
      "Xã/phường nơi ông/bà sinh sống": unit     # unit | group | respondent | cluster | weight | ignore
      "Đối tượng": group
      "Mã phiếu": respondent
      "Ngày phỏng vấn": cluster                  # the design's columns (see Design)
      "Hệ số": weight
      "grp_chung/q1": Q1                         # a question code
      "HOTRO[SQ001]": "Q3:A"                     # one column per option: selected = option A
      "Ghi chú": ignore
    answers:            # per question code, or "*" for all: exported answer → option code
      "*": {"Rất hài lòng": A, "Hài lòng": B, "Bình thường": C, "Không hài lòng": D}
      Q4: {A1: A, A2: B, "Không áp dụng": null}  # null = no answer (like E)
      Q3: {"Được hướng dẫn, giải thích đầy đủ": A, "*": null}  # "*": any other answer
    units:              # exported unit label → unit code
      "Xã Tiên Châu": TC
    groups:             # exported group label → group code
      "Người dân": dan

Labels are matched with case, accents and spacing ignored. Put labels such as
``"Yes"``/``"No"`` in quotes (YAML would read them as true/false). An option column
(``"Q3:A"``) counts as selected unless blank, ``0``, ``N``, ``No``, ``False`` or ``Không``.
The mapping applies before the built-in matching.

Row checks: unit missing or not in the units list, group missing or unknown, an answer
outside the question's scale (or several answers to a single-choice question), an
answer to a question not asked to the respondent's group (an excluded answer such as
E is accepted there), a respondent id seen on an earlier row, and a row with no answer
at all (phiếu trống). Completely blank lines are not respondents and are skipped.

What the tools rejected is not scored (``shapes.REVIEWS``): ODK Central rows with
``ReviewState`` = ``rejected``, KoBoToolbox rows with ``_validation_status`` = not approved,
LimeSurvey rows without ``submitdate`` and Qualtrics rows with ``Finished`` = False
(incomplete) are left out before any check, counted
per reason (``ResponseImport.excluded``), and their units are not listed; ``keep_rejected``
reads them like the others.
"""

from __future__ import annotations

from pathlib import Path

from parindex.core.questionnaire import Questionnaire, parse_questionnaire
from parindex.io.frameworks import read_yaml
from parindex.io.survey_responses.answers import NOT_SELECTED
from parindex.io.survey_responses.columns import ROLES
from parindex.io.survey_responses.mapping import (
    MAPPING_KEYS,
    Mapping,
    check_mapping,
    parse_mapping,
    read_mapping,
)
from parindex.io.survey_responses.report import ExcludedRows, RejectedRow, ResponseImport
from parindex.io.survey_responses.rows import read_responses
from parindex.io.survey_responses.shapes import (
    GROUP_ALIASES,
    METADATA,
    RESPONDENT_ALIASES,
    REVIEWS,
    SHAPES,
    TOOL_IDS,
    UNIT_ALIASES,
    detect_shape,
)

__all__ = [
    "GROUP_ALIASES",
    "MAPPING_KEYS",
    "METADATA",
    "NOT_SELECTED",
    "RESPONDENT_ALIASES",
    "REVIEWS",
    "ROLES",
    "SHAPES",
    "TOOL_IDS",
    "UNIT_ALIASES",
    "ExcludedRows",
    "Mapping",
    "RejectedRow",
    "ResponseImport",
    "check_mapping",
    "detect_shape",
    "parse_mapping",
    "read_mapping",
    "read_questionnaire",
    "read_responses",
]


def read_questionnaire(path: Path | str) -> Questionnaire:
    """A questionnaire YAML file, checked (``core.questionnaire.parse_questionnaire``)."""
    path = Path(path)
    return parse_questionnaire(read_yaml(path), origin=path.name)
