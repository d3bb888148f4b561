"""Sources that `cocreate import SOURCE …` can load. An app registers a source with the
arguments it takes and the function that runs it:

    register_source(ImportSource(name="decide-madrid", help="…", add_arguments=…, run=…))

`run(options, progress)` returns the one-line summary printed on stdout, and raises
`ImportProblem` (shown on stderr, exit status 1) for input it cannot use.
"""

from collections.abc import Callable
from dataclasses import dataclass


class ImportProblem(Exception):
    """The input is not what the importer expects; the message says where and why."""


@dataclass(frozen=True)
class ImportSource:
    name: str
    help: str
    add_arguments: Callable
    run: Callable


_sources: dict[str, ImportSource] = {}


def register_source(source: ImportSource) -> None:
    _sources[source.name] = source


def sources() -> dict[str, ImportSource]:
    return dict(_sources)
