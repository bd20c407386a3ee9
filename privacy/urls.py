from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("<slug:slug>/", views.PrivacyDashboardView.as_view(), name="dashboard"),
    path("<slug:slug>/subject-access/", views.SubjectAccessExportView.as_view(), name="subject-access"),
    path("<slug:slug>/subject-access/requests/new/", views.SubjectAccessRequestCreateView.as_view(), name="sar-create"),
    path(
        "<slug:slug>/subject-access/requests/<int:pk>/extend/",
        views.SubjectAccessExtendView.as_view(),
        name="sar-extend",
    ),
    path(
        "<slug:slug>/subject-access/requests/<int:pk>/release/",
        views.SubjectAccessReleaseView.as_view(),
        name="sar-release",
    ),
    path("<slug:slug>/retention/new/", views.RetentionRuleCreateView.as_view(), name="rule-create"),
    path("<slug:slug>/holds/new/", views.LegalHoldCreateView.as_view(), name="hold-create"),
]
