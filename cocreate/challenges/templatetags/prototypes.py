"""`{% prototypes_from_idea idea as prototypes %}`: the visible prototypes an idea led to, for the
mark "This idea led to the prototype X" on the idea's page."""

from django import template

from cocreate.challenges.selectors.prototypes import prototypes_from_idea as _prototypes_from_idea

register = template.Library()


@register.simple_tag
def prototypes_from_idea(idea):
    return _prototypes_from_idea(idea)
