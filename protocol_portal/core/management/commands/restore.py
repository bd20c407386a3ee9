from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from protocol_portal.core.backup import restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the configured, empty database, and check row counts."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--input", required=True, help="The backup directory.")
        parser.add_argument("--force", action="store_true", help="Restore over a database that already has tables.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            mismatches = restore(Path(options["input"]), force=options["force"])
        except (ValueError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        if mismatches:
            for table, (expected, found) in sorted(mismatches.items()):
                self.stdout.write(f"  {table}: expected {expected} rows, found {found}")
            raise CommandError("Restored, but row counts differ from the backup's manifest.")
        self.stdout.write(self.style.SUCCESS("Restored; every table's row count matches the backup."))
