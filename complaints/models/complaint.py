"""A complaint, the route it took, its timeline and its evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from protocol_portal.core.files import private_storage
from roles.models import Council, Office

from ..workflow import COMPLAINT_LIFE, FormalBasis, Procedure, State
from .chains import ChainStep, RoutingChain


class Channel(models.TextChoices):
    ONLINE = "online", "Online, by the complainant"
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Telephone"
    IN_PERSON = "in_person", "In person"


class Complaint(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="complaints")
    chain = models.ForeignKey(RoutingChain, on_delete=models.PROTECT, related_name="complaints")
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    complainant_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField()
    summary = models.CharField(max_length=200)
    details = models.TextField()
    expectations = models.ManyToManyField("expectations.Clause", blank=True, related_name="complaints")
    informal_first = models.BooleanField(
        "Informal resolution first", default=True, help_text="The complainant asks for informal resolution first."
    )

    state = models.CharField(max_length=30, choices=State.choices, default=State.RECEIVED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handler_office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    current_step = models.ForeignKey(ChainStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    procedure = models.CharField(max_length=30, choices=Procedure.choices, blank=True)
    formal_basis = models.CharField(max_length=20, choices=FormalBasis.choices, blank=True)
    referred_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(blank=True, help_text="Shown to the complainant.")
    acknowledge_by = models.DateField()
    respond_by = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    overdue_flagged_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[expectations])

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["council", "state"]),
            models.Index(fields=["handler", "state"]),
            models.Index(fields=["state", "respond_by"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(complainant=models.F("subject")),
                name="complaint_not_about_complainant",
                violation_error_message="A complaint cannot be about the person making it.",
            ),
            models.CheckConstraint(
                condition=Q(handler__isnull=True) | ~Q(handler=models.F("subject")),
                name="complaint_not_handled_by_subject",
                violation_error_message="The person complained about cannot handle the complaint.",
            ),
            COMPLAINT_LIFE.state_constraint("complaint_state_known"),
        ]

    def __str__(self) -> str:
        return f"Complaint {self.reference}: {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.council.code.upper()}-C{self.pk:05d}" if self.pk else "new"


class RouteDecision(models.Model):
    """One step considered while routing: taken, told, or skipped and why (the dry run shows the same)."""

    class Outcome(models.TextChoices):
        TAKEN = "taken", "Handles the complaint"
        TOLD = "told", "Told"
        VACANT = "vacant", "Vacant: passed to the next step"
        NO_OFFICE = "no_office", "No such office: passed to the next step"
        SKIPPED_SUBJECT = "skipped_subject", "Skipped: is the person complained about"
        SKIPPED_COMPLAINANT = "skipped_complainant", "Skipped: is the complainant"
        SKIPPED_RELATED = "skipped_related", "Skipped: declared conflict of interest"
        SKIPPED_PAST_HANDLER = "skipped_past_handler", "Skipped: has already handled this complaint"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="route")
    round = models.PositiveSmallIntegerField(help_text="1 when logged, then one more per escalation.")
    sequence = models.PositiveSmallIntegerField()
    step = models.ForeignKey(ChainStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=150)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    why = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "round", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "round", "sequence"], name="route_decision_unique_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.get_outcome_display()}"

    def public_why(self) -> str:
        # Declared relationships are private: outside the register, only the fact of a conflict shows.
        if self.outcome == self.Outcome.SKIPPED_RELATED:
            return f"{self.holder} has a declared conflict of interest: passed to the next step."
        return self.why


class ComplaintEvent(models.Model):
    """The timeline: every transition and every action recorded, with actor, reason and time."""

    class Kind(models.TextChoices):
        LOGGED = "logged", "Logged"
        TRANSITION = "transition", "State changed"
        ACTION_TAKEN = "action_taken", "Action taken"
        ACTION_INTENDED = "action_intended", "Action intended"
        REMINDER = "reminder", "Deadline reminder"
        OVERDUE = "overdue", "Flagged overdue"
        ATTACHMENT = "attachment", "Evidence added"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    # History keeps the original name, type and size; the stored path is internal and stays out of it.
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["complaint", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


# django-guardian direct foreign-key permission tables.
class ComplaintUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)


class ComplaintGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Complaint, on_delete=models.CASCADE)
