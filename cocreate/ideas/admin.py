from django.contrib import admin
from django.db.models import F

from cocreate.ideas.models import Comment, Idea, Theme
from cocreate.spaces.admin import TouchesSpace


class TouchesIdea(TouchesSpace):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Idea.objects.filter(pk=obj.idea_id if isinstance(obj, Comment) else obj.pk).update(version=F("version") + 1)


@admin.register(Idea)
class IdeaAdmin(TouchesIdea, admin.ModelAdmin):
    list_display = [
        "title",
        "space",
        "status",
        "supports_count",
        "imported_supports_count",
        "comments_count",
        "created_at",
    ]
    list_filter = ["status", "origin", "space"]
    search_fields = ["title"]
    readonly_fields = ["supports_count", "imported_supports_count", "comments_count", "version", "search_text"]
    raw_id_fields = ["merged_into", "entered_by", "hidden_by"]


@admin.register(Comment)
class CommentAdmin(TouchesIdea, admin.ModelAdmin):
    list_display = ["idea", "author", "created_at", "hidden_at"]
    raw_id_fields = ["idea", "parent", "author", "entered_by", "hidden_by"]


@admin.register(Theme)
class ThemeAdmin(TouchesSpace, admin.ModelAdmin):
    list_display = ["name", "space"]
