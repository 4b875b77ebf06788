from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/export/", views.me_export, name="export"),
    path("me/delete/", views.me_delete, name="delete"),
    path("organizations/<slug:slug>/invite/", views.organization_invite, name="organization_invite"),
    path(
        "organizations/<slug:slug>/invitations/<id:pk>/revoke/",
        views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path(
        "operator/coordinator-bodies/", views.operator_coordinator_bodies, name="operator_coordinator_bodies"
    ),
    path("verifications/", views.company_verifications, name="company_verifications"),
    path("verifications/<id:pk>/", views.company_verification, name="company_verification"),
    path(
        "operator/coordinator-bodies/<slug:slug>/",
        views.operator_coordinator_body,
        name="operator_coordinator_body",
    ),
]
