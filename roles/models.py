"""Councils, people, the offices they hold and for how long, and their declarations."""

from __future__ import annotations

import secrets
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


def new_session_salt() -> str:
    return secrets.token_hex(16)


def today() -> date:
    return timezone.localdate()


class Person(AbstractUser):
    """Anyone the protocol concerns: councillors, officers, consultants, agency staff.

    People without a login (a consultant named in a complaint) have an unusable
    password; the username is still their stable handle in the API.
    """

    display_name = models.CharField(
        max_length=150, blank=True, help_text="How the person is addressed, e.g. 'Cllr Ada Fenwick'."
    )
    phone = models.CharField(max_length=40, blank=True)
    session_salt = models.CharField(max_length=32, default=new_session_salt, editable=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_salt"])

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._revoke_api_tokens = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Here, not in a view: every way a password changes (change, reset, admin, shell)
        # ends in set_password() and save(), and none may leave an old API token working.
        revoke = getattr(self, "_revoke_api_tokens", False) and self.pk is not None
        if revoke and not getattr(self, "_change_reason", None):
            self._change_reason = "Password changed: every API token revoked"
        super().save(*args, **kwargs)
        if revoke:
            from knox.models import AuthToken

            AuthToken.objects.filter(user=self).delete()
        self._revoke_api_tokens = False

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Sessions are bound to the password *and* a per-person salt: rotating the salt
        # ("sign out everywhere") invalidates every session at its next request.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, self.password + self.session_salt, secret=secret, algorithm="sha256").hexdigest()


class DatedQuerySet(models.QuerySet):
    """Records with ``start_date`` and optional ``end_date``."""

    def current(self, on: date | None = None) -> DatedQuerySet:
        on = on or today()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


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


class Appointment(models.Model):
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
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while the term continues.")
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["office__council__name", "office__sort_order", "-start_date"]
        indexes = [
            models.Index(fields=["office", "start_date", "end_date"]),
            models.Index(fields=["person", "start_date", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_ends_after_start",
                violation_error_message="An appointment cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} as {self.office.name}"

    def is_current(self, on: date | None = None) -> bool:
        on = on or today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class PoliticalGroup(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="political_groups")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="group_slug_unique_in_council")]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", "Group Leader"
        DEPUTY_LEADER = "deputy_leader", "Deputy Group Leader"
        MEMBER = "member", "Member"

    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["group__name", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="group_membership_ends_after_start",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.group})"


class Ward(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="wards")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    seats = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="ward_slug_unique_in_council")]

    def __str__(self) -> str:
        return self.name


class WardMembership(models.Model):
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ward_memberships")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["ward__name", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="ward_membership_ends_after_start",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.ward}"


class Committee(models.Model):
    class Kind(models.TextChoices):
        FULL_COUNCIL = "full_council", "Full council"
        CABINET = "cabinet", "Cabinet"
        COMMITTEE = "committee", "Committee"
        SUB_COMMITTEE = "sub_committee", "Sub-committee"
        WORKING_GROUP = "working_group", "Working group"
        PERSONNEL = "personnel", "Personnel committee"
        STANDARDS = "standards", "Standards, audit or ethics committee"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    purpose = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "slug"], name="committee_slug_unique_in_council")]

    def __str__(self) -> str:
        return self.name


class CommitteeMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="committee_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["committee__name", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="committee_membership_ends_after_start",
                violation_error_message="A membership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.committee})"


class RelationshipDeclaration(models.Model):
    """A friendship or closer relationship between a member and an officer (LL 7.7)."""

    class Nature(models.TextChoices):
        FRIENDSHIP = "friendship", "Friendship"
        RELATIVE = "relative", "Relative"
        PARTNER = "partner", "Partner or spouse"
        BUSINESS = "business", "Business or financial connection"
        OTHER = "other", "Other close relationship"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="relationship_declarations")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_as_member")
    officer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_as_officer")
    nature = models.CharField(max_length=20, choices=Nature.choices)
    details = models.TextField(blank=True)
    start_date = models.DateField(help_text="Date declared.")
    end_date = models.DateField(null=True, blank=True, help_text="Date the relationship ended, if it has.")

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["council__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="relationship_ends_after_declared",
                violation_error_message="A relationship cannot end before it was declared.",
            ),
            models.CheckConstraint(condition=~Q(member=models.F("officer")), name="relationship_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.member} and {self.officer} ({self.get_nature_display()})"


class InterestDeclaration(models.Model):
    """A member's registered interest, including disclosable pecuniary interests (DPIs)."""

    class Category(models.TextChoices):
        DPI = "dpi", "Disclosable pecuniary interest"
        OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
        ACTING_AGAINST_COUNCIL = "acting_against", "Acting against the council (TW 2.33)"

    # Published on the council's public registers (Localism Act s29; TW 2.33-2.34).
    PUBLIC_INTERESTS = (Category.DPI, Category.OTHER_REGISTRABLE)

    class ActingParty(models.TextChoices):
        MEMBER = "member", "The member"
        SPOUSE_OR_PARTNER = "spouse_or_partner", "Spouse or partner"
        EMPLOYER = "employer", "Employer"
        COMPANY = "company", "A company or body the member is involved in"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="interest_declarations")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interest_declarations")
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.TextField()
    matters = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated matters the interest touches (e.g. 'land at Mill Road, planning'), "
        "used to flag conflicts on documents and decisions.",
    )
    start_date = models.DateField(help_text="Date registered.")
    end_date = models.DateField(null=True, blank=True)
    sensitive = models.BooleanField(
        "Sensitive interest (s32)",
        default=False,
        help_text="The Monitoring Officer agrees that publishing the details could lead to violence or "
        "intimidation: the public register says only that the member has an interest whose details are withheld.",
    )
    arose_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date of election or of the change that made this interest registrable: it must be "
        "notified to the Monitoring Officer within 28 days.",
    )
    acting_party = models.CharField(
        max_length=20,
        choices=ActingParty.choices,
        blank=True,
        help_text="For acting against the council: who acts (TW 2.33).",
    )

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    NOTIFY_WITHIN_DAYS = 28

    class Meta:
        ordering = ["council__name", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="interest_ends_after_declared",
                violation_error_message="An interest cannot end before it was registered.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_category_display()}"

    def matter_terms(self) -> list[str]:
        return [term.strip().lower() for term in self.matters.split(",") if term.strip()]


# django-guardian direct foreign-key permission tables for the private registers.
class RelationshipDeclarationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(RelationshipDeclaration, on_delete=models.CASCADE)


class RelationshipDeclarationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(RelationshipDeclaration, on_delete=models.CASCADE)


class InterestDeclarationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(InterestDeclaration, on_delete=models.CASCADE)


class InterestDeclarationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(InterestDeclaration, on_delete=models.CASCADE)
