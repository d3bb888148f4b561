"""The `cocreate` command: Django's management commands under one friendly name.

cocreate serve            web server and task worker on http://127.0.0.1:8000
cocreate worker           task worker and scheduler only
cocreate demo             load the demo spaces
cocreate import SOURCE    load real data (e.g. `cocreate import decide-madrid DIR`)
cocreate help             every command (migrate, createsuperuser, ...)
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreate.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "cocreate"
    if len(argv) == 1:
        print(__doc__.strip())
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
