"""`cocreate demo`: load the demo spaces (Transformed by You; The Governor Asks; Porto Alegre's
participatory budget) and print the logins to try them."""

from django.conf import settings
from django.core.management.base import BaseCommand

from cocreate.demo import loader


class Command(BaseCommand):
    help = "Load the demo spaces and people, then print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only when the database has no demo yet (always print the logins)",
        )

    def handle(self, *args, if_empty, **options):
        if loader.is_loaded():
            if not if_empty:
                self.stderr.write("The demo is already loaded; start from an empty database to load it again.")
        else:
            self.stdout.write("Loading the demo spaces…")
            loader.load()
        self.stdout.write("")
        self.stdout.write(f"Demo logins for {settings.SITE_URL}/ (password for all: {loader.logins()[0][1]})")
        for email, _password, who in loader.logins():
            self.stdout.write(f"  {email:<34} {who}")
        self.stdout.write("")
