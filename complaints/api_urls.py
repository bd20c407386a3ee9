from django.urls import path

from . import api

urlpatterns = [
    path("complaints/", api.ComplaintListCreateView.as_view(), name="api-complaint-list"),
    path("complaints/route-preview/", api.RoutePreviewView.as_view(), name="api-complaint-route-preview"),
    path("complaints/<int:pk>/", api.ComplaintDetailView.as_view(), name="api-complaint-detail"),
    path("complaints/<int:pk>/transition/", api.ComplaintTransitionView.as_view(), name="api-complaint-transition"),
    path("complaints/<int:pk>/respond/", api.ComplaintRespondView.as_view(), name="api-complaint-respond"),
    path("complaints/<int:pk>/escalate/", api.ComplaintEscalateView.as_view(), name="api-complaint-escalate"),
    path("complaints/<int:pk>/extend/", api.ComplaintExtendView.as_view(), name="api-complaint-extend"),
    path("councils/<slug:slug>/complaints-report/", api.ComplaintsReportView.as_view(), name="api-complaints-report"),
]
