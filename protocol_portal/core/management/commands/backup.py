from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from protocol_portal.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database and private uploads into a directory (restore with `manage.py restore`)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--output", help="Directory to write (default backups/<timestamp>).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        target = Path(options["output"] or f"backups/{timezone.now():%Y%m%d-%H%M%S}")
        manifest = backup(target)
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows} rows in {len(manifest['counts'])} tables to {target}"))
