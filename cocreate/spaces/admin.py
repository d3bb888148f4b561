from django.contrib import admin

from cocreate.spaces.models import ActionLog, Phase, Report, Resident, Space, SpaceRole


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class SpaceRoleInline(admin.TabularInline):
    model = SpaceRole
    extra = 0
    fk_name = "space"
    raw_id_fields = ["person", "granted_by"]


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "visibility", "created_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations"]
    readonly_fields = ["version", "settings_version"]
    inlines = [PhaseInline, SpaceRoleInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["space", "content_type", "object_id", "reason", "outcome", "created_at"]
    list_filter = ["outcome", "reason"]


@admin.register(ActionLog)
class ActionLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "space", "actor", "action", "content_type", "object_id"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in ActionLog._meta.fields]


admin.site.register(
    Resident,
    list_display=["space", "reference", "postcode", "person", "verified_at"],
    raw_id_fields=["person", "verified_by"],
)
