"""The set-up pages: starting a challenge from a template, its settings and rules, and the
dataset catalogue (public list, organisers' forms, file download after the permission check)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocreate.challenges.models import Challenge, CompositionRule, Dataset
from cocreate.challenges.services import setup as services
from cocreate.spaces.models import Phase, Space
from tests.challenges.factories import challenge_space
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(name, space, **kwargs):
    return reverse(f"challenges:{name}", kwargs={"slug": space.slug, **kwargs})


@pytest.fixture
def hackathon():
    space, staff = challenge_space(template="hackathon")
    return space, staff, Challenge.objects.get(space=space)


def test_staff_start_a_challenge_from_a_template(client):
    organisation = OrganisationFactory()
    staff = PersonFactory()
    MembershipFactory(person=staff, organisation=organisation, role="admin")
    client.force_login(staff)
    page = client.get(reverse("challenge_start"))
    assert page.status_code == 200 and "Hackathon on open data" in page.text
    response = client.post(
        reverse("challenge_start"),
        {
            "template": "hackathon",
            "organisation": organisation.pk,
            "title": "Hack the North",
            "summary": "Open data for the North",
            "visibility": "public",
            "starts_at": "2026-06-01T09:00",
        },
    )
    space = Space.objects.get(title="Hack the North")
    assert response.status_code == 302 and response.url == url("setup_settings", space)
    assert Phase.objects.filter(space=space).count() == 3
    settings_page = client.get(response.url)
    first = Phase.objects.filter(space=space).order_by("starts_at").first()
    assert reverse("spaces:phase_edit", kwargs={"slug": space.slug, "phase_id": first.pk}) in settings_page.text


def test_people_who_run_no_organisation_are_told_they_cannot_start_one(client):
    client.force_login(PersonFactory())
    response = client.get(reverse("challenge_start"))
    assert response.status_code == 403
    assert "Only staff and administrators" in response.text


def test_the_start_form_says_what_is_missing(client):
    organisation = OrganisationFactory()
    staff = PersonFactory()
    MembershipFactory(person=staff, organisation=organisation, role="staff")
    client.force_login(staff)
    response = client.post(reverse("challenge_start"), {"organisation": organisation.pk, "visibility": "public"})
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not Space.objects.exists()


def test_organisers_change_the_settings_and_others_are_refused(client, hackathon):
    space, staff, challenge = hackathon
    client.force_login(PersonFactory())
    assert client.get(url("setup_settings", space)).status_code == 403
    client.force_login(staff)
    response = client.post(
        url("setup_settings", space),
        {"team_min_size": 2, "team_max_size": 1, "votes_per_theme": 1, "co_design_places": 1},
    )
    assert "cannot be smaller" in response.text
    client.post(
        url("setup_settings", space),
        {"team_min_size": 2, "team_max_size": 5, "votes_per_theme": 1, "co_design_places": 1},
    )
    challenge.refresh_from_db()
    assert (challenge.team_max_size, challenge.one_team_per_person) == (5, False)


def test_organisers_add_and_remove_a_composition_rule(client, hackathon):
    space, staff, _challenge = hackathon
    client.force_login(staff)
    response = client.post(
        url("setup_rule_new", space),
        {"label": "a digital specialist", "minimum": 1, "match": "skill", "value": "Software development"},
    )
    assert response.status_code == 302
    rule = CompositionRule.objects.get()
    assert "a digital specialist" in client.get(url("setup_settings", space)).text
    client.post(url("setup_rule_remove", space, rule_id=rule.pk))
    assert not CompositionRule.objects.exists()


def test_the_catalogue_is_public_with_a_constant_number_of_queries(client, hackathon, django_assert_num_queries):
    space, staff, challenge = hackathon

    def add(n):
        for _i in range(n):
            services.dataset_add(
                person=staff,
                challenge=challenge,
                title=f"Data {Dataset.objects.count()}",
                licence="OGL",
                url="https://data.example.org/x",
            )

    add(2)
    client.get(url("setup_datasets", space))  # warm the caches of the space
    # The space's versions, the challenge with its rules (2), the datasets.
    with django_assert_num_queries(4):
        assert client.get(url("setup_datasets", space)).status_code == 200
    add(8)
    with django_assert_num_queries(4):
        response = client.get(url("setup_datasets", space))
    assert response.text.count("Get the data") == 10


def test_a_dataset_without_licence_is_refused_with_the_reason(client, hackathon):
    space, staff, _challenge = hackathon
    client.force_login(staff)
    response = client.post(url("setup_dataset_new", space), {"title": "Bus stops", "url": "https://x.example.org"})
    assert response.status_code == 200 and "Say under which licence" in response.text
    assert not Dataset.objects.exists()


def test_an_uploaded_dataset_is_downloaded_by_readers_of_the_space(client, hackathon):
    space, staff, _challenge = hackathon
    client.force_login(staff)
    client.post(
        url("setup_dataset_new", space),
        {"title": "Footfall", "licence": "CC BY 4.0", "file": SimpleUploadedFile("footfall.csv", b"day,count\n")},
    )
    dataset = Dataset.objects.get()
    client.logout()
    response = client.get(url("setup_dataset_file", space, dataset_id=dataset.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"day,count\n"
    Space.objects.filter(pk=space.pk).update(visibility="private")
    assert client.get(url("setup_dataset_file", space, dataset_id=dataset.pk)).status_code == 404


def test_organisers_edit_and_remove_a_dataset(client, hackathon):
    space, staff, challenge = hackathon
    dataset = services.dataset_add(
        person=staff, challenge=challenge, title="Bus stops", licence="OGL", url="https://data.example.org/s"
    )
    client.force_login(staff)
    client.post(
        url("setup_dataset_edit", space, dataset_id=dataset.pk),
        {"title": "Bus stops 2026", "licence": "OGL", "url": "https://data.example.org/s"},
    )
    assert Dataset.objects.get().title == "Bus stops 2026"
    assert "Remove “Bus stops 2026”" in client.get(url("setup_dataset_remove", space, dataset_id=dataset.pk)).text
    client.post(url("setup_dataset_remove", space, dataset_id=dataset.pk))
    assert not Dataset.objects.exists()
    client.force_login(PersonFactory())
    assert client.get(url("setup_dataset_new", space)).status_code == 403


def test_set_up_pages_are_not_found_in_spaces_that_are_not_challenges(client):
    space = Space.objects.create(slug="budget", title="Budget", summary="x", kind="budget")
    assert client.get(reverse("challenges:setup_datasets", kwargs={"slug": space.slug})).status_code == 404
