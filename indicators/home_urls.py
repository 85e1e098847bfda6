"""The home page is the program dashboard: `/<lang>/`, named `dashboard` (outside the indicators
namespace: every page and the admin link to it by that name)."""

from django.urls import path

from .views import ProgramDashboardView

urlpatterns = [
    path("", ProgramDashboardView.as_view(), name="dashboard"),
]
