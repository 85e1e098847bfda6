from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.ForumListView.as_view(), name="forum_list"),
    path("forums/<int:pk>/", views.ForumDetailView.as_view(), name="forum_detail"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
]
