from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import include, path
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from protocol_portal.api_auth import TokenView
from protocol_portal.core import views as core_views
from protocol_portal.core.account_views import ApiTokenListView
from roles import views as roles_views

api_patterns: list = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its script as a file, so the docs work under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("roles.api_urls")),
    path("", include("expectations.api_urls")),
    path("", include("complaints.api_urls")),
    path("", include("access_requests.api_urls")),
    path("", include("standards.api_urls")),
]

sign_in_view = method_decorator(
    ratelimit(key="ip", rate=settings.RATELIMIT_SIGN_IN, method="POST", block=True), name="post"
)(auth_views.LoginView)
password_reset_view = method_decorator(
    [
        ratelimit(key="ip", rate=settings.RATELIMIT_PASSWORD_RESET, method="POST", block=True),
        ratelimit(key="post:email", rate=settings.RATELIMIT_PASSWORD_RESET, method="POST", block=True),
    ],
    name="post",
)(auth_views.PasswordResetView)


class InvitedPasswordResetForm(PasswordResetForm):
    """Django's reset skips people without a usable password; invited people have none yet but may reset."""

    def get_users(self, email: str):  # type: ignore[no-untyped-def]
        from roles.models import Person

        people = Person.objects.filter(email__iexact=email, is_active=True)
        return (p for p in people if p.has_usable_password() or p.invitations.exists())


urlpatterns = [
    path("", roles_views.home, name="home"),
    # Probes: no sign-in, no rate limit (neither is applied to these views).
    path("healthz/", core_views.healthz, name="healthz"),
    path("readyz/", core_views.readyz, name="readyz"),
    path("accounts/login/", sign_in_view.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        password_reset_view.as_view(form_class=InvitedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        roles_views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/tokens/", ApiTokenListView.as_view(), name="api-tokens"),
    path("history/<str:label>/<int:pk>/", core_views.HistoryView.as_view(), name="history"),
    path("inbox/", include("notifications.urls")),
    path("", include("roles.urls")),
    path("protocols/", include("expectations.urls")),
    path("complaints/", include("complaints.urls")),
    path("requests/", include("access_requests.urls")),
    path("privacy/", include("privacy.urls")),
    path("standards/", include("standards.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]

handler400 = "protocol_portal.core.errors.bad_request"
handler403 = "protocol_portal.core.errors.permission_denied"
handler404 = "protocol_portal.core.errors.page_not_found"
handler500 = "protocol_portal.core.errors.server_error"
