from celery import shared_task

from protocol_portal.core.locks import run_alone

from .services import retention_apply


@shared_task(acks_late=True)
@run_alone("privacy.retention_apply_due")
def retention_apply_due() -> int:
    """Daily: apply every council's retention schedule (idempotent: each record once)."""
    return len(retention_apply())
