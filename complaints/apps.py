from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from protocol_portal.core import worklist
        from protocol_portal.core.policies import register_visibility

        from . import models, permissions, retention
        from .charts import complaint_charts
        from .worklist import complaint_queues

        worklist.register(complaint_queues)
        worklist.register_chart(complaint_charts)

        register_visibility(models.Complaint, permissions.complaints_visible_to)
        register_visibility(models.RouteDecision, permissions.route_decisions_visible_to)
        register_visibility(models.ComplaintEvent, permissions.complaint_events_visible_to)
        register_visibility(models.ComplaintAttachment, permissions.complaint_attachments_visible_to)
        register_visibility(models.RoutingChain, permissions.chains_visible_to)
        register_visibility(models.ChainStep, permissions.chain_steps_visible_to)
        register_visibility(models.StepNotice, permissions.step_notices_visible_to)
        register_visibility(models.ComplaintSettings, permissions.complaint_settings_visible_to)
        retention.register_retention_handlers()
        register_visibility(models.ComplaintStage, permissions.complaint_stages_visible_to)
        register_visibility(models.StageResponse, permissions.stage_responses_visible_to)
        register_visibility(models.ComplaintExtension, permissions.complaint_extensions_visible_to)
        register_visibility(models.RemedyAction, permissions.remedy_actions_visible_to)
        register_visibility(models.SubjectComment, permissions.subject_comments_visible_to)
        register_visibility(models.ConsentRequest, permissions.consent_requests_visible_to)

    def load_reference_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_chains

        load_chains(actor=actor, stdout=stdout)

    def load_demo_data(self, *, actor, stdout) -> None:  # type: ignore[no-untyped-def]
        from .loaders import load_demo_complaints

        load_demo_complaints(actor=actor, stdout=stdout)
