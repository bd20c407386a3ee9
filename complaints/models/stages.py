"""The complaint procedure's stages as data, the responses at each stage, extensions and remedies.

The Local Government and Social Care Ombudsman's Complaint Handling Code (applied from
1 April 2026): stage 1 acknowledged within 5 working days and answered within 10 of the
acknowledgement; stage 2 acknowledged within 5 and answered within 20; an extension of
at most +10 (stage 1) or +20 (stage 2) working days without an exceptional reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from roles.models import Council, Office


class Finding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    RESOLVED_INFORMALLY = "resolved_informally", "Resolved informally"


# The Code's stages, used where a council never set its own.
CODE_STAGES = (
    {"number": 1, "name": "Stage 1", "acknowledge_within": 5, "respond_within": 10, "extension_limit": 10},
    {"number": 2, "name": "Stage 2", "acknowledge_within": 5, "respond_within": 20, "extension_limit": 20},
)


class ComplaintStage(models.Model):
    """One stage of a council's procedure: its deadlines and who handles it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="complaint_stages")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    acknowledge_within = models.PositiveSmallIntegerField(
        default=5, help_text="Working days from receipt (or escalation) to acknowledgement."
    )
    respond_within = models.PositiveSmallIntegerField(
        default=10, help_text="Working days from the acknowledgement to the response."
    )
    extension_limit = models.PositiveSmallIntegerField(
        default=10, help_text="Working days of extension allowed without an exceptional reason."
    )
    handler_step_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The chain step (by its number) that handles this stage; blank: the next eligible step.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="complaint_stage_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="complaint_stage_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.council})"


class StageResponse(models.Model):
    """The answer at one stage: the finding, the response, what will be done and the next route."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="responses")
    stage = models.PositiveSmallIntegerField()
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handler_office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    finding = models.CharField(max_length=30, choices=Finding.choices)
    response = models.TextField()
    remedy = models.TextField(blank=True, help_text="What will be done to put things right.")
    next_route = models.TextField(help_text="Where the complainant can go next.")
    responded_on = models.DateField()
    due_on = models.DateField(help_text="The stage's deadline (with any extension) when the response was made.")
    acknowledged_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(help_text="The day the stage began (receipt, or the escalation).")
    meeting = models.ForeignKey(
        "access_requests.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where a body decided: the meeting whose resolution this is.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "stage"]
        constraints = [
            # Each stage is answered once: a second response at the same stage cannot be written.
            models.UniqueConstraint(fields=["complaint", "stage"], name="stage_response_once"),
        ]

    def __str__(self) -> str:
        return f"Stage {self.stage}: {self.get_finding_display()}"

    @property
    def within_deadline(self) -> bool:
        return self.responded_on <= self.due_on


class ComplaintExtension(models.Model):
    """A later response date at one stage, with its reason; the complainant is told."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="extensions")
    stage = models.PositiveSmallIntegerField()
    working_days = models.PositiveSmallIntegerField()
    previous_date = models.DateField()
    new_date = models.DateField()
    reason = models.TextField()
    exceptional_reason = models.TextField(blank=True, help_text="Why the stage's limit is exceeded, where it is.")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "created_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(working_days__gte=1), name="extension_days_positive")]

    def __str__(self) -> str:
        return f"Stage {self.stage}: to {self.new_date:%d %B %Y}"


class RemedyAction(models.Model):
    """Something the council promised in a response, tracked until it is done."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="remedy_actions")
    stage = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "stage", "id"]

    def __str__(self) -> str:
        return self.text


class SubjectComment(models.Model):
    """The person complained about, told of the allegation and invited to reply once before a finding."""

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE, related_name="subject_comment")
    invited_on = models.DateField()
    reply_by = models.DateField()
    reply = models.TextField(blank=True)
    replied_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | ~Q(reply=""),
                name="subject_comment_reply_has_text",
            )
        ]

    def __str__(self) -> str:
        return f"Comment of the person complained about ({self.complaint_id})"

    @property
    def replied(self) -> bool:
        return self.replied_on is not None


class ConsentRequest(models.Model):
    """The complainant asked, by a notice with a confirm link, whether the complaint may go formal."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="consent_requests")
    token = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=300, help_text="What the complainant is asked to agree to.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    consented = models.BooleanField(null=True, blank=True, help_text="Empty until the complainant answers.")
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["complaint", "-requested_at"]

    def __str__(self) -> str:
        return f"Consent asked: {self.purpose}"
