"""What a teacher expects of search: stemming, phrases, prefixes, facets, highlights, typos."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from plfolio.cli import main
from plfolio.search import SearchIndex
from plfolio.store import load_portfolio

FILES = {
    "profile.toml": '[[interests]]\ntext = "Student-led conferences and portfolios"\n',
    "goals/assessment.md": '+++\ntitle = "Formative assessment in labs"\nstatus = "active"\nschool_year = "2026-2027"\n'
                           'standards = ["ga-pl:5"]\ntags = ["labs"]\nvisibility = "public"\n+++\n'
                           'Students assess their own lab reports with a shared rubric.\n',
    "goals/reading.md": '+++\ntitle = "Reading strategies in science"\nschool_year = "2025-2026"\n'
                        'standards = ["ga-pl:6"]\nvisibility = "private"\n+++\nClose reading of articles.\n',
    "evidence/notes/index.md": '+++\ntitle = "Conference notes"\ndate = 2026-11-06\ngoals = ["assessment"]\n'
                               'standards = ["ga-pl:5"]\nattachments = ["notes.txt"]\n+++\nEleven conferences.\n',
    "evidence/notes/notes.txt": "Students pointed to their photosynthesis data table as evidence.\n",
    "reflections/week.md": '+++\ntitle = "A week of self assessment"\ndate = 2026-10-02\ngoals = ["assessment"]\n'
                           '+++\nThe rubric language confused two students.\n',
    "activities/ws.md": '+++\ntitle = "Assessment workshop"\ndate = 2025-10-01\nhours = 3.0\n+++\nGrading for equity.\n',
    "feedback/fb.md": '+++\ndate = 2026-11-09\nauthor = "Ana Rivera"\nabout = "goals/assessment"\n+++\n'
                      'Your rubric conferences are working.\n',
}


@pytest.fixture
def index(make_portfolio):
    root = make_portfolio(FILES)
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    yield index
    index.close()


def refs(results):
    return {h.ref for h in results.hits}


def test_stemming_finds_other_forms(index):
    assert {"goals/assessment", "reflections/week", "activities/ws"} <= refs(index.search("assess"))
    assert "goals/assessment" in refs(index.search("assessing"))


def test_phrases_match_words_in_order(index):
    assert refs(index.search('"shared rubric"')) == {"goals/assessment"}
    assert refs(index.search('"rubric shared"')) == set()


def test_prefixes(index):
    assert {"evidence/notes"} <= refs(index.search("photosynth*"))


def test_attachment_text_is_searchable(index):
    assert refs(index.search("photosynthesis")) == {"evidence/notes"}


def test_the_profile_and_feedback_are_searchable(index):
    assert "profile/profile" in refs(index.search("portfolios"))
    assert "feedback/fb" in refs(index.search("working"))


def test_titles_rank_first(index):
    assert index.search("workshop").hits[0].ref == "activities/ws"


def test_highlights_mark_matches_and_escape_text(make_portfolio):
    root = make_portfolio({"goals/x.md": '+++\ntitle = "Rubric <b>bold</b>"\n+++\nThe rubric <script>x</script>.\n'})
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    hit = index.search("rubric").hits[0]
    assert hit.title_html.startswith('<mark class="match term')
    assert "&lt;b&gt;bold&lt;/b&gt;" in hit.title_html
    assert "&lt;script&gt;" in hit.snippet_html and "<script>" not in hit.snippet_html
    index.close()


def test_facets_count_matches(index):
    facets = index.search("assess").facets
    assert ("goals", 1) in facets["kind"] and ("reflections", 1) in facets["kind"]
    assert dict(facets["year"]) == {"2026-2027": 2, "2025-2026": 1}
    assert dict(facets["standards"])["ga-pl:5"] == 1


def test_filters_narrow_results(index):
    assert refs(index.search("rubric", {"kind": "goals"})) == {"goals/assessment"}
    assert refs(index.search("assess", {"year": "2025-2026"})) == {"activities/ws"}
    assert refs(index.search("conferences", {"standards": "ga-pl:5"})) == {"evidence/notes"}
    assert refs(index.search("rubric", {"goals": "assessment"})) == {"goals/assessment", "reflections/week"}
    assert refs(index.search("labs", {"tags": "labs"})) == {"goals/assessment"}


def test_visibility_is_exact(index):
    assert refs(index.search("reading")) == {"goals/reading"}
    assert refs(index.search("reading", visibilities=["mentor", "public"])) == set()
    assert refs(index.search("reading", {"visibility": "private"})) == {"goals/reading"}


def test_did_you_mean_for_typos(index):
    results = index.search("rubrik")
    assert results.total == 0 and results.suggestion == "rubric"
    assert index.search("rubric").suggestion == ""


@pytest.mark.parametrize("typed, suggested", [
    ("photosynthsis", "photosynthesis"),  # a word of an attachment's text, offered whole, not as its stem
    ("rubirc", "rubric"),  # swapped letters: one edit
    ('"confernce notes"', '"conference notes"'),  # the query's syntax is kept
    ("kind:goals asessment", "kind:goals assessment"),
    ("zzqqx", ""),  # nothing near: no suggestion
])
def test_did_you_mean_offers_whole_words(index, typed, suggested):
    results = index.search(typed)
    assert results.total == 0 and results.suggestion == suggested
    if suggested:
        assert index.search(suggested).total > 0


def test_cli_search_json(make_portfolio):
    root = make_portfolio(FILES)
    result = CliRunner().invoke(main, ["search", "assess", "--kind", "goals", "--json", "--portfolio", str(root)])
    data = json.loads(result.stdout)
    assert [h["ref"] for h in data["hits"]] == ["goals/assessment"]
    assert "<mark" in data["hits"][0]["snippet_html"]


def test_cli_search_text_and_reindex(make_portfolio):
    root = make_portfolio(FILES)
    result = CliRunner().invoke(main, ["search", "photosynthesis", "--portfolio", str(root)])
    assert "evidence/notes  Conference notes" in result.stdout and "**photosynthesis**" in result.stdout
    result = CliRunner().invoke(main, ["reindex", "--portfolio", str(root)])
    assert result.exit_code == 0 and "Indexed 7 entries." in result.stdout


def test_totals_and_facet_counts_cover_every_match_not_just_the_ranked_page(make_portfolio):
    # Strong title matches, each scoring a little higher than the last, fill the top five; whoosh's
    # top-N shortcut would then drop every weaker body-only match from the total and the facets.
    files = {f"evidence/e{i:03d}.md": f'+++\ntitle = "Exit tickets{" and more" * (40 - i)}"\n'
             f'date = 2026-10-02\n+++\nA photo.\n' for i in range(40)}
    files.update({f"reflections/r{i:03d}.md": f'+++\ntitle = "Week {i}"\ndate = 2026-10-02\n+++\n'
                  + "Other notes here. " * (20 + i % 40) + "Exit tickets again.\n" for i in range(300)})
    root = make_portfolio(files)
    index = SearchIndex(root)
    index.sync(load_portfolio(root))
    try:
        for query in ('"exit tickets"', "exit tickets", "exit"):
            results = index.search(query, limit=5)
            assert results.total == 340, query
            assert dict(results.facets["kind"]) == {"reflections": 300, "evidence": 40}, query
            assert len(results.hits) == 5 and results.pages == 68
            assert all(hit.kind == "evidence" for hit in results.hits)  # the strong matches rank first
        filtered = index.search('"exit tickets"', {"kind": "reflections"}, limit=5)
        assert filtered.total == 300 and dict(filtered.facets["kind"]) == {"reflections": 300}
    finally:
        index.close()
