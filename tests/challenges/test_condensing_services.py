"""Condensing: originals stay open with their supports (unlike a merge), the vote is limited per
sub-theme under a lock with a clear message, counters are stored and recounted, and co-design
invitations go to the authors of the originals inside the top proposals only."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from cocreate.accounts.personal_data import erasers, export_sections
from cocreate.challenges.models import (
    CoDesignInvitation,
    CoDesignStatus,
    CondensedProposal,
    CondensedSource,
    CondensedVote,
    Event,
)
from cocreate.challenges.services import condensing as services
from cocreate.ideas import services as idea_services
from cocreate.ideas.models import Idea, IdeaAuthor, IdeaStatus, Support, Theme
from cocreate.notifications.models import Notification, NotificationKind
from cocreate.spaces.models import ActionLog, Space, SpaceRole
from tests.challenges.condensing_factories import condensed, idea, question, voter
from tests.factories import PersonFactory, change_phases

pytestmark = pytest.mark.django_db


def close_vote(q):
    """The phase ended yesterday; `q.space` is read again (phases are remembered per version)."""
    change_phases(q.space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=1))
    q.space = Space.objects.get(pk=q.space.pk)


# --- Condensed proposals -------------------------------------------------------------------


def test_originals_stay_open_with_their_supports_and_are_linked():
    q = question()
    first, second = idea(q, supporters=3), idea(q, supporters=1)
    versions = {i.pk: i.version for i in (first, second)}
    space_version = Space.objects.get(pk=q.space.pk).version
    proposal = condensed(q, [first, second])
    assert set(proposal.originals.values_list("pk", flat=True)) == {first.pk, second.pk}
    for original in Idea.objects.filter(pk__in=[first.pk, second.pk]):
        assert original.status == IdeaStatus.SUBMITTED
        assert original.merged_into_id is None
        assert original.is_open
        assert original.version == versions[original.pk] + 1  # its page now says "included in"
    assert Idea.objects.get(pk=first.pk).supports_count == 3
    assert Idea.objects.get(pk=second.pk).supports_count == 1
    assert Space.objects.get(pk=q.space.pk).version > space_version
    assert ActionLog.objects.filter(action="condensed_create", object_id=proposal.pk).exists()
    # Still open: people can go on supporting an original.
    idea_services.idea_support(person=PersonFactory(), idea=Idea.objects.get(pk=second.pk))
    assert Idea.objects.get(pk=second.pk).supports_count == 2


def test_merge_closes_the_sources_but_condensing_does_not():
    q = question()
    target, merged_source, condensed_source = idea(q), idea(q, supporters=2), idea(q, supporters=2)
    idea_services.ideas_merge(person=q.staff, target=target, sources=[merged_source])
    condensed(q, [target, condensed_source])
    merged_source.refresh_from_db()
    condensed_source.refresh_from_db()
    assert merged_source.status == IdeaStatus.MERGED and merged_source.merged_into_id == target.pk
    assert Support.objects.filter(idea=target, carried_from=merged_source).count() == 2
    assert condensed_source.status == IdeaStatus.SUBMITTED and condensed_source.merged_into_id is None
    assert not Support.objects.filter(carried_from=condensed_source).exists()
    assert condensed_source.supports_count == 2
    # A merged idea is not condensed: its target is.
    with pytest.raises(ValidationError) as refused:
        condensed(q, [merged_source], title="Clinics again")
    assert "merged into another idea" in str(refused.value)


def test_originals_must_be_visible_ideas_of_the_same_space():
    q, elsewhere = question(), question()
    hidden = idea(q)
    Idea.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    withdrawn = idea(q)
    Idea.objects.filter(pk=withdrawn.pk).update(status=IdeaStatus.WITHDRAWN)
    with pytest.raises(ValidationError) as refused:
        condensed(q, [idea(elsewhere)])
    assert refused.value.message_dict["ideas"] == ["Only ideas of this space can be included."]
    with pytest.raises(ValidationError) as refused:
        condensed(q, [hidden])
    assert "hidden by a moderator" in " ".join(refused.value.message_dict["ideas"])
    with pytest.raises(ValidationError) as refused:
        condensed(q, [withdrawn])
    assert "withdrawn by its author" in " ".join(refused.value.message_dict["ideas"])
    with pytest.raises(ValidationError) as refused:
        condensed(q, [])
    assert refused.value.message_dict["ideas"] == ["Choose at least one idea to include."]
    assert not CondensedProposal.objects.exists()


def test_the_sub_theme_must_be_one_of_the_space():
    q, elsewhere = question(), question()
    with pytest.raises(ValidationError) as refused:
        condensed(q, [idea(q)], theme=elsewhere.health)
    assert refused.value.message_dict["theme"] == ["Choose a sub-theme from the list of this space."]
    with pytest.raises(ValidationError) as refused:
        services.condensed_create(person=q.staff, space=q.space, title="Clinics", body="x" * 20, theme=None, ideas=[])
    assert "theme" in refused.value.message_dict and "ideas" in refused.value.message_dict


def test_a_space_without_themes_is_told_to_add_them_first():
    q = question()
    Theme.objects.filter(space=q.space).delete()
    with pytest.raises(ValidationError) as refused:
        services.condensed_create(person=q.staff, space=q.space, title="Clinics", body="x" * 20, theme="", ideas=[])
    assert "no themes yet" in refused.value.message_dict["theme"][0]


def test_only_organisers_and_moderators_condense():
    q = question()
    original = idea(q)
    with pytest.raises(PermissionDenied) as refused:
        services.condensed_create(
            person=PersonFactory(), space=q.space, title="Clinics", body="x" * 20, theme=q.health, ideas=[original]
        )
    assert "organisers and moderators" in str(refused.value)
    moderator = PersonFactory()
    SpaceRole.objects.create(space=q.space, person=moderator, role="moderator")
    made = services.condensed_create(
        person=moderator, space=q.space, title="Clinics", body="x" * 20, theme=q.health, ideas=[original]
    )
    assert made.created_by == moderator


def test_authors_of_the_originals_are_told_once_each(django_capture_on_commit_callbacks):
    q = question()
    ana, bia = PersonFactory(), PersonFactory()
    first, second = idea(q, author=ana), idea(q, author=ana)
    third = idea(q, author=bia)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = condensed(q, [first, second])
    told = Notification.objects.filter(kind=NotificationKind.CONDENSED)
    assert list(told.values_list("recipient_id", flat=True)) == [ana.pk]
    assert told.get().link == services.condensed_link(proposal)
    assert "Better clinics" in told.get().sentence()
    with django_capture_on_commit_callbacks(execute=True):
        services.condensed_add_original(person=q.staff, condensed=proposal, idea=third)
    assert set(told.values_list("recipient_id", flat=True)) == {ana.pk, bia.pk}
    assert told.count() == 2


def test_adding_and_taking_out_originals_keeps_at_least_one():
    q = question()
    first, second = idea(q), idea(q)
    proposal = condensed(q, [first])
    with pytest.raises(ValidationError) as refused:
        services.condensed_add_original(person=q.staff, condensed=proposal, idea=first)
    assert "already included" in str(refused.value)
    added = services.condensed_add_originals(person=q.staff, condensed=proposal, ideas=[first, second])
    assert [i.pk for i in added] == [second.pk]
    services.condensed_remove_original(person=q.staff, condensed=proposal, idea=first)
    assert list(CondensedSource.objects.filter(condensed=proposal).values_list("idea_id", flat=True)) == [second.pk]
    assert Idea.objects.get(pk=first.pk).is_open
    with pytest.raises(ValidationError) as refused:
        services.condensed_remove_original(person=q.staff, condensed=proposal, idea=second)
    assert "at least one original idea" in str(refused.value)


def test_the_sub_theme_cannot_change_once_voted_on():
    q = question()
    proposal = condensed(q, [idea(q)])
    services.condensed_update(
        person=q.staff, condensed=proposal, title="Clinics near home", body="x" * 20, theme=q.education
    )
    voter(q, [proposal])
    with pytest.raises(ValidationError) as refused:
        services.condensed_update(person=q.staff, condensed=proposal, title="Clinics", body="x" * 20, theme=q.health)
    assert "already voted" in refused.value.message_dict["theme"][0]
    changed = services.condensed_update(
        person=q.staff, condensed=proposal, title="Clinics near you", body="y" * 20, theme=q.education
    )
    assert changed.title == "Clinics near you"


# --- The vote ------------------------------------------------------------------------------


def test_one_vote_per_sub_theme_with_a_clear_message():
    q = question()
    clinics = condensed(q, [idea(q)], title="Better clinics")
    doctors = condensed(q, [idea(q)], title="More doctors")
    schools = condensed(q, [idea(q)], title="Open schools", theme=q.education)
    person = voter(q, [clinics, schools])
    with pytest.raises(ValidationError) as refused:
        services.condensed_vote(person=person, condensed=doctors)
    assert refused.value.messages == [
        "You have already chosen 1 proposal in Health; withdraw that vote to choose this one."
    ]
    assert CondensedProposal.objects.get(pk=doctors.pk).votes_count == 0
    assert services.condensed_unvote(person=person, condensed=clinics)
    _vote, created = services.condensed_vote(person=person, condensed=doctors)
    assert created
    counts = dict(CondensedProposal.objects.values_list("title", "votes_count"))
    assert counts == {"Better clinics": 0, "More doctors": 1, "Open schools": 1}


def test_a_second_vote_for_the_same_proposal_is_not_counted():
    q = question()
    clinics = condensed(q, [idea(q)])
    person = voter(q, [clinics])
    _vote, created = services.condensed_vote(person=person, condensed=clinics)
    assert not created
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 1
    assert CondensedVote.objects.filter(person=person).count() == 1


def test_the_limit_follows_the_challenge_setting():
    q = question(votes_per_theme=2)
    proposals = [condensed(q, [idea(q)], title=f"Clinic plan {n}") for n in range(3)]
    person = voter(q, proposals[:2])
    with pytest.raises(ValidationError) as refused:
        services.condensed_vote(person=person, condensed=proposals[2])
    assert "already chosen 2 proposals in Health" in refused.value.messages[0]


def test_withdrawn_proposals_do_not_use_up_a_vote():
    q = question()
    clinics, doctors = condensed(q, [idea(q)]), condensed(q, [idea(q)], title="More doctors")
    person = voter(q, [clinics])
    CondensedProposal.objects.filter(pk=clinics.pk).update(hidden_at=timezone.now())
    _vote, created = services.condensed_vote(person=person, condensed=doctors)
    assert created


def test_voting_only_while_the_vote_is_open_and_by_residents_where_asked():
    q = question()
    clinics = condensed(q, [idea(q)])
    Space.objects.filter(pk=q.space.pk).update(residency_required_for=["vote_condensed"], residency_area="Porto Alegre")
    clinics = CondensedProposal.objects.select_related("space").get(pk=clinics.pk)
    with pytest.raises(PermissionDenied) as refused:
        services.condensed_vote(person=PersonFactory(), condensed=clinics)
    assert "Only verified residents of Porto Alegre" in str(refused.value)
    Space.objects.filter(pk=q.space.pk).update(residency_required_for=[])
    close_vote(q)
    clinics = CondensedProposal.objects.select_related("space").get(pk=clinics.pk)
    with pytest.raises(PermissionDenied) as refused:
        services.condensed_vote(person=PersonFactory(), condensed=clinics)
    assert "ended on" in str(refused.value)


def test_recount_rebuilds_the_vote_counters():
    q = question()
    clinics = condensed(q, [idea(q)])
    voter(q, [clinics])
    voter(q, [clinics])
    CondensedProposal.objects.filter(pk=clinics.pk).update(votes_count=7)
    assert services.condensed_recount(space=q.space) == 1
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 2
    assert services.condensed_recount() == 0
    CondensedProposal.objects.filter(pk=clinics.pk).update(votes_count=0)
    out = StringIO()
    call_command("recount", space=q.space.slug, stdout=out)
    assert "1 condensed proposal(s) had a wrong vote counter" in out.getvalue()
    assert CondensedProposal.objects.get(pk=clinics.pk).votes_count == 2


# --- Co-design -----------------------------------------------------------------------------


def _voted(q, proposal, times: int):
    for _n in range(times):
        voter(q, [proposal])


def test_co_design_invitations_go_to_the_authors_of_the_top_proposals_only(django_capture_on_commit_callbacks):
    q = question()
    ana, bia, caio, duda = (PersonFactory() for _n in range(4))
    top = condensed(q, [idea(q, author=ana), idea(q, author=ana), idea(q, author=bia)], title="Top clinics")
    second = condensed(q, [idea(q, author=caio)], title="Second clinics")
    schools = condensed(q, [idea(q, author=duda)], title="Open schools", theme=q.education)
    _voted(q, top, 3)
    _voted(q, second, 2)
    _voted(q, schools, 1)
    close_vote(q)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.co_design_invite(person=q.staff, space=Space.objects.get(pk=q.space.pk))
    invited = {(i.condensed_id, i.person_id) for i in CoDesignInvitation.objects.all()}
    assert invited == {(top.pk, ana.pk), (top.pk, bia.pk), (schools.pk, duda.pk)}  # ana once, caio not at all
    assert len(made) == 3
    told = Notification.objects.filter(kind=NotificationKind.CO_DESIGN)
    assert set(told.values_list("recipient_id", flat=True)) == {ana.pk, bia.pk, duda.pk}
    assert all("/proposals/co-design/" in n.link for n in told)
    with pytest.raises(ValidationError) as refused:
        services.co_design_invite(person=q.staff, space=q.space)
    assert "already been invited" in str(refused.value)


def test_ties_are_broken_by_the_supports_of_the_originals():
    q = question()
    ana, bia = PersonFactory(), PersonFactory()
    less = condensed(q, [idea(q, author=ana, supporters=1)], title="Fewer supports")
    more = condensed(q, [idea(q, author=bia, supporters=3)], title="More supports")
    _voted(q, less, 2)
    _voted(q, more, 2)
    condensed(q, [idea(q)], title="No votes at all", theme=q.education)
    close_vote(q)
    services.co_design_invite(person=q.staff, space=q.space)
    assert list(CoDesignInvitation.objects.values_list("condensed_id", "person_id")) == [(more.pk, bia.pk)]


def test_co_design_waits_for_the_vote_to_close_and_takes_an_event_of_the_space():
    q, elsewhere = question(), question()
    proposal = condensed(q, [idea(q)])
    _voted(q, proposal, 1)
    with pytest.raises(PermissionDenied) as refused:
        services.co_design_invite(person=q.staff, space=q.space)
    assert "still open" in str(refused.value)
    close_vote(q)
    now = timezone.now()
    other_event = Event.objects.create(
        space=elsewhere.space,
        kind="co_design",
        title="Elsewhere",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    with pytest.raises(ValidationError) as refused:
        services.co_design_invite(person=q.staff, space=q.space, event=other_event)
    assert refused.value.message_dict["event"] == ["Choose an event of this space."]
    event = Event.objects.create(
        space=q.space,
        kind="co_design",
        title="Co-design day",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    [invitation] = services.co_design_invite(person=q.staff, space=q.space, event=event)
    assert invitation.event == event
    with pytest.raises(PermissionDenied):
        services.co_design_invite(person=PersonFactory(), space=q.space)


def test_offline_authors_are_listed_but_not_invited():
    q = question(activities=("submit_idea", "support", "vote_condensed"))
    offline_idea = idea_services.idea_submit(
        person=q.staff,
        space=q.space,
        title="A clinic open at night",
        body="Said at the town meeting in May.",
        origin="event",
        event_name="Town meeting",
        offline_author_name="Seu Jorge",
    )
    proposal = condensed(q, [offline_idea])
    _voted(q, proposal, 1)
    close_vote(q)
    plan = services.co_design_plan(space=q.space)
    assert [p.display_name for p in plan[proposal.pk]] == ["Seu Jorge"]
    with pytest.raises(ValidationError):
        services.co_design_invite(person=q.staff, space=q.space)


def test_only_the_invited_person_answers_and_may_change_their_mind():
    q = question()
    ana = PersonFactory()
    proposal = condensed(q, [idea(q, author=ana)])
    _voted(q, proposal, 1)
    close_vote(q)
    [invitation] = services.co_design_invite(person=q.staff, space=q.space)
    with pytest.raises(PermissionDenied) as refused:
        services.co_design_answer(person=PersonFactory(), invitation=invitation, accept=True)
    assert "Only the person invited" in str(refused.value)
    assert services.co_design_answer(person=ana, invitation=invitation, accept=True).status == CoDesignStatus.ACCEPTED
    answered = services.co_design_answer(person=ana, invitation=invitation, accept=False)
    assert answered.status == CoDesignStatus.DECLINED and answered.answered_at


# --- Personal data -------------------------------------------------------------------------


def test_votes_and_invitations_are_in_the_download_and_pending_invitations_end_with_the_account():
    q = question()
    ana = PersonFactory()
    proposal = condensed(q, [idea(q, author=ana)])
    voter(q, [proposal], person=ana)
    close_vote(q)
    services.co_design_invite(person=q.staff, space=q.space)
    sections = export_sections()
    votes = sections["votes on condensed proposals"](ana)
    assert votes[0]["title"] == "Better clinics" and votes[0]["sub_theme"] == "Health"
    invitations = sections["co-design invitations"](ana)
    assert invitations[0]["status"] == "sent"
    for erase in erasers():
        if erase.__module__.endswith("condensing"):
            erase(ana)
    assert CoDesignInvitation.objects.get(person=ana).status == CoDesignStatus.DECLINED
    assert CondensedProposal.objects.get(pk=proposal.pk).votes_count == 1  # the vote stays counted
    assert IdeaAuthor.objects.filter(person=ana).exists()
