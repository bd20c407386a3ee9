"""Political groups, wards and committees, and their dated memberships (one leader, one chair at a time)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .councils import Council
from .dated import DatedRecord
from .people import Person


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


class GroupMembership(DatedRecord):
    class Role(models.TextChoices):
        LEADER = "leader", "Group Leader"
        DEPUTY_LEADER = "deputy_leader", "Deputy Group Leader"
        MEMBER = "member", "Member"

    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta(DatedRecord.Meta):
        ordering = ["group__name", "role", "person__last_name"]
        constraints = [
            *DatedRecord.Meta.constraints,
            # One leader at a time (the services also refuse overlapping dated terms, with a message).
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=Q(end_date__isnull=True, role__in=["leader", "deputy_leader"]),
                name="group_one_open_leader",
                violation_error_message="Someone already holds this role: end their term first.",
            ),
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(end_date__isnull=True),
                name="group_membership_one_open_per_person",
                violation_error_message="This person is already a member.",
            ),
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


class WardMembership(DatedRecord):
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ward_memberships")

    history = HistoricalRecords()

    class Meta(DatedRecord.Meta):
        ordering = ["ward__name", "person__last_name"]
        constraints = [
            *DatedRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["ward", "person"],
                condition=Q(end_date__isnull=True),
                name="ward_membership_one_open_per_person",
                violation_error_message="This person is already a member.",
            ),
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


class CommitteeMembership(DatedRecord):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-Chair"
        MEMBER = "member", "Member"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="committee_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta(DatedRecord.Meta):
        ordering = ["committee__name", "role", "person__last_name"]
        constraints = [
            *DatedRecord.Meta.constraints,
            # One chair at a time (the services also refuse overlapping dated terms, with a message).
            models.UniqueConstraint(
                fields=["committee", "role"],
                condition=Q(end_date__isnull=True, role__in=["chair", "vice_chair"]),
                name="committee_one_open_chair",
                violation_error_message="Someone already holds this role: end their term first.",
            ),
            models.UniqueConstraint(
                fields=["committee", "person"],
                condition=Q(end_date__isnull=True),
                name="committee_membership_one_open_per_person",
                violation_error_message="This person is already a member.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.committee})"
