from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def _nav() -> list[dict[str, str]]:
    items = []
    for label, url_name in settings.PORTAL_NAV:
        try:
            items.append({"label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue  # the app that owns this page is not installed
    return items


def portal(request: HttpRequest) -> dict:
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from notifications.selectors import notices_unread_count

        unread = notices_unread_count(user=user)
    return {"service_name": "Protocol Portal", "unread_notices": unread, "portal_nav": _nav()}
