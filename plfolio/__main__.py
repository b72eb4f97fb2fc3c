"""``python -m plfolio``."""

from plfolio.cli import main

main()
