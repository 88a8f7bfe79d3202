"""Well-formedness check of untrusted XML, streamed: DOCTYPE, entities and external references refused.

Every XML part of an uploaded DOCX goes through here while it is inflated, chunk by chunk,
with a parser target that keeps nothing, so even a large part costs no memory and an entity
bomb or an external SYSTEM entity (file:///etc/passwd) is never expanded or fetched.

The check is linear in the part's size. expat (2.5, without reparse deferral) keeps an
unfinished token (a comment, a start tag with its attributes, a processing instruction) and
rescans it from its start on every chunk, so one 70 MB comment cost ~110 s of CPU. A single
markup token longer than :data:`MAX_XML_TOKEN_BYTES` is therefore refused as soon as the
unfinished part grows past it (Word writes tags of a few KB and no comments); expat reports
where the unfinished token starts (``CurrentByteIndex`` after a feed), so the bound costs
nothing per token. Text and CDATA are reported as they stream and are never rescanned.
"""

from __future__ import annotations

from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.extract.errors import UnsafeFileError

MB = 1024 * 1024
MAX_XML_TOKEN_BYTES = 1 * MB  # one tag, comment or processing instruction; Word's are a few KB
_CHUNK = 64 * 1024


class _Discard:
    """A parser target that keeps nothing: the check needs well-formedness, not a tree. It has
    no start/end/data methods on purpose: XMLParser then sets no element handlers, and expat
    checks the part at C speed (a Python call per element cost a tenth of a second for a
    20-page plan)."""

    def close(self) -> None:
        return None


class XmlChecker:
    """Streams one XML part through defusedxml; any DTD, entity or external reference is refused,
    and so is a single markup token longer than :data:`MAX_XML_TOKEN_BYTES`."""

    def __init__(self, part: str, source: str) -> None:
        self.part = part
        self.source = source
        self.parser = DefusedXMLParser(
            target=_Discard(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        self._expat: Any = self.parser.parser
        # ElementTree's pure-Python parser (the one defusedxml extends) sends every piece of
        # text to a Python default handler, which only resolves DTD entities, and a DTD is
        # refused anyway: without it text is checked at C speed (100 MB of "a&gt;" took 55 s).
        # expat itself still refuses an undefined entity.
        self._expat.DefaultHandlerExpand = None
        self._fed = 0

    def feed(self, chunk: bytes) -> None:
        for start in range(0, len(chunk), _CHUNK):  # a big chunk is fed in slices: the bound holds
            piece = chunk[start : start + _CHUNK]
            self._guarded(self.parser.feed, piece)
            self._fed += len(piece)
            self._check_pending()

    def close(self) -> None:
        self._guarded(self.parser.close)

    def _check_pending(self) -> None:
        """Refuse the part when expat holds an unfinished token longer than the bound."""
        index = self._expat.CurrentByteIndex
        pending = self._fed - index if index >= 0 else 0
        if pending > MAX_XML_TOKEN_BYTES:
            raise UnsafeFileError(
                self.source, "extract_xml_token_too_long", part=self.part, limit_mb=MAX_XML_TOKEN_BYTES // MB
            )

    def _guarded(self, call: Any, *args: Any) -> None:
        try:
            call(*args)
        except DefusedXmlException as exc:
            raise UnsafeFileError(self.source, "extract_xml_entities", part=self.part) from exc
        except SafeET.ParseError as exc:
            raise UnsafeFileError(self.source, "extract_bad_xml", part=self.part, detail=str(exc)) from exc


def check_xml(xml: bytes, part: str, source: str = "") -> None:
    """Parse-check one XML part with defusedxml; any DTD, entity or external reference is refused."""
    checker = XmlChecker(part, source)
    checker.feed(xml)
    checker.close()
