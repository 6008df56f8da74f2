"""``python -m parindex.cli``."""

import sys

from parindex.cli import main

sys.exit(main())
