"""The portfolio certificate as a PDF (fpdf2): the person's name, the challenge, what they did,
the date, and a reference anyone can check at the address printed on it."""

from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

# A Unicode font where the system has one (names and citations in any language); otherwise
# the PDF's built-in Helvetica, which covers Western European languages only.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def certificate_pdf(
    *,
    name: str,
    challenge: str,
    citation: str,
    awarded_at,
    reference: str,
    verify_url: str,
    awarded_by: str = "",
    compress: bool = True,
) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_compression(compress)
    pdf.set_title(_("Certificate – %(challenge)s") % {"challenge": challenge})
    pdf.set_author(awarded_by or challenge)
    pdf.set_creator("Cocreate")
    # In the document's properties too, where programs that file certificates look for it.
    pdf.set_subject(_("Certificate reference %(reference)s") % {"reference": reference})
    font = _font(pdf)

    def text(value: str) -> str:
        return value if font != "Helvetica" else value.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    pdf.set_margins(25, 25, 25)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(35)
    pdf.set_font(font, size=30)
    pdf.cell(0, 16, text(_("Certificate of contribution")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(font, size=14)
    pdf.cell(0, 8, text(_("This certifies that")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(font, size=24)
    pdf.cell(0, 14, text(name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(font, size=14)
    pdf.cell(
        0, 8, text(_("took part in %(challenge)s") % {"challenge": challenge}), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(6)
    pdf.set_font(font, size=12)
    pdf.multi_cell(0, 7, text(citation), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    when = date_format(timezone.localtime(awarded_at), "DATE_FORMAT")
    pdf.cell(0, 7, text(_("Awarded on %(date)s") % {"date": when}), align="C", new_x="LMARGIN", new_y="NEXT")
    if awarded_by:
        pdf.cell(0, 7, text(_("by %(who)s") % {"who": awarded_by}), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.h - 38)
    pdf.set_font(font, size=9)
    pdf.cell(
        0, 5, text(_("Reference: %(reference)s") % {"reference": reference}), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(
        0,
        5,
        text(_("Check this certificate at %(url)s") % {"url": verify_url}),
        align="C",
        link=verify_url,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _font(pdf: FPDF) -> str:
    for path in UNICODE_FONTS:
        if path.exists():
            pdf.add_font("Certificate", fname=str(path))
            return "Certificate"
    return "Helvetica"
