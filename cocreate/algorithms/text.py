"""Text normalisation shared by full-text search and similar-idea suggestions. No Django.

Search must find "participación" when someone types "participacion", and "École" from "ecole":
both sides are lower-cased and stripped of accents the same way before indexing and querying.
"""

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z]+")

# Words too common to say anything about what an idea is about (en, fr, es, pt).
STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be because been but by can could do does for from
    had has have how i if in into is it its more most my no not of on or our out over should so
    some such than that the their them then there these they this to too up us very was we were
    what when where which who why will with would you your idea ideas
    au aux avec ce ces dans de des du elle en est et eux il je la le les leur lui ma mais me mes
    moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
    tu un une vos votre vous c d j l m n s t y idee idees
    al algo como con contra cual cuando del desde donde durante el ella ellos en entre era es esa
    ese eso esta este esto estos fue ha hay la las le les lo los mas me mi muy nos o para pero
    por que se sin sobre su sus te tu un una uno unos y ya propuesta propuestas
    ao aos as com da das do dos ela ele em entre era essa esse isso na nas no nos num numa os ou
    pela pelas pelo pelos por qual quando se sem seu sua suas seus tem um uma uns voce proposta
    """.split()
)


def normalise(text: str) -> str:
    """Lower-case, accents removed, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(stripped))


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order, repeated as they occur."""
    return _WORD.findall(normalise(text))


def keywords(text: str, *, limit: int = 12) -> list[str]:
    """Distinct meaningful words (no stopwords, no one-letter words), in order of appearance."""
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) > 1 and word not in STOPWORDS and word not in seen:
            seen[word] = None
            if len(seen) == limit:
                break
    return list(seen)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """What people type, without the invisible control characters some programs paste (a NUL
    cannot even be stored by PostgreSQL); line breaks and tabs stay. Surrounding space goes."""
    return _CONTROL.sub("", text or "").strip()
