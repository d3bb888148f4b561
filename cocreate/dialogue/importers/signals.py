"""`cocreate import signals FILE --space SLUG [--format 311|petitions|json] [--source NAME]`:
import a file of signals into a space's listening, as staff do on the import page. One summary
line on stdout; each skipped row on stderr; exit 1 when the file cannot be used."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError

from cocreate.web.importing import ImportProblem, ImportSource, register_source


def add_arguments(parser):
    parser.add_argument("file", metavar="FILE", help="a CSV (311 or petitions export) or JSON file of signals")
    parser.add_argument("--space", required=True, metavar="SLUG", help="the space that listens (its slug)")
    parser.add_argument(
        "--format",
        dest="file_format",
        choices=["311", "petitions", "json"],
        default="",
        help="the file's format (default: recognised from the file)",
    )
    parser.add_argument(
        "--source",
        dest="source_name",
        default="",
        metavar="NAME",
        help="the source's name; importing again under the same name updates instead of duplicating",
    )


def run(options, progress) -> str:
    from cocreate.dialogue.services.listening import signals_import_by_operator
    from cocreate.spaces.models import Space

    space = Space.objects.filter(slug=options["space"]).first()
    if space is None:
        raise ImportProblem(f"there is no space with the slug “{options['space']}”.")
    path = Path(options["file"])
    if not path.is_file():
        raise ImportProblem(f"{path} is not a file.")
    try:
        report = signals_import_by_operator(
            space=space,
            file=path,
            file_format=options["file_format"],
            source_name=options["source_name"],
            progress=progress,
        )
    except ValidationError as error:
        raise ImportProblem(" ".join(error.messages)) from error
    for problem in report.problems:
        sys.stderr.write(f"{path.name}: {problem.message}\n")
    return (
        f"imported {report.imported} signals, updated {report.updated}, skipped {len(report.problems)} "
        f"row(s) with problems, into “{report.source.name}” of {space.slug}"
    )


register_source(
    ImportSource(
        name="signals",
        help="Signals for listening: service requests, petitions (CSV) or JSON",
        add_arguments=add_arguments,
        run=run,
    )
)
