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


class TouchesSpace:
    """Changes made here bypass the services, so they mark the space changed themselves:
    cached pages and remembered phases are keyed by its versions."""

    def space_of(self, obj):
        return obj if isinstance(obj, Space) else obj.space

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.space_of(obj).touch()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.space_of(form.instance).touch()

    def delete_model(self, request, obj):
        space = self.space_of(obj)
        super().delete_model(request, obj)
        if space.pk and Space.objects.filter(pk=space.pk).exists():
            space.touch()


@admin.register(Space)
class SpaceAdmin(TouchesSpace, admin.ModelAdmin):
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
