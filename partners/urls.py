from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.OrganizationListView.as_view(), name="organization_list"),
    path("partners/<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
]
