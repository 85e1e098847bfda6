"""The personal tokens page (/<lang>/accounts/tokens/): make a token, see one's tokens, revoke."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.views import requires_permission

from . import services
from .forms import TokenForm
from .models import ApiToken

USE_API = "api.use_api"


def _page(request, form, *, new_token=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "crumbs": [{"label": _("API tokens")}],
        },
        status=status,
    )


@never_cache
@requires_permission(USE_API)
def token_list(request):
    """The user's tokens, and the form that makes one. The new token is shown on the answer to
    the POST only (never stored in clear, never shown again)."""
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            token, raw = services.create_token(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
            return _page(request, TokenForm(), new_token={"token": token, "raw": raw})
        return _page(request, form, status=400)
    return _page(request, TokenForm())


@require_POST
@requires_permission(USE_API)
def token_revoke(request, pk):
    """Revoke one of one's own tokens (another user's is a 404)."""
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    if services.revoke_token(token=token, by=request.user):
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
