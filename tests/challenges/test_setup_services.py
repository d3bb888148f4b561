"""Starting a challenge from a template, its settings, team composition rules and datasets."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreate.challenges.models import Challenge, CompositionRule, Dataset
from cocreate.challenges.services import setup as services
from cocreate.challenges.templates_catalogue import CATALOGUE
from cocreate.spaces.models import ActionLog, Phase, Space
from tests.challenges.factories import challenge_space
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

AGREED_ACTIVITIES = {
    "submit_idea", "support", "comment", "register_for_event", "form_team", "join_team", "submit_prototype",
    "give_feedback", "submit_entry", "judge", "vote_condensed", "ask_for_support", "offer_support",
}  # fmt: skip
START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def council():
    organisation = OrganisationFactory(kind="public_agency")
    staff = PersonFactory()
    MembershipFactory(person=staff, organisation=organisation, role="staff")
    return organisation, staff


def start(council, template="competition", **fields):
    organisation, staff = council
    return services.challenge_start(
        person=staff,
        organisation=organisation,
        template=template,
        title=fields.pop("title", "Transformed by You"),
        summary="Ideas for Kent's public services",
        question="How could public services work better for you?",
        starts_at=START,
        **fields,
    )


def test_templates_only_use_the_agreed_activity_names():
    for plan in CATALOGUE.values():
        assert plan.activities() <= AGREED_ACTIVITIES, plan.template


def test_template_activities_can_be_chosen_on_the_phase_pages():
    from cocreate.spaces.registry import phase_activity_choices

    offered = {name for name, _label in phase_activity_choices()}
    for plan in CATALOGUE.values():
        assert plan.activities() <= offered, sorted(plan.activities() - offered)


@pytest.mark.parametrize("template", sorted(CATALOGUE))
def test_starting_from_a_template_creates_its_dated_phases(council, template):
    challenge = start(council, template)
    space = challenge.space
    assert space.kind == "challenge" and challenge.template == template
    plan = CATALOGUE[template]
    phases = list(Phase.objects.filter(space=space).order_by("starts_at"))
    assert [p.title for p in phases] == [str(p.title) for p in plan.phases]
    assert [p.activities for p in phases] == [list(p.activities) for p in plan.phases]
    first = plan.phases[0]
    assert phases[0].starts_at == START + timedelta(days=first.starts_after_days)
    assert phases[-1].ends_at == START + timedelta(days=plan.lasts_days)
    assert ActionLog.objects.filter(space=space, action="challenge_start").exists()


def test_the_partnered_template_starts_with_mixed_team_rules(council):
    challenge = start(council, "partnered")
    assert [r.label for r in challenge.composition_rules.all()] == ["a digital specialist", "a public-service provider"]
    assert challenge.team_min_size == 2


def test_partners_run_the_challenge_too(council):
    partner = OrganisationFactory(kind="charity")
    challenge = start(council, partners=[partner, council[0]])
    assert set(challenge.space.organisations.all()) == {council[0], partner}


def test_only_staff_of_the_organisation_start_a_challenge(council):
    organisation, _staff = council
    member = PersonFactory()
    MembershipFactory(person=member, organisation=organisation, role="member")
    with pytest.raises(PermissionDenied) as refused:
        services.challenge_start(
            person=member,
            organisation=organisation,
            template="hackathon",
            title="Hack",
            summary="Hack",
            starts_at=START,
        )
    assert "Only staff and administrators" in str(refused.value)
    assert not Space.objects.exists()


def test_a_challenge_needs_a_title_and_a_known_template(council):
    with pytest.raises(ValidationError) as error:
        start(council, "bake_off")
    assert "template" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        start(council, title="  ")
    assert "title" in error.value.message_dict


def test_settings_are_checked_and_saved():
    space, staff = challenge_space()
    challenge = Challenge.objects.get(space=space)
    with pytest.raises(ValidationError) as error:
        services.challenge_update(person=staff, challenge=challenge, team_min_size=4, team_max_size=2)
    assert "cannot be smaller" in error.value.message_dict["team_max_size"][0]
    services.challenge_update(
        person=staff,
        challenge=challenge,
        team_min_size=2,
        team_max_size="",
        one_team_per_person=False,
        votes_per_theme=3,
        co_design_places=2,
    )
    challenge.refresh_from_db()
    assert (challenge.team_min_size, challenge.team_max_size, challenge.one_team_per_person) == (2, None, False)
    assert (challenge.votes_per_theme, challenge.co_design_places) == (3, 2)
    with pytest.raises(PermissionDenied):
        services.challenge_update(person=PersonFactory(), challenge=challenge, votes_per_theme=1)


def test_composition_rules_are_added_and_removed_by_organisers():
    space, staff = challenge_space()
    challenge = Challenge.objects.get(space=space)
    rule = services.composition_rule_add(
        person=staff,
        challenge=challenge,
        label="a public-service provider",
        match="organisation_kind",
        value="public_agency",
    )
    with pytest.raises(ValidationError) as error:
        services.composition_rule_add(
            person=staff, challenge=challenge, label="a funder", match="organisation_kind", value="bank"
        )
    assert "Choose one of the kinds of organisation" in error.value.message_dict["value"][0]
    with pytest.raises(ValidationError) as error:
        services.composition_rule_add(person=staff, challenge=challenge, label="", match="skill", value="")
    assert set(error.value.message_dict) == {"label", "value"}
    services.composition_rule_remove(person=staff, rule=rule)
    assert not CompositionRule.objects.exists()


def test_a_dataset_needs_a_licence_and_a_link_or_a_file():
    space, staff = challenge_space(template="hackathon")
    challenge = Challenge.objects.get(space=space)
    with pytest.raises(ValidationError) as error:
        services.dataset_add(person=staff, challenge=challenge, title="Bus stops")
    assert "licence" in error.value.message_dict["licence"][0]
    assert "link to the data, or upload the file" in error.value.message_dict["url"][0]
    linked = services.dataset_add(
        person=staff, challenge=challenge, title="Bus stops", licence="OGL v3.0", url="https://data.example.org/stops"
    )
    uploaded = services.dataset_add(
        person=staff,
        challenge=challenge,
        title="Footfall",
        licence="CC BY 4.0",
        file=SimpleUploadedFile("footfall.csv", b"day,count\n1,20\n"),
    )
    assert uploaded.file.name.endswith(".csv") and linked.url
    services.dataset_update(person=staff, dataset=linked, title="Bus stops 2026")
    assert Dataset.objects.get(pk=linked.pk).title == "Bus stops 2026"
    with pytest.raises(ValidationError):
        services.dataset_update(person=staff, dataset=linked, url="")
    services.dataset_remove(person=staff, dataset=uploaded)
    assert list(Dataset.objects.values_list("title", flat=True)) == ["Bus stops 2026"]


def test_a_dataset_link_must_be_a_web_address():
    space, staff = challenge_space(template="hackathon")
    challenge = Challenge.objects.get(space=space)
    with pytest.raises(ValidationError) as error:
        services.dataset_add(person=staff, challenge=challenge, title="X", licence="OGL", url="ftp://x")
    assert "https://" in error.value.message_dict["url"][0]
