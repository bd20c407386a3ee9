from django.urls import path

from . import views

app_name = "roles"
urlpatterns = [
    path("councils/", views.CouncilListView.as_view(), name="council-list"),
    path("councils/new/", views.CouncilCreateView.as_view(), name="council-create"),
    path("councils/<slug:slug>/", views.CouncilDetailView.as_view(), name="council-detail"),
    path("councils/<slug:slug>/edit/", views.CouncilEditView.as_view(), name="council-edit"),
    path("councils/<slug:slug>/offices/new/", views.OfficeCreateView.as_view(), name="office-create"),
    path("councils/<slug:slug>/offices/<slug:office>/", views.OfficeDetailView.as_view(), name="office-detail"),
    path("councils/<slug:slug>/offices/<slug:office>/edit/", views.OfficeEditView.as_view(), name="office-edit"),
    path("councils/<slug:slug>/people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("councils/<slug:slug>/appointments/new/", views.AppointmentCreateView.as_view(), name="appointment-create"),
    path("councils/<slug:slug>/appointments/<int:pk>/end/", views.AppointmentEndView.as_view(), name="appointment-end"),
    path("councils/<slug:slug>/groups/new/", views.GroupCreateView.as_view(), name="group-create"),
    path("councils/<slug:slug>/groups/<slug:item>/edit/", views.GroupEditView.as_view(), name="group-edit"),
    path("councils/<slug:slug>/wards/new/", views.WardCreateView.as_view(), name="ward-create"),
    path("councils/<slug:slug>/wards/<slug:item>/edit/", views.WardEditView.as_view(), name="ward-edit"),
    path("councils/<slug:slug>/committees/new/", views.CommitteeCreateView.as_view(), name="committee-create"),
    path("councils/<slug:slug>/committees/<slug:item>/edit/", views.CommitteeEditView.as_view(), name="committee-edit"),
    path(
        "councils/<slug:slug>/memberships/<str:kind>/new/",
        views.MembershipCreateView.as_view(),
        name="membership-create",
    ),
    path(
        "councils/<slug:slug>/memberships/<str:kind>/<int:pk>/end/",
        views.MembershipEndView.as_view(),
        name="membership-end",
    ),
    path("councils/<slug:slug>/declarations/", views.DeclarationListView.as_view(), name="declaration-list"),
    path(
        "councils/<slug:slug>/declarations/<str:kind>/new/",
        views.DeclarationCreateView.as_view(),
        name="declaration-create",
    ),
    path(
        "councils/<slug:slug>/declarations/<str:kind>/<int:pk>/end/",
        views.DeclarationEndView.as_view(),
        name="declaration-end",
    ),
    path("people/", views.PeopleSearchView.as_view(), name="people-list"),
    path("account/sign-out-everywhere/", views.SignOutEverywhereView.as_view(), name="sign-out-everywhere"),
    path("people/<str:username>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<str:username>/invite/", views.PersonInviteView.as_view(), name="person-invite"),
]
