"""Themes found in the words of a collection (cocreate.algorithms.themes)."""

from cocreate.algorithms.themes import themes

BIKES = [
    "Carril bici en la calle Alcalá",
    "Más carriles bici seguros",
    "Aparcamientos para bicicletas en el barrio",
    "Carril bici hasta la estación",
    "Bicicletas públicas y carril bici en Vallecas",
    "Un carril bici protegido para ir al colegio",
]
TREES = [
    "Plantar árboles en la plaza",
    "Más árboles y sombra en los parques",
    "Árboles en la avenida para dar sombra",
    "Cuidar los árboles del parque del Retiro",
    "Sombra de árboles en los patios",
    "Árboles frutales en los parques del barrio",
]
LIBRARIES = [
    "Bibliotecas abiertas los domingos",
    "Horario de bibliotecas en verano",
    "Bibliotecas con más horario de estudio",
    "Abrir las bibliotecas por la noche en exámenes",
    "Salas de estudio en bibliotecas",
    "Bibliotecas del barrio abiertas en agosto",
]


def documents():
    return list(enumerate(BIKES + TREES + LIBRARIES))


def test_texts_about_the_same_thing_form_one_theme_each():
    found = themes(documents(), max_themes=3)
    assert len(found) == 3
    groups = sorted(sorted(theme.ids) for theme in found)
    assert groups == [list(range(0, 6)), list(range(6, 12)), list(range(12, 18))]


def test_labels_use_the_words_as_written_with_their_accents():
    labels = {theme.ids[0]: theme for theme in themes(documents(), max_themes=3)}
    assert "árboles" in labels[6].words
    assert "bibliotecas" in labels[12].words
    assert any(word in labels[0].words for word in ("carril", "bici"))
    assert labels[6].label == ", ".join(labels[6].words)
    assert all(len(theme.words) <= 3 for theme in labels.values())


def test_the_same_texts_give_the_same_themes():
    assert themes(documents(), seed=3) == themes(documents(), seed=3)


def test_themes_come_largest_first_and_small_groups_are_dropped():
    docs = documents()[:12] + [(100, "Bibliotecas abiertas"), (101, "Horario de bibliotecas")]
    found = themes(docs, max_themes=3, min_size=3)
    assert [theme.size for theme in found] == sorted((theme.size for theme in found), reverse=True)
    assert all(theme.size >= 3 for theme in found)


def test_too_few_texts_make_no_themes():
    assert themes(documents()[:5]) == []
    assert themes([(1, ""), (2, "   ")] * 5) == []
