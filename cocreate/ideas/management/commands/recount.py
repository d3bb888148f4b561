"""`cocreate recount [--space SLUG]`: rebuild the stored support and comment counters from the
rows (and the vote counters of condensed proposals, the support counters of questions). Counts
imported from another platform are kept apart and never changed."""

import sys

from django.core.management.base import BaseCommand

from cocreate.ideas.services import ideas_recount
from cocreate.spaces.models import Space


class Command(BaseCommand):
    help = "Rebuild the support and comment counters of ideas from the rows they count."

    def add_arguments(self, parser):
        parser.add_argument("--space", metavar="SLUG", help="only this space")

    def handle(self, *args, space=None, **options):
        target = None
        if space:
            target = Space.objects.filter(slug=space).first()
            if target is None:
                sys.stderr.write(f"cocreate recount: there is no space with the address name {space!r}.\n")
                sys.exit(1)
        fixed = ideas_recount(space=target)
        self.stdout.write(f"recounted: {fixed} idea(s) had a wrong counter")
        from cocreate.challenges.services.condensing import condensed_recount

        condensed = condensed_recount(space=target)
        self.stdout.write(f"recounted: {condensed} condensed proposal(s) had a wrong vote counter")
        from cocreate.dialogue.services.questions import questions_recount

        questions = questions_recount(space=target)
        self.stdout.write(f"recounted: {questions} question(s) had a wrong support counter")
