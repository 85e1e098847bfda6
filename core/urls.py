from django.urls import path

from core.views import record_history
from indicators.views import ProgramDashboardView

urlpatterns = [
    # The home page is the program dashboard (indicators app).
    path("", ProgramDashboardView.as_view(), name="dashboard"),
    path(
        "history/<slug:app_label>/<slug:model_name>/<int:pk>/",
        record_history,
        name="record_history",
    ),
]
