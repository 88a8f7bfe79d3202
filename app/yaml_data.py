"""The packaged YAML data files (word lists, vocabularies), read with libyaml when present.

These files ship with the code and are trusted; they are still read as safe YAML (no Python
objects). PyYAML's pure-Python parser costs about a tenth of a second for the review's
vocabulary, paid on every command, so the C parser is used when PyYAML was built with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The YAML document of ``path`` (UTF-8), parsed as safe YAML."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
