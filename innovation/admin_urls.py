"""URLs of the competition's admin views, under /admin/innovation/."""

from django.urls import path

from . import views

app_name = "innovation_admin"

urlpatterns = [
    path("", views.entry_list, name="entries"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/stage/", views.entry_move_stage, name="move_stage"),
    path("entries/<int:pk>/score/", views.entry_score, name="score"),
    path("ranking/", views.ranking, name="ranking"),
    path("ranking.csv", views.ranking_csv, name="ranking_csv"),
    path("ranking.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
]
