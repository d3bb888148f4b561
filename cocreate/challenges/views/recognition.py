"""Pages: recognition and prizes — the public credits ("with thanks to…") and prizes, the
organisers' pages to award certificates, credits and prizes and to record payments, a person's
own certificates (as PDF), and the public page that checks a certificate's reference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Organisation, Person
from cocreate.challenges.certificates import certificate_pdf
from cocreate.challenges.forms.recognition import AwardForm, PaymentForm, PrizeForm, SplitForm
from cocreate.challenges.models import Recognition, RecognitionKind, Team
from cocreate.challenges.selectors import recognition as selectors
from cocreate.challenges.services import recognition as services
from cocreate.challenges.views import page_space
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.web.forms import add_service_errors, saved


def _manage(space) -> str:
    return reverse("challenges:recognition_manage", kwargs={"slug": space.slug})


def credits(request, slug):
    space = page_space(request, slug)
    return render(
        request,
        "challenges/recognition/credits.html",
        {
            "space": space,
            "credits": selectors.public_credits(space=space),
            "prizes": selectors.published_prizes(space=space),
            "may_recognise": can(request.user, "recognise", space),
        },
    )


@login_required
def manage(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "recognise", space)
    return render(
        request,
        "challenges/recognition/manage.html",
        {
            "space": space,
            "suggestions": selectors.recognition_suggestions(space=space),
            "recognitions": selectors.recognitions_for_admin(space=space),
            "prizes": selectors.prizes_for_admin(space=space),
        },
    )


@login_required
def award(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "recognise", space)
    initial = {"kind": request.GET.get("kind", RecognitionKind.CERTIFICATE)}
    if request.GET.get("person", "").isdigit():
        initial["recipient"] = int(request.GET["person"])
    form = AwardForm(
        request.POST or None,
        initial=initial,
        people=Person.objects.filter(team_memberships__team__space=space).distinct().order_by("display_name", "pk"),
        # Partners who offered support here, and the organisations running the space.
        organisations=Organisation.objects.filter(Q(support_offers__space=space) | Q(spaces=space))
        .distinct()
        .order_by("name"),
        teams=Team.objects.filter(space=space),
    )

    def save(data):
        return services.recognition_award(
            person=request.user,
            space=space,
            kind=data["kind"],
            citation=data["citation"],
            recipient=data.get("recipient"),
            organisation=data.get("organisation"),
            team=data.get("team"),
        )

    if saved(request, form, save, _("The recognition is awarded.")):
        return redirect(_manage(space))
    return render(request, "challenges/recognition/award_form.html", {"space": space, "form": form})


@login_required
@require_POST
def withdraw(request, slug, recognition_id):
    space = page_space(request, slug)
    recognition = Recognition.objects.filter(space=space, pk=recognition_id).first()
    if recognition is None:
        raise Http404
    recognition.space = space
    services.recognition_withdraw(person=request.user, recognition=recognition)
    messages.success(request, _("The recognition is withdrawn: its reference no longer checks out."))
    return redirect(_manage(space))


@login_required
def prize_new(request, slug):
    space = page_space(request, slug)
    ensure_can(request.user, "recognise", space)
    form = PrizeForm(request.POST or None, teams=Team.objects.filter(space=space, disbanded_at__isnull=True))
    prize = saved(
        request,
        form,
        lambda data: services.prize_award(person=request.user, space=space, **data),
        _("The prize is awarded and published. Now say how the team shares it."),
    )
    if prize:
        return redirect(reverse("challenges:recognition_prize", kwargs={"slug": space.slug, "prize_id": prize.pk}))
    return render(request, "challenges/recognition/prize_form.html", {"space": space, "form": form})


@login_required
def prize_detail(request, slug, prize_id):
    space = page_space(request, slug)
    ensure_can(request.user, "recognise", space)
    prize = selectors.prize_for_page(space=space, prize_id=prize_id)
    winners = services.prize_winners(prize)
    shares = {share.person_id: share.amount for share in prize.shares.all()}
    form = SplitForm(
        request.POST or None,
        winners=winners,
        currency=prize.currency,
        initial={"how": "custom" if shares else "equal", **{f"share_{pk}": amount for pk, amount in shares.items()}},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.prize_split(person=request.user, prize=prize, amounts=form.amounts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The prize is shared out. Record each payment when it is made."))
            return redirect(request.path)
    return render(
        request,
        "challenges/recognition/prize.html",
        {"space": space, "prize": prize, "form": form, "payment_form": PaymentForm()},
    )


@login_required
@require_POST
def share_payment(request, slug, share_id):
    space = page_space(request, slug)
    share = selectors.share_for_page(space=space, share_id=share_id)
    form = PaymentForm(request.POST)
    if form.is_valid():
        services.prize_share_record_payment(
            person=request.user, share=share, status=form.cleaned_data["payment_status"]
        )
        messages.success(request, _("The payment is recorded."))
    else:
        ensure_can(request.user, "recognise", space)
        messages.error(request, _("Choose paid, declined or to be paid."))
    return redirect(reverse("challenges:recognition_prize", kwargs={"slug": space.slug, "prize_id": share.prize_id}))


@login_required
def mine(request, slug):
    space = page_space(request, slug)
    return render(
        request,
        "challenges/recognition/mine.html",
        {"space": space, **selectors.own_recognitions(person=request.user, space=space)},
    )


def _verify_url(request, space, recognition) -> str:
    return request.build_absolute_uri(
        reverse("challenges:recognition_verify", kwargs={"slug": space.slug, "reference": recognition.reference})
    )


@login_required
def certificate(request, slug, reference):
    space = page_space(request, slug)
    recognition = selectors.recognition_by_reference(space=space, reference=reference)
    person = unwrapped(request.user)
    if recognition.person_id != person.pk:
        ensure_can(person, "recognise", space)  # organisers may print it for the person
    if recognition.kind != RecognitionKind.CERTIFICATE:
        raise Http404
    pdf = certificate_pdf(
        name=recognition.person.public_name,
        challenge=space.title,
        citation=recognition.citation,
        awarded_at=recognition.awarded_at,
        reference=str(recognition.reference),
        verify_url=_verify_url(request, space, recognition),
        awarded_by=", ".join(o.name for o in space.organisations.all()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{recognition.reference}.pdf"'
    return response


def verify(request, slug, reference):
    """Anyone with the reference printed on a certificate can check it was awarded here."""
    space = page_space(request, slug)
    try:
        recognition = selectors.recognition_by_reference(space=space, reference=reference)
    except Http404:
        recognition = None
    return render(
        request,
        "challenges/recognition/verify.html",
        {"space": space, "recognition": recognition, "reference": reference},
        status=200 if recognition else 404,
    )


urlpatterns = [
    path("recognition/", credits, name="recognition_credits"),
    path("recognition/manage/", manage, name="recognition_manage"),
    path("recognition/award/", award, name="recognition_award"),
    path("recognition/<int:recognition_id>/withdraw/", withdraw, name="recognition_withdraw"),
    path("recognition/prizes/new/", prize_new, name="recognition_prize_new"),
    path("recognition/prizes/<int:prize_id>/", prize_detail, name="recognition_prize"),
    path("recognition/shares/<int:share_id>/payment/", share_payment, name="recognition_share_payment"),
    path("recognition/mine/", mine, name="recognition_mine"),
    path("recognition/certificates/<str:reference>.pdf", certificate, name="recognition_certificate"),
    path("recognition/check/<str:reference>/", verify, name="recognition_verify"),
]
