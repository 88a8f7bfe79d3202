"""Detect a scrambled PDF text layer: Vietnamese marks torn off their letters, letters replaced.

A PDF whose fonts lack some Vietnamese letters draws them as a base letter plus a separately
placed mark; pypdf then returns the marks in drawing order (often at the line's end) or as
replacement characters, and about half the words come out wrong. Good Vietnamese text is
almost entirely valid syllables with every mark composed onto its vowel, so the share of
words that are not is a reliable signal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SCRAMBLED_RATIO = 0.12  # good text measures < 0.05 (abbreviations, names); scrambled ~ 0.3-0.6
MIN_WORDS = 20  # below this the ratio is too noisy to judge

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])"
_VOWELS = (
    "uyê|uya|uyu|uây|ươu|ươi|uôi|yêu|iêu|oeo|oao|oay|oai|"
    "ưu|ươ|ưi|ưa|uy|uơ|uô|ui|uê|uâ|ua|oo|ơi|ôi|oi|oe|oă|oa|iu|iê|ia|êu|eo|ây|âu|ay|au|ao|ai|yê|ya|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_SYLLABLE = re.compile(rf"^{_ONSET}?(?:{_VOWELS})(?:ch|ng|nh|c|m|n|p|t)?$")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/%+=<>…–—-]+")


def _strip_tone(word: str) -> tuple[str, int]:
    """The word without tone marks (vowel shapes kept), and how many tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in decomposed if ch in _TONES)
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare), tones


@lru_cache(maxsize=65536)  # plans repeat the same few thousand syllables
def is_vietnamese_syllable(word: str) -> bool:
    """True for one well-formed Vietnamese syllable ("nghiêng", "Hoạch", "gì"), any case."""
    word = unicodedata.normalize("NFC", word.lower())
    if any(unicodedata.combining(ch) for ch in word):
        return False  # a mark that did not compose onto its vowel: torn off
    bare, tones = _strip_tone(word)
    return tones <= 1 and bool(_SYLLABLE.match(bare))


def _is_odd_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch == "\ufffd" or category in ("Co", "Cc", "Cn") or unicodedata.combining(ch) > 0


@lru_cache(maxsize=65536)
def _word_is_bad(word: str) -> bool:
    if any(_is_odd_char(ch) for ch in word):
        return True
    if not any(ch.isalpha() for ch in word):
        return False
    if len(word) == 1 or (word.isupper() and len(word) <= 8):
        return False  # list letters "b", abbreviations: UBND, LĐTBXH, KH, MTTQ
    return not all(is_vietnamese_syllable(part) for part in word.split("-") if part)


def scramble_ratio(text: str) -> tuple[float, int]:
    """(share of words that are not clean Vietnamese syllables, number of words looked at).

    Stray combining marks (left over after NFC: torn off their vowel) each count as one more
    damaged word, since the word they came from usually still looks like a tone-less syllable.
    """
    text = unicodedata.normalize("NFC", text)
    words = _WORD.findall(text)
    counted = [w for w in words if any(ch.isalpha() or _is_odd_char(ch) for ch in w)]
    if not counted:
        return 0.0, 0
    stray = sum(1 for ch in text if unicodedata.combining(ch))
    if not stray and text.isascii():
        return 0.0, len(counted)  # plain ASCII (English, or Vietnamese typed without marks): not judged
    bad = sum(1 for w in counted if _word_is_bad(w))
    return min(1.0, (bad + stray) / len(counted)), len(counted)


def looks_scrambled(text: str) -> bool:
    """True when enough words are damaged that another extractor should be tried."""
    return is_scrambled(*scramble_ratio(text))


def is_scrambled(ratio: float, words: int) -> bool:
    """The decision on an already measured (ratio, words) pair."""
    return words >= MIN_WORDS and ratio >= SCRAMBLED_RATIO
