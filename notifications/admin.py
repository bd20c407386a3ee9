from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(SimpleHistoryAdmin):
    list_display = ("subject", "recipient", "created_at", "sent_at", "read_at", "attempts")
    search_fields = ("subject", "key", "recipient__username")
    readonly_fields = ("key", "created_at", "sent_at", "attempts", "last_error")
