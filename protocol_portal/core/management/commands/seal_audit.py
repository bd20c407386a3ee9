"""Seal history rows written in bulk (scale data, imports), recording why."""

from django.core.management.base import BaseCommand

from protocol_portal.core.audit_chain import history_models, seal_unsealed


class Command(BaseCommand):
    help = "Seal history rows that have no seal yet (bulk-loaded data). Needs a --reason."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--reason", required=True)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        total = sum(seal_unsealed(model, note=options["reason"][:200]) for model in history_models())
        self.stdout.write(f"Sealed {total} history rows.")
