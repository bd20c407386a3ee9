from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class ReadOnlyHistoryMixin:
    """The admin may show history but never edit or revert it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):  # type: ignore[no-untyped-def]
        extra_context = {**(extra_context or {}), "revert_disabled": True}
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]


class GovernanceRecordAdmin(ReadOnlyHistoryMixin):
    """Governance records are read here and changed only through the portal's pages, which call the services.

    The services hold the rules the admin would skip (one holder at a time, overlapping terms, object
    permissions on declarations) and write the history row with who and why.
    """

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.Person)
class PersonAdmin(ReadOnlyHistoryMixin, UserAdmin, SimpleHistoryAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Portal", {"fields": ("display_name", "phone")}))  # type: ignore[misc]
    list_display = ("username", "display_name", "email", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "display_name", "email")


class OfficeInline(GovernanceRecordAdmin, admin.TabularInline):
    model = models.Office
    extra = 0
    fields = ("name", "slug", "kind", "reports_to", "management_level", "multiple_holders")
    show_change_link = True


@admin.register(models.Council)
class CouncilAdmin(GovernanceRecordAdmin, SimpleHistoryAdmin):
    list_display = ("name", "slug", "tier", "principal_council")
    list_filter = ("tier",)
    search_fields = ("name", "slug")
    inlines = [OfficeInline]


@admin.register(models.Office)
class OfficeAdmin(GovernanceRecordAdmin, SimpleHistoryAdmin):
    list_display = ("name", "council", "kind", "reports_to", "management_level", "multiple_holders")
    list_filter = ("council", "kind", "management_level", "is_monitoring_officer", "is_administrator")
    search_fields = ("name", "slug", "council__name")
    list_select_related = ("council", "reports_to")


@admin.register(models.Appointment)
class AppointmentAdmin(GovernanceRecordAdmin, SimpleHistoryAdmin):
    list_display = ("person", "office", "basis", "start_date", "end_date")
    list_filter = ("office__council", "basis")
    search_fields = ("person__username", "person__last_name", "office__name")
    list_select_related = ("person", "office", "office__council")


for model in (
    models.PoliticalGroup,
    models.GroupMembership,
    models.Ward,
    models.WardMembership,
    models.Committee,
    models.CommitteeMembership,
):
    admin.site.register(model, type(f"{model.__name__}Admin", (GovernanceRecordAdmin, SimpleHistoryAdmin), {}))


@admin.register(models.RelationshipDeclaration)
class RelationshipDeclarationAdmin(GovernanceRecordAdmin, GuardedModelAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("member", "officer", "nature", "council", "start_date", "end_date")
    list_filter = ("council", "nature")


@admin.register(models.InterestDeclaration)
class InterestDeclarationAdmin(GovernanceRecordAdmin, GuardedModelAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("member", "category", "council", "start_date", "end_date")
    list_filter = ("council", "category")
