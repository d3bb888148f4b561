from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import EmailFrequency, MembershipRole, Motivation, OrganisationKind


class SignupDetailsForm(forms.Form):
    """Extra questions on the sign-up page (used by django-allauth)."""

    display_name = forms.CharField(
        label=_("Name shown to others"),
        max_length=80,
        help_text=_("Your first name, a nickname or your full name: you choose what others see."),
    )

    def signup(self, request, user):
        user.display_name = " ".join(self.cleaned_data["display_name"].split())
        user.preferred_language = getattr(request, "LANGUAGE_CODE", "") or ""
        user.save(update_fields=["display_name", "preferred_language"])


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name shown to others"), max_length=80)
    bio = forms.CharField(
        label=_("About me"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("en", "English"),
            ("fr", "Français"),
            ("es", "Español"),
            ("pt", "Português"),
            ("ar", "العربية"),
            ("bn", "বাংলা"),
            ("de", "Deutsch"),
            ("hi", "हिन्दी"),
            ("it", "Italiano"),
            ("pl", "Polski"),
            ("ro", "Română"),
            ("so", "Soomaali"),
            ("tr", "Türkçe"),
            ("uk", "Українська"),
            ("ur", "اردو"),
            ("zh", "中文"),
        ],
    )
    motivations = forms.MultipleChoiceField(
        label=_("Why I take part"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Motivation.choices,
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=1000,
        help_text=_("Separate them with commas, e.g. “user research, Python, community organising”."),
    )
    expertise = forms.CharField(
        label=_("Fields of expertise"),
        required=False,
        max_length=1000,
        help_text=_("Separate them with commas, e.g. “housing, social care, transport”."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the site and e-mails"),
        required=False,
        choices=[("", _("The language of my browser"))] + list(settings.LANGUAGES),
    )
    email_frequency = forms.ChoiceField(
        label=_("E-mails about what I follow"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be restored."),
        required=True,
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What is this key for?"), max_length=100)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
