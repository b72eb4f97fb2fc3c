"""Deterministic synthetic portfolios for benchmarks: realistic teacher vocabulary, 150-600 words each.

    python bench/generate.py OUT --entries 10000 [--attachments] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
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
KINDS = [("goals", 0.05), ("evidence", 0.35), ("reflections", 0.25), ("activities", 0.25), ("feedback", 0.10)]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(FILLER)} I {rng.choice(VERBS)} {rng.choice(PRACTICES)} with {rng.choice(NOUNS)} "
            f"in {rng.choice(SUBJECTS)}, and they became {rng.choice(ADJECTIVES)}.")


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        s = sentence(rng)
        out.append(s)
        count += len(s.split())
    return "\n\n".join(" ".join(out[i:i + 4]) for i in range(0, len(out), 4))


def generate(out: Path, entries: int, attachments: bool = False, seed: int = 7) -> Path:
    rng = random.Random(seed)
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
            title = f"{rng.choice(PRACTICES).capitalize()} in {rng.choice(SUBJECTS)}"
            vis = rng.choice(["private", "mentor", "mentor", "public"])
            stds = rng.sample(STANDARDS, 2)
            body = paragraph(rng, rng.randint(150, 600))
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
                (folder / "notes.txt").write_text(paragraph(rng, 200), "utf-8")
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
    args = parser.parse_args()
    print(generate(args.out, args.entries, args.attachments, args.seed))
