"""The challenge set-up API: starting a challenge from a template, its settings and composition
rules, and its dataset catalogue; refusals with the reason, bad input with the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreate.accounts.models import Membership
from cocreate.challenges.models import Challenge, CompositionRule
from cocreate.challenges.services import setup as services
from cocreate.spaces.models import Space
from tests.api.api_client import assert_error
from tests.challenges.factories import challenge_space
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_challenge_and_its_datasets_are_public(visitor):
    space, staff = challenge_space(template="hackathon")
    challenge = Challenge.objects.get(space=space)
    services.composition_rule_add(person=staff, challenge=challenge, label="a coder", match="skill", value="Python")
    services.dataset_add(person=staff, challenge=challenge, title="Stops", licence="OGL", url="https://x.example.org")
    services.dataset_add(
        person=staff,
        challenge=challenge,
        title="Footfall",
        licence="CC BY 4.0",
        file=SimpleUploadedFile("footfall.csv", b"a,b\n"),
    )
    read = visitor.get(f"/spaces/{space.slug}/challenge").json()
    assert read["template"] == "hackathon" and read["composition_rules"][0]["label"] == "a coder"
    datasets = visitor.get(f"/spaces/{space.slug}/datasets").json()
    assert [d["title"] for d in datasets] == ["Footfall", "Stops"]
    assert datasets[0]["file_url"].endswith("/file/") and datasets[1]["file_url"] is None


# --- Staff set the challenge up through the API -----------------------------------------------


def _staff_of(organisation):
    staff = PersonFactory()
    Membership.objects.create(person=staff, organisation=organisation, role="staff")
    return staff


def _start_body(runner, **changes):
    body = {
        "organisation": runner.slug,
        "template": "hackathon",
        "title": "Open data for buses",
        "summary": "Build something useful with the bus data",
        "starts_at": "2027-03-01T09:00:00Z",
    }
    return body | changes


def test_staff_start_a_challenge_from_a_template(api_as):
    organisation, partner = OrganisationFactory(), OrganisationFactory()
    response = api_as(_staff_of(organisation)).post("/challenges", _start_body(organisation, partners=[partner.slug]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["template"] == "hackathon"
    space = Space.objects.get(slug=body["space"])
    assert {o.pk for o in space.organisations.all()} == {organisation.pk, partner.pk}
    assert space.phases.exists()


def test_only_an_organisations_staff_start_a_challenge_for_it(api_as):
    organisation = OrganisationFactory()
    response = api_as(PersonFactory()).post("/challenges", _start_body(organisation))
    assert_error(response, 403, detail="Only staff and administrators")


def test_starting_with_an_unknown_organisation_or_template_names_the_field(api_as):
    organisation = OrganisationFactory()
    api = api_as(_staff_of(organisation))
    assert_error(api.post("/challenges", _start_body(organisation, organisation="no-such-org")), 422, "organisation")
    assert_error(api.post("/challenges", _start_body(organisation, template="bake_off")), 422, "template")
    assert_error(api.post("/challenges", _start_body(organisation, partners=["nobody"])), 422, "partners")
    far = _start_body(organisation, starts_at="9999-12-01T00:00:00Z")  # its phases would end after 9999
    assert_error(api.post("/challenges", far), 422, "starts_at")


@pytest.fixture
def hackathon():
    space, staff = challenge_space(template="hackathon")
    return space, staff


def test_organisers_change_the_settings_and_only_what_they_send(api_as, hackathon):
    space, staff = hackathon
    api = api_as(staff)
    response = api.patch(f"/spaces/{space.slug}/challenge", {"team_min_size": 2, "team_max_size": 5})
    assert response.status_code == 200, response.content
    assert response.json()["team_min_size"] == 2 and response.json()["team_max_size"] == 5
    response = api.patch(f"/spaces/{space.slug}/challenge", {"team_max_size": None})
    assert response.json()["team_max_size"] is None and response.json()["team_min_size"] == 2


def test_changing_the_settings_is_refused_to_others_and_checked(api_as, hackathon):
    space, staff = hackathon
    refused = api_as(PersonFactory()).patch(f"/spaces/{space.slug}/challenge", {"team_min_size": 2})
    assert_error(refused, 403, detail="Only the organisers")
    mixed_up = api_as(staff).patch(f"/spaces/{space.slug}/challenge", {"team_min_size": 4, "team_max_size": 2})
    assert_error(mixed_up, 422, "team_max_size")
    assert_error(api_as(staff).patch(f"/spaces/{space.slug}/challenge", {"votes_per_theme": 0}), 422, "votes_per_theme")


def test_organisers_add_and_remove_composition_rules(api_as, hackathon):
    space, staff = hackathon
    api = api_as(staff)
    rule = {"label": "a coder", "match": "skill", "value": "Python", "minimum": 2}
    response = api.post(f"/spaces/{space.slug}/challenge/rules", rule)
    assert response.status_code == 201, response.content
    rule_id = response.json()["id"]
    assert response.json() | {"id": None} == rule | {"id": None}
    assert api.delete(f"/spaces/{space.slug}/challenge/rules/{rule_id}").status_code == 204
    assert not CompositionRule.objects.filter(pk=rule_id).exists()
    assert api.delete(f"/spaces/{space.slug}/challenge/rules/{rule_id}").status_code == 404


def test_composition_rules_are_refused_to_others_and_checked(api_as, hackathon):
    space, staff = hackathon
    rule = {"label": "a provider", "match": "organisation_kind", "value": "bakery"}
    assert_error(api_as(PersonFactory()).post(f"/spaces/{space.slug}/challenge/rules", rule), 403)
    assert_error(api_as(staff).post(f"/spaces/{space.slug}/challenge/rules", rule), 422, "value")
    assert_error(api_as(staff).post(f"/spaces/{space.slug}/challenge/rules", rule | {"match": "x"}), 422, "match")


def test_organisers_list_datasets_by_their_links(api_as, visitor, hackathon):
    space, staff = hackathon
    api = api_as(staff)
    body = {"title": "Bus stops", "url": "https://data.example.org/stops", "licence": "OGL", "data_format": "CSV"}
    response = api.post(f"/spaces/{space.slug}/datasets", body)
    assert response.status_code == 201, response.content
    dataset_id = response.json()["id"]
    changed = api.patch(f"/spaces/{space.slug}/datasets/{dataset_id}", {"licence": "CC BY 4.0"})
    assert changed.status_code == 200 and changed.json()["licence"] == "CC BY 4.0"
    assert changed.json()["title"] == "Bus stops"
    assert [d["licence"] for d in visitor.get(f"/spaces/{space.slug}/datasets").json()] == ["CC BY 4.0"]
    assert api.delete(f"/spaces/{space.slug}/datasets/{dataset_id}").status_code == 204
    assert visitor.get(f"/spaces/{space.slug}/datasets").json() == []


def test_datasets_are_refused_to_others_and_checked(api_as, hackathon):
    space, staff = hackathon
    body = {"title": "Stops", "url": "https://data.example.org/stops", "licence": "OGL"}
    refused = api_as(PersonFactory()).post(f"/spaces/{space.slug}/datasets", body)
    assert_error(refused, 403, detail="Only the organisers")
    assert_error(api_as(staff).post(f"/spaces/{space.slug}/datasets", body | {"licence": ""}), 422, "licence")
    assert_error(api_as(staff).post(f"/spaces/{space.slug}/datasets", body | {"url": "not a link"}), 422, "url")
    dataset = services.dataset_add(person=staff, challenge=Challenge.objects.get(space=space), **body)
    assert_error(api_as(PersonFactory()).delete(f"/spaces/{space.slug}/datasets/{dataset.pk}"), 403)
