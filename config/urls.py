from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter, reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import AdminSignInForm
from core.fiscal import FiscalYearConverter
from core.views import healthz

register_converter(FiscalYearConverter, "fy")

admin.site.site_header = _("Program 4.3 administration")
admin.site.site_title = _("Program 4.3 administration")
admin.site.index_title = _("Reference data, accounts and roles")
admin.site.login_form = AdminSignInForm
admin.site.site_url = reverse_lazy("dashboard")  # the dashboard in the admin page's language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", include("api.urls")),
]

# Django admin is under the language prefix too (/en/admin/, /fr/admin/), in the language of the
# portal page it was opened from; /admin/... redirects there (LocaleMiddleware: the language
# cookie, else the browser's languages).
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/tokens/", include("api.page_urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("forums.urls")),
    path("", include("imports.urls")),
    path("", include("engagements.urls")),
    path("", include("partners.urls")),
    path("", include("indicators.home_urls")),
    path("", include("indicators.urls")),
    path("", include("events.urls")),
    path("", include("search.urls")),
    path("", include("core.urls")),
    path("", include("notifications.urls")),
    prefix_default_language=True,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
