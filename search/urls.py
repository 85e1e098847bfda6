from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("saved-views/", views.saved_view_list, name="saved_views"),
    path("saved-views/new/", views.saved_view_create, name="saved_view_create"),
    path("saved-views/<int:pk>/", views.saved_view_open, name="saved_view_open"),
    path("saved-views/<int:pk>/rename/", views.saved_view_rename, name="saved_view_rename"),
    path("saved-views/<int:pk>/delete/", views.saved_view_delete, name="saved_view_delete"),
]
