"""`{% can "support" idea as may_support %}` — the same answer `can()` gives views and the API.

{% if may_support %}<button>…</button>{% else %}<p>{{ may_support.reason }}</p>{% endif %}
"""

from django import template
from django.utils.text import capfirst

from cocreate.spaces.permissions import can as can_decide

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, activity, target):
    request = context.get("request")
    person = getattr(request, "user", None) if request is not None else context.get("user")
    return can_decide(person, activity, target)


@register.filter
def kind_of(content) -> str:
    """What a contribution is, in the reader's language ("Idea", "Question", "Project"), for pages
    that list several kinds together, such as the moderation queue."""
    return capfirst(content._meta.verbose_name)
