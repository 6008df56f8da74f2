"""The decision that approves and publishes the index («Quyết định công bố Chỉ số CCHC»).

Written as provinces write it (Lâm Đồng 4769/QĐ-UBND, Quảng Nam, Quảng Ngãi …): the issuing
authority, its grounds («Căn cứ …;»), the proposal it follows («Xét đề nghị của …»),
«QUYẾT ĐỊNH:», Điều 1 (approve and publish; the detail in the appendix), Điều 2 (the units
study the results and remedy their shortcomings; the Sở Nội vụ follows up), Điều 3 (in force
from signature; who executes it), then «Nơi nhận:» («- Như Điều 3;» first) and the signer.
"""

from __future__ import annotations

from parindex.core.narrative import in_full
from parindex.core.numbers import format_count
from parindex.core.published import PublishedRun
from parindex.core.units import LEVEL_KINDS, UNIT_KINDS
from parindex.reports.letterhead import (
    DecisionHead,
    Letterhead,
    day_text,
    recipient_lines,
    sentence_name,
)
from parindex.reports.official import Block, OfficialDocument, Para

AS_ARTICLE_3 = "Như Điều 3"
DEFAULT_GROUND = "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"


def _kinds(run: PublishedRun) -> list[str]:
    order = {kind: n for n, kind in enumerate(UNIT_KINDS)}
    return sorted({u.kind for u in run.units if u.kind}, key=lambda k: order.get(k, len(order)))


def addressees(run: PublishedRun) -> str:
    """Who the index measures, as a decision names them: «các sở, ban, ngành và UBND các xã,
    phường, đặc khu»; «UBND các huyện»; «các đơn vị» when the units have no kind."""
    kinds = _kinds(run)
    agencies = [k for k in kinds if k in LEVEL_KINDS["department"]]
    local = [k for k in kinds if k not in LEVEL_KINDS["department"]]
    parts = []
    if agencies:
        parts.append("các sở, ban, ngành" if "sở" in agencies else f"các {', '.join(agencies)}")
    if local:
        parts.append(f"UBND các {', '.join(local)}")
    return " và ".join(parts) or "các đơn vị"


def executors(run: PublishedRun, head: Letterhead) -> str:
    """Điều 3's «… chịu trách nhiệm thi hành»: the issuer's office, the Sở Nội vụ, the heads
    of the units measured."""
    decision = head.decision or DecisionHead()
    if decision.executors:
        return decision.executors
    kinds = _kinds(run)
    heads = []
    if any(k in LEVEL_KINDS["department"] for k in kinds):
        heads.append("Thủ trưởng các sở, ban, ngành")
    local = [k for k in kinds if k not in LEVEL_KINDS["department"]]
    if local:
        heads.append(f"Chủ tịch UBND các {', '.join(local)}")
    body = _body_short(head)
    return (
        f"Chánh Văn phòng {body}, Giám đốc {head.issuer_name}"
        + "".join(f", {h}" for h in heads)
        + " và các cơ quan, đơn vị có liên quan"
    )


def _body_short(head: Letterhead) -> str:
    """«UBND tỉnh Lâm Đồng» from «ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG»."""
    return sentence_name(head.decision_issuer_lines[-1]).replace("Ủy ban nhân dân", "UBND")


def _authority(head: Letterhead) -> str:
    """The issuing authority above the grounds, in full: «ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG»."""
    return head.decision_issuer_lines[-1].replace("UBND", "ỦY BAN NHÂN DÂN")


def _proposal(head: Letterhead, decision: DecisionHead) -> str:
    """«Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 120/TTr-SNV ngày 15/12/2023.»"""
    text = decision.proposal.strip().rstrip(".;")
    body = head.issuer_name
    if " của " in text:
        text, _, body = text.rpartition(" của ")
    who = f"Giám đốc {body}" if body.startswith("Sở ") else body
    return f"Xét đề nghị của {who}" + (f" tại {text}" if text else "") + "."


def decision_title(run: PublishedRun) -> str:
    return (
        f"Về việc phê duyệt và công bố {in_full(run.framework.index_name)} năm {run.period} "
        f"của {addressees(run)}"
    )


def decision_document(run: PublishedRun, head: Letterhead) -> OfficialDocument:
    """The decision; ``head.decision`` holds its number, date, grounds and signer."""
    decision = head.decision or DecisionHead()
    index = in_full(run.framework.index_name)
    who = addressees(run)
    blocks: list[Block] = []
    grounds = decision.grounds or (DEFAULT_GROUND,)
    for ground in grounds:
        blocks.append(
            Para(f"Căn cứ {ground.strip().removeprefix('Căn cứ ').rstrip('.;')};", italic=True)
        )
    if not decision.grounds:
        blocks.append(Para("Căn cứ quyết định ban hành Bộ tiêu chí …;", italic=True, draft=True))
    blocks.append(Para(_proposal(head, decision), italic=True))
    blocks.append(Para("QUYẾT ĐỊNH:", bold=True, centred=True))
    units = f"{format_count(len(run.units), pad=True)} đơn vị"
    blocks.append(
        Para(
            f"Phê duyệt và công bố {index} năm {run.period} của {who} ({units}; "
            "chi tiết tại Phụ lục kèm theo).",
            lead="Điều 1.",
        )
    )
    blocks.append(
        Para(
            f"Căn cứ kết quả {index} năm {run.period}, {who} nghiên cứu, phân tích kết quả "
            "của cơ quan, đơn vị mình; khắc phục những tồn tại, hạn chế; xây dựng kế hoạch "
            f"cải thiện, nâng cao {index} trong những năm tiếp theo. Giao {head.issuer_name} "
            f"theo dõi, đôn đốc, kiểm tra việc thực hiện và báo cáo {_body_short(head)}.",
            lead="Điều 2.",
        )
    )
    blocks.append(
        Para(
            "Quyết định này có hiệu lực kể từ ngày ký. "
            f"{executors(run, head)} chịu trách nhiệm thi hành Quyết định này.",
            lead="Điều 3.",
        )
    )
    recipients = [AS_ARTICLE_3, *(r for r in decision.recipients if r.strip() != AS_ARTICLE_3)]
    title = decision_title(run)
    return OfficialDocument(
        kind="decision",
        title=("QUYẾT ĐỊNH", title),
        blocks=tuple(blocks),
        issuer=tuple(head.decision_issuer_lines),
        number=f"Số: {decision.number}",
        place_date=day_text(decision.date, head.place),
        authority=_authority(head),
        signer=decision.signer,
        recipients=tuple(recipient_lines(recipients)),
        author=sentence_name(head.decision_issuer_lines[-1]),
        subject=f"Quyết định {title[:1].lower()}{title[1:]}",
    )
