"""The organisation's logo: a PNG or JPEG checked by its content, never by its name or type."""

from __future__ import annotations

import io
from typing import IO

from PIL import Image, UnidentifiedImageError

from parindex.core.numbers import format_count, format_file_size

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 4000  # pixels: a decompression bomb is refused before it is decoded
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
ENDINGS = {"PNG": b"IEND\xaeB`\x82", "JPEG": b"\xff\xd9"}  # a file cut short lacks its end


def sniff(head: bytes) -> str | None:
    """``PNG``, ``JPEG`` or None from a file's first bytes."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def logo_problem(file: IO[bytes], name: str, size: int) -> str:
    """Why the upload cannot be the logo, in Vietnamese; empty if it can."""
    if size > LOGO_MAX_BYTES:
        return (
            f"Tệp «{name}» nặng {format_file_size(size)}; biểu trưng tối đa "
            f"{format_file_size(LOGO_MAX_BYTES)}."
        )
    data = file.read(LOGO_MAX_BYTES + 1)
    file.seek(0)
    kind = sniff(data[:8])
    if kind is None:
        return f"Tệp «{name}» không phải ảnh PNG hoặc JPEG: biểu trưng chỉ nhận ảnh PNG, JPEG."
    if not data.rstrip(b"\0").endswith(ENDINGS[kind]):
        return f"Tệp «{name}» bị cắt cụt hoặc hỏng: không phải ảnh {kind} trọn vẹn."
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.format != kind:
                raise UnidentifiedImageError(image.format)
            if max(width, height) > LOGO_MAX_SIDE:
                return f"Ảnh «{name}» quá lớn; biểu trưng tối đa {format_count(LOGO_MAX_SIDE)} điểm ảnh mỗi chiều."
            image.load()  # decoded whole: a cut or broken file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"Tệp «{name}» bị hỏng hoặc không phải ảnh PNG, JPEG hợp lệ."
    return ""
