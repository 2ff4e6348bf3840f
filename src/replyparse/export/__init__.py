"""Exports of parsed letters: flat tables (``tables``), CSV (``csv``), SQL (``sql``).

Nothing here is imported by ``import replyparse``; SQLAlchemy is needed only by ``sql``
(extra ``db``).
"""

DEFAULT_URL = "sqlite:///replies.db"
"""Where ``replyparse export`` writes unless ``--db`` says otherwise."""
