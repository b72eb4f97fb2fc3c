"""The search page: results, facets, filters, suggestion; and the app's saves are searchable at once."""

from __future__ import annotations

GOAL = '+++\ntitle = "Formative assessment in labs"\nstatus = "active"\nstandards = ["ga-pl:5"]\n+++\nRubrics.\n'


def test_search_page_shows_ranked_hits_and_facets(make_client, make_portfolio):
    client = make_client(make_portfolio({"goals/labs.md": GOAL}))
    response = client.get("/search?q=assess")
    assert response.template.name == "search.html"
    results = response.context["results"]
    assert [h.ref for h in results.hits] == ["goals/labs"]
    assert dict(results.facets["kind"]) == {"goals": 1}
    assert "<mark" in response.text


def test_filters_and_suggestions(make_client, make_portfolio):
    client = make_client(make_portfolio({"goals/labs.md": GOAL}))
    assert client.get("/search?q=assess&kind=evidence").context["results"].total == 0
    typo = client.get("/search?q=rubriks").context["results"]
    assert typo.total == 0 and typo.suggestion == "rubrics"


def test_an_entry_saved_in_the_app_is_searchable_immediately(client):
    client.get("/search?q=anything")  # the index exists before the save
    client.post("/goals/new", data={"title": "Mitochondria model kits", "status": "draft",
                                    "cycle_stage": "vision", "visibility": "mentor"})
    assert [h.ref for h in client.get("/search?q=mitochondria").context["results"].hits] == \
        ["goals/mitochondria-model-kits"]


def test_an_empty_query_shows_help(client):
    response = client.get("/search")
    assert response.status_code == 200 and response.context["results"] is None
