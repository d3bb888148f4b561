"""The three other challenge templates, end to end in a real browser (the competition has its own
journey in test_challenge_journey.py): an open question, whose proposals staff condense by
sub-theme, people vote on and whose top authors are invited to co-design; a hackathon on open
data, with its catalogue of datasets, a hack day, teams, entries with code and demo, pairwise
judging and published results; and a partnered programme, whose teams must pair a digital
specialist with a public-service provider before they can enter. Every page visited goes
through axe-core.

As in the competition's journey, what earlier stages left behind is set up through the services
and factories, and time moves on with `open_phase`. Participants use `page`, staff `office`."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreate.accounts.models import FieldOfExpertise
from cocreate.challenges.models import (
    CoDesignInvitation,
    CondensedProposal,
    CondensedVote,
    Dataset,
    Entry,
    EntryResult,
    Event,
    Registration,
    Rubric,
    Team,
)
from cocreate.challenges.services import condensing as condensing_services
from cocreate.challenges.services import judging as judging_services
from cocreate.challenges.services import teams as team_services
from cocreate.ideas.models import Idea, Theme
from cocreate.spaces.models import Space
from tests import factories
from tests.browser.challenge_steps import open_phase, staff_of, told

expect = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed").expect

pytestmark = pytest.mark.browser


def start_from_template(page, axe_check, organisation, label: str, title: str, phases: tuple[str, ...]) -> Space:
    """Staff, signed in on `page`, start a challenge from the template `label` on the start page."""
    page.goto("/en/spaces/")
    axe_check(page, "the list of spaces")
    page.get_by_role("link", name="Start a challenge from a template").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a challenge")
    axe_check(page, "the start page")
    page.get_by_label(label).check()
    page.get_by_label("Run by").select_option(label=organisation.name)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Summary").fill(f"{title}: tell us what you think.")
    page.get_by_role("button", name="Start the challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How the challenge is run")
    told(page, "The challenge is ready.")
    for phase in phases:
        expect(page.get_by_role("link", name=f"Change the phase “{phase}”")).to_be_visible()
    axe_check(page, f"the settings of {title}")
    return Space.objects.get(title=title)


# --- An open question -----------------------------------------------------------------------

PROPOSALS, CONDENSING, VOTE, CO_DESIGN = (
    "Send your proposals",
    "Condensing the proposals",
    "Vote by sub-theme",
    "Co-design",
)
ANA_IDEA, BEN_IDEA = "Protected cycle lanes to the schools", "Safe bike parking at the station"


def test_an_open_question_is_answered_condensed_by_sub_theme_voted_on_and_its_authors_invited_to_co_design(
    page, office, axe_check, sign_in, sign_out, council
):
    staff = staff_of(council, display_name="Sam Organiser")
    ana = factories.PersonFactory(display_name="Ana Citizen")
    ben = factories.PersonFactory(display_name="Ben Neighbour")
    cleo = factories.PersonFactory(display_name="Cleo Gardener")
    vic = factories.PersonFactory(display_name="Vic Voter")

    # Staff start it from the template.
    sign_in(office, staff)
    space = start_from_template(
        office,
        axe_check,
        council,
        "Open question (proposals, condensing, vote, co-design)",
        "How should Margate get around?",
        (PROPOSALS, CONDENSING, VOTE, CO_DESIGN),
    )
    assert space.challenge.template == "open_question"
    transport = Theme.objects.create(space=space, name="Transport")
    green = Theme.objects.create(space=space, name="Green spaces")
    open_phase(space, PROPOSALS)

    # A citizen sends a proposal in the sub-theme "Transport"; others have sent theirs.
    factories.IdeaFactory(space=space, author=ben, title=BEN_IDEA, themes=[transport.pk])
    factories.IdeaFactory(space=space, author=ben, title="Night buses on Saturdays", themes=[transport.pk])
    factories.IdeaFactory(space=space, author=cleo, title="Trees along the seafront", themes=[green.pk])
    sign_in(page, ana)
    page.goto(space.get_absolute_url())
    axe_check(page, "the open question's space page")
    page.locator("main").get_by_role("link", name="Share an idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share an idea")
    page.get_by_label("Title").fill(ANA_IDEA)
    page.get_by_label("Describe your idea").fill("Kerbs between cars and bikes on the three roads to the schools.")
    page.get_by_label("Transport").check()
    axe_check(page, "the proposal form")
    page.get_by_role("button", name="Preview and check for similar ideas").click()
    axe_check(page, "the proposal's preview")
    page.get_by_role("button", name="Publish your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ANA_IDEA)
    axe_check(page, "the new proposal")
    ana_idea = Idea.objects.get(space=space, title=ANA_IDEA)
    assert list(ana_idea.themes.all()) == [transport]

    # Condensing: staff group the two cycling proposals on the workbench.
    open_phase(space, CONDENSING)
    office.goto(space.get_absolute_url())
    axe_check(office, "the space page, as staff")
    office.locator("main").get_by_role("link", name="Condensed proposals and the vote").click()
    axe_check(office, "the condensed proposals, none yet")
    office.get_by_role("link", name="Group ideas into condensed proposals (staff)").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Group ideas into condensed proposals")
    axe_check(office, "the condensing workbench")
    office.get_by_label("Theme").select_option(label="Transport")
    office.get_by_role("button", name="Show ideas").click()
    expect(office.locator("#id_ideas")).not_to_contain_text("Trees along the seafront")
    axe_check(office, "the workbench, filtered on Transport")
    office.get_by_label(ANA_IDEA).check()
    office.get_by_label(BEN_IDEA).check()
    office.get_by_label("Start a new condensed proposal with them").check()
    office.get_by_role("button", name="Continue").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("New condensed proposal")
    expect(office.get_by_label(ANA_IDEA)).to_be_checked()
    axe_check(office, "the condensed proposal form")
    office.get_by_label("Title", exact=True).fill("Safer cycling to school and the station")
    office.get_by_label("The condensed proposal").fill(
        "Protected lanes on the roads to the schools, and safe parking for bikes at the station."
    )
    office.get_by_label("Sub-theme").select_option(label="Transport")
    office.get_by_role("button", name="Publish the condensed proposal").click()
    told(office, "The condensed proposal is published.")
    expect(office.get_by_role("heading", level=1)).to_have_text("Safer cycling to school and the station")
    axe_check(office, "the new condensed proposal")
    cycling = CondensedProposal.objects.get(space=space, title="Safer cycling to school and the station")
    assert set(cycling.sources.values_list("idea__title", flat=True)) == {ANA_IDEA, BEN_IDEA}
    fresh = Space.objects.get(pk=space.pk)
    night = condensing_services.condensed_create(
        person=staff,
        space=fresh,
        title="Buses late into the night",
        body="Night buses at weekends, so people get home safely.",
        theme=transport,
        ideas=[Idea.objects.get(title="Night buses on Saturdays").pk],
    )
    condensing_services.condensed_create(
        person=staff,
        space=fresh,
        title="A greener seafront",
        body="Trees and shade along the seafront promenade.",
        theme=green,
        ideas=[Idea.objects.get(title="Trees along the seafront").pk],
    )

    # The original says which condensed proposal it is included in.
    page.goto(ana_idea.get_absolute_url())
    expect(page.locator("main")).to_contain_text(
        "Included in condensed proposal Safer cycling to school and the station."
    )
    axe_check(page, "the original proposal, included in a condensed one")

    # The vote, by sub-theme: one vote per sub-theme.
    open_phase(space, VOTE)
    sign_out(page)
    sign_in(page, vic)
    page.goto(reverse("challenges:condensing_list", args=[space.slug]))
    expect(page.get_by_role("heading", level=2, name="Transport")).to_be_visible()
    axe_check(page, "the condensed proposals, to vote")
    # A second tab, opened before the first vote, still offers to vote for the other Transport proposal.
    second_tab = page.context.new_page()
    second_tab.goto(reverse("challenges:condensing_detail", args=[space.slug, night.pk]))
    axe_check(second_tab, "a condensed proposal, to vote")
    page.get_by_role("button", name="Vote for this proposal – Safer cycling to school and the station").click()
    told(page, "Your vote for “Safer cycling to school and the station” is counted.")
    axe_check(page, "the condensed proposals after a vote")
    refusal = "You have already chosen 1 proposal in Transport; withdraw that vote to choose this one."
    expect(page.locator(f"#proposal-{night.pk}")).to_contain_text(refusal)
    expect(page.get_by_role("button", name="Vote for this proposal – Buses late into the night")).to_have_count(0)
    second_tab.get_by_role("button", name="Vote for this proposal – Buses late into the night").click()
    expect(second_tab.get_by_role("alert").filter(has_text=refusal)).to_be_visible()  # the second vote is refused
    axe_check(second_tab, "the refused second vote in a sub-theme")
    second_tab.close()
    assert not CondensedVote.objects.filter(person=vic, proposal=night).exists()
    page.get_by_role("button", name="Vote for this proposal – A greener seafront").click()  # another sub-theme
    told(page, "Your vote for “A greener seafront” is counted.")
    axe_check(page, "the condensed proposals after a vote in each sub-theme")
    assert CondensedVote.objects.filter(person=vic).count() == 2

    # The vote is over: staff invite the top proposals' authors to the co-design workshop.
    open_phase(space, CO_DESIGN)
    starts = timezone.now() + timedelta(days=14)
    Event.objects.create(
        space=space,
        kind="co_design",
        title="Co-design workshop at the town hall",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        time_zone="Europe/London",
        place_name="Margate town hall",
        created_by=staff,
    )
    office.goto(reverse("challenges:condensing_list", args=[space.slug]))
    axe_check(office, "the condensed proposals, after the vote")
    office.get_by_role("link", name="Co-design invitations (staff)").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Co-design invitations")
    expect(office.locator("main")).to_contain_text("Ana Citizen")
    axe_check(office, "the co-design invitations")
    office.get_by_label("Co-design event (optional)").select_option(label="Co-design workshop at the town hall")
    office.get_by_role("button", name="Send the invitations").click()
    told(office, "The invitations are sent.")
    axe_check(office, "the co-design invitations, sent")
    invited = set(CoDesignInvitation.objects.values_list("person__display_name", flat=True))
    assert invited == {"Ana Citizen", "Ben Neighbour", "Cleo Gardener"}

    # An invited author accepts.
    sign_out(page)
    sign_in(page, ana)
    page.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    axe_check(page, "the notifications of an invited author")
    page.locator("main").get_by_role("link", name=re.compile("Safer cycling")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation to co-design")
    expect(page.locator("main")).to_contain_text("Co-design workshop at the town hall")
    axe_check(page, "the co-design invitation")
    page.get_by_label("Yes, I will take part").check()
    page.get_by_role("button", name="Send your answer").click()
    told(page, "Thank you: your answer is sent to the organisers.")
    axe_check(page, "the co-design invitation, answered")
    assert CoDesignInvitation.objects.get(person=ana).status == "accepted"
    office.reload()
    expect(office.get_by_role("row", name=re.compile("Ana Citizen"))).to_contain_text("Accepted")
    axe_check(office, "the co-design invitations with the answer")


# --- A hackathon on open data --------------------------------------------------------------

REGISTER, HACK, JUDGING = "Register and form teams", "Hack and submit", "Judging"


def test_a_hackathon_lists_open_data_gathers_teams_at_a_hack_day_and_judges_entries_in_pairs(
    page, office, axe_check, sign_in, sign_out, council
):
    staff = staff_of(council, display_name="Sam Organiser")
    ada = factories.PersonFactory(display_name="Ada Hacker")
    ben = factories.PersonFactory(display_name="Ben Builder")
    cy = factories.PersonFactory(display_name="Cy Coder")
    judge = factories.PersonFactory(display_name="Jo Judge")

    # Staff start it, and add a dataset, with its link and licence, to the catalogue.
    sign_in(office, staff)
    space = start_from_template(
        office, axe_check, council, "Hackathon on open data", "Open data hack for Thanet", (REGISTER, HACK, JUDGING)
    )
    assert space.challenge.template == "hackathon"
    open_phase(space, REGISTER)
    office.goto(space.get_absolute_url())
    axe_check(office, "the hackathon's space page, as staff")
    office.locator("main").get_by_role("link", name="Open datasets").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Datasets you can build on")
    axe_check(office, "the empty catalogue")
    office.get_by_role("link", name="Add a dataset").click()
    axe_check(office, "the dataset form")
    office.get_by_label("Title", exact=True).fill("Household waste collections")
    office.get_by_label("What it contains").fill("Every collection round, street by street, updated weekly.")
    office.get_by_label("Published by").fill("Thanet District Council")
    office.get_by_label("Licence", exact=True).fill("Open Government Licence v3.0")
    office.get_by_label("Link to the licence (optional)").fill(
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )
    office.get_by_label("Link to the data").fill("https://data.example.org/thanet/waste-collections.csv")
    office.get_by_label("Format").fill("CSV")
    office.get_by_role("button", name=re.compile("Save|Add")).click()
    told(office, "The dataset is saved in the catalogue.")
    expect(office.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    axe_check(office, "the catalogue with the dataset")
    dataset = Dataset.objects.get(challenge__space=space)
    assert dataset.url.endswith("waste-collections.csv") and dataset.licence == "Open Government Licence v3.0"

    # The hack day (as staff would add it on the events pages): a hacker registers for it.
    starts = timezone.now() + timedelta(days=10)
    event = Event.objects.create(
        space=space,
        kind="hack_day",
        title="Hack day at Margate library",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        time_zone="Europe/London",
        place_name="Margate library",
        capacity=30,
        created_by=staff,
    )
    sign_in(page, ada)
    page.goto(space.get_absolute_url())
    axe_check(page, "the hackathon's space page")
    page.locator("main").get_by_role("link", name="Open datasets").click()
    expect(page.get_by_role("link", name=re.compile("Get the data"))).to_be_visible()
    axe_check(page, "the catalogue, as a hacker")
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Hack day at Margate library").first.click()
    axe_check(page, "the hack day")
    page.locator("main").get_by_role("link", name="Register").click()
    axe_check(page, "the registration form")
    page.locator("main").get_by_role("button", name="Register").click()
    told(page, "You have a place.")
    axe_check(page, "the hack day after registering")
    assert Registration.objects.get(event=event).person == ada

    # Teams form: Ada forms hers in the browser; Ben joins it, Cy forms another (services).
    page.goto(reverse("challenges:teams_list", args=[space.slug]))
    axe_check(page, "the teams")
    page.get_by_role("link", name="Form a team").click()
    axe_check(page, "the team form")
    page.get_by_label("Team name").fill("Open Bins")
    page.get_by_label("What the team wants to do").fill("A map of collection days from the council's open data.")
    page.get_by_role("button", name="Form the team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Bins")
    axe_check(page, "the new team")
    team = Team.objects.get(space=space, name="Open Bins")
    invitation = team_services.team_invite(person=ada, team=team, invitee=ben)
    team_services.invitation_answer(person=ben, invitation=invitation, accept=True)
    other = team_services.team_create(person=cy, space=space, name="Bus Buddies", pitch="Live bus times.")

    # Hacking: the team submits its entry with links to its code and its demo.
    open_phase(space, HACK)
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Entries and judging").click()
    axe_check(page, "the entries")
    page.get_by_role("link", name="Submit an entry").click()
    axe_check(page, "the entry form")
    page.get_by_label("Title", exact=True).fill("Bin Map")
    page.get_by_label("What it does and for whom (optional)").fill("Residents see their collection day on a map.")
    page.get_by_label("Team").select_option(label="Open Bins")
    page.get_by_label("Code repository", exact=True).fill("https://git.example.org/open-bins/bin-map")
    page.get_by_label("Demo (optional)").fill("https://bin-map.example.org/")
    page.get_by_role("button", name="Submit the entry").click()
    told(page, "Your entry is submitted.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bin Map")
    expect(page.get_by_role("link", name="https://git.example.org/open-bins/bin-map")).to_be_visible()
    expect(page.get_by_role("link", name="https://bin-map.example.org/")).to_be_visible()
    axe_check(page, "the entry")
    entry = Entry.objects.get(space=space, team=team)
    assert (entry.repository_url, entry.demo_url) == (
        "https://git.example.org/open-bins/bin-map",
        "https://bin-map.example.org/",
    )
    judging_services.entry_submit(
        person=cy,
        space=Space.objects.get(pk=space.pk),
        title="Bus Now",
        team=other,
        demo_url="https://bus-now.example.org/",
    )

    # Staff set up pairwise judging and assign a judge.
    office.goto(reverse("challenges:judging_entries", args=[space.slug]))
    axe_check(office, "the entries, as staff")
    office.get_by_role("link", name="Add a rubric").click()
    axe_check(office, "the rubric form")
    office.get_by_label("Name", exact=True).fill("Hack day judging")
    office.get_by_label("Judges compare entries two at a time").check()
    office.get_by_label("Entries on the shortlist").fill("1")
    office.get_by_role("button", name="Save the rubric").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Hack day judging")
    axe_check(office, "the new rubric")
    office.get_by_label("The judge's email address").fill(judge.email)
    office.get_by_role("button", name="Add this judge").click()
    expect(office.locator("main")).to_contain_text("Jo Judge")
    axe_check(office, "the rubric with its judge")
    rubric = Rubric.objects.get(space=space)
    assert rubric.is_pairwise

    # The judge compares the two entries.
    open_phase(space, JUDGING)
    sign_out(page)
    sign_in(page, judge)
    page.goto(reverse("challenges:judging_entries", args=[space.slug]))
    axe_check(page, "the entries, as a judge")
    page.get_by_role("link", name="Hack day judging").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Declare your conflicts of interest")
    axe_check(page, "the declaration of conflicts")
    page.get_by_role("button", name="Declare and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your judging: Hack day judging")
    axe_check(page, "the judge's dashboard")
    page.get_by_role("link", name="Compare the next pair").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which entry is better?")
    axe_check(page, "two entries side by side")
    left = page.locator("main section").first.get_by_role("heading").inner_text()
    page.get_by_label("The left one is better").check()
    page.get_by_role("button", name="Save and show the next pair").click()
    told(page, "Your comparison is saved.")
    expect(page.locator("main")).to_contain_text("You have compared every pair you can. Thank you.")
    axe_check(page, "the comparisons, all done")

    # Staff publish the results; everyone can read them.
    office.goto(reverse("challenges:judging_rubric", args=[space.slug, rubric.pk]))
    axe_check(office, "the rubric after judging")
    office.get_by_role("link", name="Preview the results and publish them").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Results before publishing")
    axe_check(office, "the preview of the results")
    office.get_by_label("What the judges said overall (optional)").fill("Two strong uses of open data.")
    office.get_by_role("button", name="Publish the results").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Results: Hack day judging")
    axe_check(office, "the published results, as staff")
    sign_out(page)
    page.goto(reverse("challenges:judging_results", args=[space.slug, rubric.pk]))
    main = page.locator("main")
    expect(main).to_contain_text("Two strong uses of open data.")
    expect(main.get_by_role("link", name=left).first).to_be_visible()
    axe_check(page, "the published results, as a visitor")
    assert Rubric.objects.get(pk=rubric.pk).published_at is not None
    winner = EntryResult.objects.filter(rubric=rubric).order_by("rank").first()
    assert (winner.entry.title, winner.rank, winner.shortlisted) == (left, 1, True)


# --- A partnered programme -----------------------------------------------------------------

FORM_TEAMS, BUILD = "Form partnered teams", "Build and submit prototypes"


def test_a_partnered_team_cannot_enter_until_a_public_service_provider_joins_it(
    page, office, axe_check, sign_in, sign_out, council
):
    staff = staff_of(council, display_name="Sam Organiser")
    nhs = factories.OrganisationFactory(name="East Kent Hospitals", kind="public_agency")
    dev = factories.PersonFactory(display_name="Dev Lead")
    dana = factories.PersonFactory(display_name="Dana Developer")
    dana.expertise.add(FieldOfExpertise.objects.get_or_create(name="Digital technology")[0])
    nurse = staff_of(nhs, display_name="Nia Nurse")

    # Staff start it: the template's team rules are on the settings page.
    sign_in(office, staff)
    space = start_from_template(
        office,
        axe_check,
        council,
        "Partnered programme (mixed teams)",
        "Digital services with the NHS",
        (FORM_TEAMS, BUILD),
    )
    rules = office.locator("main")
    expect(rules).to_contain_text("At least 1 × a digital specialist")
    expect(rules).to_contain_text("At least 1 × a public-service provider")
    open_phase(space, FORM_TEAMS)

    # A team forms: the page says what the programme's rules still ask of it.
    sign_in(page, dev)
    page.goto(space.get_absolute_url())
    axe_check(page, "the programme's space page")
    page.locator("main").get_by_role("link", name="Teams", exact=True).click()
    axe_check(page, "the teams")
    page.get_by_role("link", name="Form a team").click()
    axe_check(page, "the team form")
    page.get_by_label("Team name").fill("Ward Watch")
    page.get_by_label("What the team wants to do").fill("Show families where a patient is in the hospital.")
    page.get_by_role("button", name="Form the team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ward Watch")
    composition = page.locator("#composition")
    expect(composition).to_contain_text("This team still needs: a digital specialist, a public-service provider.")
    axe_check(page, "the new team, with the rules it does not meet")
    team = Team.objects.get(space=space, name="Ward Watch")
    team_url = reverse("challenges:teams_team", args=[space.slug, team.pk])

    # A digital specialist joins (through the services); time moves on to building.
    invitation = team_services.team_invite(person=dev, team=team, invitee=dana)
    team_services.invitation_answer(person=dana, invitation=invitation, accept=True)
    open_phase(space, BUILD)
    page.goto(team_url)
    expect(composition).to_contain_text("This team still needs: a public-service provider.")
    axe_check(page, "the team with its digital specialist")

    # Its entry is refused while a rule is unmet, saying what to do.
    page.goto(space.get_absolute_url())
    page.locator("main").get_by_role("link", name="Entries and judging").click()
    axe_check(page, "the entries")
    page.get_by_role("link", name="Submit an entry").click()
    axe_check(page, "the entry form")
    page.get_by_label("Title", exact=True).fill("Ward Watch")
    page.get_by_label("Team").select_option(label="Ward Watch")
    page.get_by_role("button", name="Submit the entry").click()
    refusal = "This team still needs: a public-service provider."
    expect(page.locator(".error-summary, [role=alert]").first).to_contain_text(refusal)
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit an entry")
    axe_check(page, "the entry form, refused")
    assert not Entry.objects.filter(space=space).exists()

    # A nurse from the hospital trust (a public agency) is invited and joins.
    page.goto(team_url)
    page.get_by_role("link", name="Invite someone by e-mail").click()
    axe_check(page, "the invitation form")
    page.get_by_label("E-mail address of their account").fill(nurse.email)
    page.get_by_role("button", name="Send the invitation").click()
    told(page, "The invitation is sent.")
    axe_check(page, "the team with the invitation")
    sign_out(page)
    sign_in(page, nurse)
    page.goto(team_url)
    axe_check(page, "the team, as the invited nurse")
    page.get_by_role("button", name="Accept and join").click()
    told(page, "Welcome to the team.")
    expect(page.locator("#composition")).to_have_count(0)
    axe_check(page, "the team, with every rule met")
    sign_out(page)

    # Now the entry is accepted.
    sign_in(page, dev)
    page.goto(reverse("challenges:judging_entries", args=[space.slug]))
    axe_check(page, "the entries, again")
    page.get_by_role("link", name="Submit an entry").click()
    axe_check(page, "the entry form, again")
    page.get_by_label("Title", exact=True).fill("Ward Watch")
    page.get_by_label("Team").select_option(label="Ward Watch")
    page.get_by_role("button", name="Submit the entry").click()
    told(page, "Your entry is submitted.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ward Watch")
    axe_check(page, "the entry")
    assert Entry.objects.get(space=space).team == team
