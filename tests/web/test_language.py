"""Vietnamese by default, whatever the browser asks; English when chosen."""

from __future__ import annotations

import unicodedata


def test_pages_are_vietnamese_even_for_an_english_browser(client, world):
    client.force_login(world.officer_a)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Việc cần làm" in page and "Đăng xuất" in page
    assert "Tự đánh giá, chấm điểm" in page  # the cycle's step


def test_english_is_available_when_chosen(client, world):
    client.force_login(world.officer_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "To do" in page and "Sign out" in page
    assert "Self-assessment" in page
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/").content.decode()
    assert "Save criterion 1.1" in page.replace("</button>", "") or "Save criterion" in page


def test_each_language_is_offered_in_its_own_name(client, world):
    client.force_login(world.officer_a)
    assert ">English</button>" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = unicodedata.normalize(
        "NFC", client.get("/").content.decode()
    )  # Django spells it decomposed
    assert ">Tiếng Việt</button>" in page
