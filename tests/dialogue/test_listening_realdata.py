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
    # About 4,500 (request type, neighbourhood) series give about 80 bursts, nearly all a crew's
    # proactive rat-rubout sweep of one neighbourhood (three or more in a week where none is usual).
    assert 20 <= in_areas.count() <= 150
    top_area = in_areas.order_by("-score").first()
    assert (top_area.category, top_area.area, top_area.bin_days) == ("SW-Rat Rubout Proactive", "Canton", 7)
    assert str(top_area.starts_on).startswith("2017-07") and top_area.observed >= 10
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
