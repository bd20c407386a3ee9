"""Generate a synthetic data set at council scale: small (CI), medium or large."""

import importlib
import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from protocol_portal.core.audit_chain import seal_pending
from protocol_portal.core.scale import SIZES, ScaleContext


class Command(BaseCommand):
    help = "Bulk-generate councils, people, protocols, complaints, documents, requests and permissions for benchmarks."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from roles.models import Council

        if Council.objects.filter(slug__startswith="scale-").exists():
            raise CommandError("Scale data is already present in this database; use a fresh database.")
        size = SIZES[options["size"]]
        ctx = ScaleContext(
            size=size,
            rng=random.Random(options["seed"]),  # noqa: S311 - synthetic data, not secrets
            stdout=self.stdout,
            progress=not options["no_progress"],
        )
        started = time.monotonic()
        timings = []
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.scale")
            except ModuleNotFoundError:
                continue
            if not hasattr(module, "generate"):
                continue
            step = time.monotonic()
            with transaction.atomic():
                module.generate(ctx)
            seal_pending(note="Synthetic scale data (generate_scale_data)")  # here, not via a broker
            timings.append((config.label, time.monotonic() - step))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Generated '{options['size']}' scale data in {elapsed:.1f}s"))
        for label, count in sorted(ctx.created.items()):
            self.stdout.write(f"  {label:45} {count:>10,}")
        for label, seconds in timings:
            self.stdout.write(f"  ({label}: {seconds:.1f}s)")
