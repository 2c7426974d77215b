"""Language identification per article.

py3langid ships its model inside the package, so nothing is downloaded at
run time. The page's own hint (html lang, og:locale) is used only when the
text is too short to judge: sites often declare one language for every page.
"""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS_TO_TRUST_TEXT = 40


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Two-letter ISO 639-1 code of the text, e.g. 'en' or 'de'; None when there is nothing to judge."""
    sample = (text or "").strip()[:5000]
    if len(sample) < MIN_CHARS_TO_TRUST_TEXT:
        return hint or None
    lang, _prob = _identifier().classify(sample)
    return lang
