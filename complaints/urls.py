from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("new/", views.CouncilChooseView.as_view(), name="create-choose"),
    path("new/<slug:slug>/", views.ComplaintCreateView.as_view(), name="create"),
    path("route/<slug:slug>/", views.RoutePreviewView.as_view(), name="route-preview"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<int:pk>/transition/", views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/action/", views.ActionView.as_view(), name="action"),
    path("<int:pk>/respond/", views.RespondView.as_view(), name="respond"),
    path("<int:pk>/your-reply/", views.SubjectReplyView.as_view(), name="subject-reply"),
    path("<int:pk>/ask-consent/", views.ConsentAskView.as_view(), name="consent-ask"),
    path("<int:pk>/meeting/", views.ScheduleView.as_view(), name="schedule"),
    path("consent/<str:token>/", views.ConsentAnswerView.as_view(), name="consent"),
    path("<int:pk>/escalate/", views.EscalateView.as_view(), name="escalate"),
    path("<int:pk>/extend/", views.ExtendView.as_view(), name="extend"),
    path("<int:pk>/remedies/<int:action>/done/", views.RemedyDoneView.as_view(), name="remedy-done"),
    path("<int:pk>/evidence/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path("<int:pk>/evidence/<int:attachment>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("councils/<slug:slug>/", views.ChainListView.as_view(), name="chains"),
    path("councils/<slug:slug>/settings/", views.SettingsEditView.as_view(), name="settings"),
    path("councils/<slug:slug>/report/", views.ComplaintsReportView.as_view(), name="report"),
    path("councils/<slug:slug>/stages/<int:number>/", views.StageEditView.as_view(), name="stage-edit"),
    path("councils/<slug:slug>/chains/<slug:chain>/copy/", views.ChainCopyView.as_view(), name="chain-copy"),
    path("councils/<slug:slug>/chains/new/", views.ChainCreateView.as_view(), name="chain-create"),
    path("councils/<slug:slug>/chains/<slug:chain>/", views.ChainDetailView.as_view(), name="chain-detail"),
    path("councils/<slug:slug>/chains/<slug:chain>/edit/", views.ChainEditView.as_view(), name="chain-edit"),
    path("councils/<slug:slug>/chains/<slug:chain>/steps/new/", views.StepCreateView.as_view(), name="step-create"),
    path("councils/<slug:slug>/chains/<slug:chain>/steps/<int:step>/", views.StepEditView.as_view(), name="step-edit"),
    path(
        "councils/<slug:slug>/chains/<slug:chain>/steps/<int:step>/remove/",
        views.StepDeleteView.as_view(),
        name="step-delete",
    ),
    path(
        "councils/<slug:slug>/chains/<slug:chain>/steps/<int:step>/tell/new/",
        views.StepNoticeCreateView.as_view(),
        name="notice-create",
    ),
    path(
        "councils/<slug:slug>/chains/<slug:chain>/steps/<int:step>/tell/<int:notice>/remove/",
        views.StepNoticeDeleteView.as_view(),
        name="notice-delete",
    ),
]
