"""The README's Python example runs, and each value it shows in a comment is what it gives."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SHOWN = re.compile(r"^(?P<code>.+?)\s+#\s+(?P<shown>['(\d].*)$")


def _example() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def test_readme_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    checked = 0
    for line in _example():
        shown = _SHOWN.match(line)
        code = shown.group("code") if shown else line
        if shown and not re.match(r"^\w+ = ", code):
            value = eval(code, namespace)
            assert repr(value) == shown.group("shown"), line
            checked += 1
        else:
            exec(code, namespace)
    assert checked >= 6
    assert os.path.exists(ROOT / "samples" / "liaoning-2021-1125.txt")
