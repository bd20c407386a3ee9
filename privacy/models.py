"""Retention rules, legal holds, what retention removed, and who exported whose data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from roles.models import Council


class RetentionRule(models.Model):
    class Action(models.TextChoices):
        ANONYMISE = "anonymise", "Anonymise (keep the record, remove personal data)"
        DELETE = "delete", "Delete the record"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="retention_rules")
    record_type = models.CharField(max_length=60)
    retain_days = models.PositiveIntegerField(help_text="Days after the record is closed.")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.ANONYMISE)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "record_type"]
        constraints = [models.UniqueConstraint(fields=["council", "record_type"], name="one_retention_rule_per_type")]

    def __str__(self) -> str:
        return f"{self.council}: {self.record_type} after {self.retain_days} days"


class LegalHold(models.Model):
    """Stops retention for one record, or for a whole record type in a council."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="legal_holds")
    record_type = models.CharField(max_length=60)
    object_id = models.BigIntegerField(null=True, blank=True, help_text="Empty: every record of this type.")
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-placed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=models.F("placed_on")),
                name="legal_hold_lifted_after_placed",
            )
        ]

    def __str__(self) -> str:
        return f"Hold on {self.record_type} {self.object_id or '(all)'}"


class RetentionLogEntry(models.Model):
    """What retention did, kept after the record itself is gone."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=RetentionRule.Action.choices)
    closed_on = models.DateField(null=True, blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "object_id", "action"], name="retention_applied_once")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.record_type} {self.object_id}"


class SubjectAccessExport(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    exported_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300)
    sections = models.JSONField(default=dict)
    request = models.ForeignKey(
        "SubjectAccessRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="exports"
    )
    withheld = models.JSONField(
        default=list, blank=True, help_text="Records held back from the export, each with the reason (the decision)."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"Subject access export for {self.subject}"


class SubjectAccessRequest(models.Model):
    """A person's request for their data (UK GDPR Art. 15): one calendar month to answer, extendable by two
    more with notice to the person. Handled by the council's administrators or Monitoring Officer, never by
    the person it concerns."""

    class State(models.TextChoices):
        RECEIVED = "received", "Received"
        PREPARED = "prepared", "Export prepared: review and redact"
        RELEASED = "released", "Released to the person"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100)
    received_on = models.DateField()
    due_on = models.DateField()
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RECEIVED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Subject access request {self.reference}"

    @property
    def respond_by(self):  # type: ignore[no-untyped-def]
        return self.extended_to or self.due_on
