"""Open data, one module per part of dialogue: questions (listening has no open data file: its
signals come from other sources, which publish them themselves)."""
