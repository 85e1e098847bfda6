from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/forums/", views.ForumDashboardView.as_view(), name="forum_dashboard"),
    path(
        "indicators/forums/<fy:year>/<int:forum>/<slug:figure>/",
        views.ForumRecordsView.as_view(),
        name="forum_records",
    ),
    path("indicators/funding/", views.FundingDashboardView.as_view(), name="funding_dashboard"),
    path("indicators/report/", views.ReportView.as_view(), name="report"),
    path("indicators/infobase.csv", views.infobase_export, name="infobase_export"),
    path(
        "indicators/documents/<int:pk>/positions/",
        views.DocumentPositionsView.as_view(),
        name="document_positions",
    ),
    path("indicators/<str:code>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path(
        "indicators/<str:code>/<fy:year>/",
        views.IndicatorYearView.as_view(),
        name="indicator_year",
    ),
    path(
        "indicators/<str:code>/<fy:year>/record/",
        views.RecordResultView.as_view(),
        name="record_result",
    ),
    path(
        "indicators/<str:code>/<fy:year>/revise/",
        views.ReviseResultView.as_view(),
        name="revise_result",
    ),
    path(
        "indicators/<str:code>/<fy:year>/<slug:figure>/",
        views.IndicatorRecordsView.as_view(),
        name="indicator_records",
    ),
]
