"""`{% condensed_for_idea idea as proposals %}`: the condensed proposals an idea is part of,
for the mark "Included in condensed proposal X" on the idea's page."""

from django import template

from cocreate.challenges.selectors.condensing import condensed_for_idea as _condensed_for_idea

register = template.Library()


@register.simple_tag
def condensed_for_idea(idea):
    return _condensed_for_idea(idea)
