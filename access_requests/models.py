"""Meetings, the document register, per-council access rules, requests, grants and the access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from roles.models import Committee, Council, Office

from .life import ACCESS_REQUEST_LIFE, OPEN_STATES
from .life import DECISION_STATE as DECISION_STATE  # declared in life.py, read from here too
from .life import Decision as Decision
from .life import State as State
from .storage import document_storage


def split_terms(text: str) -> list[str]:
    return [term.strip().lower() for term in text.split(",") if term.strip()]


class Meeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="Leave empty for a meeting of the full council.",
    )
    title = models.CharField(max_length=200)
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-date", "title"]
        constraints = [models.UniqueConstraint(fields=["council", "title", "date"], name="meeting_unique_per_day")]

    def __str__(self) -> str:
        return f"{self.title}, {self.date:%-d %B %Y}"


class AgendaItem(models.Model):
    class Part(models.TextChoices):
        OPEN = "open", "Open (public) part"
        CLOSED = "closed", "Closed part (press and public excluded)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.OPEN)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "part", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self) -> str:
        return f"Item {self.number}: {self.title} ({self.get_part_display()})"


class Classification(models.TextChoices):
    PUBLIC = "public", "Public"
    EXEMPT = "exempt", "Exempt"
    CONFIDENTIAL = "confidential", "Confidential"


class Category(models.TextChoices):
    CONTRACTUAL = "contractual", "Contractual matters"
    INDUSTRIAL_RELATIONS = "industrial_relations", "Industrial relations"
    LEGAL_ADVICE = "legal_advice", "Legal advice or opinion"
    PERSONAL_DATA = "personal_data", "Personal data"
    OTHER = "other", "Other"


class Document(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    classification = models.CharField(max_length=20, choices=Classification.choices)
    category = models.CharField(max_length=30, choices=Category.choices, default=Category.OTHER)
    owner_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="owned_documents",
        help_text="The office responsible for the document; its holders decide requests for it.",
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    matters = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated matters the document concerns, matched against registered interests.",
    )
    file = models.FileField(storage=document_storage, max_length=200)
    content_type = models.CharField(max_length=120)
    original_filename = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["council__name", "title"]
        permissions = [
            ("inspect_document", "Inspect the document's content"),
            ("copy_document", "Receive a copy of the document"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("access_requests:document-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.classification == Classification.PUBLIC

    def matter_terms(self) -> list[str]:
        return split_terms(self.matters)


class DocumentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class RuleKind(models.TextChoices):
    STATUTORY_INSPECTION = "statutory_inspection", "Statutory right to inspect papers for business at a meeting"
    CLOSED_AGENDA_INSPECTION = "closed_agenda_inspection", "Closed-agenda papers may be inspected on a statutory basis"
    RESTRICTED_NEEDS_NEED_TO_KNOW = (
        "restricted_need_to_know",
        "Exempt or confidential material needs a demonstrated need to know",
    )
    NEED_TO_KNOW = "need_to_know", "Common-law need to know (not curiosity or improper motives)"
    NO_COPIES = "no_copies", "No copies of documents in the listed categories"
    DECLARE_INTERESTS = "declare_interests", "Requesters should disclose their interests"
    REFUSE_PRIVATE_INTEREST = "refuse_private_interest", "Refusal: private professional or business interest"
    REFUSE_DPI = "refuse_dpi", "Refusal: disclosable pecuniary interest in the matter"
    REFUSE_HOSTILE = "refuse_hostile", "Refusal: supporting a party hostile to the council"
    REFUSE_DISPROPORTIONATE = "refuse_disproportionate", "Refusal: disproportionate effort for marginal benefit"
    CONSTITUENT_PUBLIC_ONLY = (
        "constituent_public_only",
        "Constituent requests only for public information not barred by data protection",
    )
    FOI = "foi", "Freedom of Information: at least the public's rights"
    MO_DETERMINES_DISPUTES = "mo_determines", "The Monitoring Officer determines need-to-know disputes"
    UNDERTAKING = "undertaking", "Information used only for its purpose and not disclosed"


# The rules an officer may cite as grounds for refusing (the rest grant or qualify access).
REFUSAL_GROUNDS = (
    RuleKind.NEED_TO_KNOW,
    RuleKind.RESTRICTED_NEEDS_NEED_TO_KNOW,
    RuleKind.REFUSE_PRIVATE_INTEREST,
    RuleKind.REFUSE_DPI,
    RuleKind.REFUSE_HOSTILE,
    RuleKind.REFUSE_DISPROPORTIONATE,
    RuleKind.CONSTITUENT_PUBLIC_ONLY,
    RuleKind.NO_COPIES,
)


class AccessPolicy(models.Model):
    """A council's settings for information requests: deadlines and who may decide."""

    council = models.OneToOneField(Council, on_delete=models.PROTECT, related_name="access_policy")
    decision_working_days = models.PositiveSmallIntegerField(default=10)
    reminder_working_days = models.PositiveSmallIntegerField(
        default=2, help_text="Remind the deciding officers this many working days before the deadline."
    )
    decider_levels = models.CharField(
        max_length=200,
        default="head_of_paid_service,chief_officer",
        blank=True,
        help_text="Comma-separated management levels whose holders may decide any request "
        "(besides the document's owner office and the council's administrators).",
    )
    undertaking_text = models.TextField(
        default="I will use this information only for the purpose I stated, in connection with my duties as a "
        "councillor, and I will not disclose it to anyone who is not entitled to it."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "access policies"

    def __str__(self) -> str:
        return f"Access policy of {self.council}"

    def decider_level_list(self) -> list[str]:
        return split_terms(self.decider_levels)


class AccessRule(models.Model):
    """One rule of a council's access policy and the clause of its protocol it rests on."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="access_rules")
    kind = models.CharField(max_length=40, choices=RuleKind.choices)
    enabled = models.BooleanField(default=True)
    clause_number = models.CharField(
        max_length=40, blank=True, help_text="The adopted protocol's clause number, e.g. '3.4(b)'. Blank if none."
    )
    categories = models.CharField(
        max_length=200,
        blank=True,
        help_text="For 'no copies' and constituent rules: comma-separated document categories it covers.",
    )
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "kind"]
        constraints = [models.UniqueConstraint(fields=["council", "kind"], name="access_rule_once_per_council")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.clause_number or 'no clause'})"

    def category_list(self) -> list[str]:
        return split_terms(self.categories)


class Basis(models.TextChoices):
    STATUTORY = "statutory", "Statutory (business at a meeting)"
    NEED_TO_KNOW = "need_to_know", "Common-law need to know"
    FOI = "foi", "Freedom of Information"
    CONSTITUENT = "constituent", "On behalf of a constituent"


class AccessRequest(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="access_requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_requests")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_requests_made",
        help_text="Who entered the request: the councillor, or a clerk on their behalf.",
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="access_requests"
    )
    described_information = models.TextField(blank=True, help_text="When no document is named: what is asked for.")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    purpose = models.TextField()
    has_interest = models.BooleanField(default=False)
    interest_details = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED)
    recommendation = models.JSONField(default=dict, blank=True)
    due_date = models.DateField()
    reminded_on = models.DateField(null=True, blank=True)
    overdue_notified_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was last decided, determined or withdrawn: retention counts from here.",
    )

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="access_decisions"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    grounds = models.JSONField(default=list, blank=True)
    reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="access_referrals"
    )
    referral_reason = models.TextField(blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)

    determined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_determinations",
    )
    determination = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    determination_reasons = models.TextField(blank=True)
    determined_at = models.DateTimeField(null=True, blank=True)
    overrides = models.JSONField(
        default=list,
        blank=True,
        help_text="Rules the Monitoring Officer set aside on determining, each with the clause and the reason.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(described_information=""),
                name="access_request_names_something",
                violation_error_message="Name a document or describe the information.",
            ),
            models.CheckConstraint(condition=~Q(purpose=""), name="access_request_has_purpose"),
            ACCESS_REQUEST_LIFE.state_constraint("access_request_state_known"),
            # One open request per councillor and document: a second would split the decision.
            models.UniqueConstraint(
                fields=["requester", "document"],
                condition=Q(state__in=[str(s) for s in OPEN_STATES]) & Q(document__isnull=False),
                name="access_request_one_open_per_document",
                violation_error_message="You already have an open request for this document.",
            ),
        ]

    def __str__(self) -> str:
        return f"Request {self.reference}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("access_requests:request-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """One style for every record: the council's code, R for request, five digits (``TW-R00001``)."""
        return f"{self.council.code.upper()}-R{self.pk:05d}" if self.pk else "new"

    @property
    def subject(self) -> str:
        return self.document.title if self.document is not None else self.described_information[:80]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Grant(models.Model):
    """The access a decision or determination gave one councillor to one document."""

    request = models.OneToOneField(AccessRequest, on_delete=models.PROTECT, related_name="grant")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="document_grants")
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="grants")
    can_copy = models.BooleanField(default=False)
    expires_on = models.DateField(null=True, blank=True, help_text="Last day the grant works; empty for no expiry.")
    undertaking_text = models.TextField()
    undertaking_accepted_at = models.DateTimeField(null=True, blank=True)
    eligible_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The office that made the grantee eligible; the grant ends when they hold no member office.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        mode = "copy" if self.can_copy else "inspect"
        return f"Grant {self.pk} ({mode}) of {self.document} to {self.person}"


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed in the browser"
        DOWNLOAD = "download", "Downloaded a copy"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="access_log")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="document_reads")
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, null=True, blank=True, related_name="log_entries")
    action = models.CharField(max_length=10, choices=Action.choices)
    via = models.CharField(max_length=20, default="page", help_text="page or api")
    at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.person} {self.get_action_display().lower()} {self.document} at {self.at:%Y-%m-%d %H:%M}"
