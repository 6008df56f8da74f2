"""The data and helpers of the whole-round browser test: the province's two frameworks
(departments; communes, wards and the special zone), the scheme that makes one round of them,
the organisation's details, the self-assessment of the units not driven in the browser, and
the browser journey (contexts recording every request, first sign-in, screenshots)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core import mail

from tests.web.test_browser_cycle import PDF, shot

ORGANISATION = {
    "province": "Tỉnh Lâm Đồng",
    "issuing_body": "Ủy ban nhân dân tỉnh Lâm Đồng",
    "department": "Sở Nội vụ tỉnh Lâm Đồng",
    "address": "36 Trần Phú, phường Xuân Hương, Đà Lạt",
    "hotline": "0263 3822 456",
    "email": "sonoivu@lamdong.gov.vn",
}

CLASSES = """\
classes:
  - {label: Xuất sắc, min: 90}
  - {label: Tốt, min: 80}
  - {label: Khá, min: 65}
  - {label: Trung bình, min: 50}
  - {label: Yếu, min: 0}
"""

DEPARTMENTS = f"""\
id: lamdong-so-2026
name: Bộ tiêu chí Chỉ số CCHC các sở, ban, ngành tỉnh Lâm Đồng năm 2026
level: department
year: 2026
{CLASSES}fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành cải cách hành chính
    children:
      - {{code: "1.1", name: Kế hoạch CCHC năm, max: 20, evidence: Quyết định ban hành kế hoạch CCHC năm}}
      - {{code: "1.2", name: Báo cáo CCHC định kỳ, max: 15}}
      - {{code: "1.3", name: Kiểm tra công tác CCHC, max: 15}}
  - code: "2"
    name: Cải cách thủ tục hành chính
    children:
      - {{code: "2.1", name: Công khai thủ tục hành chính, max: 30, evidence: true}}
      - {{code: "2.2", name: Giải quyết hồ sơ đúng hạn, max: 20}}
"""

COMMUNES = f"""\
id: lamdong-xa-2026
name: Bộ tiêu chí Chỉ số CCHC UBND các xã, phường, đặc khu tỉnh Lâm Đồng năm 2026
level: commune
year: 2026
{CLASSES}fields:
  - code: "1"
    name: Công tác chỉ đạo, điều hành cải cách hành chính
    children:
      - {{code: "1.1", name: Kế hoạch CCHC năm, max: 20, evidence: Kế hoạch CCHC năm của UBND}}
      - {{code: "1.2", name: Báo cáo CCHC định kỳ, max: 10}}
      - {{code: "1.3", name: Tuyên truyền CCHC, max: 10}}
  - code: "2"
    name: Cải cách thủ tục hành chính
    children:
      - {{code: "2.1", name: Công khai thủ tục hành chính, max: 35, evidence: true}}
      - {{code: "2.2", name: Tiếp nhận và trả kết quả đúng hạn, max: 25}}
"""

SCHEME = """\
id: lamdong-2026
name: Chỉ số CCHC năm 2026 của các sở, ban, ngành và UBND các xã, phường, đặc khu
year: 2026
frameworks:
  - {framework: lamdong-so-2026, kinds: [sở]}
  - {framework: lamdong-xa-2026, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""

MAXIMA = {
    "lamdong-so-2026": {"1.1": 20, "1.2": 15, "1.3": 15, "2.1": 30, "2.2": 20},
    "lamdong-xa-2026": {"1.1": 20, "1.2": 10, "1.3": 10, "2.1": 35, "2.2": 25},
}

# the three officers driven in the browser (commune cycle) and what they type
ON_TIME = "X-THUANHANH"  # fills both fields with evidence, submits; corrected, explains
EXTENDED = "P-BAOLOC"  # gets an extension, submits after the others' deadline
LATE = "X-DAKWIL"  # misses the deadline: locked, left out of the results with a reason
BROWSER_UNITS = (ON_TIME, EXTENDED, LATE)

# ON_TIME's self-assessment: field 1 = 17,5 + 9 + 8 = 34,5; field 2 = 35 + 23,5 = 58,5
ON_TIME_SCORES = {"1.1": "17,5", "1.2": "9", "1.3": "8", "2.1": "35", "2.2": "23,5"}
EXTENDED_SCORES = {"1.1": "19", "1.2": "10", "1.3": "9,5", "2.1": "33", "2.2": "24"}

EXTENSION_REASON = "Mất điện diện rộng do mưa bão, không truy cập được hệ thống"
WITHDRAW_REASON = "Sai điểm tiêu chí 1.3 của xã Thuận Hạnh"
LEFT_OUT_REASON = "Không nộp bản tự đánh giá trong thời hạn, không có lý do chính đáng"


def filler_scores(framework_code: str, index: int) -> dict[str, Decimal]:
    """A unit's self-assessment for those filled through the action functions: each leaf a
    few points under its max, the units spread apart so that the ranking means something."""
    out = {}
    for position, (code, top) in enumerate(MAXIMA[framework_code].items()):
        off = Decimal((index * 3 + position) % 7) * 3 / 2  # 0 to 9 points under the max
        out[code] = max(Decimal(top) - off, Decimal(0))
    return out


def fill_and_submit(cycle: Any, unit: Any, officer: Any, index: int) -> None:
    """The officer's self-assessment through the same actions the field pages call."""
    from parindex.web.assessments.actions import LeafInput, do_save_field, do_submit_assessment
    from parindex.web.assessments.models import Score
    from parindex.web.cycles.models import Participation

    wanted = filler_scores(cycle.framework.code, index)
    scores = Score.objects.filter(cycle=cycle, unit=unit).select_related(
        "criterion", "cycle", "unit"
    )
    leaves = [
        LeafInput(
            score=s,
            value=wanted[s.criterion.code],
            not_applicable=False,
            explanation="Có văn bản lưu tại văn phòng, số liệu theo báo cáo năm 2026",
            version=s.version,
        )
        for s in scores
    ]
    do_save_field(officer, leaves)
    do_submit_assessment(officer, Participation.objects.get(cycle=cycle, unit=unit))


def accept_whole_unit(cycle: Any, unit: Any, appraiser: Any, round_: int = 1) -> int:
    """The appraiser's «Chấp nhận nguyên điểm» for a whole unit, through its action."""
    from parindex.web.appraisals.actions import do_accept_unit, undecided_scores
    from parindex.web.cycles.models import Participation

    expected = len(undecided_scores(cycle, unit, None, round_))
    participation = Participation.objects.get(cycle=cycle, unit=unit)
    return do_accept_unit(appraiser, participation, None, expected)


NEW_PASSWORD = "Mua-Xuan-Da-Lat-2026"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


class Journey:
    """The browser contexts of the test, every request they made, the screenshots' numbers."""

    def __init__(self, chromium, live_server):
        self.chromium, self.url, self.requests, self.n = chromium, live_server.url, [], 0
        self.phones: dict[str, str] = {}  # each two-factor user's authenticator app: its secret
        self.used: dict[str, int] = {}  # the last 30-second step whose code was typed

    def page(self):
        context = self.chromium.new_context(locale="vi-VN", viewport=DESKTOP)
        context.on("request", lambda request: self.requests.append(request.url))
        context.set_default_timeout(10_000)
        return context.new_page()

    def sign_in(self, username: str, password: str):
        page = self.page()
        page.goto(f"{self.url}/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    def enrol(self, page, username: str) -> None:
        """Two-factor set-up as a person does it: the secret read off the page into the
        "phone" (kept here), its code typed, the ten recovery codes seen once."""
        page.wait_for_url(lambda url: "/xac-thuc/thiet-lap/" in url)
        assert page.locator("figure.qr svg").count() == 1  # the QR drawn inline
        self.phones[username] = page.inner_text("code.secret").replace(" ", "")
        page.fill("#id_code", self.code(username))
        page.click("button:has-text('Xác nhận và bật')")
        page.wait_for_selector("text=Đã bật xác thực hai bước.")
        assert page.locator("ul.recovery-codes li").count() == 10
        page.click("button:has-text('Tôi đã lưu các mã, tiếp tục')")
        page.wait_for_url(lambda url: "/xac-thuc/" not in url)

    def give_code(self, page, username: str) -> None:
        """At sign-in, the code the phone shows."""
        page.wait_for_url(lambda url: "/xac-thuc/" in url)
        page.fill("#id_code", self.code(username))
        page.click("button:has-text('Xác nhận')")
        page.wait_for_url(lambda url: "/xac-thuc/" not in url)

    def code(self, username: str) -> str:
        """The phone's code: a code is taken once, so a second within the same 30 seconds is
        the next step's (the server accepts one step ahead)."""
        import base64
        import time

        from django_otp.oath import TOTP

        secret = self.phones[username]
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        step = max(int(time.time()) // 30, self.used.get(username, -1) + 1)
        self.used[username] = step
        totp = TOTP(key)
        totp.time = step * 30
        return f"{totp.token():06d}"

    def first_sign_in(self, username: str, password: str):
        """With the one-time password from the sheet: the app asks for a new one first."""
        page = self.sign_in(username, password)
        page.wait_for_url(f"{self.url}/doi-mat-khau/")
        page.fill("#id_old_password", password)
        page.fill("#id_new_password1", NEW_PASSWORD)
        page.fill("#id_new_password2", NEW_PASSWORD)
        page.click("button:has-text('Đổi mật khẩu')")
        page.wait_for_selector("text=Đã đổi mật khẩu")
        return page

    def shot(self, page, what: str, phone: bool = False, fits: bool = True) -> None:
        self.n += 1
        shot(page, f"round-{self.n:02d}-{what}")
        if phone:
            page.set_viewport_size(PHONE)
            shot(page, f"round-{self.n:02d}-{what}-390")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] or not fits, f"{what} is {width} px wide on a phone"
            page.set_viewport_size(DESKTOP)

    def move(self, page, cycle_id: int, target: str, label: str) -> None:
        page.goto(f"{self.url}/ky/{cycle_id}/")
        page.select_option("select[name=target]", target)
        page.check("input[name=confirmed]")
        page.click("button:has-text('Chuyển bước')")
        page.wait_for_selector(f"text=Đã chuyển kỳ đánh giá sang bước «{label}»")


def pdf(folder: Path, name: str) -> str:
    """A small PDF of its own (the app flags a file identical to another unit's)."""
    path = folder / name
    path.write_bytes(PDF + f"% {name}\n".encode())
    return str(path)


def sent_to(subject_part: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if subject_part in m.subject)
