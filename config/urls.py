from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter

from core.fiscal import FiscalYearConverter
from core.views import healthz

register_converter(FiscalYearConverter, "fy")

admin.site.site_header = "Program 4.3 / Programme 4.3"
admin.site.site_title = "Program 4.3 / Programme 4.3"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("", include("forums.urls")),
    path("", include("engagements.urls")),
    path("", include("partners.urls")),
    path("", include("indicators.urls")),
    path("", include("core.urls")),
    path("", include("notifications.urls")),
    prefix_default_language=True,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
