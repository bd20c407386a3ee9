#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocol_portal.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        # A wrong DATABASE_URL (no server, wrong name) is one clear line, not a traceback.
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        sys.stderr.write(f"Cannot use the database configured by DATABASE_URL: {first_line}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
