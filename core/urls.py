from django.urls import path

from core.views import about_page, help_page, privacy_page, record_history, report_problem_page

urlpatterns = [
    path(
        "history/<slug:app_label>/<slug:model_name>/<int:pk>/",
        record_history,
        name="record_history",
    ),
    path("help/", help_page, name="help"),
    path("about/", about_page, name="about"),
    path("privacy/", privacy_page, name="privacy"),
    path("report-a-problem/", report_problem_page, name="report_problem"),
]
