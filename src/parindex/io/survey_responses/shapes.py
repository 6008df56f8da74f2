"""The export shapes of the collection tools, told apart by their header.

Each tool names its own columns (submission time, device, instance id) and its
respondent id; question headers may carry a group prefix (``grp_chung/q1``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parindex.io.tables import fold

SHAPES = ("kobo", "odk", "qualtrics", "limesurvey", "googleforms", "plain")

# Folded headers of each tool's own columns: known, not read, not listed as ignored.
METADATA: dict[str, frozenset[str]] = {
    "kobo": frozenset(
        {
            "start",
            "end",
            "today",
            "deviceid",
            "username",
            "simserial",
            "subscriberid",
            "phonenumber",
            "audit",
            "meta/instanceid",
            "meta/instancename",
            "meta/rootuuid",
            "meta/deprecatedid",
            "formhub/uuid",
        }
    ),
    "odk": frozenset(
        {
            "submissiondate",
            "start",
            "end",
            "today",
            "deviceid",
            "key",
            "parent_key",
            "submitterid",
            "submittername",
            "attachmentspresent",
            "attachmentsexpected",
            "status",
            "reviewstate",
            "edits",
            "formversion",
            "meta-instanceid",
            "meta/instanceid",
            "meta-instancename",
            "meta/instancename",
            "instanceid",
        }
    ),
    "qualtrics": frozenset(
        {
            "startdate",
            "enddate",
            "status",
            "ipaddress",
            "progress",
            "duration_(in_seconds)",
            "finished",
            "recordeddate",
            "responseid",
            "recipientlastname",
            "recipientfirstname",
            "recipientemail",
            "externalreference",
            "externaldatareference",
            "locationlatitude",
            "locationlongitude",
            "distributionchannel",
            "userlanguage",
            "q_recaptchascore",
            "q_relevantidduplicate",
            "q_relevantidfraudscore",
            "q_ballotboxstuffing",
        }
    ),
    "limesurvey": frozenset(
        {
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
            "token",
            "interviewtime",
        }
    ),
    "googleforms": frozenset(
        {"timestamp", "dau_thoi_gian", "email_address", "dia_chi_email", "score", "diem"}
    ),
    "plain": frozenset(),
}

# Folded header aliases, best first.
RESPONDENT_ALIASES = ("respondent", "respondent_id", "ma_phieu", "so_phieu")
TOOL_IDS: dict[str, tuple[str, ...]] = {
    "kobo": ("_uuid", "meta/instanceid", "_id"),
    "odk": ("meta-instanceid", "meta/instanceid", "instanceid", "key"),
    "qualtrics": ("responseid",),
    "limesurvey": ("id",),
    "googleforms": (),
    "plain": ("phieu", "id"),
}
UNIT_ALIASES = (
    "unit",
    "unit_code",
    "ma_don_vi",
    "don_vi",
    "ma_xa",
    "xa",
    "xa/phuong",
    "xa,_phuong,_thi_tran",
    "xa/phuong/thi_tran",
    "don_vi_duoc_danh_gia",
    "co_quan",
    "dia_phuong",
)
GROUP_ALIASES = (
    "group",
    "respondent_group",
    "nhom",
    "nhom_doi_tuong",
    "doi_tuong",
    "doi_tuong_khao_sat",
    "doi_tuong_tra_loi",
)


@dataclass(frozen=True)
class Review:
    """A collection tool's own review of a submission, and the values that leave it out."""

    shape: str
    column: str  # folded header of the review column
    reason: str  # "rejected" | "not_approved" | "incomplete"
    what: str  # Vietnamese, after "12 phiếu …"; {column} is the header as exported
    values: frozenset[str] = frozenset()  # folded cell values that leave the row out
    blank: bool = False  # a blank cell leaves the row out


# What the tools rejected is not scored (docs/formats.md, docs/decisions.md): ODK Central's
# ReviewState «rejected» (approved, hasIssues, edited and blank are scored), KoBoToolbox's
# explicit «not approved» (approved, on hold and never validated are scored) and LimeSurvey's
# incomplete responses (no submitdate). The review column is read only when present.
REVIEWS: tuple[Review, ...] = (
    Review(
        "odk",
        "reviewstate",
        "rejected",
        "bị từ chối trên ODK Central ({column} = rejected)",
        values=frozenset({"rejected"}),
    ),
    Review(
        "kobo",
        "_validation_status",
        "not_approved",
        "không được duyệt trên KoBoToolbox ({column} = validation_status_not_approved)",
        values=frozenset({"validation_status_not_approved", "not_approved"}),
    ),
    Review(
        "qualtrics",
        "finished",
        "incomplete",
        "chưa hoàn thành trên Qualtrics ({column} = False)",
        values=frozenset({"false", "0"}),
    ),
    Review(
        "limesurvey",
        "submitdate",
        "incomplete",
        "chưa hoàn thành trên LimeSurvey ({column} trống)",
        blank=True,
    ),
)


def detect_shape(header: Sequence[str]) -> str:
    """The export's shape from its header.

    >>> detect_shape(["start", "grp/q1", "_uuid", "_submission_time"])
    'kobo'
    >>> detect_shape(["Dấu thời gian", "Ông/bà hài lòng?"])
    'googleforms'
    >>> detect_shape(["StartDate", "EndDate", "Finished", "ResponseId", "Q1"])
    'qualtrics'
    """
    folded = [fold(h) for h in header]
    names = set(folded)
    if names & {"_uuid", "_submission_time", "__version__"}:
        return "kobo"
    if "submissiondate" in names or (
        "key" in names and any(h.startswith(("meta-", "meta/")) for h in names)
    ):
        return "odk"
    if "responseid" in names and names & {"startdate", "recordeddate", "finished", "progress"}:
        return "qualtrics"
    if names & {"submitdate", "lastpage", "startlanguage"}:
        return "limesurvey"
    if folded and folded[0] in ("timestamp", "dau_thoi_gian"):
        return "googleforms"
    return "plain"


def header_keys(header: str, shape: str) -> tuple[str, ...]:
    """Folded names a header answers to: itself, then without each of its group prefixes,
    longest first (a KoBo label header ``Nhóm chung/Ông/bà hài lòng?`` also answers to
    ``Ông/bà hài lòng?``, whose own ``/`` is not a group's).

    >>> header_keys("grp/Ông/bà?", "kobo")
    ('grp/ong/ba?', 'ong/ba?', 'ba?')
    """
    full = fold(header)
    keys = [full]
    separators = {"kobo": "/-", "odk": "-/", "plain": "/"}.get(shape, "")
    for sep in separators:
        at = full.find(sep)
        while at >= 0:
            rest = full[at + 1 :]
            if rest and rest not in keys:
                keys.append(rest)
            at = full.find(sep, at + 1)
    return tuple(keys)


def is_metadata(header: str, shape: str) -> bool:
    """A column of the tool's own (submission time, device …): known, not read, not ignored."""
    name = fold(header)
    return name in METADATA[shape] or (shape == "kobo" and name.startswith("_"))
