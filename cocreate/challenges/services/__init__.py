"""One module per part of a challenge: setup, events, teams, prototypes, judging, condensing, support, recognition."""
