"""The organisation that runs the index: the province, its People's Committee, the Sở Nội vụ.

One row, edited by the admin on the settings page; every page's header and footer and every
document read it through ``Organisation.current()`` (blank until set up: the site then says
only "Chỉ số CCHC"). ``letterhead`` is the text of a ``van-ban.yaml`` (docs/formats.md): who
issues and signs the report and the decision, their grounds and recipients; a publication
keeps a copy of it as it stood when published.
"""

from __future__ import annotations

from django.db import models


class Organisation(models.Model):
    province = models.CharField(
        "tỉnh, thành phố", max_length=120, blank=True, help_text="ví dụ: Tỉnh Quảng Ngãi"
    )
    issuing_body = models.CharField(
        "cơ quan ban hành quyết định công bố",
        max_length=200,
        blank=True,
        help_text="ví dụ: Ủy ban nhân dân tỉnh Quảng Ngãi",
    )
    department = models.CharField(
        "cơ quan thường trực CCHC",
        max_length=200,
        blank=True,
        help_text="ví dụ: Sở Nội vụ tỉnh Quảng Ngãi",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    hotline = models.CharField("điện thoại, đường dây nóng", max_length=60, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    letterhead = models.TextField(
        "văn bản: cơ quan ban hành, người ký, nơi nhận (van-ban.yaml)",
        blank=True,
        help_text="như tệp van-ban.yaml của lệnh parindex report (docs/formats.md)",
    )
    logo = models.FileField("biểu trưng (PNG, JPEG)", upload_to="to-chuc/", blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "thông tin cơ quan"
        verbose_name_plural = "thông tin cơ quan"

    def __str__(self) -> str:
        return self.department or self.province or "Chỉ số CCHC"

    @classmethod
    def current(cls) -> Organisation:
        """The organisation's row; an unsaved blank one before the admin has set it up."""
        return cls.objects.order_by("pk").first() or cls(pk=1)
