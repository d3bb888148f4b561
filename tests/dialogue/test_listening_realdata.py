"""The shared Baltimore 311 sample imported into a space through the service: the known bursts
are found (the January 2016 blizzard first), and the petitions files import with their broken
rows reported."""

import pytest

from cocreate.dialogue.models import EmergingIssue, Signal
from cocreate.dialogue.services import listening as services
from tests.conftest import shared_data
from tests.dialogue.listening_factories import listening_space

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_the_311_sample_shows_the_january_2016_blizzard_first():
    path = shared_data("service_requests", "baltimore_311_sample.csv")
    space, staff, _org = listening_space()
    report = services.signals_import(person=staff, space=space, file=path, source_name="Baltimore 311")
    assert (report.imported, len(report.problems)) == (10_000, 0)
    assert Signal.objects.filter(space=space).exclude(area="").count() > 9000
    found = services.emerging_issues_recompute(space=space)
    everywhere = EmergingIssue.objects.filter(space=space, area="")
    in_areas = EmergingIssue.objects.filter(space=space).exclude(area="")
    assert found == everywhere.count() + in_areas.count()
    assert 5 <= everywhere.count() <= 60  # few enough for a person to read
    # The city's own rounds (MethodReceived Internal or System: 2,213 of the 10,000, most of them
    # proactive rat-rubout sweeps of one neighbourhood) are listed but raise no issue; what the
    # public raised gives only a few bursts in one neighbourhood.
    assert Signal.objects.filter(space=space, raised_by_agency=True).count() == 2213
    assert not EmergingIssue.objects.filter(space=space, category__endswith="Proactive").exists()
    assert 1 <= in_areas.count() <= 20
    top = everywhere.order_by("-score").first()
    assert top.category == "TRM-Snow/Icy Conditions" and top.bin_days == 7
    assert str(top.starts_on).startswith("2016-01")
    assert top.observed >= 30
    # The February 2015 cold snap froze pipes: "no water" requests.
    assert EmergingIssue.objects.filter(space=space, category="WW-Water No Water", starts_on__year=2015).exists()


def test_the_petitions_files_import_with_their_broken_rows_reported():
    space, staff, _org = listening_space()
    sample = services.signals_import(person=staff, space=space, file=shared_data("petitions", "we_the_people_1k.csv"))
    assert sample.imported > 1000
    messy = services.signals_import(
        person=staff, space=space, file=shared_data("petitions", "we_the_people_messy.csv"), source_name="Messy"
    )
    assert messy.imported > 700 and messy.problems
    assert all(p.message.startswith(("Line", "Lines")) for p in messy.problems)
