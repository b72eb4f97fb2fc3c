"""Deterministic synthetic portfolios for benchmarks: a teacher's vocabulary, 150-600 words each.

    python bench/generate.py OUT --entries 10000 [--attachments] [--seed 7] [--style natural|repetitive]

Two styles of text:

- ``natural``: each entry is about its own subject and two practices out of forty each, and about
  half its sentences are free text drawn from a 1,000-word vocabulary with a Zipf distribution (the
  words of the built-in frameworks and the example portfolio), so a practice phrase occurs in a few
  percent of the entries and rare words in a handful, as in real writing.
- ``repetitive``: every sentence picks from fifteen subjects and fifteen practices, so a phrase such
  as "student self-assessment" occurs in three quarters of the entries: the worst case for search.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

SUBJECTS = ["photosynthesis", "fractions", "persuasive writing", "the water cycle", "ecosystems",
            "linear equations", "the civil rights movement", "cell division", "poetry", "probability",
            "plate tectonics", "reading fluency", "lab safety", "energy transfer", "argument writing"]
PRACTICES = ["exit tickets", "student self-assessment", "peer feedback", "learning stations",
             "project planners", "choice boards", "rubrics co-written with students", "small-group coaching",
             "formative checks", "student-led conferences", "learner profiles", "flexible seating",
             "portfolio reviews", "reading conferences", "data chats"]
VERBS = ["piloted", "revised", "observed", "modelled", "reflected on", "measured", "shared", "planned",
         "co-designed", "adapted", "tested", "discussed", "documented", "coached", "celebrated"]
NOUNS = ["students", "colleagues", "the team", "my mentor", "families", "period three", "the advisory group",
         "our department", "the principal", "new teachers"]
ADJECTIVES = ["clearer", "more independent", "more confident", "better organised", "more engaged",
              "more precise", "more reflective", "kinder to each other", "more curious", "faster"]
FILLER = ["This week", "During the unit", "After the workshop", "In our PLC", "At the end of the quarter",
          "Before the break", "On Friday", "In the first lesson", "Halfway through", "Looking back"]
STANDARDS = [f"ga-pl:{n}" for n in range(1, 11)] + ["iste-ed:1a", "iste-ed:5a", "iste-ed:7b", "iste-ed:2c"]
MORE_SUBJECTS = ["chemical reactions", "ratios", "narrative writing", "weather", "genetics", "geometry proofs",
                 "the american revolution", "forces and motion", "map skills", "vocabulary", "statistics",
                 "the solar system", "research papers", "immigration", "volume and area", "rocks and minerals",
                 "world religions", "sound waves", "data literacy", "public speaking", "economics",
                 "ancient egypt", "light and optics", "place value", "debate"]
MORE_PRACTICES = ["think-pair-share", "gallery walks", "socratic seminars", "jigsaw groups", "goal-setting sheets",
                  "mastery trackers", "video reflections", "station rotations", "interactive notebooks",
                  "one-pager summaries", "hinge questions", "mini-lessons", "student interviews",
                  "family newsletters", "lab notebooks", "success criteria", "retrieval practice",
                  "peer tutoring", "design challenges", "reading logs", "self-paced playlists",
                  "anchor charts", "cold calling", "learning contracts", "exemplar analysis"]
KINDS = [("goals", 0.05), ("evidence", 0.35), ("reflections", 0.25), ("activities", 0.25), ("feedback", 0.10)]


def sentence(rng: random.Random, practices: list[str], subjects: list[str]) -> str:
    return (f"{rng.choice(FILLER)} I {rng.choice(VERBS)} {rng.choice(practices)} with {rng.choice(NOUNS)} "
            f"in {rng.choice(subjects)}, and they became {rng.choice(ADJECTIVES)}.")


class Writer:
    """Text of one style; ``topic`` picks what an entry is about."""

    def __init__(self, rng: random.Random, style: str) -> None:
        self.rng, self.natural = rng, style == "natural"
        self.subjects = SUBJECTS + MORE_SUBJECTS if self.natural else SUBJECTS
        self.practices = PRACTICES + MORE_PRACTICES if self.natural else PRACTICES
        if self.natural:
            ranked = [w for w, _ in vocabulary().most_common(1000)]
            self.words, self.weights = ranked, [1 / rank for rank in range(1, len(ranked) + 1)]

    def topic(self) -> tuple[list[str], list[str]]:
        if not self.natural:
            return self.practices, self.subjects
        return self.rng.sample(self.practices, 2), [self.rng.choice(self.subjects)]

    def title(self, topic: tuple[list[str], list[str]]) -> str:
        return f"{self.rng.choice(topic[0]).capitalize()} in {self.rng.choice(topic[1])}"

    def paragraph(self, words: int, topic: tuple[list[str], list[str]] | None = None) -> str:
        practices, subjects = topic or self.topic()
        out, count = [], 0
        while count < words:
            if self.natural and self.rng.random() < 0.5:
                free = self.rng.choices(self.words, self.weights, k=self.rng.randint(8, 16))
                s = " ".join(free).capitalize() + "."
            else:
                s = sentence(self.rng, practices, subjects)
            out.append(s)
            count += len(s.split())
        return "\n\n".join(" ".join(out[i:i + 4]) for i in range(0, len(out), 4))


def vocabulary() -> Counter[str]:
    """Word counts over the built-in frameworks and the example portfolio (TOML keys left out)."""
    data = Path(__file__).resolve().parent.parent / "data"
    text = " ".join(p.read_text("utf-8") for p in sorted(data.rglob("*")) if p.suffix in (".md", ".toml"))
    keys = set(re.findall(r"^\[*(\w+)\]*\s*=?", text, re.MULTILINE))
    return Counter(w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in keys)


def generate(out: Path, entries: int, attachments: bool = False, seed: int = 7, style: str = "repetitive") -> Path:
    rng = random.Random(seed)
    writer = Writer(rng, style)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "plfolio.toml").write_text('format = 1\n[owner]\nname = "Bench Teacher"\n[settings]\n'
                                      'frameworks = ["ga-pl", "iste-ed"]\npd_hours_required = 50.0\n'
                                      'renewal_period_start = 2022\n', "utf-8")
    counts = {kind: max(1, int(entries * share)) for kind, share in KINDS}
    counts["evidence"] += entries - sum(counts.values())
    goal_slugs = [f"goal-{i:05d}" for i in range(counts["goals"])]
    start = date(2022, 8, 1)
    for kind, n in counts.items():
        (out / kind).mkdir()
        for i in range(n):
            slug = f"{kind[:-1] if kind.endswith('s') else kind}-{i:05d}"
            day = start + timedelta(days=rng.randrange(4 * 365))
            topic = writer.topic()
            title = writer.title(topic)
            vis = rng.choice(["private", "mentor", "mentor", "public"])
            stds = rng.sample(STANDARDS, 2)
            body = writer.paragraph(rng.randint(150, 600), topic)
            goals = rng.sample(goal_slugs, 1)
            front = {
                "goals": f'title = "{title}"\nstatus = "{rng.choice(["active", "achieved", "draft"])}"\n'
                         f'school_year = "{day.year}-{day.year + 1}"\nstandards = {stds!r}\n'.replace("'", '"'),
                "evidence": f'title = "{title}"\ndate = {day}\nkind = "artifact"\ngoals = {goals!r}\n'
                            f'standards = {stds!r}\n'.replace("'", '"'),
                "reflections": f'title = "{title}"\ndate = {day}\ngoals = {goals!r}\n'.replace("'", '"'),
                "activities": f'title = "{title}"\ndate = {day}\nhours = {rng.choice([1.0, 1.5, 3.0, 6.0])}\n'
                              f'modality = "workshop"\n',
                "feedback": f'title = "On {title}"\ndate = {day}\nauthor = "Mentor {i % 7}"\n'
                            f'about = "goals/{goals[0]}"\n',
            }[kind] + f'visibility = "{vis}"\n'
            if kind == "evidence" and attachments and i % 10 == 0:
                folder = out / kind / slug
                folder.mkdir()
                (folder / "notes.txt").write_text(writer.paragraph(200, topic), "utf-8")
                (folder / "index.md").write_text(f'+++\n{front}attachments = ["notes.txt"]\n+++\n{body}\n', "utf-8")
            else:
                (out / kind / f"{slug}.md").write_text(f"+++\n{front}+++\n{body}\n", "utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--attachments", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--style", choices=["natural", "repetitive"], default="repetitive")
    args = parser.parse_args()
    print(generate(args.out, args.entries, args.attachments, args.seed, args.style))
