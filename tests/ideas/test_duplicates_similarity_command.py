"""`cocreate similarity distil|remove`: the static model for semantic similarity. Distilling
itself needs the optional extra (never installed in CI); what the command says around it is
tested here with a tiny model."""

import numpy as np
import pytest
from django.core.management import call_command

from cocreate.algorithms import static_embeddings
from cocreate.algorithms.static_embeddings import StaticModel
from cocreate.ideas.management.commands import similarity as command
from cocreate.spaces import similarity


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COCREATE_SIMILARITY_MODEL", str(tmp_path / "static-model"))
    similarity.forget_indexes()
    yield tmp_path / "static-model"
    similarity.forget_indexes()


def tiny():
    return StaticModel(["bike", "tree"], np.eye(2, dtype=np.float32))


def test_without_the_extra_distil_says_how_to_install_it(folder, monkeypatch, capsys):
    def missing(**kwargs):
        raise ModuleNotFoundError("No module named 'model2vec'", name="model2vec")

    monkeypatch.setattr(command, "distil", missing)
    with pytest.raises(SystemExit) as exit_:
        call_command("similarity", "distil")
    assert exit_.value.code == 1
    assert "pip install -e '.[semantic]'" in capsys.readouterr().err
    assert not folder.exists()


def test_distil_saves_the_model_where_indexes_read_it(folder, monkeypatch, capsys):
    monkeypatch.setattr(command, "distil", lambda pca_dims: tiny())
    call_command("similarity", "distil", "--dimensions", "16")
    assert "2 sub-words × 2 dimensions" in capsys.readouterr().out
    assert similarity.static_model().rows == {"bike": 0, "tree": 1}
    call_command("similarity", "distil")
    assert "already in" in capsys.readouterr().out


def test_remove_goes_back_to_lexical_similarity(folder, capsys):
    tiny().save(folder)
    call_command("similarity", "remove")
    assert not folder.exists() and similarity.static_model() is None


def test_wrong_dimensions_are_refused(folder, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("similarity", "distil", "--dimensions", "5000")
    assert exit_.value.code == 2 and "between 8 and 384" in capsys.readouterr().err


def test_distil_is_the_one_of_the_algorithms_module():
    assert command.distil is static_embeddings.distil
