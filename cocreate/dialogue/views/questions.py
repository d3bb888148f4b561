"""Pages for questions to officials, under /<language>/spaces/<slug>/questions/. Thin: parse the
request, call a selector or a service, render. Without JavaScript every action is a form and a
full page; with htmx, supporting answers with the box that changed and similar questions appear
while a question is typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreate.dialogue.exports import questions as exports
from cocreate.dialogue.forms.questions import (
    AnswerForm,
    DeclineForm,
    OnBehalfQuestionForm,
    QuestionForm,
    SelectionRoundForm,
    SelectQuestionsForm,
)
from cocreate.dialogue.models import Question, QuestionStatus, SelectionRound
from cocreate.dialogue.selectors import questions as selectors
from cocreate.dialogue.services import questions as services
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can, ensure_can, unwrapped
from cocreate.spaces.selectors import space_for_page
from cocreate.web.exports import FORMATS
from cocreate.web.forms import add_service_errors, posted_id, saved, say_service_errors, suggest_while_typing

SORT_LABELS = {
    "most_supported": _("Most supported"),
    "newest": _("Newest"),
    "recently_answered": _("Recently answered"),
}


def _space(request, slug) -> Space:
    """The dialogue space of the page, as the viewer may see it (404 otherwise)."""
    space = space_for_page(slug=slug, viewer=unwrapped(request.user))
    if space.kind != "dialogue":
        raise Http404
    return space


def _question(request, space: Space, question_id) -> Question:
    pk = posted_id(question_id)  # an id no question could have (too large for the database) is a 404
    if pk is None:
        raise Http404
    return selectors.question_detail(space=space, question_id=pk, viewer=unwrapped(request.user))


def _list_url(space: Space) -> str:
    return reverse("dialogue:question_list", kwargs={"slug": space.slug})


def _from_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
def question_list(request, slug):
    space = _space(request, slug)
    viewer = unwrapped(request.user)
    notes = []
    status = request.GET.get("status", "")
    if status and status not in QuestionStatus.values:
        notes.append(_("There is no such status; all questions are shown."))
        status = ""
    sort = request.GET.get("sort", "most_supported")
    if sort not in SORT_LABELS:
        notes.append(_("The questions cannot be sorted that way; the most supported come first."))
        sort = "most_supported"
    questions = selectors.question_list(space=space, viewer=viewer, status=status, sort=sort)
    page = Paginator(questions, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    for question in page:
        question.space = space
    return render(
        request,
        "dialogue/question_list.html",
        {
            "space": space,
            "page": page,
            "status": status,
            "sort": sort,
            "notes": notes,
            "statuses": QuestionStatus.choices,
            "sorts": list(SORT_LABELS.items()),
            "query": urlencode({k: v for k, v in (("status", status), ("sort", sort)) if v}),
            "may_ask": can(viewer, "ask_question", space),
            "may_enter": can(viewer, "ask_question_for_someone", space),
        },
    )


def _ask_view(request, space: Space, form_class, *, activity: str, for_someone: bool):
    person = unwrapped(request.user)
    ensure_can(person, activity, space)
    form = form_class(request.POST or None)
    # "Ask before you ask": with JavaScript, similar questions appear as the question is typed.
    suggest_while_typing(
        form.fields["title"],
        url=reverse("dialogue:question_similar", kwargs={"slug": space.slug}),
        target="#similar-questions",
    )
    preview = similar = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "preview" in request.POST:
            preview = data
            similar = selectors.similar_questions(space=space, text=f"{data['title']} {data['details']}")
        else:
            try:
                question = services.question_ask(person=person, space=space, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your question is published. Ask others to support it."))
                return redirect(question.get_absolute_url())
    return render(
        request,
        "dialogue/question_form.html",
        {"space": space, "form": form, "preview": preview, "similar": similar, "for_someone": for_someone},
    )


@login_required
def question_ask(request, slug):
    return _ask_view(request, _space(request, slug), QuestionForm, activity="ask_question", for_someone=False)


@login_required
def question_ask_for_someone(request, slug):
    return _ask_view(
        request, _space(request, slug), OnBehalfQuestionForm, activity="ask_question_for_someone", for_someone=True
    )


@require_GET
def question_similar(request, slug):
    """Similar questions while a question is typed (htmx fragment)."""
    space = _space(request, slug)
    text = " ".join([request.GET.get("title", ""), request.GET.get("details", "")])[:500]
    return render(
        request,
        "dialogue/question_similar.html",
        {"space": space, "similar": selectors.similar_questions(space=space, text=text)},
    )


@require_GET
def question_detail(request, slug, question_id):
    space = _space(request, slug)
    question = _question(request, space, question_id)
    return render(request, "dialogue/question_detail.html", {"space": space, "question": question})


@login_required
@require_POST
def question_support(request, slug, question_id):
    space = _space(request, slug)
    question = _question(request, space, question_id)
    person = unwrapped(request.user)
    try:
        if request.POST.get("action") == "withdraw":
            withdrawn = services.question_unsupport(person=person, question=question)
            message = _("Your support is withdrawn.") if withdrawn else _("You were not supporting this question.")
            question.supported = False
        else:
            _support, created = services.question_support(person=person, question=question)
            message = _("Thank you for your support.") if created else _("You have already supported this question.")
            question.supported = True
    except ValidationError as error:
        if _from_htmx(request):
            return render(
                request,
                "dialogue/question_support.html",
                {"space": space, "question": question, "announce": " ".join(error.messages)},
            )
        say_service_errors(request, error)
        return redirect(question.get_absolute_url())
    if _from_htmx(request):
        return render(
            request, "dialogue/question_support.html", {"space": space, "question": question, "announce": message}
        )
    messages.success(request, message)
    return redirect(question.get_absolute_url())


@login_required
def question_answer(request, slug, question_id):
    space = _space(request, slug)
    question = _question(request, space, question_id)
    person = unwrapped(request.user)
    ensure_can(person, "answer_question", question)
    spaces = Space.objects.visible_to(person).exclude(pk=space.pk).order_by("title")
    form = AnswerForm(request.POST or None, spaces=spaces)

    def save(data):
        return services.question_answer(person=person, question=question, **data)

    if saved(request, form, save, _("The answer is published. The asker and the supporters are told.")):
        return redirect(question.get_absolute_url())
    return render(request, "dialogue/question_answer.html", {"space": space, "question": question, "form": form})


@login_required
def question_decline(request, slug, question_id):
    space = _space(request, slug)
    question = _question(request, space, question_id)
    person = unwrapped(request.user)
    ensure_can(person, "decline_question", question)
    form = DeclineForm(request.POST or None)

    def save(data):
        return services.question_decline(person=person, question=question, reason=data["reason"])

    if saved(request, form, save, _("The question is declined; the reason is shown on its page.")):
        return redirect(question.get_absolute_url())
    return render(request, "dialogue/question_decline.html", {"space": space, "question": question, "form": form})


@login_required
def question_rounds(request, slug):
    """Staff: the selection rounds, opening a new one, and the questions waiting for an answer."""
    space = _space(request, slug)
    person = unwrapped(request.user)
    ensure_can(person, "select_questions", space)
    form = SelectionRoundForm(request.POST or None)

    def save(data):
        return services.selection_round_open(
            person=person, space=space, selects_on=data["selects_on"], top_n=data["top_n"]
        )

    if saved(request, form, save, _("The selection round is open.")):
        return redirect(reverse("dialogue:question_rounds", kwargs={"slug": space.slug}))
    to_answer = selectors.questions_to_answer(space=space)
    for question in to_answer:
        question.space = space
    return render(
        request,
        "dialogue/question_rounds.html",
        {
            "space": space,
            "form": form,
            "rounds": selectors.selection_round_list(space=space),
            "to_answer": to_answer,
        },
    )


@login_required
def question_round_select(request, slug, round_id):
    """Staff: choose which of the most supported open questions this round selects."""
    space = _space(request, slug)
    person = unwrapped(request.user)
    ensure_can(person, "select_questions", space)
    pk = posted_id(round_id)
    selection_round = SelectionRound.objects.filter(space=space, pk=pk).first() if pk else None
    if selection_round is None:
        raise Http404
    candidates = selectors.selection_candidates(space=space)
    form = SelectQuestionsForm(
        request.POST or None,
        candidates=Question.objects.filter(pk__in=[q.pk for q in candidates]).order_by(
            *selectors.QUESTION_SORTS["most_supported"]
        ),
        initial={"questions": [q.pk for q in candidates[: selection_round.top_n]]},
    )

    def save(data):
        return services.questions_select(
            person=person, selection_round=selection_round, question_ids=[q.pk for q in data["questions"]]
        )

    if selection_round.is_open and saved(
        request, form, save, _("The questions are selected. Their askers and supporters are told.")
    ):
        return redirect(reverse("dialogue:question_rounds", kwargs={"slug": space.slug}))
    for question in candidates:
        question.space = space
    return render(
        request,
        "dialogue/question_round_select.html",
        {"space": space, "selection_round": selection_round, "form": form, "candidates": candidates},
    )


@require_GET
def question_statistics(request, slug):
    space = _space(request, slug)
    return render(
        request,
        "dialogue/question_statistics.html",
        {"space": space, "statistics": selectors.answer_statistics(space=space)},
    )


@require_GET
def question_export(request, slug, fmt):
    """Open data: the space's public questions and their answers as CSV or JSON, without personal data."""
    space = _space(request, slug)
    if fmt not in FORMATS:
        raise Http404
    ensure_can(request.user, "view", space)
    return exports.response(space=space, fmt=fmt, full_address=request.build_absolute_uri)


urlpatterns = [
    path("questions/", question_list, name="question_list"),
    path("questions/ask/", question_ask, name="question_ask"),
    path("questions/ask-for-someone/", question_ask_for_someone, name="question_ask_for_someone"),
    path("questions/similar/", question_similar, name="question_similar"),
    path("questions/answer-times/", question_statistics, name="question_statistics"),
    path("questions/export.<str:fmt>", question_export, name="question_export"),
    path("questions/rounds/", question_rounds, name="question_rounds"),
    path("questions/rounds/<int:round_id>/", question_round_select, name="question_round_select"),
    path("questions/<int:question_id>/", question_detail, name="question_detail"),
    path("questions/<int:question_id>/support/", question_support, name="question_support"),
    path("questions/<int:question_id>/answer/", question_answer, name="question_answer"),
    path("questions/<int:question_id>/decline/", question_decline, name="question_decline"),
]
