from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = "Standards: Code of Conduct complaints and public registers"

    def ready(self) -> None:
        from protocol_portal.core import worklist
        from protocol_portal.core.policies import register_visibility

        from . import models, permissions, queues

        # Generic pages (the raw history) use the stricter policy: it names the complainant.
        register_visibility(models.ConductComplaint, permissions.conduct_complaints_history_visible_to)
        register_visibility(models.ConductEvent, permissions.conduct_events_visible_to)
        register_visibility(models.GroupBriefing, permissions.group_briefings_visible_to)
        register_visibility(models.BriefingOffer, permissions.briefing_offers_visible_to)
        register_visibility(models.WardEvent, permissions.ward_events_visible_to)
        register_visibility(models.Correspondence, permissions.correspondence_visible_to)
        register_visibility(models.CorrespondenceRecipient, permissions.correspondence_recipients_visible_to)
        worklist.register(queues.standards_queues)
