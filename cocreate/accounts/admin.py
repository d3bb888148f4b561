from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cocreate.accounts.models import ApiToken, FieldOfExpertise, Membership, Organisation, Person, Skill


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "display_name", "kind", "is_staff", "is_active", "date_joined"]
    list_filter = ["kind", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "display_name", "kind"]}),
        (
            "Profile",
            {
                "fields": [
                    "bio",
                    "languages",
                    "motivations",
                    "skills",
                    "expertise",
                    "preferred_language",
                    "email_frequency",
                ]
            },
        ),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    filter_horizontal = ["skills", "expertise"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


admin.site.register(Skill, search_fields=["name"])
admin.site.register(FieldOfExpertise, search_fields=["name"])
admin.site.register(
    ApiToken,
    list_display=["name", "person", "prefix", "created_at", "last_used_at"],
    readonly_fields=["key_hash", "prefix"],
)
