"""Code of Conduct complaints at the Monitoring Officer, and political group briefings."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from roles.models import Committee, Council, PoliticalGroup, Ward

from .workflow import CONDUCT_LIFE, Assessment, Finding, State

SIX_MONTHS_DAYS = 183


class ConductComplaint(models.Model):
    """An allegation that a member breached their council's Code of Conduct (Localism Act 2011 s28)."""

    class Source(models.TextChoices):
        FORM = "form", "The Monitoring Officer's complaint form"
        REFERRAL = "referral", "Referred from a protocol complaint"
        LOGGED = "logged", "Logged on a resident's behalf"

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="conduct_complaints", help_text="The member's council."
    )
    standards_council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="conduct_complaints_handled",
        help_text="The principal council whose Monitoring Officer and standards committee deal with it.",
    )
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    complainant_name = models.CharField(max_length=200, blank=True)
    complainant_email = models.EmailField(blank=True)
    complainant_may_be_named = models.BooleanField(
        "The complainant agrees to be named",
        default=False,
        help_text="Only then is the complainant's name given to the member and shown in the decision notice.",
    )
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    source_complaint = models.OneToOneField(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conduct_case",
        help_text="The protocol complaint this was referred from.",
    )
    allegation = models.TextField()
    conduct_on = models.DateField(null=True, blank=True, help_text="When the conduct complained of happened.")
    received_on = models.DateField()
    assess_by = models.DateField()

    state = models.CharField(max_length=30, choices=State.choices, default=State.RECEIVED)
    monitoring_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    independent_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    assessment = models.CharField(max_length=30, choices=Assessment.choices, blank=True)
    assessment_reasons = models.TextField(blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    member_told_on = models.DateField(
        null=True, blank=True, help_text="When the member was told of the complaint (they see it from then on)."
    )

    investigated = models.BooleanField(default=False)
    investigator_name = models.CharField(max_length=200, blank=True)
    investigate_by = models.DateField(null=True, blank=True)
    investigation_report = models.TextField(blank=True)
    draft_sent_on = models.DateField(null=True, blank=True, help_text="Draft report sent to both parties.")

    hearing_committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="conduct_hearings"
    )
    hearing_on = models.DateField(null=True, blank=True)

    ip_view = models.TextField("Independent Person's view", blank=True)
    ip_view_on = models.DateField(null=True, blank=True)
    ip_view_requested_on = models.DateField(null=True, blank=True)
    decide_by = models.DateField(null=True, blank=True)

    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    sanctions = models.JSONField(default=list, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="How the case ended without a finding (told to both parties).")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["standards_council", "state"]),
            models.Index(fields=["monitoring_officer", "state"]),
            models.Index(fields=["council", "state", "decided_on"]),
        ]
        constraints = [
            CONDUCT_LIFE.state_constraint("conduct_complaint_state_known"),
            models.CheckConstraint(
                condition=Q(complainant__isnull=True) | ~Q(complainant=models.F("subject")),
                name="conduct_complaint_not_about_complainant",
                violation_error_message="A member cannot complain about themselves.",
            ),
            models.CheckConstraint(
                condition=Q(complainant__isnull=False) | ~Q(complainant_name=""),
                name="conduct_complaint_has_complainant",
                violation_error_message="Name the complainant.",
            ),
            models.CheckConstraint(
                condition=~Q(monitoring_officer=models.F("subject")),
                name="conduct_complaint_not_assessed_by_subject",
                violation_error_message="The member complained about cannot be the Monitoring Officer on it.",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.DECIDED) | ~Q(finding=""),
                name="conduct_complaint_decided_has_finding",
                violation_error_message="A decided complaint has a finding.",
            ),
        ]

    def __str__(self) -> str:
        return f"Code of Conduct complaint {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("standards:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.standards_council.code.upper()}-CC{self.pk:05d}" if self.pk else "new"

    @property
    def complainant_display(self) -> str:
        return str(self.complainant) if self.complainant_id else self.complainant_name

    @property
    def for_a_local_council(self) -> bool:
        """A town or parish member: the district decides and recommends sanctions to the parish."""
        return self.council_id != self.standards_council_id

    def conduct_older_than_six_months(self, on: date | None = None) -> bool:
        if self.conduct_on is None:
            return False
        return ((on or self.received_on) - self.conduct_on).days > SIX_MONTHS_DAYS

    def sanction_labels(self) -> list[str]:
        from .workflow import Sanction

        return [str(Sanction(s).label) for s in self.sanctions if s in Sanction.values]


class ConductEvent(models.Model):
    """The case's timeline: each step, with who, when and what was said."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        TRANSITION = "transition", "State changed"
        NOTE = "note", "Recorded"
        IP_VIEW = "ip_view", "Independent Person's view"
        MEMBER_CONSULTED_IP = "member_consulted_ip", "The member consulted the Independent Person"
        REMINDER = "reminder", "Deadline reminder"

    complaint = models.ForeignKey(ConductComplaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class GroupBriefing(models.Model):
    """A political group asks for an officer at its meeting (CD 4.3, TW 2.17)."""

    class State(models.TextChoices):
        REQUESTED = "requested", "Requested"
        AGREED = "agreed", "Agreed: every other group offered the same"
        REFUSED = "refused", "Refused"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="group_briefings")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="briefings")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(max_length=200)
    meeting_on = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mo_consulted = models.BooleanField("Monitoring Officer consulted", default=False)
    decision_reasons = models.TextField(blank=True)
    briefing_notes = models.TextField(blank=True, help_text="What was said: stays with this group (CD 4.2(c)).")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["requested", "agreed", "refused"]), name="group_briefing_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | Q(mo_consulted=True),
                name="group_briefing_refused_after_mo",
                violation_error_message="A request is refused only after consulting the Monitoring Officer.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.topic}"


class BriefingOffer(models.Model):
    """Every other group is told of an agreed briefing and offered the same."""

    briefing = models.ForeignKey(GroupBriefing, on_delete=models.CASCADE, related_name="offers")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="briefing_offers")
    offered_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["briefing", "group__name"]
        constraints = [models.UniqueConstraint(fields=["briefing", "group"], name="briefing_offer_once_per_group")]

    def __str__(self) -> str:
        return f"Offered to {self.group}"


class WardEvent(models.Model):
    """A public meeting or consultation in a ward: its members are told (TW 5.1-5.6)."""

    class Kind(models.TextChoices):
        PUBLIC_MEETING = "public_meeting", "Public meeting"
        CONSULTATION = "consultation", "Consultation"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="ward_events")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    happens_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happens_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.ward})"


class Correspondence(models.Model):
    """Correspondence with a member recorded in the portal: every recipient sees every recipient (TW 4.1)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="correspondence")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name_plural = "correspondence"

    def __str__(self) -> str:
        return self.subject


class CorrespondenceRecipient(models.Model):
    """One addressee. There is no blind copy: the list is the same for everyone who reads it."""

    correspondence = models.ForeignKey(Correspondence, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["correspondence", "id"]
        constraints = [
            models.UniqueConstraint(fields=["correspondence", "person"], name="correspondence_recipient_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


# django-guardian direct foreign-key permission tables.
class ConductComplaintUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ConductComplaint, on_delete=models.CASCADE)


class ConductComplaintGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ConductComplaint, on_delete=models.CASCADE)


class GroupBriefingUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(GroupBriefing, on_delete=models.CASCADE)


class GroupBriefingGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(GroupBriefing, on_delete=models.CASCADE)
