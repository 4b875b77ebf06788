"""Talent pages: my profile and its editor, a profile's page, and the talent search for companies.

Contact details (姓名, phone, email) appear on the owner's own pages only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from duallife.accounts.mfa import mfa_setup_required, personal_data_view, redirect_to_mfa_setup
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, PUBLIC, SIGNED_IN, audience
from duallife.organizations.permissions import can_browse_talents
from duallife.organizations.views import forbidden

from . import permissions, selectors, services
from .errors import TalentProfileInvalid
from .forms import TalentProfileForm, TalentSearchForm, skill_formset, split_skills
from .models import TalentProfile


def _login_required(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@audience(SIGNED_IN)
def me(request: HttpRequest) -> HttpResponse:
    """The owner's own profile, with everything it holds (contact details included)."""
    if (response := _login_required(request)) is not None:
        return response
    profile = selectors.own_profile(request.user)
    if profile is None:
        messages.info(request, _("まだ人材プロフィールがありません。まずは作成しましょう。"))
        return redirect("talents:profile_edit")
    return render(request, "talents/me.html", {"talent": profile, "motive_labels": _motive_labels(profile)})


@audience(SIGNED_IN)
def profile_edit(request: HttpRequest) -> HttpResponse:
    if (response := _login_required(request)) is not None:
        return response
    profile = selectors.own_profile(request.user)
    if request.method == "POST":
        form = TalentProfileForm(request.POST)
        formset = skill_formset(profile, data=request.POST)
        formset_valid = formset.is_valid()
        form.set_skill_rows(
            [row for f in formset.forms if (row := f.to_input()) is not None] if formset_valid else []
        )
        if form.is_valid() and formset_valid:
            try:
                services.talent_profile_save(user=request.user, data=form.to_data())
            except TalentProfileInvalid as exc:
                form.apply_service_errors(exc.errors)
            else:
                renamed = [
                    r
                    for r in selectors.read_skills(split_skills(form.cleaned_data.get("skills_text", "")))
                    if r.renamed
                ]
                message = _("プロフィールを保存しました。")
                if renamed:
                    message += " " + _("スキルの表記をそろえました：%(list)s") % {
                        "list": "、".join(
                            _("%(typed)s → %(label)s") % {"typed": r.typed, "label": r.label} for r in renamed
                        )
                    }
                messages.success(request, message)
                return redirect("talents:me")
    else:
        form = TalentProfileForm(initial=TalentProfileForm.initial_for(profile))
        formset = skill_formset(profile)
    return render(request, "talents/edit.html", {"form": form, "formset": formset, "profile": profile})


# Anyone: an anonymous visitor gets an empty answer (204), nothing is read for them.
@require_GET
@audience(PUBLIC)
def skill_preview(request: HttpRequest) -> HttpResponse:
    """htmx: how the skills being typed will be understood (vocabulary name or free skill)."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    text = request.GET.get("skills_text", "")[:1000]
    return render(
        request, "talents/_skill_preview.html", {"readings": selectors.read_skills(split_skills(text))}
    )


# A public profile; the profile's visibility narrows it (talents.permissions): an anonymous
# one to company members and staff, a private one to its owner; anyone else gets a 404.
@audience(PUBLIC)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    talent = permissions.get_talent_for_viewing(request.user, pk=pk)
    is_owner = permissions.is_owner(request.user, talent)
    staff_viewer = permissions.is_staff_viewer(request.user, talent)
    if (
        staff_viewer
        and talent.visibility != TalentProfile.Visibility.PUBLIC
        and mfa_setup_required(request.user)
    ):
        return redirect_to_mfa_setup(request)
    talent = selectors.talent_with_details(talent.pk)
    if staff_viewer:
        personal_data_access_log(by=request.user, subject=talent.user, what="人材プロフィールの閲覧")
    return render(
        request,
        "talents/detail.html",
        {
            "talent": talent,
            "full": permissions.shows_full_profile(request.user, talent),
            "is_owner": is_owner,
            "motive_labels": _motive_labels(talent),
            **_scout_link(request, talent),
        },
    )


def _scout_link(request: HttpRequest, talent: TalentProfile) -> dict:
    """The スカウトする link for company members and coordinators (engagements)."""
    from duallife.engagements.views.scouts import talent_page_context

    return talent_page_context(request, talent)


def _motive_labels(talent: TalentProfile) -> list[str]:
    labels = dict(TalentProfile.Motive.choices)
    return [str(labels[m]) for m in talent.motives or [] if m in labels]


@personal_data_view
@audience(company=ALL, coordinator=ALL, operator=ALL, personal_data=True)
def search(request: HttpRequest) -> HttpResponse:
    if not can_browse_talents(request.user):
        return forbidden(
            request, _("人材の検索は、企業のメンバーと自治体・支援機関・事務局の方が利用できます。")
        )
    form = TalentSearchForm(request.GET or None)
    filters = form.filters()
    page = selectors.search_page(request.user, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "talents": list(page.object_list),
        "query": query.urlencode(),
        "filtered": filters.any,
        "skill_names": selectors.skill_choices(),
    }
    template = "talents/_search_results.html" if request.htmx else "talents/search.html"
    return render(request, template, context)
