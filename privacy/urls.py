from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("<slug:slug>/", views.PrivacyDashboardView.as_view(), name="dashboard"),
    path("<slug:slug>/subject-access/", views.SubjectAccessExportView.as_view(), name="subject-access"),
    path("<slug:slug>/retention/new/", views.RetentionRuleCreateView.as_view(), name="rule-create"),
    path("<slug:slug>/holds/new/", views.LegalHoldCreateView.as_view(), name="hold-create"),
]
