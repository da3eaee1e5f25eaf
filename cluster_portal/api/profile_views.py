"""The profile page: who the user is, and their personal API tokens (created, shown once, revoked)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView, View

from cluster_portal.core.views import PortalView, add_errors

from . import selectors, services
from .forms import TokenForm


class ProfileView(PortalView, TemplateView):
    """The profile: the account, and the tokens with a form for a new one."""

    template_name = "api/profile.html"
    title = "Профиль"

    def post(self, request, *args, **kwargs):
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, raw = services.token_create(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                # The token's text is rendered in this one response and never again (no redirect, not stored).
                messages.success(request, f"Токен «{token.name}» создан.")
                return self.render_to_response(self.get_context_data(form=TokenForm(), new_token=raw, created=token))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TokenForm())
        context["tokens"] = selectors.token_list(user=self.request.user)
        context["api_docs_url"] = reverse("api:docs")
        return context


class TokenRevokeView(View):
    """POST: revoke one of the user's own tokens."""

    def post(self, request, pk):
        token = get_object_or_404(selectors.token_list(user=request.user), pk=pk)
        services.token_revoke(token=token)
        messages.success(request, f"Токен «{token.name}» отозван: запросы с ним больше не принимаются.")
        return HttpResponseRedirect(reverse("profile:profile"))
