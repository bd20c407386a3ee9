"""Load reference data (councils, offices, protocols, routing chains) and the demo people.

Each app that has data to load defines ``load_reference_data`` and/or
``load_demo_data`` on its AppConfig; they run in INSTALLED_APPS order, all
reference data first. Every loader upserts, so a second run changes nothing.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load fixtures/ (councils, offices, protocols, routing chains) and the demo people and logins."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--reference-only", action="store_true", help="Load councils, protocols and chains, but no demo people."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        configs = list(apps.get_app_configs())
        with transaction.atomic():
            for config in configs:
                loader = getattr(config, "load_reference_data", None)
                if loader:
                    loader(actor=None, stdout=self.stdout)
            if not options["reference_only"]:
                for config in configs:
                    loader = getattr(config, "load_demo_data", None)
                    if loader:
                        loader(actor=None, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
