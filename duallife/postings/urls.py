from django.urls import path

from . import views

app_name = "postings"

urlpatterns = [
    path("", views.sheet_list, name="list"),
    path("mine/", views.dashboard, name="dashboard"),
    path("new/", views.sheet_create, name="create"),
    path("preview/", views.sheet_preview, name="preview"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<id:pk>/", views.review_detail, name="review"),
    path("review/<id:pk>/decide/", views.review_decide, name="review_decide"),
    path("<id:pk>/", views.sheet_detail, name="detail"),
    path("<id:pk>/edit/", views.sheet_edit, name="edit"),
    path("<id:pk>/submit/", views.sheet_submit, name="submit"),
    path("<id:pk>/close/", views.sheet_close, name="close"),
    path("<id:pk>/cowrite/", views.sheet_cowrite, name="cowrite"),
    path("<id:pk>/invite/", views.sheet_invite, name="invite"),
    path("<id:pk>/comments/", views.sheet_comment, name="comment"),
    path("<id:pk>/versions/", views.sheet_versions, name="versions"),
]
