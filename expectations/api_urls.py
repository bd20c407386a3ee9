from django.urls import path

from . import api

urlpatterns = [
    path("councils/<slug:slug>/clauses/", api.CouncilClauseListView.as_view(), name="api-council-clauses"),
    path("councils/<slug:slug>/protocols/", api.CouncilProtocolListView.as_view(), name="api-council-protocols"),
    path("themes/", api.ThemeListView.as_view(), name="api-themes"),
]
