from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from protocol_portal.api_auth import TokenView
from protocol_portal.core import views as core_views
from roles import views as roles_views

api_patterns: list = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("roles.api_urls")),
    path("", include("expectations.api_urls")),
    path("", include("complaints.api_urls")),
    path("", include("access_requests.api_urls")),
]

urlpatterns = [
    path("", roles_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("history/<str:label>/<int:pk>/", core_views.HistoryView.as_view(), name="history"),
    path("inbox/", include("notifications.urls")),
    path("", include("roles.urls")),
    path("protocols/", include("expectations.urls")),
    path("complaints/", include("complaints.urls")),
    path("requests/", include("access_requests.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]
