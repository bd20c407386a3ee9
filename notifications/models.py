"""A transactional outbox of notices: written with the change, delivered by a task."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Notice(models.Model):
    """One message to one person: shown in the portal and sent by e-mail exactly once.

    ``key`` makes creation idempotent: the same event never notifies the same
    person twice, however often the code that raises it runs.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notices")
    key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) by the worker that is about to send; nobody else sends it meanwhile.
    claimed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["sent_at", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.subject
