from django import template
from django.utils.safestring import mark_safe

from cocreate.web import personal as slots

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name, target=None):
    key = str(getattr(target, "pk", target) or "")
    if context.get("shared_render"):
        return mark_safe(slots.marker(name, key))
    flat = context.flatten()
    if target is not None and hasattr(target, "pk"):
        flat.setdefault("idea", target)
    return mark_safe(slots.render(name, context.get("request"), key, flat))
