"""PLfolio: a teacher-owned professional-growth portfolio kept as plain files."""

__version__ = "0.1.0"
