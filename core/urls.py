from django.urls import path

from indicators.views import ProgramDashboardView

urlpatterns = [
    # The home page is the program dashboard (indicators app).
    path("", ProgramDashboardView.as_view(), name="dashboard"),
]
