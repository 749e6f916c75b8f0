"""Admin screens where a unit's staff enrol and revoke the kiosk tablets of a survey.

Reached from the survey page's header button; routed by the survey's
`SurveyAdminViewSet` (`admin_views`). Whoever may edit the survey page (the
unit's editors and moderators, through Wagtail's page permissions) manages its
enrolments: `KioskEnrolmentPermissionPolicy` says so for Wagtail, and each
view first checks the survey of its URL (`PageAccessMixin`). Anyone else, and
any enrolment id that is not one of this survey's, gets Wagtail's "permission
denied" (PermissionDenied, which the admin answers with a redirect to the
dashboard and an error message), so another unit's staff cannot list,
create, open or revoke them.
"""

from __future__ import annotations

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import (
    BaseObjectMixin,
    BaseOperationView,
    WagtailAdminTemplateMixin,
)
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.core.page_access import PageAccessMixin

from . import kiosk
from .models import SatisfactionSurveyPage
from .records import KioskEnrolment

User = AbstractBaseUser | AnonymousUser

#: What staff do with an enrolment here: create it, open it, revoke it.
ACTIONS = ("add", "change", "view")


class KioskEnrolmentPermissionPolicy(ModelPermissionPolicy):
    """The enrolments of the surveys the user may edit (their unit's editors
    and moderators, by Wagtail's page permissions); nothing of other units'."""

    pages = PagePermissionPolicy(SatisfactionSurveyPage)

    def user_has_permission(self, user: User, action: str) -> bool:
        return action in ACTIONS and self.pages.user_has_permission(user, "change")

    def user_has_permission_for_instance(
        self, user: User, action: str, instance: KioskEnrolment
    ) -> bool:
        return (
            action in ACTIONS and instance.survey.permissions_for_user(user).can_edit()
        )

    def instances_user_has_permission_for(
        self, user: User, action: str
    ) -> QuerySet[KioskEnrolment]:
        if action not in ACTIONS:
            return KioskEnrolment.objects.none()
        surveys = self.pages.instances_user_has_permission_for(user, "change")
        return KioskEnrolment.objects.filter(survey__in=surveys)

    def instances_user_has_any_permission_for(
        self, user: User, actions
    ) -> QuerySet[KioskEnrolment]:
        queryset = KioskEnrolment.objects.none()
        for action in actions:
            queryset |= self.instances_user_has_permission_for(user, action)
        return queryset


enrolment_policy = KioskEnrolmentPermissionPolicy(KioskEnrolment)


class KioskEnrolmentForm(forms.ModelForm):
    """The name staff give a new tablet, e.g. Loket 1."""

    class Meta:
        model = KioskEnrolment
        fields = ["name"]


class SurveyEnrolmentsMixin(PageAccessMixin, PermissionCheckedMixin):
    """A kiosk screen of the survey in the URL (`self.page`), for whoever may
    edit it; the enrolments are stored against the survey's source page."""

    page_model = SatisfactionSurveyPage
    permission_policy = enrolment_policy
    permission_required = "change"
    index_url_name: str | None = None
    detail_url_name: str | None = None

    def enrolments(self) -> QuerySet[KioskEnrolment]:
        return KioskEnrolment.objects.filter(survey_id=self.page.source.pk)


class SurveyEnrolmentMixin(SurveyEnrolmentsMixin, BaseObjectMixin):
    """One enrolment of the survey in the URL (`enrolment_id`)."""

    model = KioskEnrolment
    pk_url_kwarg = "enrolment_id"

    def get_object(self) -> KioskEnrolment:
        """This survey's enrolment, if the policy agrees; else "permission
        denied" (a guessed id of another survey's enrolment reveals nothing)."""
        enrolment = self.enrolments().filter(pk=self.pk).first()
        if enrolment is None or not self.user_has_permission_for_instance(
            self.permission_required, enrolment
        ):
            raise PermissionDenied
        return enrolment


class KioskEnrolmentIndexView(SurveyEnrolmentsMixin, WagtailAdminTemplateMixin, View):
    """The survey's enrolments; POST creates one and shows its link."""

    permission_required = "add"
    template_name = "consultation/admin/kiosk_enrolments.html"
    page_title = gettext_lazy("Kiosk tablets")

    def get(self, request: HttpRequest, page_id: int) -> HttpResponse:
        return self.render(KioskEnrolmentForm())

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        form = KioskEnrolmentForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        enrolment = kiosk.create_enrolment(
            self.page, form.cleaned_data["name"], request.user
        )
        return redirect(self.detail_url_name, self.page.pk, enrolment.pk)

    def render(self, form: KioskEnrolmentForm, status: int = 200) -> HttpResponse:
        context = self.get_context_data(
            survey=self.page,
            form=form,
            enrolments=self.enrolments().select_related("created_by"),
            link_hours=kiosk.LINK_MAX_AGE // 3600,
            poster_url=poster_url(self.page),
        )
        return self.render_to_response(context, status=status)


class KioskEnrolmentDetailView(SurveyEnrolmentMixin, WagtailAdminTemplateMixin, View):
    """One enrolment: while unused, its link and QR code in each language.

    The tablet's cookie counts in every language; the link's language is the
    one its confirmation page and first kiosk screen are shown in. Never
    cached: the link is a secret.
    """

    template_name = "consultation/admin/kiosk_enrolment.html"

    def get_page_title(self) -> str:
        return _("Kiosk tablet: %(name)s") % {"name": self.object.name}

    def get(self, request: HttpRequest, page_id: int, enrolment_id: int):
        links = []
        if self.object.link_is_usable():
            links = [
                _language_link(self.object, page, request)
                for page in _live_languages(self.page)
            ]
        context = self.get_context_data(
            survey=self.page, enrolment=self.object, links=links
        )
        response = self.render_to_response(context)
        add_never_cache_headers(response)
        return response


class KioskEnrolmentRevokeView(SurveyEnrolmentMixin, BaseOperationView):
    """Revoke (POST only): the link stops working and the tablet is no longer
    enrolled; back to the survey's enrolments with a confirmation."""

    http_method_names = ["post"]

    def perform_operation(self) -> None:
        kiosk.revoke(self.object, self.request.user)

    def get_success_message(self) -> str:
        return _("Kiosk tablet “%(name)s” revoked.") % {"name": self.object.name}

    def get_success_url(self) -> str:
        return reverse(self.index_url_name, args=[self.page.pk])


def poster_url(survey: SatisfactionSurveyPage) -> str:
    """The printable poster's public address ("" until the survey is live):
    from the site's configured base URL, as its QR code."""
    if not survey.live:
        return ""
    url = survey.get_full_url()
    return url + survey.reverse_subpage("poster") if url else ""


def _live_languages(survey: SatisfactionSurveyPage) -> list[SatisfactionSurveyPage]:
    """The survey's live pages, in the order of settings.LANGUAGES."""
    pages = {
        page.locale.language_code: page
        for page in SatisfactionSurveyPage.objects.live()
        .filter(translation_key=survey.translation_key)
        .select_related("locale")
    }
    return [pages[code] for code, _name in settings.LANGUAGES if code in pages]


def _language_link(enrolment: KioskEnrolment, page, request: HttpRequest) -> dict:
    code = page.locale.language_code
    language = dict(settings.LANGUAGES)[code]
    link = kiosk.enrolment_link(enrolment, page, request)
    title = _("QR code of the enrolment link (%(language)s)") % {"language": language}
    return {
        "code": code,
        "language": language,
        "url": link,
        "qr_svg": segno.make(link, error="m").svg_inline(
            scale=5,
            dark="#000",
            title=title,
            svgclass="kiosk-enrolment__qr",
            lineclass=None,
        ),
    }
