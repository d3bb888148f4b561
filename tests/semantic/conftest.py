"""Tests of semantic similarity with the real distilled model. They need the optional `semantic`
extra and `cocreate similarity distil` to have been run; without them they are not collected
(the reason is printed in the header), so that `make test` and CI, which never install the
extra, neither run nor skip them."""

import os
from pathlib import Path

FOLDER = (
    os.environ.get("COCREATE_SIMILARITY_MODEL") or Path(__file__).resolve().parents[2] / "var/similarity/static-model"
)
MODEL = Path(FOLDER) / "vectors.npy"

collect_ignore_glob = [] if MODEL.exists() else ["test_*.py"]


def pytest_report_header(config):
    if not MODEL.exists():
        return (
            "tests/semantic: not collected: no distilled model (pip install -e '.[semantic]', "
            "then cocreate similarity distil)"
        )
    return None
