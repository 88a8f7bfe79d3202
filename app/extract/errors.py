"""The errors of reading untrusted documents: refused (unsafe, broken, mislabelled) or empty.

Both are KehoachError subclasses, so the CLI exits with status 2 and the web answers 4xx.
"""

from __future__ import annotations

from typing import Any

from app.domain.errors import KehoachError
from app.messages import both


class UnsafeFileError(KehoachError):
    """A file is refused as unsafe, broken or not what it claims to be.

    ``key`` is the app.messages key, ``params`` its placeholders; ``str()`` gives
    "source: Vietnamese / English" ready for the command line or an API error body.
    """

    def __init__(self, source: str, key: str, **params: Any) -> None:
        self.source = source
        self.key = key
        self.params = params
        text = both(key).format(**params) if params else both(key)
        self.message = text
        super().__init__(f"{source}: {text}" if source else text)


class UnreadableDocumentError(UnsafeFileError):
    """A safe file with nothing to read: a PDF without any text layer, a file with no text."""
