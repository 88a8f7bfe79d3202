"""Vietnamese text primitives: NFC, tone-placement folding and matching keys.

Old ("hoà", "thuỷ", "Uỷ") and new ("hòa", "thủy", "Ủy") tone placement are both in use,
so text is never compared as typed: it is compared through :func:`match_key`, which moves
every tone mark to the end of its syllable before folding case, punctuation and spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The five tone marks (the sixth tone, ngang, has none). Vowel-quality marks (circumflex,
# breve, horn) stay on their letter: they change the letter, not the tone.
TONE_MARKS = {
    "\u0300": "f",  # huyền
    "\u0301": "s",  # sắc
    "\u0303": "x",  # ngã
    "\u0309": "r",  # hỏi
    "\u0323": "j",  # nặng
}

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
# Dashes of every kind are written interchangeably in real documents ("2023 – 2025").
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, typographic dashes and quotes made plain, runs of white space made one space."""
    text = nfc(text).translate(_DASHES).translate(_QUOTES)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=32768)  # a text has a few thousand distinct syllables, each seen many times
def _fold_syllable(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [TONE_MARKS[ch] for ch in decomposed if ch in TONE_MARKS]
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    base = unicodedata.normalize("NFC", base)
    return base + "".join(tones)


def fold_tones(text: str) -> str:
    """Move each tone mark to the end of its syllable as a letter (Telex style).

    "hoà" and "hòa" both become "hoaf"; "thuỷ" and "thủy" both become "thuyr". The result is
    a key for comparison, never for display.
    """
    return _WORD.sub(lambda m: _fold_syllable(m.group(0)), nfc(text))


def match_key(text: str) -> str:
    """The key two texts are compared by: tones folded, lower case, no punctuation."""
    text = clean(text).lower()
    words = _WORD.findall(fold_tones(text))
    return " ".join(words)


def strip_diacritics(text: str) -> str:
    """ASCII-fold Vietnamese text ("Vĩnh Cửu" -> "Vinh Cuu"), for file names and slugs."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, separator: str = "-") -> str:
    """A readable ASCII slug: "Xã Tân Phú" -> "xa-tan-phu"."""
    ascii_text = strip_diacritics(text).lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    return separator.join(parts)


def upper_vi(text: str) -> str:
    """Upper-case Vietnamese text and keep it NFC (str.upper handles the letters)."""
    return nfc(nfc(text).upper())
