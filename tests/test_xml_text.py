"""`xml_text` escapes and unescapes exactly as `xml.sax.saxutils`, which the command no longer imports (it loads
urllib, http and ssl)."""
from __future__ import annotations

import random
import subprocess
import sys
from xml.sax import saxutils

from demarche_xl import xml_text

PIECES = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&", "a", ";", "<", ">", '"', "'", "\n", "\r", "\t", "é", " "]
ENTITIES = {"&quot;": '"', "&apos;": "'"}


def test_escape_quoteattr_and_unescape_are_saxutils_own():
    draw = random.Random(16)
    for _ in range(20_000):
        text = "".join(draw.choice(PIECES) for _ in range(draw.randint(0, 12)))
        assert xml_text.escape(text) == saxutils.escape(text)
        assert xml_text.quoteattr(text) == saxutils.quoteattr(text)
        assert xml_text.unescape(text, ENTITIES) == saxutils.unescape(text, ENTITIES)
        assert xml_text.unescape(text) == saxutils.unescape(text)


def test_the_file_store_and_the_command_line_do_not_load_urllib():
    code = ("import sys, demarche_xl.cli.app, demarche_xl.store.file_store, demarche_xl.runner; "
            "print(sorted(m for m in ('urllib.request', 'ssl', 'xml.sax.saxutils') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
