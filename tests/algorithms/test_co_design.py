"""Who is invited to co-design: the top proposals of each sub-theme by votes, ties broken by the
supports of their originals, then by the earlier proposal; never a proposal nobody voted for."""

from hypothesis import given
from hypothesis import strategies as st

from cocreate.algorithms.co_design import Candidate, ranked_by_theme, top_per_theme


def test_top_of_each_theme_with_ties_broken_by_supports_then_age():
    candidates = [
        Candidate(id=1, theme=10, votes=5, original_supports=0),
        Candidate(id=2, theme=10, votes=7, original_supports=0),
        Candidate(id=3, theme=10, votes=7, original_supports=4),
        Candidate(id=4, theme=20, votes=2, original_supports=1),
        Candidate(id=5, theme=20, votes=2, original_supports=1),
        Candidate(id=6, theme=None, votes=0, original_supports=9),
    ]
    assert [c.id for c in ranked_by_theme(candidates)[10]] == [3, 2, 1]
    assert top_per_theme(candidates, 1) == [3, 4]
    assert sorted(top_per_theme(candidates, 2)) == [2, 3, 4, 5]
    assert top_per_theme(candidates, 0) == []


candidates = st.lists(
    st.builds(
        Candidate,
        id=st.integers(1, 10_000),
        theme=st.sampled_from([None, 1, 2, 3]),
        votes=st.integers(0, 50),
        original_supports=st.integers(0, 50),
    ),
    max_size=40,
    unique_by=lambda c: c.id,
)


@given(candidates, st.integers(0, 5))
def test_invariants(pool, places):
    chosen = top_per_theme(pool, places)
    by_id = {c.id: c for c in pool}
    assert len(chosen) == len(set(chosen))
    for theme in {c.theme for c in pool}:
        group = [c for c in pool if c.theme == theme]
        invited = [by_id[i] for i in chosen if by_id[i].theme == theme]
        assert len(invited) <= places
        assert all(c.votes > 0 for c in invited)
        # Nobody left out has more votes than someone invited in the same sub-theme.
        left_out = [c for c in group if c.id not in chosen]
        if invited and left_out:
            assert min(c.votes for c in invited) >= max(c.votes for c in left_out)
    # The choice does not depend on the order the proposals came in.
    assert sorted(top_per_theme(list(reversed(pool)), places)) == sorted(chosen)
