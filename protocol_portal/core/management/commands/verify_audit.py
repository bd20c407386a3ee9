"""Check the audit history: seals, chains, the newest checkpoint outside the database, and live rows."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from protocol_portal.core.audit_chain import history_models
from protocol_portal.core.audit_verify import verify_checkpoint, verify_table


class Command(BaseCommand):
    help = (
        "Verify the HMAC chain over every history table against the newest checkpoint, and every live row "
        "against its latest history row; exit 1 on anything changed, removed or added outside the application."
    )

    def _list(self, label: str, ids: list) -> None:
        if ids:
            shown = ", ".join(str(i) for i in ids[:20]) + (" ..." if len(ids) > 20 else "")
            self.stdout.write(f"  {len(ids)} {label}: {shown}")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        problems = 0
        rows = awaiting = 0
        bound = settings.AUDIT_UNSEALED_MAX_SECONDS
        for model in history_models():
            report = verify_table(model)
            rows += report.rows
            awaiting += report.awaiting
            if report.ok:
                continue
            problems += 1
            self.stdout.write(self.style.ERROR(f"{report.table}:"))
            self._list("history rows changed", report.changed)
            self._list("history rows removed", report.removed)
            self._list("history rows not written by the application (added outside it)", report.unsealed)
            self._list(f"history rows still unsealed after {bound} s", report.overdue)
            self._list("seal chain broken at", report.chain_breaks)
            self._list("live rows that differ from their latest history (changed outside it)", report.live_changed)
            self._list("live rows with no history (added outside it)", report.live_unrecorded)
        checkpoint = verify_checkpoint()
        if not checkpoint.signed:
            problems += 1
            self.stdout.write(self.style.ERROR("The newest checkpoint's signature is not valid (forged or damaged)."))
        for line in checkpoint.problems:
            self.stdout.write(self.style.ERROR(f"Against the checkpoint of {checkpoint.time}: {line}"))
        problems += 1 if checkpoint.problems else 0
        if problems:
            raise CommandError(f"Audit history failed verification in {problems} place(s).")
        against = f"; chains reach the checkpoint of {checkpoint.time}" if checkpoint.found else "; no checkpoint yet"
        waiting = f" ({awaiting} awaiting their seal, within {bound} s)" if awaiting else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit history verified: {rows} rows in {len(history_models())} tables, "
                f"all sealed and unchanged{waiting}{against}; live rows match their history."
            )
        )
