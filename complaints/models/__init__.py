from .chains import ChainStep, ComplaintSettings, RoutingChain, Rule, StepNotice, TargetSpec
from .complaint import (
    Channel,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintGroupObjectPermission,
    ComplaintUserObjectPermission,
    RouteDecision,
)

__all__ = [
    "ChainStep",
    "Channel",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "ComplaintGroupObjectPermission",
    "ComplaintSettings",
    "ComplaintUserObjectPermission",
    "RouteDecision",
    "RoutingChain",
    "Rule",
    "StepNotice",
    "TargetSpec",
]
