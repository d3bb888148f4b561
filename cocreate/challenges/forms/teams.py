"""Forms for teams and the "looking for a team" board."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.challenges.models import TeamRole


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    pitch = forms.CharField(
        label=_("What the team wants to do"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    skills_wanted = forms.CharField(
        label=_("Skills the team is looking for (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Separate them with commas, e.g. “user research, front-end development, data analysis”."),
    )


class TeamEditForm(TeamForm):
    looking_for_members = forms.BooleanField(
        label=_("Open to new members"),
        required=False,
        help_text=_("People can ask to join, and the team appears to people on the board whose skills it wants."),
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Tell the team about yourself (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would bring, and what you would like to work on."),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    role = forms.ChoiceField(
        label=_("Invite them as"),
        choices=[(TeamRole.MEMBER, TeamRole.MEMBER.label), (TeamRole.MENTOR, TeamRole.MENTOR.label)],
        widget=forms.RadioSelect,
        initial=TeamRole.MEMBER,
    )
    message = forms.CharField(
        label=_("Message (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)


class SeekerForm(forms.Form):
    note = forms.CharField(
        label=_("What you are looking for (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. “A designer looking for a team working on transport.” Teams also see your profile's skills."),
    )
