from django.urls import path

from . import views

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
]
