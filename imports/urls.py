from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("engagements/import/", views.EngagementImportView.as_view(), name="engagements"),
    path("engagements/import/template/", views.engagements_template, name="engagements_template"),
    path("meetings/import/", views.MeetingImportView.as_view(), name="meetings"),
    path("meetings/import/template/", views.meetings_template, name="meetings_template"),
    path("imports/<int:pk>/", views.import_detail, name="detail"),
    path("imports/<int:pk>/commit/", views.import_commit, name="commit"),
    path("imports/<int:pk>/file/", views.import_file, name="file"),
]
