"""`manage.py create_round SCHEME.yaml --period 2025 --user quantri`: a round from a scheme,
through the same form and action as the page Tạo đợt đánh giá từ phương án."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.core.numbers import format_count
from parindex.web.accounts.models import User
from parindex.web.cycles.actions import do_create_round
from parindex.web.cycles.forms import DEADLINES, RoundForm
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems

OPTIONS = {
    "self_assessment_due": "--han-tu-danh-gia",
    "appraisal_due": "--han-tham-dinh",
    "explanation_due": "--han-giai-trinh",
    "final_due": "--han-tham-dinh-lan-2",
}


class Command(BaseCommand):
    help = (
        "Tạo đợt đánh giá từ phương án (YAML): một kỳ đánh giá cho mỗi bộ tiêu chí đã nhập, "
        "xếp hạng theo khối"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scheme", help="tệp phương án (YAML), gọi bộ tiêu chí bằng mã")
        parser.add_argument("--period", required=True, help="kỳ (năm), ví dụ 2025")
        parser.add_argument("--user", required=True, help="tài khoản quản trị tạo đợt đánh giá")
        parser.add_argument("--name", default="", help="tên đợt (mặc định: tên của phương án)")
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            help="loại đơn vị tham gia (lặp lại được; mặc định: mọi loại mà phương án chấm)",
        )
        for field, label in DEADLINES:
            parser.add_argument(
                OPTIONS[field], dest=field, default="", help=f"{label} (dd/mm/yyyy)"
            )

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        path = Path(options["scheme"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: không đọc được tệp phương án ({exc})") from None
        actor = User.objects.filter(username=options["user"], role="admin").first()
        if actor is None:
            raise CommandError(f"Không có tài khoản quản trị «{options['user']}»")
        data = {
            "scheme_text": text,
            "name": options["name"],
            "period": options["period"],
            "kinds": options["kind"],
            **{field: options[field] for field, _ in DEADLINES},
        }
        form = RoundForm(data)
        if not form.is_valid():
            raise CommandError(form_problems(form))
        clean = form.cleaned_data
        try:
            made = do_create_round(
                clean["scheme_yaml"],
                clean["period"],
                actor,
                kinds=clean["kinds"],
                name=clean["name"],
                origin=path.name,
                **form.deadlines(),
            )
        except ActionError as exc:
            raise CommandError(
                "\n  ".join([exc.message, *(str(p) for p in exc.problems)])
            ) from None
        self.stdout.write(f"Đã tạo đợt đánh giá «{made.name}» (kỳ {made.period}):")
        for cycle in made.cycles.order_by("pk"):
            units = cycle.participations.count()
            self.stdout.write(f"  kỳ #{cycle.pk} {cycle.name}: {format_count(units)} đơn vị")
