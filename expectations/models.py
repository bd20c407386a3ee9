"""Each council's protocol, clause by clause, and the shared themes that compare them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from roles.models import Council

from .life import PROTOCOL_LIFE, ProtocolStatus


class Theme(models.Model):
    """One entry of the shared taxonomy (e.g. timely response), used to compare councils."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ProtocolDocument(models.Model):
    """One version of a council's protocol, with document control."""

    Status = ProtocolStatus

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="protocols")
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    adoption_note = models.CharField(
        max_length=600, blank=True, help_text="The document's own wording, e.g. 'Adopted by Council (date TBC)'."
    )
    last_reviewed = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    numbering_note = models.TextField(blank=True, help_text="How clauses without their own numbers are numbered.")
    source = models.CharField(max_length=200, blank=True)
    full_text = models.TextField(blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    review_reminder_days = models.PositiveSmallIntegerField(
        default=60, help_text="How many days before the review date the council's administrators are reminded."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["council", "version"], name="protocol_version_unique_in_council"),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(status="adopted"),
                name="one_adopted_protocol_per_council",
                violation_error_message="A council has one adopted protocol at a time.",
            ),
            models.CheckConstraint(
                condition=Q(review_due__isnull=True) | Q(adopted_on__isnull=True) | Q(review_due__gte=F("adopted_on")),
                name="protocol_review_after_adoption",
                violation_error_message="The review date cannot be before the adoption date.",
            ),
            PROTOCOL_LIFE.state_constraint("protocol_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version}, {self.council.name})"

    def get_absolute_url(self) -> str:
        return reverse("expectations:version-detail", args=[self.council.slug, self.version])


class ProtocolDocumentUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ProtocolDocument, on_delete=models.CASCADE)


class ProtocolDocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ProtocolDocument, on_delete=models.CASCADE)


class Clause(models.Model):
    """One clause of one protocol version, numbered and worded exactly as the protocol."""

    class Kind(models.TextChoices):
        ROLE_DESCRIPTION = "role_description", "Role description"
        PRINCIPLE = "principle", "Principle"
        EXPECTATION_OF_OFFICERS = "expectation_of_officers", "What members can expect of officers"
        EXPECTATION_OF_MEMBERS = "expectation_of_members", "What officers can expect of members"
        LIMITATION = "limitation", "Limitation on behaviour"
        PROCEDURE = "procedure", "Procedure"
        ACCESS_RULE = "access_rule", "Access-to-information rule"

    document = models.ForeignKey(ProtocolDocument, on_delete=models.PROTECT, related_name="clauses")
    number = models.CharField(max_length=40)
    section = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    themes = models.ManyToManyField(Theme, blank=True, related_name="clauses")

    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["document", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="clause_number_unique_in_version",
                violation_error_message="This clause number is already used in this version of the protocol.",
            )
        ]
        indexes = [models.Index(fields=["document", "kind"])]

    def __str__(self) -> str:
        return f"{self.document.council.code.upper()} {self.number}"

    def get_absolute_url(self) -> str:
        document = self.document
        if document.status == ProtocolDocument.Status.ADOPTED:
            return reverse("expectations:clause-detail", args=[document.council.slug, self.number])
        return reverse(
            "expectations:version-clause-detail", args=[document.council.slug, document.version, self.number]
        )


class Acknowledgement(models.Model):
    """A person's confirmation that they have read one version of a council's protocol (LL 3.3)."""

    document = models.ForeignKey(ProtocolDocument, on_delete=models.PROTECT, related_name="acknowledgements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="acknowledgements")
    acknowledged_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "person"],
                name="acknowledgement_once_per_version",
                violation_error_message="This person has already confirmed reading this version.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} read {self.document}"


class AcknowledgementUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Acknowledgement, on_delete=models.CASCADE)


class AcknowledgementGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Acknowledgement, on_delete=models.CASCADE)
