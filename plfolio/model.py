"""The portfolio's domain model: plain dataclasses and vocabularies, no I/O.

The dataclasses are the single source of truth for the on-disk format: each stored field carries its
help text (and, where it has one, its vocabulary) in ``field(metadata=...)``, which the store uses to
validate files, the JSON schema generator to describe them, and forms to label inputs.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar

FORMAT_VERSION = 1

VISIBILITIES = ("private", "mentor", "public")
GOAL_STATUSES = ("draft", "active", "achieved", "archived")
CYCLE_STAGES = (
    "vision",
    "goal-setting",
    "learning-design",
    "models-of-practice",
    "safe-practice",
    "coaching-feedback",
    "reflection-revision",
    "impact-next-steps",
    "share-celebrate",
)
CYCLE_STAGE_LABELS = {
    "vision": "Vision",
    "goal-setting": "Goal setting",
    "learning-design": "Learning design",
    "models-of-practice": "Models of practice",
    "safe-practice": "Safe practice",
    "coaching-feedback": "Coaching and feedback",
    "reflection-revision": "Reflection and revision",
    "impact-next-steps": "Impact and next steps",
    "share-celebrate": "Share and celebrate",
}
REFLECTION_PROMPTS = {
    "vision": "What would your classroom look like if this went well? Who benefits, and how would you see it?",
    "goal-setting": "Which need in your profile does this goal answer, and how will you know you have grown?",
    "learning-design": "What will you try next, and why do you expect it to work for your students?",
    "models-of-practice": "What did you see a colleague do that you want to borrow, and what would you change?",
    "safe-practice": "What did you try for the first time? What surprised you, and what would you keep?",
    "coaching-feedback": "What feedback did you receive, what do you agree with, and what will you do with it?",
    "reflection-revision": "What happened, what did you notice, and what will you do differently next time?",
    "impact-next-steps": "What changed for your students? Which evidence shows it, and what comes next?",
    "share-celebrate": "What are you proud of this year, and who could learn from what you did?",
}
EVIDENCE_KINDS = (
    "artifact",
    "lesson-plan",
    "student-work",
    "observation",
    "certificate",
    "link",
    "post",
    "other",
)
MODALITIES = (
    "workshop",
    "course",
    "pln",
    "observation",
    "coaching",
    "conference",
    "reading",
    "blog-social",
    "other",
)
FEEDBACK_ROLES = ("mentor", "coach", "peer", "administrator", "self", "other")
FEEDBACK_KINDS = ("praise", "question", "suggestion", "next-step", "reply")
SNIC_SECTIONS = ("strengths", "needs", "interests", "constraints")
DEFAULT_LEVELS_SPEC = ((1, "Initiating"), (3, "Developing"), (5, "Performing"))

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STANDARD_REF_RE = re.compile(r"^([a-z0-9][a-z0-9-]*):(\S+)$")


def meta(help: str, *, choices: tuple[str, ...] | None = None, required: bool = False,
         refs: str | None = None, example: Any = None) -> dict[str, Any]:
    """Describe a stored field: its help text, vocabulary, whether it is required, what it refers to."""
    return {"help": help, "choices": choices, "required": required, "refs": refs, "example": example}


def _list(help: str, **kw: Any) -> Any:
    return field(default_factory=list, metadata=meta(help, **kw))


def _str(help: str, default: str = "", **kw: Any) -> Any:
    return field(default=default, metadata=meta(help, **kw))


def _date(help: str, **kw: Any) -> Any:
    return field(default=None, metadata=meta(help, **kw))


def _bool(help: str, default: bool = False) -> Any:
    return field(default=default, metadata=meta(help))


def _visibility(default: str) -> Any:
    return _str("Who may see this entry: private (only you), mentor, or public.", default,
                choices=VISIBILITIES)


def _tags() -> Any:
    return _list("Free keywords for finding and grouping entries.")


def stored_fields(cls: type) -> list[Any]:
    """The dataclass fields that are written to disk (those carrying ``meta``)."""
    return [f for f in fields(cls) if "help" in f.metadata]


def field_default(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None


# --- small tables -----------------------------------------------------------------------------


@dataclass
class SnicItem:
    text: str = _str("One sentence about you.", required=True)
    standards: list[str] = _list("Standards this item relates to, as framework:code.", refs="standards")


@dataclass
class ActionStep:
    text: str = _str("What you will do.", required=True)
    due: date | None = _date("When it should be done.")
    done: bool = _bool("Whether it is done.")
    resources: list[str] = _list("What this step needs: people, time, materials.")


@dataclass
class ProgressRecord:
    date: date | None = _date("When the measure was taken.", required=True)
    measure: str = _str("Which measure of progress (one of the goal's measures).", required=True)
    value: float = field(default=0.0, metadata=meta("The figure recorded.", required=True))
    note: str = _str("What the figure means.")


@dataclass
class Rating:
    standard: str = _str("The standard rated, as framework:code.", required=True, refs="standards")
    level: int = field(default=0, metadata=meta("Level on the framework's scale.", required=True))
    note: str = _str("Why this level.")


@dataclass
class Badge:
    name: str = _str("The badge's name.")
    description: str = _str("What the badge recognises.")
    criteria: str = _str("What it takes to earn it.")


@dataclass
class PathwayGroup:
    id: str = _str("Identifier of the group, e.g. entrees.", required=True)
    title: str = _str("Heading shown for the group.")
    choose: int = field(default=0, metadata=meta("Optional elements needed from this group."))


@dataclass
class PathwayElement:
    id: str = _str("Identifier of the element, unique in the pathway.", required=True)
    title: str = _str("What the learning is.", required=True)
    group: str = _str("The id of the group it belongs to.")
    required: bool = _bool("Whether every learner must complete it.")
    description: str = _str("More about the element.")
    hours: float = field(default=0.0, metadata=meta("Expected hours."))


@dataclass
class Level:
    value: int = field(default=0, metadata=meta("The level's number.", required=True))
    label: str = _str("The level's name, e.g. Developing.", required=True)
    description: str = _str("What practice looks like at this level.")


@dataclass
class Standard:
    code: str = _str("Code unique within the framework, e.g. 5 or 2.4a.", required=True)
    title: str = _str("Short name of the standard.", required=True)
    description: str = _str("What the standard asks for.")
    group: str = _str("A heading the standard is grouped under.")
    indicators: list[str] = _list("Observable indicators of the standard.")


# --- top-level files ---------------------------------------------------------------------------


@dataclass
class Owner:
    name: str = _str("Your name.")
    email: str = _str("Your e-mail address.")
    role: str = _str("Your role, e.g. 7th-grade science teacher.")
    school: str = _str("Your school.")
    district: str = _str("Your district.")


@dataclass
class School:
    vision: str = _str("The school's vision, which goals should serve.")
    goals: list[str] = _list("The school's goals for the year.")


@dataclass
class Settings:
    frameworks: list[str] = field(default_factory=lambda: ["ga-pl"], metadata=meta(
        "Ids of the standards frameworks you work with.", refs="frameworks"))
    school_year_start: str = _str("Month and day the school year starts, MM-DD.", "08-01")
    pd_hours_required: float = field(default=0.0, metadata=meta(
        "Professional learning hours required per renewal period."))
    renewal_period_years: int = field(default=5, metadata=meta("Length of a renewal period in years."))
    renewal_period_start: int = field(default=0, metadata=meta(
        "Calendar year in which the current renewal period's first school year starts."))


@dataclass
class Config:
    """``plfolio.toml``."""

    format: int = field(default=FORMAT_VERSION, metadata=meta("Format version of the folder.",
                                                              required=True))
    owner: Owner = field(default_factory=Owner, metadata=meta("Who owns the portfolio."))
    school: School = field(default_factory=School, metadata=meta("Your school's vision and goals."))
    settings: Settings = field(default_factory=Settings, metadata=meta("How PLfolio works for you."))


@dataclass
class Profile:
    """``profile.toml``: the SNIC profile."""

    visibility: str = _visibility("mentor")
    learning_preferences: list[str] = _list("Ways you like to learn.")
    strengths: list[SnicItem] = _list("What you do well.")
    needs: list[SnicItem] = _list("What you need to grow in.")
    interests: list[SnicItem] = _list("What you are curious about.")
    constraints: list[SnicItem] = _list("What limits your time or options.")

    def is_empty(self) -> bool:
        return not any(getattr(self, s) for s in SNIC_SECTIONS)


# --- entries -----------------------------------------------------------------------------------


@dataclass
class Entry:
    """What every entry has: where it lives and its Markdown body (not front-matter keys)."""

    collection: ClassVar[str] = ""
    slug: str = ""
    path: str = ""  # relative POSIX path of the entry's main file
    body: str = ""

    @property
    def ref(self) -> str:
        return f"{self.collection}/{self.slug}"

    @property
    def folder(self) -> str | None:
        """The entry's own folder (folder form ``<kind>/<slug>/index.md``), where attachments live."""
        return self.path.rsplit("/", 1)[0] if self.path.endswith("/index.md") else None


@dataclass
class Goal(Entry):
    collection: ClassVar[str] = "goals"
    title: str = _str("The goal in a few words.", required=True)
    status: str = _str("Where the goal stands.", "draft", choices=GOAL_STATUSES)
    school_year: str = _str("School year the goal belongs to, e.g. 2026-2027.")
    standards: list[str] = _list("Standards the goal is aligned to, as framework:code.", refs="standards")
    cycle_stage: str = _str("Stage of the professional learning cycle.", "goal-setting",
                            choices=CYCLE_STAGES)
    target_date: date | None = _date("When you aim to reach the goal.")
    measures: list[str] = _list("Indicators that will show progress.")
    resources: list[str] = _list("What you need to reach the goal.")
    barriers: str = _str("What may stand in the way.")
    readiness: str = _str("How ready you and your setting are.")
    visibility: str = _visibility("mentor")
    tags: list[str] = _tags()
    action_steps: list[ActionStep] = _list("Steps toward the goal, with due dates.")
    progress: list[ProgressRecord] = _list("Measures of progress recorded over time.")


@dataclass
class Evidence(Entry):
    collection: ClassVar[str] = "evidence"
    title: str = _str("What this evidence is.", required=True)
    date: date | None = _date("When it was made or happened.", required=True)
    kind: str = _str("What kind of evidence.", "artifact", choices=EVIDENCE_KINDS)
    goals: list[str] = _list("Goals this evidence supports (goal slugs).", refs="goals")
    standards: list[str] = _list("Standards it shows, as framework:code.", refs="standards")
    attachments: list[str] = _list("Files beside index.md in the entry's folder.", refs="files")
    url: str = _str("A link, for online evidence.")
    visibility: str = _visibility("mentor")
    tags: list[str] = _tags()


@dataclass
class Reflection(Entry):
    collection: ClassVar[str] = "reflections"
    title: str = _str("A title for the reflection.", required=True)
    date: date | None = _date("When you wrote it.", required=True)
    goals: list[str] = _list("Goals it reflects on (goal slugs).", refs="goals")
    evidence: list[str] = _list("Evidence it reflects on (evidence slugs).", refs="evidence")
    cycle_stage: str = _str("Stage of the professional learning cycle.", "reflection-revision",
                            choices=CYCLE_STAGES)
    prompt: str = _str("The question the reflection answers.")
    shareable: bool = _bool("May be quoted in year-end highlights.")
    visibility: str = _visibility("private")
    tags: list[str] = _tags()


@dataclass
class Activity(Entry):
    collection: ClassVar[str] = "activities"
    title: str = _str("The learning activity.", required=True)
    date: date | None = _date("When it took place (or ended).", required=True)
    hours: float = field(default=0.0, metadata=meta("Hours of professional learning.", required=True))
    provider: str = _str("Who offered it.")
    modality: str = _str("How the learning happened.", "workshop", choices=MODALITIES)
    required: bool = _bool("Whether it was required of you.")
    credit_type: str = _str("Kind of credit earned, e.g. PLU or CEU.")
    certificate: str = _str("Certificate file in the entry's folder.", refs="files")
    goals: list[str] = _list("Goals it served (goal slugs).", refs="goals")
    standards: list[str] = _list("Standards it addressed, as framework:code.", refs="standards")
    pathway: str = _str("Pathway this counts toward (pathway slug).", refs="pathways")
    pathway_element: str = _str("Element of that pathway it completes.")
    visibility: str = _visibility("mentor")
    tags: list[str] = _tags()


@dataclass
class Assessment(Entry):
    collection: ClassVar[str] = "assessments"
    title: str = _str("Name of the self-assessment.", required=True)
    date: date | None = _date("When you assessed yourself.", required=True)
    framework: str = _str("The framework whose rubric you used (its id).", required=True,
                          refs="frameworks")
    note: str = _str("Overall notes.")
    visibility: str = _visibility("mentor")
    ratings: list[Rating] = _list("Your level on each standard.")


@dataclass
class Pathway(Entry):
    collection: ClassVar[str] = "pathways"
    title: str = _str("Name of the pathway.", required=True)
    description: str = _str("What the pathway is for.")
    school_year: str = _str("School year it runs in.")
    visibility: str = _visibility("mentor")
    badge: Badge = field(default_factory=Badge, metadata=meta("The badge earned on completion."))
    groups: list[PathwayGroup] = _list("Menu sections of the pathway.")
    elements: list[PathwayElement] = _list("Required and optional learning in the pathway.")


@dataclass
class Feedback(Entry):
    collection: ClassVar[str] = "feedback"
    title: str = _str("A short summary.")
    date: date | None = _date("When it was given.", required=True)
    author: str = _str("Who gave it.", required=True)
    role: str = _str("The author's role.", "mentor", choices=FEEDBACK_ROLES)
    about: str = _str("What it is about: kind/slug, standard:framework:code, or plan.", "plan",
                      refs="about")
    kind: str = _str("What sort of feedback.", "suggestion", choices=FEEDBACK_KINDS)
    in_reply_to: str = _str("The feedback this replies to (feedback slug).", refs="feedback")
    read: bool = _bool("Whether you have read it.")
    visibility: str = _visibility("mentor")
    id: str = _str("Stable identifier, so importing the same feedback twice adds it once.")


@dataclass
class Framework:
    """A standards framework: built in (data/frameworks) or the teacher's own (frameworks/)."""

    id: str = _str("Identifier; must equal the file name without .toml.", required=True)
    title: str = _str("Full name of the framework.", required=True)
    short_title: str = _str("Short name for tight spaces.")
    publisher: str = _str("Who publishes the framework.")
    source: str = _str("Citation of where the standards come from.")
    url: str = _str("Where to read the original.")
    version: str = _str("Edition or year.")
    levels: list[Level] = _list("The rubric scale; default 1 Initiating, 3 Developing, 5 Performing.")
    standards: list[Standard] = _list("The standards.")
    path: str = ""
    builtin: bool = False

    def scale(self) -> list[Level]:
        return self.levels or [Level(v, label) for v, label in DEFAULT_LEVELS_SPEC]

    def level_range(self) -> tuple[int, int]:
        values = [lvl.value for lvl in self.scale()]
        return min(values), max(values)

    def standard(self, code: str) -> Standard | None:
        return next((s for s in self.standards if s.code == code), None)

    @property
    def label(self) -> str:
        return self.short_title or self.title


ENTRY_CLASSES: dict[str, type[Entry]] = {
    cls.collection: cls for cls in (Goal, Evidence, Reflection, Activity, Assessment, Pathway, Feedback)
}
MARKDOWN_KINDS = ("goals", "evidence", "reflections", "activities", "feedback")
TOML_KINDS = ("assessments", "pathways")
SINGULAR = {"goals": "goal", "evidence": "evidence", "reflections": "reflection",
            "activities": "activity", "assessments": "assessment", "pathways": "pathway",
            "feedback": "feedback"}


@dataclass
class Problem:
    """Something wrong in one file: shown in the UI and by ``plfolio check``; never fatal."""

    path: str
    message: str
    hint: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message, "hint": self.hint}


@dataclass
class Portfolio:
    """Everything loaded from one portfolio folder, plus what could not be loaded."""

    config: Config = field(default_factory=Config)
    profile: Profile = field(default_factory=Profile)
    entries: dict[str, dict[str, Entry]] = field(
        default_factory=lambda: {kind: {} for kind in ENTRY_CLASSES})
    frameworks: dict[str, Framework] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def goals(self) -> dict[str, Goal]:
        return self.entries["goals"]  # type: ignore[return-value]

    @property
    def evidence(self) -> dict[str, Evidence]:
        return self.entries["evidence"]  # type: ignore[return-value]

    @property
    def reflections(self) -> dict[str, Reflection]:
        return self.entries["reflections"]  # type: ignore[return-value]

    @property
    def activities(self) -> dict[str, Activity]:
        return self.entries["activities"]  # type: ignore[return-value]

    @property
    def assessments(self) -> dict[str, Assessment]:
        return self.entries["assessments"]  # type: ignore[return-value]

    @property
    def pathways(self) -> dict[str, Pathway]:
        return self.entries["pathways"]  # type: ignore[return-value]

    @property
    def feedback(self) -> dict[str, Feedback]:
        return self.entries["feedback"]  # type: ignore[return-value]

    def get(self, ref: str) -> Entry | None:
        """An entry by ``kind/slug``."""
        kind, _, slug = ref.partition("/")
        return self.entries.get(kind, {}).get(slug)

    def standard(self, ref: str) -> tuple[Framework, Standard] | None:
        """A standard by ``framework:code``."""
        m = STANDARD_REF_RE.match(ref)
        fw = self.frameworks.get(m.group(1)) if m else None
        std = fw.standard(m.group(2)) if fw and m else None
        return (fw, std) if fw and std else None

    def frameworks_in_use(self) -> list[Framework]:
        return [self.frameworks[i] for i in self.config.settings.frameworks if i in self.frameworks]

    def problems_for(self, path: str) -> list[Problem]:
        return [p for p in self.problems if p.path == path]


def school_year_of(day: date, start: str = "08-01") -> str:
    """The school year (``2026-2027``) a date falls in, given the MM-DD the year starts."""
    month, dom = (int(x) for x in start.split("-"))
    first = day.year if (day.month, day.day) >= (month, dom) else day.year - 1
    return f"{first}-{first + 1}"


def entry_school_year(entry: Entry, start: str = "08-01") -> str:
    """The school year an entry belongs to: its own ``school_year``, else the one its date falls in."""
    own = getattr(entry, "school_year", "")
    if own:
        return own
    day = getattr(entry, "date", None)
    return school_year_of(day, start) if day else ""


def slugify(text: str) -> str:
    """A file-name-safe slug from a title (ASCII letters, digits and hyphens)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or "entry"
