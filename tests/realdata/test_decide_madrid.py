"""`cocreate import decide-madrid` on the real files in ../shared/data/decide_madrid."""

import shutil
import subprocess
import sys

import pytest
from django.core.management import call_command

from cocreate.ideas.importers.decide_madrid import import_folder, read_folder
from cocreate.ideas.models import Comment, Idea
from cocreate.ideas.services import ideas_recount
from cocreate.spaces.models import Space
from cocreate.web.importing import ImportProblem
from tests.conftest import shared_data

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


@pytest.fixture
def madrid():
    return shared_data("decide_madrid")


def test_import_loads_every_proposal_and_comment_thread(madrid, capsys):
    call_command("import", "decide-madrid", str(madrid))
    assert capsys.readouterr().out.strip() == "imported 80 ideas, 5633 comments"
    space = Space.objects.get(title="Decide Madrid")
    assert Idea.objects.filter(space=space).count() == 80
    assert Comment.objects.filter(space=space).count() == 5633
    cleaning = Idea.objects.get(space=space, external_id="7")
    assert cleaning.title == "Limpiar las calles" and cleaning.imported_supports_count == 6560
    assert cleaning.supports_count == 0
    assert cleaning.author_people()[0].kind == "imported"
    reply = Comment.objects.get(external_id="17107")
    assert reply.parent.external_id == "17092" and reply.depth == 1
    assert not Comment.objects.filter(depth__gt=2).exists()
    assert all(
        c.parent.depth == c.depth - 1 for c in Comment.objects.filter(parent__isnull=False).select_related("parent")
    )
    assert Comment.objects.filter(space=space, parent__isnull=False).count() > 2000


def test_import_again_updates_instead_of_duplicating(madrid, capsys):
    call_command("import", "decide-madrid", str(madrid), "--space", "Madrid 2019")
    Idea.objects.filter(external_id="7").update(imported_supports_count=1, title="changed")
    call_command("import", "decide-madrid", str(madrid), "--space", "Madrid 2019")
    assert Space.objects.filter(title="Madrid 2019").count() == 1
    assert Idea.objects.count() == 80 and Comment.objects.count() == 5633
    assert Idea.objects.get(external_id="7").imported_supports_count == 6560


def test_recount_keeps_the_supports_counted_in_madrid(madrid):
    import_folder(madrid, "Decide Madrid")
    ideas_recount()
    assert Idea.objects.get(external_id="7").imported_supports_count == 6560


def test_search_finds_spanish_words_without_accents(madrid):
    from cocreate.ideas.selectors import IdeaFilters, idea_list

    import_folder(madrid, "Decide Madrid")
    space = Space.objects.get(title="Decide Madrid")
    found = idea_list(space=space, viewer=None, filters=IdeaFilters(search="peatonal rio"))
    assert found.filter(external_id="19").exists()


def test_broken_file_is_refused_with_the_line_and_nothing_is_written(madrid, tmp_path):
    shutil.copy(madrid / "proposals.csv", tmp_path / "proposals.csv")
    lines = (madrid / "comments.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",2015-09-15,", ",15/09/2015,", 1)
    (tmp_path / "comments.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportProblem) as problem:
        import_folder(tmp_path, "Decide Madrid")
    assert "comments.csv line 4" in str(problem.value)
    assert not Idea.objects.exists() and not Space.objects.exists()


def test_missing_file_and_missing_column_are_explained(tmp_path, madrid):
    with pytest.raises(ImportProblem, match="proposals.csv is missing"):
        read_folder(tmp_path)
    (tmp_path / "proposals.csv").write_text("id,title\n1,x\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="missing column"):
        read_folder(tmp_path)


def test_command_line_exit_statuses(madrid, tmp_path):
    cocreate = [sys.executable, "-m", "cocreate.cli", "import"]
    usage = subprocess.run(cocreate + ["decide-madrid"], capture_output=True, text=True)
    assert usage.returncode == 2 and "DIR" in usage.stderr
    bad = subprocess.run(cocreate + ["decide-madrid", str(tmp_path)], capture_output=True, text=True)
    assert bad.returncode == 1 and "proposals.csv is missing" in bad.stderr and bad.stdout == ""
    unknown = subprocess.run(cocreate + ["nowhere", str(tmp_path)], capture_output=True, text=True)
    assert unknown.returncode == 2
