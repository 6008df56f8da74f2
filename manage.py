#!/usr/bin/env python
"""Django's command-line utility for the parindex web app."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parindex.web.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:  # a wrong setting: its message, not a traceback
        print(f"Cấu hình sai: {exc}", file=sys.stderr)
        sys.exit(2)
