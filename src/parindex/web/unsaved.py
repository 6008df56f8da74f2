"""What a person typed into a leaf's form that could not be saved, kept for one page view.

Pages answer a POST with a redirect (so a reload never posts twice); when the save is
refused, the typed values ride in the session to the next view of the page, which shows
them again in that leaf's form, scrolled to it, beside the message saying why.
"""

from __future__ import annotations

import re

from django.http import HttpRequest

KEY = "parindex.unsaved"


def keep(request: HttpRequest, fields: tuple[str, ...]) -> str:
    """Keep the posted ``fields`` of the leaf form just refused; the page anchor to return to."""
    score = request.POST.get("score", "")
    request.session[KEY] = {
        "score": score,
        **{name: request.POST.get(name, "") for name in fields},
    }
    code = re.sub(r"[^0-9A-Za-z._-]", "", request.POST.get("code", ""))[:40]
    return f"#tc-{code}" if code else ""


def take(request: HttpRequest) -> dict[str, str]:
    """The values kept for this view (once), or nothing."""
    kept = request.session.pop(KEY, None)
    return kept if isinstance(kept, dict) else {}
