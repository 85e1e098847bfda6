from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events/new/", views.EventFormView.as_view(), name="create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<int:pk>/edit/", views.EventFormView.as_view(), name="edit"),
    path(
        "events/engagements/<int:pk>/",
        views.EngagementEventsView.as_view(),
        name="engagement_events",
    ),
]
