from django.urls import path

from . import views

app_name = "engagements"

urlpatterns = [
    path("engagements/", views.EngagementListView.as_view(), name="list"),
    path("engagements/positions/", views.PositionExportView.as_view(), name="positions_export"),
    path("engagements/new/", views.EngagementCreateView.as_view(), name="create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="detail"),
    path("engagements/<int:pk>/edit/", views.EngagementEditView.as_view(), name="edit"),
    path("engagements/<int:pk>/submit/", views.engagement_submit, name="submit"),
    path("engagements/<int:pk>/withdraw/", views.engagement_withdraw, name="withdraw"),
    path("engagements/<int:pk>/delete/", views.engagement_delete, name="delete"),
    path("engagements/<int:pk>/approve/", views.engagement_approve, name="approve"),
    path("engagements/<int:pk>/return/", views.engagement_return, name="return"),
    path("engagements/<int:pk>/reopen/", views.engagement_reopen, name="reopen"),
    path("engagements/<int:pk>/outcomes/", views.OutcomesView.as_view(), name="outcomes"),
    path("engagements/<int:pk>/outcomes/submit/", views.outcomes_submit, name="outcomes_submit"),
    path(
        "engagements/<int:pk>/evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("my-work/", views.MyWorkView.as_view(), name="my_work"),
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
]
