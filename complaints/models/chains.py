"""Routing chains as data: each council's own answer to "who handles a complaint about whom"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from roles.models import Committee, CommitteeMembership, Council, GroupMembership, ManagementLevel, Office


class Rule(models.TextChoices):
    OFFICE = "office", "A named office (of this council or its principal council)"
    OFFICE_FLAG = "office_flag", "The council's office with a role (Chair, Head of Paid Service, MO, administrator)"
    SUBJECT_LINE_MANAGER = "subject_line_manager", "The line manager of the officer complained about"
    SUBJECT_LEVEL = "subject_level", "Nearest office at a management level, at or above the officer complained about"
    COMPLAINANT_LINE_MANAGER = "complainant_line_manager", "The complainant's line manager"
    COMPLAINANT_LEVEL = "complainant_level", "Nearest office at a management level above the complainant"
    SUBJECT_GROUP_ROLE = "subject_group_role", "A role in the political group of the member complained about"
    COMMITTEE = "committee", "A body: a committee (its chair convenes), or one of its roles"


class OfficeFlag(models.TextChoices):
    CHAIR = "is_chair_of_council", "Chair of the council (Mayor)"
    HEAD_OF_PAID_SERVICE = "is_head_of_paid_service", "Head of Paid Service"
    MONITORING_OFFICER = "is_monitoring_officer", "Monitoring Officer (own or the principal council's)"
    ADMINISTRATOR = "is_administrator", "Council administrator (Clerk)"


ROLE_CHOICES = [
    ("", "—"),
    (GroupMembership.Role.LEADER, "Group Leader"),
    (GroupMembership.Role.DEPUTY_LEADER, "Deputy Group Leader"),
    (CommitteeMembership.Role.CHAIR, "Committee Chair"),
    (CommitteeMembership.Role.VICE_CHAIR, "Committee Vice-Chair"),
    (CommitteeMembership.Role.MEMBER, "Committee member"),
]


class ComplaintSettings(models.Model):
    """A council's reminder and overdue rules (the deadlines are its stages', ``ComplaintStage``)."""

    council = models.OneToOneField(Council, on_delete=models.PROTECT, related_name="complaint_settings")
    remind_before = models.PositiveSmallIntegerField(
        default=2, help_text="Working days before a deadline that the handler is reminded."
    )
    escalate_when_overdue = models.BooleanField(
        default=False,
        help_text="Escalate an overdue complaint to the next step automatically; otherwise flag it to the handler "
        "and the council's administrators.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "complaint settings"
        verbose_name_plural = "complaint settings"

    def __str__(self) -> str:
        return f"Complaint settings for {self.council}"


class RoutingChain(models.Model):
    class Kind(models.TextChoices):
        MEMBER_ABOUT_OFFICER = "member_about_officer", "A member's complaint about an officer"
        OFFICER_ABOUT_MEMBER = "officer_about_member", "An officer's complaint about a member"
        OTHER = "other", "Other complaints (member about member, officer about officer)"
        MEMBER_ABOUT_MEMBER = "member_about_member", "A member's complaint about another member"
        PUBLIC = "public", "A resident's or other outsider's complaint"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="routing_chains")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    clause = models.CharField(max_length=60, blank=True, help_text="The protocol's clause, e.g. 'TW 2.25'.")
    description = models.TextField(blank=True)
    procedures = models.CharField(
        max_length=200,
        blank=True,
        help_text="Comma-separated formal procedures this route may lead to "
        "(disciplinary, grievance, code_of_conduct, personal_harassment).",
    )
    informal_first = models.BooleanField(default=True, help_text="The protocol prefers informal resolution first.")
    active = models.BooleanField(default=True)
    is_fallback = models.BooleanField(
        "Fallback chain", default=False, help_text="Handles any complaint no other active chain covers."
    )
    subject_may_comment = models.BooleanField(
        default=False,
        help_text="The person complained about is told and invited to comment before a finding.",
    )
    subject_comment_within = models.PositiveSmallIntegerField(
        default=10, help_text="Working days the person complained about has to reply."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="chain_slug_unique_in_council"),
            # Routing must be unambiguous: one active chain per kind (several "other" chains may coexist).
            models.UniqueConstraint(
                fields=["council", "kind"],
                condition=Q(active=True) & ~Q(kind="other"),
                name="one_active_chain_per_kind",
                violation_error_message="This council already has an active chain of this kind.",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(active=True, is_fallback=True),
                name="one_active_fallback_chain",
                violation_error_message="This council already has an active fallback chain.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.council.name})"

    def procedure_list(self) -> list[str]:
        return [p.strip() for p in self.procedures.split(",") if p.strip()]

    def clean(self) -> None:
        from ..workflow import Procedure

        unknown = [p for p in self.procedure_list() if p not in Procedure.values]
        if unknown:
            raise ValidationError({"procedures": f"Unknown procedure(s): {', '.join(unknown)}."})


class TargetSpec(models.Model):
    """Who a step points at: the same rules serve handlers and those to be told."""

    rule = models.CharField(max_length=30, choices=Rule.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    level = models.CharField(max_length=20, choices=ManagementLevel.choices, blank=True)
    flag = models.CharField(max_length=30, choices=OfficeFlag.choices, blank=True)
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, blank=True)
    label = models.CharField(max_length=150, help_text="How the protocol names it, e.g. 'the Chief Officer concerned'.")

    class Meta:
        abstract = True

    def chain_council(self) -> Council:
        raise NotImplementedError

    def clean(self) -> None:
        errors: dict[str, str] = {}
        council = self.chain_council()
        needs = {
            Rule.OFFICE: "office",
            Rule.OFFICE_FLAG: "flag",
            Rule.SUBJECT_LEVEL: "level",
            Rule.COMPLAINANT_LEVEL: "level",
            Rule.SUBJECT_GROUP_ROLE: "role",
            Rule.COMMITTEE: "committee",
        }
        field = needs.get(self.rule)  # type: ignore[call-overload]
        if field and not getattr(self, field if field not in {"office", "committee"} else f"{field}_id"):
            errors[field] = "This kind of step needs this to be chosen."
        if self.rule == Rule.OFFICE and self.office_id:
            allowed = {council.pk, council.principal_council_id}
            if self.office is not None and self.office.council_id not in allowed:
                errors["office"] = "Choose an office of this council or of its principal council."
        if self.rule == Rule.COMMITTEE and self.committee is not None and self.committee.council_id != council.pk:
            errors["committee"] = "Choose a committee of this council."
        if self.rule == Rule.SUBJECT_GROUP_ROLE and self.role not in {
            GroupMembership.Role.LEADER,
            GroupMembership.Role.DEPUTY_LEADER,
        }:
            errors["role"] = "Choose Group Leader or Deputy Group Leader."
        if getattr(self, "decides_as_body", False) and self.rule != Rule.COMMITTEE:
            errors["decides_as_body"] = "Only a committee (or the full council) can decide as a body."
        if self.rule == Rule.COMMITTEE and self.role in {
            GroupMembership.Role.LEADER,
            GroupMembership.Role.DEPUTY_LEADER,
        }:
            errors["role"] = "Choose a committee role, or none for the committee convened by its chair."
        if errors:
            raise ValidationError(errors)


class ChainStep(TargetSpec):
    chain = models.ForeignKey(RoutingChain, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    only_if_subject_holds = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The step applies only when the person complained about holds this office "
        "(LL 8.7: the Mayor only for complaints about the Town Clerk).",
    )
    complainant_may_choose = models.BooleanField(
        default=False, help_text="The complainant may address this office instead of the first step."
    )
    decides_as_body = models.BooleanField(
        default=False,
        help_text="The committee decides as a body, at a meeting (confidential part of the agenda), not its chair "
        "alone; its convener prepares the item.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["chain", "position"]
        constraints = [models.UniqueConstraint(fields=["chain", "position"], name="step_position_unique_in_chain")]

    def __str__(self) -> str:
        return f"{self.position}. {self.label}"

    def chain_council(self) -> Council:
        return self.chain.council


class StepNotice(TargetSpec):
    """Someone a step names to be told when it handles the complaint (KI 4.4: report to the Chair)."""

    step = models.ForeignKey(ChainStep, on_delete=models.CASCADE, related_name="notices")

    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "id"]

    def __str__(self) -> str:
        return f"Tell {self.label}"

    def chain_council(self) -> Council:
        return self.step.chain.council
