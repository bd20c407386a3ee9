"""Councils, people, the offices they hold and for how long, and their declarations."""

from .councils import LEVEL_RANK, STATUTORY_LABELS, Appointment, Council, ManagementLevel, Office
from .dated import DatedQuerySet, DatedRecord, current_q
from .declarations import (
    InterestDeclaration,
    InterestDeclarationGroupObjectPermission,
    InterestDeclarationUserObjectPermission,
    RelationshipDeclaration,
    RelationshipDeclarationGroupObjectPermission,
    RelationshipDeclarationUserObjectPermission,
)
from .invitation import Invitation
from .memberships import Committee, CommitteeMembership, GroupMembership, PoliticalGroup, Ward, WardMembership
from .people import Person, new_session_salt

__all__ = [
    "LEVEL_RANK",
    "STATUTORY_LABELS",
    "Appointment",
    "Committee",
    "CommitteeMembership",
    "Council",
    "DatedQuerySet",
    "DatedRecord",
    "GroupMembership",
    "Invitation",
    "InterestDeclaration",
    "InterestDeclarationGroupObjectPermission",
    "InterestDeclarationUserObjectPermission",
    "ManagementLevel",
    "Office",
    "Person",
    "PoliticalGroup",
    "RelationshipDeclaration",
    "RelationshipDeclarationGroupObjectPermission",
    "RelationshipDeclarationUserObjectPermission",
    "Ward",
    "WardMembership",
    "current_q",
    "new_session_salt",
]
