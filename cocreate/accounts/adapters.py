"""How django-allauth fits Cocreate: e-mails carry the unsubscribe link, new people get the
name they chose, and the site speaks the person's language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from cocreate.notifications.email import unsubscribe_headers, unsubscribe_url


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        from cocreate.accounts.models import Person

        person = context.get("user") or Person.objects.filter(email__iexact=email).first()
        context = {**context, "site_name": settings.SITE_NAME}
        if person is not None and getattr(person, "pk", None):
            context["unsubscribe_url"] = unsubscribe_url(person)
        message = self.render_mail(template_prefix, email, context)
        if person is not None and getattr(person, "pk", None):
            message.extra_headers.update(unsubscribe_headers(person))
        message.send()

    def populate_username(self, request, user):
        return None
