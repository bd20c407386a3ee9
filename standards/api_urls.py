from django.urls import path

from . import api

urlpatterns = [
    path("conduct-complaints/", api.ConductListCreateView.as_view(), name="api-conduct-list"),
    path("conduct-complaints/<int:pk>/", api.ConductDetailView.as_view(), name="api-conduct-detail"),
    path("conduct-complaints/<int:pk>/assess/", api.ConductAssessView.as_view(), name="api-conduct-assess"),
    path(
        "conduct-complaints/<int:pk>/independent-person-view/",
        api.ConductIPViewView.as_view(),
        name="api-conduct-ip-view",
    ),
    path("conduct-complaints/<int:pk>/decide/", api.ConductDecideView.as_view(), name="api-conduct-decide"),
    path("councils/<slug:slug>/decision-notices/", api.DecisionNoticeListView.as_view(), name="api-decision-notices"),
    path("councils/<slug:slug>/interests/", api.InterestRegisterView.as_view(), name="api-interest-register"),
    path(
        "councils/<slug:slug>/acting-against-register/",
        api.ActingAgainstRegisterView.as_view(),
        name="api-acting-against-register",
    ),
]
