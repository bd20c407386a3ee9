from celery import shared_task

from .services import retention_apply


@shared_task(acks_late=True)
def retention_apply_due() -> int:
    """Daily: apply every council's retention schedule (idempotent: each record once)."""
    return len(retention_apply())
