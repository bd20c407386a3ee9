from django.urls import path

from . import views, views_other

app_name = "standards"
urlpatterns = [
    path("conduct/", views.ConductListView.as_view(), name="list"),
    path("conduct/new/<slug:slug>/", views.ConductCreateView.as_view(), name="create"),
    path("conduct/<int:pk>/", views.ConductDetailView.as_view(), name="detail"),
    path("conduct/<int:pk>/<slug:action>/", views.ConductActionView.as_view(), name="action"),
    path("<slug:slug>/decision-notices/", views.DecisionNoticeListView.as_view(), name="decision-notices"),
    path("<slug:slug>/interests/", views.RegisterView.as_view(kind="interests"), name="interests"),
    path(
        "<slug:slug>/interests/history/",
        views.RegisterHistoryView.as_view(kind="interests"),
        name="interests-history",
    ),
    path("<slug:slug>/acting-against/", views.RegisterView.as_view(kind="acting_against"), name="acting-against"),
    path(
        "<slug:slug>/acting-against/history/",
        views.RegisterHistoryView.as_view(kind="acting_against"),
        name="acting-against-history",
    ),
    path("<slug:slug>/briefings/", views_other.BriefingListView.as_view(), name="briefings"),
    path("<slug:slug>/briefings/new/", views_other.BriefingRequestView.as_view(), name="briefing-request"),
    path("<slug:slug>/briefings/<int:pk>/decide/", views_other.BriefingDecideView.as_view(), name="briefing-decide"),
    path("<slug:slug>/ward-events/", views_other.WardEventListView.as_view(), name="ward-events"),
    path("<slug:slug>/ward-events/new/", views_other.WardEventCreateView.as_view(), name="ward-event-create"),
    path("correspondence/", views_other.CorrespondenceListView.as_view(), name="correspondence"),
    path("correspondence/<int:pk>/", views_other.CorrespondenceDetailView.as_view(), name="correspondence-detail"),
    path(
        "<slug:slug>/correspondence/new/",
        views_other.CorrespondenceCreateView.as_view(),
        name="correspondence-create",
    ),
]
