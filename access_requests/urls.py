from django.urls import path

from .views import documents, manage, requests

app_name = "access_requests"
urlpatterns = [
    path("", requests.RequestListView.as_view(), name="request-list"),
    path("disputes/", requests.DisputeListView.as_view(), name="dispute-list"),
    path("<int:pk>/", requests.RequestDetailView.as_view(), name="request-detail"),
    path("<int:pk>/decide/", requests.RequestDecideView.as_view(), name="request-decide"),
    path("<int:pk>/refer/", requests.RequestReferView.as_view(), name="request-refer"),
    path("<int:pk>/determine/", requests.RequestDetermineView.as_view(), name="request-determine"),
    path("<int:pk>/undertaking/", requests.UndertakingView.as_view(), name="undertaking"),
    path("<int:pk>/revoke-grant/", requests.RequestRevokeGrantView.as_view(), name="request-revoke-grant"),
    path("<int:pk>/withdraw/", requests.RequestWithdrawView.as_view(), name="request-withdraw"),
    path("documents/", documents.DocumentListView.as_view(), name="document-list"),
    path("documents/<int:pk>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<int:pk>/read/", documents.DocumentReadView.as_view(), name="document-read"),
    path("documents/<int:pk>/copy/", documents.DocumentCopyView.as_view(), name="document-copy"),
    path("documents/<int:pk>/log/", documents.DocumentLogView.as_view(), name="document-log"),
    path("councils/<slug:slug>/new/", requests.RequestCreateView.as_view(), name="request-create"),
    path("councils/<slug:slug>/documents/new/", manage.DocumentCreateView.as_view(), name="document-create"),
    path("councils/<slug:slug>/meetings/", manage.MeetingListView.as_view(), name="meeting-list"),
    path("councils/<slug:slug>/meetings/new/", manage.MeetingCreateView.as_view(), name="meeting-create"),
    path(
        "councils/<slug:slug>/meetings/<int:meeting>/items/new/",
        manage.AgendaItemCreateView.as_view(),
        name="agenda-item-create",
    ),
    path("councils/<slug:slug>/rules/", manage.RuleListView.as_view(), name="rule-list"),
    path("councils/<slug:slug>/rules/policy/", manage.PolicyEditView.as_view(), name="policy-edit"),
    path("councils/<slug:slug>/rules/<str:kind>/", manage.RuleEditView.as_view(), name="rule-edit"),
]
