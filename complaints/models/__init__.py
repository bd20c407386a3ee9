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
from .stages import (
    CODE_STAGES,
    ComplaintExtension,
    ComplaintStage,
    ConsentRequest,
    Finding,
    RemedyAction,
    StageResponse,
    SubjectComment,
)

__all__ = [
    "CODE_STAGES",
    "ComplaintExtension",
    "ConsentRequest",
    "ComplaintStage",
    "Finding",
    "RemedyAction",
    "StageResponse",
    "SubjectComment",
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
