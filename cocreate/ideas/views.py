"""Pages for ideas. Thin: parse the request, call a selector or a service, render. Without
JavaScript every action is a form and a full page; with htmx, the same views answer with the
fragment that changed."""

import random

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreate.ideas import exports, selectors, services
from cocreate.ideas.forms import (
    AnswerForm,
    CommentForm,
    DuplicateGroupForm,
    IdeaForm,
    MergeForm,
    OnBehalfForm,
    ReplyForm,
)
from cocreate.ideas.models import Comment, Idea, IdeaStatus, Theme
from cocreate.ideas.selectors import IDEA_SORTS, IdeaFilters
from cocreate.spaces.models import Origin, Space, Visibility
from cocreate.spaces.permissions import ensure_can, unwrapped
from cocreate.spaces.selectors import space_detail, space_for_page, space_versions
from cocreate.web import personal
from cocreate.web.exports import FORMATS
from cocreate.web.forms import add_service_errors, suggest_while_typing
from cocreate.web.page_cache import (
    cached_for_visitors,
    open_now_signature,
    page_key,
    serve_shared,
    viewer_signature,
)

SORT_LABELS = {
    "newest": _("Newest"),
    "most_supported": _("Most supported"),
    "most_discussed": _("Most discussed"),
    "random": _("Random"),
    "relevance": _("Best match"),
}


def _space_versions(request, slug, **kwargs):
    row = space_versions(slug=slug)
    if row is None or row[3] != Visibility.PUBLIC:
        return None
    return f"{row[0]}.{row[1]}.{open_now_signature(row[0], row[2])}"


def _idea_versions(request, slug, idea_id, **kwargs):
    row = selectors.idea_versions(slug=slug, idea_id=idea_id)
    if row is None or row[2] != Visibility.PUBLIC:
        return None
    return f"{row[0]}.{row[1]}.{row[3]}.{open_now_signature(row[0], row[1])}"


def _filters(request, space: Space) -> IdeaFilters:
    """Read the list's filters; a value that makes no sense is ignored and said so."""
    get = request.GET
    filters = IdeaFilters(search=get.get("q", "").strip()[:200])
    status = get.get("status", "")
    if status and status not in IdeaStatus.values:
        filters.errors["status"] = _("There is no such status; showing all ideas.")
    else:
        filters.status = status
    theme = get.get("theme", "")
    if theme:
        plausible = theme.isascii() and theme.isdigit() and len(theme) < 19
        if plausible and Theme.objects.filter(space=space, pk=int(theme)).exists():
            filters.theme = int(theme)
        else:
            filters.errors["theme"] = _("There is no such theme in this space; showing all themes.")
    origin = get.get("origin", "")
    if origin and origin not in Origin.values:
        filters.errors["origin"] = _("There is no such origin; showing ideas from everywhere.")
    else:
        filters.origin = origin
    sort = get.get("sort", "relevance" if filters.search else "newest")
    if sort not in IDEA_SORTS:
        filters.errors["sort"] = _("Ideas cannot be sorted that way; showing the newest first.")
        sort = "newest"
    filters.sort = sort
    seed = get.get("seed", "")
    filters.seed = int(seed) if seed.isascii() and seed.isdigit() and len(seed) <= 9 else 0
    return filters


@require_GET
@cached_for_visitors(_space_versions)
def idea_list(request, slug):
    viewer = unwrapped(request.user)
    space = space_for_page(slug=slug, viewer=viewer)
    filters = _filters(request, space)
    if filters.sort == "random" and not filters.seed:
        # A stable seed in the address keeps the order the same from one page to the next.
        query = request.GET.copy()
        query["seed"] = str(random.randint(1, 999_999_999))
        return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
    open_now = open_now_signature(space.pk, space.settings_version)
    state = f"{space.pk}.{space.version}.{space.settings_version}.{open_now}"
    key = page_key(request, "ideas.list", state, viewer_signature(viewer, space))

    def render_shared():
        page = selectors.idea_page(space=space, viewer=None, filters=filters, number=request.GET.get("page", 1))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "space": space,
            "page": page,
            "filters": filters,
            "themes": selectors.space_themes(space=space),
            "topics": [] if request.htmx else selectors.idea_topics(space=space, limit=5),
            "statuses": IdeaStatus.choices,
            "origins": Origin.choices,
            "shared_render": True,
            "sorts": [(k, SORT_LABELS[k]) for k in IDEA_SORTS if k != "relevance" or filters.search],
            "page_query": query.urlencode(),
        }
        template = "ideas/_results.html" if request.htmx else "ideas/list.html"
        return render(request, template, context), {"ideas": [idea.pk for idea in page.object_list]}

    def personal(meta):
        return {"supported_ids": selectors.supported_among(person=viewer, idea_ids=meta["ideas"])}

    return serve_shared(request, key=key, render=render_shared, personal=personal)


@require_GET
@cached_for_visitors(_idea_versions)
def idea_detail(request, slug, idea_id):
    viewer = unwrapped(request.user)
    space = space_for_page(slug=slug, viewer=viewer)
    idea = selectors.idea_for_viewer(space=space, idea_id=idea_id, viewer=viewer)
    state = f"{space.pk}.{space.settings_version}.{idea.version}.{open_now_signature(space.pk, space.settings_version)}"
    key = page_key(request, "ideas.detail", state, viewer_signature(viewer, idea))

    def render_shared():
        shared = selectors.idea_detail(space=space, idea_id=idea_id, viewer=request.user)
        comments = selectors.comment_tree(idea=shared, page=request.GET.get("comments", 1))
        return render(
            request,
            "ideas/detail.html",
            {
                "space": space,
                "idea": shared,
                "comments": comments,
                "comment_form": CommentForm(),
                "carried": selectors.carried_supports(idea=shared),
                "shared_render": True,
            },
        ), {}

    return serve_shared(request, key=key, render=render_shared, personal=lambda meta: {"idea": idea, "space": space})


def _idea_form_view(request, space: Space, form_class, *, activity: str, origin_fixed: bool):
    ensure_can(request.user, activity, space)
    themes = Theme.objects.filter(space=space).order_by("name")
    form = form_class(request.POST or None, themes=themes)
    # "Search before you propose": with JavaScript, similar ideas appear as the title is typed.
    suggest_while_typing(
        form.fields["title"], url=reverse("ideas:similar", kwargs={"slug": space.slug}), target="#similar-ideas"
    )
    preview = similar = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "preview" in request.POST:
            preview = data
            similar = selectors.similar_ideas(space=space, text=f"{data['title']} {data['body']}")
        else:
            try:
                idea = services.idea_submit(person=request.user, space=space, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your idea is published. You will hear about comments and answers."))
                return redirect(idea.get_absolute_url())
    return render(
        request,
        "ideas/idea_form.html",
        {
            "space": space,
            "form": form,
            "preview": preview,
            "similar": similar,
            "for_someone": not origin_fixed,
        },
    )


@login_required
def idea_new(request, slug):
    space = space_detail(slug=slug, viewer=request.user)
    return _idea_form_view(request, space, IdeaForm, activity="submit_idea", origin_fixed=True)


@login_required
def idea_new_for_someone(request, slug):
    space = space_detail(slug=slug, viewer=request.user)
    return _idea_form_view(request, space, OnBehalfForm, activity="submit_idea_for_someone", origin_fixed=False)


@require_GET
def similar(request, slug):
    """Similar ideas while a title is typed (htmx fragment)."""
    space = space_detail(slug=slug, viewer=request.user)
    text = " ".join([request.GET.get("title", ""), request.GET.get("body", "")])[:500]
    return render(
        request,
        "ideas/_similar.html",
        {
            "space": space,
            "similar": selectors.similar_ideas(space=space, text=text),
            "typed": text.strip(),
        },
    )


def _idea_for_action(request, slug, idea_id) -> Idea:
    space = space_detail(slug=slug, viewer=request.user)
    return selectors.idea_detail(space=space, idea_id=idea_id, viewer=request.user)


@login_required
def idea_edit(request, slug, idea_id):
    idea = _idea_for_action(request, slug, idea_id)
    ensure_can(request.user, "edit_idea", idea)
    themes = Theme.objects.filter(space=idea.space).order_by("name")
    initial = {"title": idea.title, "body": idea.body, "themes": list(idea.themes.all()), "place_name": idea.place_name}
    form = IdeaForm(request.POST or None, themes=themes, initial=initial, with_co_authors=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(person=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(idea.get_absolute_url())
    return render(request, "ideas/idea_edit.html", {"space": idea.space, "idea": idea, "form": form})


@login_required
def idea_withdraw(request, slug, idea_id):
    idea = _idea_for_action(request, slug, idea_id)
    ensure_can(request.user, "withdraw_idea", idea)
    if request.method == "POST":
        services.idea_withdraw(person=request.user, idea=idea)
        messages.success(request, _("Your idea is withdrawn. It stays visible, marked as withdrawn."))
        return redirect(idea.get_absolute_url())
    return render(request, "ideas/withdraw.html", {"space": idea.space, "idea": idea})


def _lean_idea(request, slug, idea_id) -> Idea:
    """What supporting and following need: the idea's state, its authors, the viewer's support."""
    viewer = unwrapped(request.user)
    space = space_for_page(slug=slug, viewer=viewer)
    return selectors.idea_for_viewer(space=space, idea_id=idea_id, viewer=viewer)


def _from_htmx(request) -> bool:
    """`request.htmx` without building `request.headers` (all of them) to read one."""
    return request.META.get("HTTP_HX_REQUEST") == "true"


def _after_action(request, idea: Idea, box: str, message: str = ""):
    """Full page (redirect) without JavaScript; with htmx, the box that changed, as the idea's
    page shows it (`box` names its personal part). The idea is the one read before the action,
    as the action left it: its count is the one the write returned, the viewer's own support or
    follow is set by the view."""
    if _from_htmx(request):
        return HttpResponse(personal.render(box, request, "", {"idea": idea, "space": idea.space, "announce": message}))
    if message:
        messages.success(request, message)
    return HttpResponseRedirect(idea.get_absolute_url())


@login_required
@require_POST
def support(request, slug, idea_id):
    idea = _lean_idea(request, slug, idea_id)
    person = unwrapped(request.user)
    if request.POST.get("action") == "withdraw":
        withdrawn = services.idea_unsupport(person=person, idea=idea)
        message = _("Your support is withdrawn.") if withdrawn else _("You were not supporting this idea.")
        idea.supported = False
    else:
        _support, created = services.idea_support(person=person, idea=idea)
        message = _("Thank you for your support.") if created else _("You have already supported this idea.")
        idea.supported = True
    return _after_action(request, idea, "support_box", message)


@login_required
@require_POST
def follow(request, slug, idea_id):
    idea = _lean_idea(request, slug, idea_id)
    person = unwrapped(request.user)
    if request.POST.get("action") == "unfollow":
        services.idea_unfollow(person=person, idea=idea)
        message = _("You no longer follow this idea.")
        idea.following = False
    else:
        services.idea_follow(person=person, idea=idea)
        message = _("You follow this idea: we will tell you about comments and answers.")
        idea.following = True
    return _after_action(request, idea, "follow_box", message)


@login_required
@require_GET
def reply(request, slug, idea_id, comment_id):
    """The reply form: a page of its own without JavaScript, loaded under the comment with htmx."""
    idea = _lean_idea(request, slug, idea_id)
    ensure_can(request.user, "comment", idea)
    parent = Comment.objects.select_related("author").filter(pk=comment_id, idea=idea, hidden_at__isnull=True).first()
    if parent is None:
        raise Http404
    form = ReplyForm(auto_id=f"reply-{parent.pk}-%s")
    template = "ideas/_reply_form.html" if request.htmx else "ideas/reply.html"
    return render(request, template, {"space": idea.space, "idea": idea, "parent": parent, "form": form})


@login_required
@require_POST
def comment(request, slug, idea_id):
    idea = _idea_for_action(request, slug, idea_id)
    form = CommentForm(request.POST)
    parent = None
    parent_id = request.POST.get("parent", "")
    if parent_id:
        if parent_id.isascii() and parent_id.isdigit() and len(parent_id) < 19:
            parent = (
                Comment.objects.select_related("author")
                .filter(pk=int(parent_id), idea=idea, hidden_at__isnull=True)
                .first()
            )
        if parent is None:
            form.add_error(None, _("The comment you replied to no longer exists."))
    if form.is_valid():
        try:
            new = services.comment_create(person=request.user, idea=idea, body=form.cleaned_data["body"], parent=parent)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return HttpResponseRedirect(f"{idea.get_absolute_url()}#comment-{new.pk}")
    if parent is not None:
        # A reply that could not be published goes back to the reply page, with the reason.
        reply_form = ReplyForm(request.POST, auto_id=f"reply-{parent.pk}-%s")
        if reply_form.is_valid():
            for message in form.errors.get("body", []) + list(form.non_field_errors()):
                reply_form.add_error("body", message)
        return render(
            request,
            "ideas/reply.html",
            {"space": idea.space, "idea": idea, "parent": parent, "form": reply_form},
            status=400,
        )
    return render(
        request,
        "ideas/detail.html",
        {
            "space": idea.space,
            "idea": idea,
            "comments": selectors.comment_tree(idea=idea),
            "comment_form": form,
            "carried": selectors.carried_supports(idea=idea),
        },
        status=400,
    )


@login_required
def answer(request, slug, idea_id):
    idea = _idea_for_action(request, slug, idea_id)
    ensure_can(request.user, "answer", idea)
    existing = getattr(idea, "answer", None)
    initial = {
        "status": idea.status if idea.status != IdeaStatus.SUBMITTED else IdeaStatus.UNDER_CONSIDERATION,
        "body": existing.body if existing else "",
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_answer(person=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer is published; the idea's followers are told."))
            return redirect(idea.get_absolute_url())
    return render(request, "ideas/answer.html", {"space": idea.space, "idea": idea, "form": form})


@login_required
def merge(request, slug, idea_id):
    idea = _idea_for_action(request, slug, idea_id)
    ensure_can(request.user, "merge", idea)
    candidates = selectors.ideas_to_merge(idea=idea)
    suggested = selectors.similar_ideas(space=idea.space, text=f"{idea.title} {idea.body}", exclude_id=idea.pk)
    form = MergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.ideas_merge(
                person=request.user,
                target=idea,
                sources=list(form.cleaned_data["sources"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The ideas are merged. Their authors and followers are told."))
            return redirect(idea.get_absolute_url())
    return render(
        request, "ideas/merge.html", {"space": idea.space, "idea": idea, "form": form, "suggested": suggested}
    )


@login_required
def duplicates(request, slug):
    """Moderators: groups of ideas that look like duplicates, each to merge into one of its
    ideas (the others keep their page, marked merged) or to mark as not duplicates."""
    space = space_detail(slug=slug, viewer=request.user)
    ensure_can(request.user, "review_duplicates", space)
    failed = None
    if request.method == "POST":
        candidates = selectors.ideas_to_merge_in(space=space)
        form = DuplicateGroupForm(request.POST, candidates=candidates)
        action = request.POST.get("action")
        if action not in ("merge", "dismiss"):
            form.add_error(None, _("Choose to merge the ideas or to say they are not duplicates."))
        elif form.is_valid():
            ideas, target = list(form.cleaned_data["ideas"]), form.cleaned_data["target"]
            try:
                if action == "dismiss":
                    services.duplicates_dismiss(person=request.user, space=space, ideas=ideas)
                    messages.success(request, _("These ideas will not be suggested as duplicates again."))
                    return redirect("ideas:duplicates", slug=space.slug)
                if target is None:
                    raise ValidationError({"target": _("Choose the idea to keep.")})
                for idea in [*ideas, target]:
                    idea.space = space
                merged = services.ideas_merge(
                    person=request.user, target=target, sources=[i for i in ideas if i.pk != target.pk]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The ideas are merged. Their authors and followers are told."))
                return redirect(merged.get_absolute_url())
        failed = form
    groups = selectors.duplicate_groups(space=space)
    return render(request, "ideas/duplicates.html", {"space": space, "groups": groups, "failed": failed})


@require_GET
def topics(request, slug):
    """What the ideas of a space are about: groups found in their own words, with counts."""
    viewer = unwrapped(request.user)
    space = space_for_page(slug=slug, viewer=viewer)
    found = selectors.idea_topics(space=space)
    shown = selectors.topic_ideas(space=space, themes=found)
    topics = [(position, topic, shown.get(position, [])) for position, topic in enumerate(found)]
    return render(request, "ideas/topics.html", {"space": space, "topics": topics})


@require_GET
def export(request, slug, what, fmt):
    """Open data: a space's ideas or comments as CSV or JSON, without personal data."""
    space = space_detail(slug=slug, viewer=request.user)
    if what not in ("ideas", "comments") or fmt not in FORMATS:
        raise Http404
    ensure_can(request.user, "view", space)
    return exports.response(space=space, what=what, fmt=fmt)
