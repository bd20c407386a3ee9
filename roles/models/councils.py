"""Councils, their offices (posts), line management, and who holds each office when."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .dated import DatedRecord
from .people import Person


class Council(models.Model):
    class Tier(models.TextChoices):
        PARISH = "parish", "Parish council"
        TOWN = "town", "Town council"
        DISTRICT = "district", "District council"
        BOROUGH = "borough", "Borough council"
        UNITARY = "unitary", "Unitary authority"
        COUNTY = "county", "County council"

    PRINCIPAL_TIERS = (Tier.DISTRICT, Tier.BOROUGH, Tier.UNITARY, Tier.COUNTY)

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    code = models.SlugField(
        max_length=12, unique=True, help_text="Short code used in demo logins and references, e.g. 'll'."
    )
    tier = models.CharField(max_length=20, choices=Tier.choices)
    principal_council = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_councils",
        help_text="For a town or parish council: the principal council whose Monitoring Officer serves it.",
    )
    description = models.TextField(blank=True)
    protocol_contact = models.CharField(
        max_length=200, blank=True, help_text="Who to contact about the protocol (office or team)."
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(principal_council=models.F("id")), name="council_not_own_principal")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("roles:council-detail", args=[self.slug])

    def clean(self) -> None:
        principal = self.principal_council
        if principal is not None:
            if principal.pk == self.pk:
                raise ValidationError({"principal_council": "A council cannot be its own principal council."})
            if principal.tier not in {str(tier) for tier in self.PRINCIPAL_TIERS}:
                raise ValidationError(
                    {
                        "principal_council": "The principal council must be a district, borough, unitary or county council."
                    }
                )


class ManagementLevel(models.TextChoices):
    HEAD_OF_PAID_SERVICE = "head_of_paid_service", "Head of the organisation (Chief Executive, Clerk)"
    CHIEF_OFFICER = "chief_officer", "Chief Officer (Executive Director, Director)"
    HEAD_OF_SERVICE = "head_of_service", "Head of Service (Associate Director)"
    MANAGER = "manager", "Manager or Senior Officer"
    STAFF = "staff", "Staff"
    NONE = "none", "Not applicable (member office)"


# Most senior first: "at level X" means at X or anything more senior.
LEVEL_RANK = {
    ManagementLevel.HEAD_OF_PAID_SERVICE: 0,
    ManagementLevel.CHIEF_OFFICER: 1,
    ManagementLevel.HEAD_OF_SERVICE: 2,
    ManagementLevel.MANAGER: 3,
    ManagementLevel.STAFF: 4,
    ManagementLevel.NONE: 9,
}


class Office(models.Model):
    """A post in one council: a member office (Town Mayor) or an officer post (Town Clerk)."""

    ManagementLevel = ManagementLevel

    class Kind(models.TextChoices):
        MEMBER = "member", "Member (councillor)"
        OFFICER = "officer", "Officer (employee, consultant or agency staff)"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(blank=True)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="direct_reports",
        help_text="Line management: the office this one reports to.",
    )
    multiple_holders = models.BooleanField(
        default=False, help_text="Whether several people hold this office at once (e.g. councillor)."
    )
    is_head_of_paid_service = models.BooleanField("Head of Paid Service", default=False)
    is_monitoring_officer = models.BooleanField("Monitoring Officer", default=False)
    is_chief_finance_officer = models.BooleanField("Chief Finance Officer (s151)", default=False)
    is_proper_officer = models.BooleanField("Proper Officer", default=False)
    is_rfo = models.BooleanField("Responsible Financial Officer", default=False)
    is_administrator = models.BooleanField(
        "Council administrator",
        default=False,
        help_text="Holders maintain this council's records in the portal (usually the clerk).",
    )
    is_chair_of_council = models.BooleanField("Chair of the council (Mayor)", default=False)
    is_complaints_member = models.BooleanField(
        "Member responsible for complaints",
        default=False,
        help_text="Holders see the council's complaint-handling reports (with its administrators and the MO).",
    )
    is_independent_person = models.BooleanField(
        "Independent Person",
        default=False,
        help_text="Appointed under the Localism Act 2011 s28(7): their views are sought on Code of Conduct "
        "allegations that have been investigated.",
    )
    management_level = models.CharField(
        max_length=20,
        choices=ManagementLevel.choices,
        default=ManagementLevel.STAFF,
        help_text="Where an officer post sits in line management, so routing can find "
        "'the appropriate head of service' or 'the Chief Officer concerned'.",
    )
    sort_order = models.PositiveIntegerField(default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="office_slug_unique_in_council"),
            models.UniqueConstraint(fields=["council", "name"], name="office_name_unique_in_council"),
            models.CheckConstraint(condition=~Q(reports_to=models.F("id")), name="office_not_own_manager"),
        ]

    STATUTORY_FLAGS = (
        "is_head_of_paid_service",
        "is_monitoring_officer",
        "is_chief_finance_officer",
        "is_proper_officer",
        "is_rfo",
    )

    def __str__(self) -> str:
        return f"{self.name}, {self.council.name}"

    def get_absolute_url(self) -> str:
        return reverse("roles:office-detail", args=[self.council.slug, self.slug])

    @property
    def statutory_roles(self) -> list[str]:
        return [STATUTORY_LABELS[flag] for flag in self.STATUTORY_FLAGS if getattr(self, flag)]

    def clean(self) -> None:
        errors = {}
        manager = self.reports_to
        if manager is not None:
            if manager.council_id != self.council_id:
                errors["reports_to"] = "An office can only report to an office of the same council."
            else:
                # Walk up the line: a cycle would make "line manager" undefined.
                seen = {self.pk}
                cursor: Office | None = manager
                while cursor is not None:
                    if cursor.pk in seen:
                        errors["reports_to"] = "This reporting line would form a loop."
                        break
                    seen.add(cursor.pk)
                    cursor = cursor.reports_to
        if self.kind == self.Kind.MEMBER and any(getattr(self, f) for f in self.STATUTORY_FLAGS):
            errors["kind"] = "Statutory officer roles belong to officer posts, not member offices."
        if errors:
            raise ValidationError(errors)


STATUTORY_LABELS = {
    "is_head_of_paid_service": "Head of Paid Service",
    "is_monitoring_officer": "Monitoring Officer",
    "is_chief_finance_officer": "Chief Finance Officer (s151)",
    "is_proper_officer": "Proper Officer",
    "is_rfo": "Responsible Financial Officer",
}


class Appointment(DatedRecord):
    """A person holding an office from a start date to an optional end date."""

    class Basis(models.TextChoices):
        ELECTED = "elected", "Elected"
        CO_OPTED = "co_opted", "Co-opted"
        APPOINTED = "appointed", "Appointed by the council"
        EMPLOYED = "employed", "Employed"
        CONSULTANT = "consultant", "Consultant"
        AGENCY = "agency", "Agency staff"
        INTERIM = "interim", "Interim or acting"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="appointments")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while the term continues.")
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta(DatedRecord.Meta):
        ordering = ["office__council__name", "office__sort_order", "-start_date"]
        indexes = [
            models.Index(fields=["office", "start_date", "end_date"]),
            models.Index(fields=["person", "start_date", "end_date"]),
        ]
        constraints = [
            *DatedRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["office", "person"],
                condition=Q(end_date__isnull=True),
                name="appointment_one_open_term_per_person",
                violation_error_message="This person already holds this office.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} as {self.office.name}"
