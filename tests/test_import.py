"""`import replyparse` must do no work: no jieba, no cn2an, no compiled pattern."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import regex
compiled = []
original = regex.compile
def counting(*args, **kwargs):
    compiled.append(args[0] if args else kwargs)
    return original(*args, **kwargs)
regex.compile = counting
import replyparse
from regex import _main
print(sorted(m for m in ("jieba", "cn2an", "tqdm", "dask", "distributed", "pandas")
             if m in sys.modules))
print(len(compiled), len(_main._cache))
"""


def test_import_is_lazy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    heavy, counts = result.stdout.splitlines()
    assert heavy == "[]"
    assert counts == "0 0"


def test_keywords_load_jieba_only_when_asked() -> None:
    probe = (
        "import sys, replyparse\n"
        "letter = replyparse.parse('近年来，南票区治理采煤沉陷区。下一步，将推进转型。')\n"
        "print('jieba' in sys.modules)\n"
        "letter.keywords(3)\n"
        "print('jieba' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["False", "True"]
