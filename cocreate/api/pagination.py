from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class Pages(PaginationBase):
    """`?page=2&page_size=50` → {"items": [...], "count": 1234, "page": 2, "pages": 25}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(20, ge=1, le=100)

    class Output(Schema):
        items: list
        count: int
        page: int
        pages: int

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, **params):
        count = queryset.count()
        start = (pagination.page - 1) * pagination.page_size
        items = list(queryset[start : start + pagination.page_size])
        for hook in params.get("after_page", []):
            hook(items)
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "pages": max(1, -(-count // pagination.page_size)),
        }
