"""Recycled plans: spotting a goal that is nearly the same as one from an earlier year.

Goals are compared as sets of word 3-shingles over their normalized title, narrative, measures and
steps. The score is *containment* of the smaller set in the larger (so a goal carried over with a few
added sentences still scores high), computed locally with no network. The threshold was set on the
true and false examples in tests/insights/test_similarity.py: carried-over goals scored 0.73 to 1.0,
a heavier rewrite in the example portfolio 0.24, and different goals (same topic, shared title words,
other subjects) 0.0. Word 1- and 2-shingles separated those cases less well (different goals scored
up to 0.67 and 0.5).

Short goals: containment divides by the smaller set, so a title-only goal whose two or three
shingles all occur in a long earlier goal would score 1.0. The divisor is therefore at least
``MIN_SHINGLES``; two identical short goals still score 1.0 through their Jaccard score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plfolio.model import Goal, Portfolio

SHINGLE = 3
MIN_SHINGLES = 20
THRESHOLD = 0.2
STOPWORDS = frozenset("a an and the of to in on for with my our their is are be will by at as it this that "
                      "i we they them from or".split())


@dataclass
class Match:
    earlier: Goal
    score: float


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]


def shingles(goal: Goal) -> set[tuple[str, ...]]:
    text = " ".join([goal.title, goal.body, *goal.measures, *(s.text for s in goal.action_steps)])
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Shared shingles over the smaller set (at least ``MIN_SHINGLES``), or their Jaccard score if higher."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return max(shared / max(min(len(a), len(b)), MIN_SHINGLES), shared / len(a | b))


def similar_earlier_goals(portfolio: Portfolio, goal: Goal, threshold: float = THRESHOLD) -> list[Match]:
    """Goals from earlier school years that ``goal`` nearly repeats, most similar first."""
    mine = shingles(goal)
    matches = []
    for other in portfolio.goals.values():
        if other.slug == goal.slug or not other.school_year or not goal.school_year \
                or other.school_year >= goal.school_year:
            continue
        score = containment(mine, shingles(other))
        if score >= threshold:
            matches.append(Match(other, round(score, 3)))
    return sorted(matches, key=lambda m: -m.score)
