"""The pages of a challenge, one module per part; each module lists its own `urlpatterns`."""

from django.http import FileResponse, Http404

from cocreate.spaces.permissions import unwrapped
from cocreate.spaces.selectors import space_for_page


def page_space(request, slug):
    """The space a challenge page belongs to, as the viewer may see it (404 when they may not)."""
    return space_for_page(slug=slug, viewer=unwrapped(request.user))


def file_download(stored, *, public: bool):
    """An uploaded file (a dataset, a prototype version's file) as a download. Call it only
    after checking the person may read what the file belongs to: files are never served
    straight from the media folder, where no such check happens."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "max-age=3600" if public else "private, max-age=3600"
    return response
