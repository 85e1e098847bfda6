from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.ForumListView.as_view(), name="forum_list"),
    path("forums/<int:pk>/", views.ForumDetailView.as_view(), name="forum_detail"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "meetings/<int:pk>/importance/",
        views.MeetingImportanceView.as_view(),
        name="meeting_importance",
    ),
    path("meetings/<int:pk>/propose/", views.MeetingProposeView.as_view(), name="meeting_propose"),
]
