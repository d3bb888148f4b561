from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cocreate.accounts.services import person_unsubscribe
from cocreate.notifications.email import person_from_unsubscribe_token
from cocreate.notifications.selectors import inbox as inbox_selector
from cocreate.notifications.services import notifications_mark_read


@login_required
def inbox(request):
    page = Paginator(inbox_selector(person=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    notifications_mark_read(person=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:inbox")


@csrf_exempt  # mail programs send a one-click POST (RFC 8058) without a CSRF token
def unsubscribe(request, token):
    """A signed link from any e-mail: no sign-in needed to stop e-mails."""
    person = person_from_unsubscribe_token(token)
    if person is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        person_unsubscribe(person=person)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {"person": person})
