"""The admin's progress CSV and the web forms: a unit coded like a formula is a text in the
CSV; a name with a control character is refused where it is typed, with the reason."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from parindex.web.accounts.forms import UserForm
from parindex.web.cycles.forms import RoundForm
from parindex.web.fields import multi_line, single_line
from parindex.web.units.models import Unit


def test_a_unit_coded_like_a_formula_is_text_in_the_progress_csv(client, world):
    Unit.objects.filter(pk=world.unit_a.pk).update(code="=1+1", name="@SUM(A1)")
    client.force_login(world.admin)
    response = client.get(f"/ky/{world.cycle.pk}/tien-do.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    codes = [row[0] for row in rows[1:]]
    assert "'=1+1" in codes and "=1+1" not in codes
    assert all(not row[1].startswith(("=", "@")) for row in rows[1:])


def test_a_person_named_with_a_bell_character_is_refused_in_the_form(world):
    form = UserForm(
        data={"full_name": "Nguyễn\x07 Văn A", "role": "officer", "unit": world.unit_a.pk},
        account=world.officer_a,
    )
    assert not form.is_valid()
    assert form.errors["full_name"] == ["Có ký tự điều khiển (U+0007) không được phép"]


def test_a_round_name_with_a_control_character_is_refused(db):
    form = RoundForm(data={"name": "Đợt\x1b 2025", "period": "2025"})
    form.is_valid()
    assert "Có ký tự điều khiển (U+001B) không được phép" in form.errors["name"]


def test_a_multi_line_text_keeps_its_line_breaks_but_not_other_control_characters():
    multi_line("dòng 1\ndòng 2\tcột")
    for validator, text in ((single_line, "a\nb"), (multi_line, "a\x00b")):
        with pytest.raises(ValidationError, match="ký tự điều khiển"):
            validator(text)


def test_a_cycle_renamed_with_a_control_character_is_refused():
    from parindex.web.cycles.setup_forms import CycleEditForm

    form = CycleEditForm(data={"name": "Kỳ\x07 2025"})
    form.is_valid()
    assert form.errors["name"] == ["Có ký tự điều khiển (U+0007) không được phép"]
