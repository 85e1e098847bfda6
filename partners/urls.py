from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.OrganizationListView.as_view(), name="organization_list"),
    path("partners/<int:pk>/", views.OrganizationDetailView.as_view(), name="organization_detail"),
]

urlpatterns += [
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/funding/", views.FundingSummaryView.as_view(), name="funding_summary"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
]

urlpatterns += [
    path("services/", views.ServiceLineListView.as_view(), name="service_list"),
    path("services/new/", views.ServiceLineFormView.as_view(), name="service_create"),
    path("services/<int:pk>/", views.ServiceLineDetailView.as_view(), name="service_detail"),
    path("services/<int:pk>/edit/", views.ServiceLineFormView.as_view(), name="service_edit"),
    path(
        "services/<int:pk>/volumes/",
        views.ServiceVolumeFormView.as_view(),
        name="service_volumes",
    ),
]
