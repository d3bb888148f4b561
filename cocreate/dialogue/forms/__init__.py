"""One module per part of dialogue: questions, listening."""
