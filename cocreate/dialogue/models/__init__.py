"""Dialogue with officials and listening.

- `questions`: questions people ask officials, supports, selection rounds, official answers
  (text, video link and transcript, linked measures or spaces);
- `listening`: signals from files and feeds, and the emerging issues found among them.
"""

from cocreate.dialogue.models.listening import *  # noqa: F403
from cocreate.dialogue.models.questions import *  # noqa: F403
