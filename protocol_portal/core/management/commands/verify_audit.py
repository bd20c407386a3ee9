"""Check the audit history's seals: report any history row changed, removed or added outside the application."""

from django.core.management.base import BaseCommand, CommandError

from protocol_portal.core.audit_chain import history_models, verify_table


class Command(BaseCommand):
    help = "Verify the HMAC chain over every history table; exit 1 if any row was changed, removed or added outside the application."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        problems = 0
        rows = 0
        for model in history_models():
            report = verify_table(model)
            rows += report.rows
            if report.ok:
                continue
            problems += 1
            self.stdout.write(self.style.ERROR(f"{report.table}:"))
            for label, ids in (
                ("changed", report.changed),
                ("removed", report.removed),
                ("not sealed (added outside the application)", report.unsealed),
                ("seal chain broken at", report.chain_breaks),
            ):
                if ids:
                    shown = ", ".join(str(i) for i in ids[:20]) + (" ..." if len(ids) > 20 else "")
                    self.stdout.write(f"  {len(ids)} {label}: {shown}")
        if problems:
            raise CommandError(f"Audit history failed verification in {problems} table(s).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit history verified: {rows} rows in {len(history_models())} tables, all sealed and unchanged."
            )
        )
