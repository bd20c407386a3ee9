from django.urls import path

from . import api

urlpatterns = [
    path("councils/", api.CouncilListView.as_view(), name="api-council-list"),
    path("councils/<slug:slug>/", api.CouncilDetailView.as_view(), name="api-council-detail"),
    path("councils/<slug:slug>/offices/", api.CouncilOfficeListView.as_view(), name="api-council-offices"),
]
