"""`cocreate import SOURCE …`: load real data. Exit status 0 on success; 1 with a message on
stderr for input that cannot be used; 2 for wrong usage."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from cocreate.web.importing import ImportProblem, sources


class Command(BaseCommand):
    help = "Import real data, e.g. `cocreate import decide-madrid ../shared/data/decide_madrid`."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
        for source in sources().values():
            source.add_arguments(subparsers.add_parser(source.name, help=source.help, description=source.help))

    def handle(self, *args, source, **options):
        interactive = sys.stderr.isatty()

        def progress(iterable, total=None, what=""):
            return tqdm(iterable, total=total, desc=what, file=sys.stderr, disable=not interactive, leave=False)

        try:
            summary = sources()[source].run(options, progress)
        except ImportProblem as problem:
            sys.stderr.write(f"cocreate import {source}: {problem}\n")
            sys.exit(1)
        self.stdout.write(summary)
