from django.contrib import admin

from cocreate.ideas.models import Comment, Idea, Theme


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
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
class CommentAdmin(admin.ModelAdmin):
    list_display = ["idea", "author", "created_at", "hidden_at"]
    raw_id_fields = ["idea", "parent", "author", "entered_by", "hidden_by"]


admin.site.register(Theme, list_display=["name", "space"])
