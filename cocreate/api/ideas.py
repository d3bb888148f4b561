"""Ideas, their comments and supports."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Id, Text
from cocreate.api.pagination import Pages
from cocreate.api.spaces import readable_space
from cocreate.ideas import selectors, services
from cocreate.ideas.models import Comment, Idea, IdeaStatus
from cocreate.ideas.selectors import IDEA_SORTS, IdeaFilters
from cocreate.spaces.models import Origin
from cocreate.spaces.permissions import can

router = Router(tags=["ideas"])

Sort = Literal[tuple(IDEA_SORTS)]


class AnswerOut(Schema):
    body: str
    answered_at: datetime


class IdeaOut(Schema):
    id: int
    space: str = Field(description="slug of its space")
    title: str
    body: str
    themes: list[str]
    status: IdeaStatus
    origin: Origin
    place_name: str
    latitude: float | None
    longitude: float | None
    authors: list[str] = Field(description="names the authors chose to show")
    supports_count: int = Field(description="supports given on this platform")
    imported_supports_count: int = Field(description="supports counted on the platform it was imported from")
    comments_count: int
    merged_into: int | None = Field(None, description="id of the idea it was merged into")
    answer: AnswerOut | None = None
    created_at: datetime
    url: str
    supported: bool = Field(False, description="whether you support it")
    following: bool = Field(False, description="whether you follow it")

    @staticmethod
    def resolve_space(idea: Idea):
        return idea.space.slug

    @staticmethod
    def resolve_themes(idea: Idea):
        return [t.name for t in idea.themes.all()]

    @staticmethod
    def resolve_authors(idea: Idea):
        return [p.public_name for p in idea.author_people()]

    @staticmethod
    def resolve_merged_into(idea: Idea):
        return idea.merged_into_id

    @staticmethod
    def resolve_answer(idea: Idea):
        return getattr(idea, "answer", None) if hasattr(idea, "answer") else None

    @staticmethod
    def resolve_url(idea: Idea, context):
        return context["request"].build_absolute_uri(idea.get_absolute_url())


class IdeaIn(Schema):
    title: Text = Field(max_length=150)
    body: Text = Field(max_length=10000)
    themes: list[Id] = Field(default_factory=list, max_length=20, description="ids of the space's themes")
    place_name: Text = Field("", max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    co_author_emails: list[Annotated[Text, Field(max_length=254)]] = Field(default_factory=list, max_length=10)


class IdeaPatch(Schema):
    title: Text = Field(max_length=150)
    body: Text = Field(max_length=10000)
    themes: list[Id] = Field(default_factory=list, max_length=20, description="ids of the space's themes")
    place_name: Text = Field("", max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)


class IdeaQuery(Schema):
    q: Text = Field("", max_length=200, description="words to search for")
    status: IdeaStatus | None = None
    theme: int | None = Field(None, ge=1, le=2**62)
    origin: Origin | None = None
    sort: Sort = "newest"
    seed: int = Field(0, ge=0, le=999_999_999, description="for sort=random: the same seed gives the same order")


class CommentOut(Schema):
    id: int
    idea: int
    parent: int | None
    author: str | None
    body: str | None = Field(description="null when a moderator hid it")
    hidden_reason: str | None = None
    depth: int
    created_at: datetime

    @staticmethod
    def resolve_idea(comment: Comment):
        return comment.idea_id

    @staticmethod
    def resolve_parent(comment: Comment):
        return comment.parent_id

    @staticmethod
    def resolve_author(comment: Comment):
        return comment.author.public_name if comment.author_id else None

    @staticmethod
    def resolve_body(comment: Comment):
        return None if comment.is_hidden else comment.body

    @staticmethod
    def resolve_hidden_reason(comment: Comment):
        return comment.hidden_reason if comment.is_hidden else None


class CommentIn(Schema):
    body: Text = Field(max_length=5000)
    parent: Id | None = Field(None, description="id of the comment you reply to")


class SupportOut(Schema):
    idea: int
    supported: bool
    supports_count: int


def _idea(request, idea_id: int) -> Idea:
    idea = get_object_or_404(Idea.objects.select_related("space"), pk=idea_id)
    space = readable_space(request, idea.space.slug)
    return selectors.idea_detail(space=space, idea_id=idea_id, viewer=request.auth)


@router.get("/spaces/{slug}/ideas", response=list[IdeaOut], auth=ANYONE, summary="Ideas of a space")
@paginate(Pages)
def list_ideas(request, slug: str, filters: Query[IdeaQuery]):
    space = readable_space(request, slug)
    wanted = IdeaFilters(
        search=filters.q,
        status=filters.status or "",
        theme=filters.theme,
        origin=filters.origin or "",
        sort=filters.sort,
        seed=filters.seed,
    )
    ideas = selectors.idea_list(space=space, viewer=request.auth, filters=wanted).select_related("answer")
    return SharingSpace(ideas, space)


class SharingSpace:
    """Hands out the ideas with the already-loaded space, so that no idea fetches it again."""

    def __init__(self, queryset, space):
        self.queryset, self.space = queryset, space

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        ideas = list(self.queryset[window])
        for idea in ideas:
            idea.space = self.space
        return ideas


@router.get(
    "/spaces/{slug}/similar-ideas",
    response=list[IdeaOut],
    auth=ANYONE,
    summary="Ideas similar to a text (search before you propose)",
)
def similar_ideas(request, slug: str, text: Annotated[Text, Query(..., min_length=1, max_length=500)]):
    space = readable_space(request, slug)
    ids = [i.pk for i in selectors.similar_ideas(space=space, text=text)]
    visible = selectors.idea_list(space=space, viewer=request.auth, filters=IdeaFilters(status=""))
    ideas = {i.pk: i for i in visible.filter(pk__in=ids).select_related("answer")}
    found = [ideas[pk] for pk in ids if pk in ideas]
    for idea in found:
        idea.space = space
    return found


@router.post("/spaces/{slug}/ideas", response={201: IdeaOut}, auth=SIGNED_IN)
def create_idea(request, slug: str, payload: IdeaIn):
    space = readable_space(request, slug)
    idea = services.idea_submit(person=request.auth, space=space, **payload.dict())
    return Status(201, _idea(request, idea.pk))


@router.get("/ideas/{idea_id}", response=IdeaOut, auth=ANYONE)
def get_idea(request, idea_id: int):
    return _idea(request, idea_id)


@router.put("/ideas/{idea_id}", response=IdeaOut, auth=SIGNED_IN, summary="Change an idea (its authors)")
def update_idea(request, idea_id: int, payload: IdeaPatch):
    services.idea_update(person=request.auth, idea=_idea(request, idea_id), **payload.dict())
    return _idea(request, idea_id)


@router.get("/ideas/{idea_id}/comments", response=list[CommentOut], auth=ANYONE)
@paginate(Pages)
def list_comments(request, idea_id: int):
    idea = _idea(request, idea_id)
    return Comment.objects.filter(idea=idea).select_related("author").order_by("created_at", "pk")


@router.post("/ideas/{idea_id}/comments", response={201: CommentOut}, auth=SIGNED_IN)
def create_comment(request, idea_id: int, payload: CommentIn):
    idea = _idea(request, idea_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.filter(pk=payload.parent, idea=idea).first()
        if parent is None:
            raise ValidationError({"parent": _("There is no such comment on this idea.")})
    comment = services.comment_create(person=request.auth, idea=idea, body=payload.body, parent=parent)
    return Status(201, comment)


@router.post(
    "/ideas/{idea_id}/supports",
    response={200: SupportOut, 201: SupportOut},
    auth=SIGNED_IN,
    summary="Support an idea (201 the first time, 200 if you already did)",
)
def create_support(request, idea_id: int):
    idea = _idea(request, idea_id)
    _support, created = services.idea_support(person=request.auth, idea=idea)
    return Status(201 if created else 200, {"idea": idea.pk, "supported": True, "supports_count": idea.supports_count})


@router.delete("/ideas/{idea_id}/supports", response=SupportOut, auth=SIGNED_IN, summary="Withdraw your support")
def delete_support(request, idea_id: int):
    idea = _idea(request, idea_id)
    services.idea_unsupport(person=request.auth, idea=idea)
    return {"idea": idea.pk, "supported": False, "supports_count": idea.supports_count}


IDEA_ACTIVITIES = ("support", "comment", "follow", "edit_idea", "withdraw_idea", "answer", "merge", "report")


@router.get(
    "/ideas/{idea_id}/permissions",
    auth=ANYONE,
    response=dict[str, str | bool],
    summary="What you may do with this idea now, and why not",
)
def idea_permissions(request, idea_id: int):
    idea = _idea(request, idea_id)
    result: dict[str, str | bool] = {}
    for activity in IDEA_ACTIVITIES:
        decision = can(request.auth, activity, idea)
        result[activity] = True if decision else decision.reason
    return result
