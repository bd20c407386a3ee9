from django.urls import path

from . import api

urlpatterns = [
    path("documents/", api.DocumentListView.as_view(), name="api-document-list"),
    path("documents/<int:pk>/content/", api.DocumentContentView.as_view(), name="api-document-content"),
    path("access-requests/", api.AccessRequestListCreateView.as_view(), name="api-access-request-list"),
    path("access-requests/<int:pk>/", api.AccessRequestDetailView.as_view(), name="api-access-request-detail"),
    path("access-requests/<int:pk>/decide/", api.AccessRequestDecideView.as_view(), name="api-access-request-decide"),
    path("access-requests/<int:pk>/refer/", api.AccessRequestReferView.as_view(), name="api-access-request-refer"),
    path(
        "access-requests/<int:pk>/determine/",
        api.AccessRequestDetermineView.as_view(),
        name="api-access-request-determine",
    ),
    path(
        "access-requests/<int:pk>/revoke-grant/",
        api.AccessRequestRevokeGrantView.as_view(),
        name="api-access-request-revoke-grant",
    ),
    path(
        "access-requests/<int:pk>/undertaking/",
        api.AccessRequestUndertakingView.as_view(),
        name="api-access-request-undertaking",
    ),
]
