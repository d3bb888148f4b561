"""Recognition and prizes: organisers award certificates, public credits and prizes, split
prizes among team members and record each share's payment. Reading credits, prizes and
checking a certificate is open to anyone who may read the space (no activity needed)."""

from django.utils.translation import gettext_lazy

from cocreate.spaces.permissions import is_organiser
from cocreate.spaces.registry import Activity, Check, register

register(
    Activity(
        name="recognise",
        label=gettext_lazy("award certificates, credits and prizes"),
        phased=False,
        who=(
            Check(
                is_organiser,
                gettext_lazy("Only the organisers of this space can award certificates, credits and prizes."),
            ),
        ),
    )
)
