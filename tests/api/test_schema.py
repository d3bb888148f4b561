"""The OpenAPI description: it loads, it lists every operation, and no request built from it, valid
or not, gets a server error (schemathesis, in-process against the WSGI application)."""

from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from cocreate.accounts.services import api_token_create
from cocreate.budgets import services as budget_services
from cocreate.ideas import services as idea_services
from cocreate.wsgi import application
from tests import factories

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

OPERATIONS = {
    "/api/spaces": {"get", "post"},
    "/api/spaces/{slug}": {"get", "patch"},
    "/api/spaces/{slug}/phases": {"get", "post"},
    "/api/phases/{phase_id}": {"put", "delete"},
    "/api/spaces/{slug}/ideas": {"get", "post"},
    "/api/spaces/{slug}/similar-ideas": {"get"},
    "/api/ideas/{idea_id}": {"get", "put"},
    "/api/ideas/{idea_id}/comments": {"get", "post"},
    "/api/ideas/{idea_id}/supports": {"post", "delete"},
    "/api/ideas/{idea_id}/permissions": {"get"},
    "/api/spaces/{slug}/budgets": {"get"},
    "/api/spaces/{slug}/budgets/{budget_id}": {"get"},
    "/api/spaces/{slug}/budgets/{budget_id}/projects": {"get"},
    "/api/spaces/{slug}/budgets/{budget_id}/ballot": {"get", "put"},
    "/api/spaces/{slug}/budgets/{budget_id}/results": {"get"},
    # Challenges
    "/api/challenges": {"post"},
    "/api/spaces/{slug}/challenge": {"get", "patch"},
    "/api/spaces/{slug}/challenge/rules": {"post"},
    "/api/spaces/{slug}/challenge/rules/{rule_id}": {"delete"},
    "/api/spaces/{slug}/datasets": {"get", "post"},
    "/api/spaces/{slug}/datasets/{dataset_id}": {"delete", "patch"},
    "/api/spaces/{slug}/events": {"get", "post"},
    "/api/spaces/{slug}/events/{event_id}": {"get", "patch"},
    "/api/spaces/{slug}/events/{event_id}/registration": {"delete", "post"},
    "/api/spaces/{slug}/events/{event_id}/cancel": {"post"},
    "/api/spaces/{slug}/events/{event_id}/registrations": {"get", "post"},
    "/api/spaces/{slug}/events/{event_id}/check-ins": {"get", "post"},
    "/api/spaces/{slug}/events/{event_id}/notes": {"get", "post"},
    "/api/spaces/{slug}/events/{event_id}/ideas": {"post"},
    "/api/spaces/{slug}/teams": {"get", "post"},
    "/api/spaces/{slug}/teams/{team_id}": {"get", "patch"},
    "/api/spaces/{slug}/teams/{team_id}/join-requests": {"post"},
    "/api/spaces/{slug}/teams/{team_id}/invitations": {"get", "post"},
    "/api/spaces/{slug}/team-invitations": {"get"},
    "/api/spaces/{slug}/team-invitations/{invitation_id}/answer": {"post"},
    "/api/spaces/{slug}/team-invitations/{invitation_id}": {"delete"},
    "/api/spaces/{slug}/teams/{team_id}/members/{member_id}": {"delete", "patch"},
    "/api/spaces/{slug}/teams/{team_id}/membership": {"delete"},
    "/api/spaces/{slug}/board": {"get"},
    "/api/spaces/{slug}/board/me": {"delete", "put"},
    "/api/spaces/{slug}/prototypes": {"get", "post"},
    "/api/spaces/{slug}/prototypes/{prototype_id}": {"get", "patch"},
    "/api/spaces/{slug}/prototypes/tests/{session_id}/feedback": {"post"},
    "/api/spaces/{slug}/prototypes/{prototype_id}/versions": {"post"},
    "/api/spaces/{slug}/prototypes/{prototype_id}/stage": {"post"},
    "/api/spaces/{slug}/prototypes/{prototype_id}/tests": {"post"},
    "/api/spaces/{slug}/prototypes/tests/{session_id}/invitations": {"get", "post"},
    "/api/spaces/{slug}/prototypes/tests/{session_id}/paper-feedback": {"post"},
    "/api/spaces/{slug}/prototypes/{prototype_id}/feedback": {"get"},
    "/api/spaces/{slug}/entries": {"get", "post"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/results": {"get", "post"},
    "/api/spaces/{slug}/entries/{entry_id}": {"delete"},
    "/api/spaces/{slug}/rubrics": {"get", "post"},
    "/api/spaces/{slug}/rubrics/{rubric_id}": {"get", "patch"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/criteria": {"post"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/judges": {"get", "post"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/conflicts": {"put"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/entries/{entry_id}/scores": {"put"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/next-pair": {"get"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/comparisons": {"post"},
    "/api/spaces/{slug}/rubrics/{rubric_id}/preview": {"get"},
    "/api/spaces/{slug}/condensed-proposals": {"get", "post"},
    "/api/spaces/{slug}/condensed-proposals/{condensed_id}/vote": {"delete", "post"},
    "/api/spaces/{slug}/condensed-proposals/results": {"get"},
    "/api/spaces/{slug}/condensed-proposals/{condensed_id}": {"get", "put"},
    "/api/spaces/{slug}/condensed-proposals/{condensed_id}/originals": {"post"},
    "/api/spaces/{slug}/condensed-proposals/{condensed_id}/originals/{idea_id}": {"delete"},
    "/api/spaces/{slug}/condensed-proposals/{condensed_id}/withdrawal": {"delete", "post"},
    "/api/spaces/{slug}/co-design/invitations": {"get", "post"},
    "/api/spaces/{slug}/co-design/invitations/{invitation_id}": {"get"},
    "/api/spaces/{slug}/co-design/invitations/{invitation_id}/answer": {"put"},
    "/api/spaces/{slug}/support/needs": {"get", "post"},
    "/api/spaces/{slug}/support/offers": {"get", "post"},
    "/api/spaces/{slug}/support/kinds": {"get", "post"},
    "/api/spaces/{slug}/support/needs/{need_id}": {"delete"},
    "/api/spaces/{slug}/support/offers/{offer_id}/close": {"post"},
    "/api/spaces/{slug}/support/matches": {"get", "post"},
    "/api/spaces/{slug}/support/matches/{match_id}/answer": {"post"},
    "/api/spaces/{slug}/support/matches/{match_id}/delivery": {"post"},
    "/api/spaces/{slug}/support/check-ins": {"get", "post"},
    "/api/spaces/{slug}/support/check-ins/mine": {"get"},
    "/api/spaces/{slug}/support/check-ins/{check_in_id}/answer": {"put"},
    "/api/spaces/{slug}/prizes": {"get", "post"},
    "/api/spaces/{slug}/credits": {"get"},
    "/api/spaces/{slug}/recognitions": {"get", "post"},
    "/api/spaces/{slug}/recognitions/{recognition_id}": {"delete"},
    "/api/spaces/{slug}/prizes/{prize_id}": {"get"},
    "/api/spaces/{slug}/prizes/{prize_id}/split": {"put"},
    "/api/spaces/{slug}/prize-shares/{share_id}/payment": {"put"},
    # Dialogue: listening
    "/api/spaces/{slug}/listening/sources": {"get", "post"},
    "/api/spaces/{slug}/listening/signals": {"get"},
    "/api/spaces/{slug}/listening/issues": {"get"},
    "/api/spaces/{slug}/listening/issues/{issue_id}/status": {"post"},
    "/api/spaces/{slug}/listening/issues/{issue_id}/question": {"post"},
    "/api/spaces/{slug}/listening/issues/{issue_id}/challenge": {"post"},
    # Opinion maps
    "/api/spaces/{slug}/statements": {"get", "post"},
    "/api/statements/{statement_id}/moderation": {"post"},
    "/api/statements/{statement_id}/vote": {"put"},
    "/api/spaces/{slug}/opinion-map": {"get"},
    # Dialogue: questions to officials
    "/api/spaces/{slug}/questions": {"get", "post"},
    "/api/spaces/{slug}/similar-questions": {"get"},
    "/api/spaces/{slug}/questions/{question_id}": {"get"},
    "/api/spaces/{slug}/questions/{question_id}/supports": {"delete", "post"},
    "/api/spaces/{slug}/questions/{question_id}/answer": {"post"},
    "/api/spaces/{slug}/questions/{question_id}/decline": {"post"},
    "/api/spaces/{slug}/selection-rounds": {"get", "post"},
    "/api/spaces/{slug}/selection-rounds/{round_id}/selection": {"post"},
    "/api/spaces/{slug}/answer-times": {"get"},
}


def test_openapi_schema_lists_every_operation(visitor):
    response = visitor.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Cocreate API"
    assert {path: set(methods) for path, methods in document["paths"].items()} == OPERATIONS


def test_every_schema_has_its_own_name():
    """Two schemas of the same name would overwrite each other in the OpenAPI document, which
    would then describe one answer with the other's fields."""
    import importlib
    import pkgutil

    from ninja import Schema

    import cocreate.api

    found: dict[str, str] = {}
    for module in pkgutil.walk_packages(cocreate.api.__path__, "cocreate.api."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == loaded.__name__:
                assert name not in found, f"{name} is defined in both {found[name]} and {loaded.__name__}"
                found[name] = loaded.__name__


def test_openapi_schema_describes_both_ways_of_signing_in(visitor):
    schemes = visitor.get("/openapi.json").json()["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_interactive_docs_are_served(visitor):
    response = visitor.client.get("/api/docs")
    assert response.status_code == 200
    assert b"/api/openapi.json" in response.content


# --- Property test: no server error, whatever is sent --------------------------------------------


@dataclass
class Demo:
    """What exists while schemathesis runs: path parameters point at it most of the time."""

    headers: dict = field(default_factory=dict)
    organisations: list = field(default_factory=list)
    slugs: list = field(default_factory=list)
    idea_ids: list = field(default_factory=list)
    phase_ids: list = field(default_factory=list)
    budget_ids: list = field(default_factory=list)


DEMO = Demo()


@pytest.fixture
def connection_kept_open():
    """Django closes "old" connections when a request starts and ends; inside a test's
    transaction that closes the test's own PostgreSQL connection. Django's test client turns
    this off around its requests; schemathesis calls the WSGI application directly, so do it here."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def demo(organisation, organiser, connection_kept_open):
    """A public space "demo", open for ideas, support and comments, with ideas, a comment and a
    theme, and an API key of its organiser (who may do everything in it)."""
    space = factories.open_space(organisation, slug="demo", title="Demo")
    theme = factories.theme(space, "Transport")
    ideas = [
        factories.IdeaFactory(space=space, title="More benches in the park", themes=[theme]),
        factories.IdeaFactory(space=space, title="Night buses on weekends"),
    ]
    idea_services.comment_create(person=organiser, idea=ideas[0], body="Near the playground, please.")
    _token, key = api_token_create(person=organiser, name="Schemathesis")
    DEMO.headers = {"Authorization": f"Bearer {key}"}
    DEMO.organisations = [organisation.slug]
    DEMO.slugs = ["demo"]
    DEMO.idea_ids = [i.pk for i in ideas]
    DEMO.phase_ids = list(space.phases.values_list("pk", flat=True))
    # A budget space with a vote open, in which the organiser may vote.
    budget_space = factories.open_space(organisation, slug="pb", title="Budget", kind="budget")
    factories.change_phases(budget_space, activities=["propose_project", "vote"])
    budget = budget_services.budget_create(person=organiser, space=budget_space, title="City", amount=1000)
    for title in ("New benches", "Tree planting"):
        project = budget_services.project_propose(
            person=organiser, budget=budget, title=title, description="A project described in enough words.", cost=300
        )
        budget_services.project_review(person=organiser, project=project, feasible=True)
    DEMO.slugs = ["demo", "pb"]
    DEMO.budget_ids = [budget.pk]
    yield DEMO
    DEMO.__init__()


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Mostly the demo's space, ideas and phases, sometimes what schemathesis made up."""
    if not path_parameters:
        return st.just(path_parameters)
    known = {"slug": DEMO.slugs, "idea_id": DEMO.idea_ids, "phase_id": DEMO.phase_ids, "budget_id": DEMO.budget_ids}
    choices = {
        name: st.sampled_from([*known.get(name, []), value, *known.get(name, [])])
        for name, value in path_parameters.items()
    }
    return st.fixed_dictionaries(choices)


@schema.hook
def flatmap_body(context, body):
    """Spaces are opened for the demo's organisation about half the time, so that opening one
    gets past "unknown organisation"."""
    if context.operation.label != "POST /api/spaces" or not isinstance(body, dict):
        return st.just(body)
    return st.sampled_from([body, {**body, "organisations": DEMO.organisations}])


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_request_gets_a_server_error_and_every_answer_is_as_documented(case, demo):
    response = case.call(headers=demo.headers)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance])
