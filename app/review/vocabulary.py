"""The review's vocabulary read from the packaged YAML files beside this module:
``synonyms.yaml`` (synonyms, abbreviations, filler words), ``populations.yaml`` (kinds of
population, see app/review/population.py) and ``quota_parts.yaml`` (the names of a quota's
shares, see app/review/quotas.py). The vocabulary itself, and the keys built with it, are in
app/review/lexicon.py, which reads no file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from app.review.lexicon import Vocabulary, build_vocabulary
from app.yaml_data import read_yaml

__all__ = [
    "POPULATIONS_FILE",
    "QUOTA_PARTS_FILE",
    "SYNONYMS_FILE",
    "Vocabulary",
    "build_vocabulary",
    "load_vocabulary",
]

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")
POPULATIONS_FILE = Path(__file__).with_name("populations.yaml")
QUOTA_PARTS_FILE = Path(__file__).with_name("quota_parts.yaml")


@lru_cache(maxsize=4)
def load_vocabulary(
    path: Path = SYNONYMS_FILE, populations: Path = POPULATIONS_FILE, quota_parts: Path = QUOTA_PARTS_FILE
) -> Vocabulary:
    """The vocabulary of ``path`` (the packaged synonyms.yaml by default) with the kinds of
    population of ``populations`` and the quota shares of ``quota_parts`` (the packaged
    populations.yaml and quota_parts.yaml), read once."""
    return build_vocabulary(_yaml(path), _yaml(populations), _yaml(quota_parts))


def _yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping")
    return data
