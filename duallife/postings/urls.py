from django.urls import path

from . import views

app_name = "postings"

urlpatterns = [
    path("", views.sheet_list, name="list"),
    path("mine/", views.dashboard, name="dashboard"),
    path("new/", views.sheet_create, name="create"),
    path("preview/", views.sheet_preview, name="preview"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_detail, name="review"),
    path("review/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("<int:pk>/", views.sheet_detail, name="detail"),
    path("<int:pk>/edit/", views.sheet_edit, name="edit"),
    path("<int:pk>/submit/", views.sheet_submit, name="submit"),
    path("<int:pk>/close/", views.sheet_close, name="close"),
    path("<int:pk>/cowrite/", views.sheet_cowrite, name="cowrite"),
    path("<int:pk>/invite/", views.sheet_invite, name="invite"),
    path("<int:pk>/comments/", views.sheet_comment, name="comment"),
    path("<int:pk>/versions/", views.sheet_versions, name="versions"),
]
