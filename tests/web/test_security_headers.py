"""Headers: every page carries the Content-Security-Policy and the Permissions-Policy; no page
needs inline script, an inline handler or a style attribute; what a signed-in person sees and
every evidence file is sent with ``no-store``; published pages stay cacheable for visitors."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from parindex.web.assessments.actions import do_add_evidence
from tests.web.conftest import close_and_publish, scored_world
from tests.web.test_evidence import PDF

ROLES = ("quantri", "canbo.xa", "thamdinh", "thamdinh2", "lanhdao")
PAGES_PER_ROLE = 80
SKIPPED = ("/i18n/", "/quan-tri/", "/dang-xuat/", "/static/")
FILES = re.compile(r"\.(xlsx|docx|pdf|png|csv|zip|json)$")  # downloads, not pages


class Inline(HTMLParser):
    """Collects what the CSP refuses: inline scripts, ``on…=`` handlers, style attributes and
    ``<style>`` elements; and the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
        if tag == "a" and names.get("href"):
            self.links.append(str(names["href"]))


def inline_parts(html: str) -> Inline:
    parser = Inline()
    parser.feed(html)
    return parser


@pytest.fixture
def published(world):
    scored_world(world)
    publication = close_and_publish(
        world.cycle, "Quyết định số 12/QĐ-UBND", date(2025, 1, 15), world.admin
    )
    return world, publication


def crawl(client, starts: list[str], limit: int = PAGES_PER_ROLE):
    """The site's pages one person reaches from ``starts`` by following links (GET only;
    each path once, whatever its query: a sorted list is the same page)."""
    seen: set[str] = set()
    queue = list(starts)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or parts.path in seen:
            continue
        if parts.path.startswith(SKIPPED) or FILES.search(parts.path):
            continue
        seen.add(parts.path)
        response = client.get(url)
        yield url, response
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            for link in inline_parts(response.content.decode()).links:
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).path not in seen:
                    queue.append(target)


def test_no_page_of_any_role_needs_inline_script_or_style(client, published):
    _, publication = published
    starts = ["/", "/cong-khai/", f"/cong-khai/{publication.pk}/", "/thong-bao/", "/to-chuc/"]
    checked = 0
    for username in (None, *ROLES):
        client.logout()
        if username:
            client.login(username=username, password="mat-khau-thu")
        for url, response in crawl(client, starts):
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            checked += 1
            found = inline_parts(response.content.decode()).found
            assert not found, f"{username or 'a visitor'} at {url}: {found}"
            assert "script-src 'self'" in response["Content-Security-Policy"], url
    assert checked > 80  # the walk reached the pages, not only the start


def test_the_policy_allows_scripts_and_styles_only_from_the_site(client, published):
    response = client.get("/cong-khai/")
    policy = dict(
        [*part.split(" ", 1), ""][:2] for part in response["Content-Security-Policy"].split("; ")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_every_page_denies_camera_microphone_and_location(client, world):
    for url in ("/dang-nhap/", "/cong-khai/", "/khong-co-trang-nay/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in policy, (url, policy)
    response = client.get("/cong-khai/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_signed_in_page_is_never_stored(client, published):
    world, publication = published
    client.force_login(world.officer_a)
    for url in ("/", f"/ky/{world.cycle.pk}/", "/thong-bao/", f"/cong-khai/{publication.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert response["Pragma"] == "no-cache"


def test_an_evidence_file_is_never_stored(client, world):
    score = world.score(world.unit_a, "1.1")
    evidence = do_add_evidence(world.officer_a, score, io.BytesIO(PDF), "Kế hoạch 2024.pdf")
    client.force_login(world.officer_a)
    for url in (f"/tai-lieu/{evidence.pk}/", f"/tai-lieu/{evidence.pk}/xem/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        # the file keeps its own, stricter policy (a sandbox)
        assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_sign_in_page_and_a_missing_page_are_not_stored_either(client, world):
    for url in ("/dang-nhap/", "/khong-co-trang-nay/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_published_pages_stay_cacheable_for_visitors(client, published):
    _, publication = published
    for url in (
        "/cong-khai/",
        f"/cong-khai/{publication.pk}/",
        f"/cong-khai/{publication.pk}/don-vi/XA/",
        "/api/ket-qua/",
        f"/api/ket-qua/{publication.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
        assert "Pragma" not in response, url
    # the same page for a signed-in person may differ (the admin's withdraw button): a cache
    # keeps the visitor's copy apart
    assert "Cookie" in client.get(f"/cong-khai/{publication.pk}/")["Vary"]


def test_every_colour_a_page_shows_has_its_rule_in_the_stylesheet():
    """The colours left the style attributes for classes: each class a page can get is styled,
    for every class of the palette and every percent of the heat map."""
    from pathlib import Path

    from parindex.core import palette
    from parindex.reports.svg_charts import heat_colour
    from parindex.web.cycles.templatetags.colours import colour_class, heat_class

    css = (Path(__file__).parents[2] / "src/parindex/web/static/parindex/site.css").read_text()
    styled = set(re.findall(r"\.((?:colour|heat)-[0-9a-z]+) ", css))
    shown = {colour_class(c) for c in (*palette.BY_LABEL.values(), *palette.FALLBACK)}
    shown |= {heat_class(heat_colour(p / 2)) for p in range(0, 201)} | {
        heat_class(heat_colour(None))
    }
    assert shown <= styled, shown - styled
    assert {heat_class(heat_colour(p)) for p in (0, 59, 100)} == {"heat-0", "heat-10"}
    assert heat_class(heat_colour(80)) == "heat-5"
