"""Members' and officers' declarations: close relationships (LL 7.7) and registered interests."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .councils import Council
from .dated import DatedRecord
from .people import Person


class RelationshipDeclaration(DatedRecord):
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

    class Meta(DatedRecord.Meta):
        ordering = ["council__name", "-start_date"]
        constraints = [
            *DatedRecord.Meta.constraints,
            models.CheckConstraint(condition=~Q(member=models.F("officer")), name="relationship_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.member} and {self.officer} ({self.get_nature_display()})"


class InterestDeclaration(DatedRecord):
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

    NOTIFY_WITHIN_DAYS = 28

    class Meta(DatedRecord.Meta):
        ordering = ["council__name", "-start_date"]
        constraints = [*DatedRecord.Meta.constraints]

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
