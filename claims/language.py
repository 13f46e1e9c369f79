"""Language detection from a small stop-word and script profile of our own (no models, no downloads).

Stop words are the most frequent, most language-specific tokens of running text, so counting them
over the first few thousand characters separates Latin-script languages reliably and fast;
non-Latin scripts are told apart by their Unicode blocks.
"""
from __future__ import annotations

import re

# How much text to look at: enough for a stable count, little enough to stay constant-time.
SAMPLE_CHARS = 2500

_PROFILES: dict[str, str] = {
    "en": "the of and to in is was that for on with as by at from it its are were be has have had this "
    "which will an or not but their they been also more than said would about into after over who",
    "de": "der die das und ist im in den von zu mit sich des auf für nicht ein eine einer eines dem "
    "auch es an als wurde wurden wird werden bei nach aus hat haben sind war zum zur über sowie "
    "dass oder seit wie noch am vom bis unter durch",
    "fr": "le la les de des du et est en un une dans que qui pour pas sur au aux par plus avec ce "
    "cette sont ont été il elle nous vous leur mais ou où",
    "es": "el la los las de del y en que un una es por con para se al lo como más pero sus su fue "
    "son ha han sobre entre también desde",
    "it": "il lo la gli le di del della dei che e è un una per con non si sono nel nella alla anche "
    "come più ma ha hanno questo questa dal dalla",
    "nl": "de het een en van in is dat op te zijn voor met die niet aan er ook als bij door maar "
    "om wordt worden heeft hebben was naar dit deze",
    "pt": "o a os as de do da dos das e em um uma que para com não por se na no mais como mas foi "
    "são ao pela pelo também entre",
}
_SETS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _PROFILES.items()}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Script blocks: (language code, compiled character class).
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese text also uses Han characters
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]")
_GERMAN_CHARS = re.compile(r"[äöüß]")

# word -> languages it is a stop word of, so each word of the sample costs one lookup.
_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _SETS.items():
    for _w in _words:
        _INDEX[_w] = (*_INDEX.get(_w, ()), _lang)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "de", ...), or "und" if it cannot tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if not words:
        return "und"
    if _NON_LATIN.search(sample):
        letters = len(_LETTER.findall(sample))
        for code, pattern in _SCRIPTS:
            # Han/kana/etc. characters are single letters each; a fifth of the letters decides.
            if len(pattern.findall(sample)) * 5 >= letters:
                if code == "zh" and _SCRIPTS[0][1].search(sample):
                    return "ja"
                return code
    counts = dict.fromkeys(_SETS, 0)
    for word in words:
        for lang in _INDEX.get(word.lower(), ()):
            counts[lang] += 1
    if _GERMAN_CHARS.search(sample):
        counts["de"] += 1  # tie-breaker for very short German texts
    best = max(counts, key=lambda k: (counts[k], k == "en"))
    if counts[best] == 0 or (len(words) >= 8 and counts[best] * 12 < len(words)):
        return "und"
    return best
