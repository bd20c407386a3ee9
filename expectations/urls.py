from django.urls import path
from django.views.decorators.cache import cache_page

from .views import manage, public

app_name = "expectations"
V = "<slug:council>/versions/<str:version>"
urlpatterns = [
    path("", public.CatalogueIndexView.as_view(), name="catalogue-index"),
    # Public and changed only on adoption: a minute's cache keeps the matrix cheap for every reader.
    path("compare/", cache_page(60)(public.CompareView.as_view()), name="compare"),
    path("search/", public.SearchView.as_view(), name="search"),
    path("<slug:council>/", public.CatalogueView.as_view(), name="catalogue"),
    path("<slug:council>/clauses/<str:number>/", public.ClauseDetailView.as_view(), name="clause-detail"),
    path("<slug:council>/export.<str:fmt>", public.ExportView.as_view(), name="export"),
    path("<slug:council>/print/", public.PrintView.as_view(), name="print"),
    path("<slug:council>/versions/", public.VersionListView.as_view(), name="version-list"),
    path("<slug:council>/acknowledge/", manage.AcknowledgeView.as_view(), name="acknowledge"),
    path("<slug:council>/readers/", manage.ReadersView.as_view(), name="readers"),
    path("<slug:council>/import/", manage.ImportView.as_view(), name="import"),
    path(f"{V}/", public.VersionDetailView.as_view(), name="version-detail"),
    path(f"{V}/text/", public.VersionTextView.as_view(), name="version-text"),
    path(f"{V}/clauses/<str:number>/", public.ClauseDetailView.as_view(), name="version-clause-detail"),
    path(f"{V}/export.<str:fmt>", public.ExportView.as_view(), name="version-export"),
    path(f"{V}/print/", public.PrintView.as_view(), name="version-print"),
    path(f"{V}/edit/", manage.DocumentControlView.as_view(), name="version-edit"),
    path(f"{V}/clauses-edit/", manage.DraftClausesView.as_view(), name="version-clauses-edit"),
    path(f"{V}/adopt/", manage.AdoptView.as_view(), name="version-adopt"),
]
