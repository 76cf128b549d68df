"""`python -m vakr …`: the same as the `vakr` command."""

import sys

from vakr.cli import main

sys.exit(main())
