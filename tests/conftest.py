from __future__ import annotations

import sys
from pathlib import Path

import pytest

import replyparse
from replyparse.model import Letter

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaoning-2021-1125.txt"
DATA = Path(__file__).resolve().parent / "data"

# Test helpers (amount_table.py, _builders.py) import as plain modules.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def reference_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference(reference_text: str) -> Letter:
    return replyparse.parse(reference_text)


# Database fixtures (postgres, db_url) live in db_fixtures.py; importing them registers them.
from db_fixtures import db_url, postgres  # noqa: E402, F401
