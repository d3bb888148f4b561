"""Spaces and their phases."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from cocreate.accounts.models import Organisation
from cocreate.api.auth import ANYONE, SIGNED_IN
from cocreate.api.inputs import Moment, Text, ensure_slug
from cocreate.api.pagination import Pages
from cocreate.spaces import services
from cocreate.spaces.models import Phase, Space, SpaceKind, Visibility
from cocreate.spaces.permissions import open_activities
from cocreate.spaces.selectors import space_detail, space_list

router = Router(tags=["spaces"])


class PhaseOut(Schema):
    id: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    activities: list[str]
    state: str = Field(description="upcoming, open or closed")

    @staticmethod
    def resolve_state(phase: Phase) -> str:
        return phase.state()


class SpaceOut(Schema):
    slug: str
    title: str
    kind: SpaceKind
    summary: str
    question: str
    description: str
    target_community: str
    visibility: Visibility
    parent: str | None = Field(None, description="slug of the programme it belongs to")
    organisations: list[str]
    open_activities: list[str] = Field(description="what people can do in it now")
    phases: list[PhaseOut]
    content_language: str

    @staticmethod
    def resolve_parent(space: Space):
        return space.parent.slug if space.parent_id else None

    @staticmethod
    def resolve_organisations(space: Space):
        return [o.name for o in space.organisations.all()]

    @staticmethod
    def resolve_open_activities(space: Space):
        return sorted(open_activities(space))

    @staticmethod
    def resolve_phases(space: Space):
        return space.phase_list()


class SpaceIn(Schema):
    title: Text = Field(max_length=200)
    kind: SpaceKind = SpaceKind.CHALLENGE
    summary: Text = Field(max_length=300)
    question: Text = Field("", max_length=300)
    description: Text = Field("", max_length=20000)
    target_community: Text = Field("", max_length=300)
    visibility: Visibility = Visibility.PUBLIC
    organisations: list[Annotated[Text, Field(max_length=200)]] = Field(
        description="slugs of the organisations running it", min_length=1, max_length=20
    )


class SpacePatch(Schema):
    title: Text | None = Field(None, max_length=200)
    summary: Text | None = Field(None, max_length=300)
    question: Text | None = Field(None, max_length=300)
    description: Text | None = Field(None, max_length=20000)
    target_community: Text | None = Field(None, max_length=300)
    visibility: Visibility | None = None


class PhaseIn(Schema):
    title: Text = Field(max_length=200)
    description: Text = Field("", max_length=5000)
    starts_at: Moment
    ends_at: Moment
    activities: list[Annotated[Text, Field(max_length=100)]] = Field(default_factory=list, max_length=50)


def readable_space(request, slug: str) -> Space:
    """The space at `slug`, with its phases, if the caller may read it; otherwise 404."""
    return space_detail(slug=ensure_slug(slug), viewer=request.auth)


@router.get("/spaces", response=list[SpaceOut], auth=ANYONE, summary="Spaces you can read")
@paginate(Pages)
def list_spaces(request, kind: SpaceKind | None = None):
    return space_list(viewer=request.auth, kind=kind or "")


@router.get("/spaces/{slug}", response=SpaceOut, auth=ANYONE)
def get_space(request, slug: str):
    return readable_space(request, slug)


@router.post("/spaces", response={201: SpaceOut}, auth=SIGNED_IN, summary="Open a space (organisation staff)")
def create_space(request, payload: SpaceIn):
    data = payload.dict()
    slugs = data.pop("organisations")
    organisations = list(Organisation.objects.filter(slug__in=slugs))
    if len(organisations) != len(set(slugs)):
        raise ValidationError({"organisations": _("Unknown organisation: use the slugs of registered organisations.")})
    organisations.sort(key=lambda o: slugs.index(o.slug))
    space = services.space_create(person=request.auth, organisations=organisations, **data)
    return Status(201, space_detail(slug=space.slug, viewer=request.auth))


@router.patch("/spaces/{slug}", response=SpaceOut, auth=SIGNED_IN)
def update_space(request, slug: str, payload: SpacePatch):
    space = readable_space(request, slug)
    services.space_update(person=request.auth, space=space, **payload.dict(exclude_none=True))
    return readable_space(request, slug)


@router.get("/spaces/{slug}/phases", response=list[PhaseOut], auth=ANYONE)
def list_phases(request, slug: str):
    return readable_space(request, slug).phase_list()


@router.post("/spaces/{slug}/phases", response={201: PhaseOut}, auth=SIGNED_IN)
def create_phase(request, slug: str, payload: PhaseIn):
    space = readable_space(request, slug)
    return Status(201, services.phase_create(person=request.auth, space=space, **payload.dict()))


def _phase(request, phase_id: int) -> Phase:
    phase = get_object_or_404(Phase.objects.select_related("space"), pk=phase_id)
    space_detail(slug=phase.space.slug, viewer=request.auth)
    return phase


@router.put("/phases/{phase_id}", response=PhaseOut, auth=SIGNED_IN)
def update_phase(request, phase_id: int, payload: PhaseIn):
    return services.phase_update(person=request.auth, phase=_phase(request, phase_id), **payload.dict())


@router.delete("/phases/{phase_id}", response={204: None}, auth=SIGNED_IN)
def delete_phase(request, phase_id: int):
    services.phase_delete(person=request.auth, phase=_phase(request, phase_id))
    return Status(204, None)
