"""URLs of the competition's admin views, under /admin/innovation/."""

from django.urls import path

from . import admin_views

app_name = "innovation_admin"

urlpatterns = [
    path("", admin_views.entry_list, name="entries"),
    path("entries/<int:pk>/", admin_views.entry_detail, name="entry"),
    path("entries/<int:pk>/stage/", admin_views.entry_move_stage, name="move_stage"),
    path("entries/<int:pk>/score/", admin_views.entry_score, name="score"),
    path("ranking/", admin_views.ranking, name="ranking"),
    path("ranking.csv", admin_views.ranking_csv, name="ranking_csv"),
    path("ranking.xlsx", admin_views.ranking_xlsx, name="ranking_xlsx"),
]
