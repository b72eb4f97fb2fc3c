"""Creating a portfolio folder: an empty one with commented starter files, or a copy of the example."""

from __future__ import annotations

import shutil
from pathlib import Path

from plfolio.model import ENTRY_CLASSES
from plfolio.store.errors import StoreError
from plfolio.store.files import atomic_write
from plfolio.store.loader import CONFIG_FILE, PROFILE_FILE

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "example"

CONFIG_TEMPLATE = '''\
# PLfolio portfolio settings. This file is yours: edit it in any text editor.
# Every key is described in docs/format.md.
format = 1

[owner]
name = {name}
email = ""
role = ""       # e.g. "7th-grade science teacher"
school = ""
district = ""

[school]
vision = ""     # your school's vision: goals should serve it
goals = []      # your school's goals for the year, e.g. ["Every student reads at grade level"]

[settings]
frameworks = ["ga-pl", "iste-ed"]  # standards you align to; see `plfolio frameworks`
school_year_start = "08-01"        # month-day the school year starts
pd_hours_required = 0.0            # professional learning hours required per renewal period
renewal_period_years = 5
renewal_period_start = {year}      # year the current renewal period began
'''

PROFILE_TEMPLATE = '''\
# Your SNIC profile: Strengths, Needs, Interests, Constraints.
# Add one [[strengths]] (or [[needs]], [[interests]], [[constraints]]) table per item:
#
# [[strengths]]
# text = "I build strong relationships with my students."
# standards = ["ga-pl:9"]
visibility = "mentor"
learning_preferences = []   # e.g. ["short job-embedded sessions", "observing colleagues"]
'''


def create_portfolio(root: Path, *, example: bool = False, owner_name: str = "",
                     year: int = 2026) -> None:
    """Make ``root`` a portfolio. Refuses to touch a folder that already is one (or is not empty,
    for the example), so nobody's files are ever overwritten."""
    if (root / CONFIG_FILE).exists():
        raise StoreError(root, "is already a portfolio", "Use it as it is, or choose another folder.")
    if example:
        if root.exists() and any(root.iterdir()):
            raise StoreError(root, "is not empty", "Give an empty or new folder for the example.")
        shutil.copytree(EXAMPLE_DIR, root, dirs_exist_ok=True)
        return
    root.mkdir(parents=True, exist_ok=True)
    name = '"' + owner_name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    atomic_write(root / CONFIG_FILE, CONFIG_TEMPLATE.format(name=name, year=year).encode())
    if not (root / PROFILE_FILE).exists():
        atomic_write(root / PROFILE_FILE, PROFILE_TEMPLATE.encode())
    for kind in (*ENTRY_CLASSES, "frameworks"):
        (root / kind).mkdir(exist_ok=True)
