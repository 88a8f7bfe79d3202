"""A document body rendered once per shape of its context, then filled in per document.

The KẾ HOẠCH template only prints strings (``{{ item.text }}``), loops over lists, tests the
truthiness of values and compares a few of them with literals (``item.kind == 'muc'``). Two
contexts with the same *shape* (the same keys, the same list lengths, the same compared
values, the same truthiness of every leaf, the same non-string leaves) take every branch and
every loop of the template alike: they differ only in the strings printed. So the body is
rendered once per shape with every string leaf replaced by a private-use token, split at the
tokens, and each document's body is that skeleton with its own escaped strings put back: the
same bytes as rendering it (a test compares the two for every sample plan and for batches of
real communes), about a tenth of the time.

It is used only when that is sure to hold; otherwise :meth:`Skeletons.render` returns None and
the caller renders normally:

- the template (after docxtpl's patching) uses nothing but plain output of names and
  attributes, ``for`` loops, ``if`` tests of names, attributes, ``and``/``or``/``not`` and
  ``==``/``!=`` against literals (checked on the jinja syntax tree when it is prepared); a
  filter, a call, a macro, ``{% set %}``... and it is never used;
- a list or dict printed whole (its text would hold the tokens' quoting) makes that shape
  unusable, as does a skeleton whose own text holds docxtpl's listing characters or a token
  next to a character of docxtpl's "{_{" escapes;
- a document whose strings hold a listing character (\\n \\t \\a \\f) or one of the "{_{"
  escapes is rendered normally (docxtpl's post-processing would treat it);
- the first document of every shape is also rendered normally and compared: a difference
  makes the shape unusable (and is a bug to report, never a wrong document).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import Environment, Template, nodes
from markupsafe import escape

# Supplementary Private Use Area-A: one code point per string leaf (65,534 of them).
_TOKEN_BASE = 0xF0000
_TOKEN_LIMIT = 0xFFFFE - _TOKEN_BASE
_TOKEN = re.compile("[\U000f0000-\U000ffffd]")
# What docxtpl's post-processing of a rendered body would act on inside a value.
_UNSAFE_VALUE = re.compile(r"[\n\t\a\f]|\{_\{|\}_\}|\{_%|%_\}")
_RISKY_NEIGHBOURS = frozenset("{}_%")
_LISTING_CHARS = ("\n", "\t", "\a", "\f")
_ALLOWED = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.For,
    nodes.If,
    nodes.Name,
    nodes.Getattr,
    nodes.Compare,
    nodes.Operand,
    nodes.Const,
    nodes.And,
    nodes.Or,
    nodes.Not,
)
MAX_SHAPES = 256


class _PrintedError(Exception):
    """A list or dict of the skeleton context was printed whole."""


class _List(list):  # type: ignore[type-arg]
    def __str__(self) -> str:
        raise _PrintedError

    __repr__ = __str__

    def __html__(self) -> str:
        raise _PrintedError


class _Dict(dict):  # type: ignore[type-arg]
    def __str__(self) -> str:
        raise _PrintedError

    __repr__ = __str__

    def __html__(self) -> str:
        raise _PrintedError


class _UnsupportedError(Exception):
    """A context value the shape does not describe (a Markup, an object...)."""


_FULL, _EMPTY = object(), object()  # a string leaf's shape: non-empty or empty
_SCALARS = (bool, int, float, type(None))


def compared_names(environment: Environment, source: str) -> frozenset[str] | None:
    """The names and attributes the template compares with literals, or None when the
    template does anything else than the plain printing, looping and testing described above."""
    tree = environment.parse(source)
    compared: set[str] = set()
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED):
            return None
        if isinstance(node, nodes.For) and (node.recursive or node.test is not None):
            return None
        printable = (nodes.TemplateData, nodes.Name, nodes.Getattr)
        if isinstance(node, nodes.Output) and not all(isinstance(n, printable) for n in node.nodes):
            return None
        if isinstance(node, nodes.Compare):
            sides = [node.expr, *(op.expr for op in node.ops)]
            if any(op.op not in ("eq", "ne") for op in node.ops):
                return None
            if not any(isinstance(side, nodes.Const) for side in sides):
                return None
            for side in sides:
                if isinstance(side, nodes.Name):
                    compared.add(side.name)
                elif isinstance(side, nodes.Getattr):
                    compared.add(side.attr)
                elif not isinstance(side, nodes.Const):
                    return None
    return frozenset(compared)


def _unsafe(joined: str) -> bool:
    """Whether the leaves (joined by NUL) hold what docxtpl's post-processing acts on."""
    if "\n" in joined or "\t" in joined or "\a" in joined or "\f" in joined:
        return True
    return "_" in joined and _UNSAFE_VALUE.search(joined) is not None


def _escaped(joined: str) -> list[str]:
    """Each leaf of ``joined`` (NUL-separated) XML-escaped as jinja's autoescape does it."""
    return str(escape(joined)).split("\x00")


class _Skeleton:
    """A body rendered with tokens, as a format string over the escaped string leaves."""

    __slots__ = ("fill",)

    def __init__(self, xml: str) -> None:
        pieces = _TOKEN.split(xml)
        tokens = [ord(t) - _TOKEN_BASE for t in _TOKEN.findall(xml)]
        for i, piece in enumerate(pieces):
            inner = 0 < i < len(pieces) - 1
            if inner and not piece:
                raise _UnsupportedError("two values printed side by side")
            if i > 0 and piece and piece[0] in _RISKY_NEIGHBOURS:
                raise _UnsupportedError("a value followed by a docxtpl escape character")
            if i < len(pieces) - 1 and piece and piece[-1] in _RISKY_NEIGHBOURS:
                raise _UnsupportedError("a value preceded by a docxtpl escape character")
        literal = [p.replace("{", "{{").replace("}", "}}") for p in pieces]
        out = [literal[0]]
        for token, piece in zip(tokens, literal[1:], strict=True):
            out += ["{", str(token), "}", piece]
        self.fill: Callable[..., str] = "".join(out).format


class Skeletons:
    """The skeletons of one prepared template, one per shape of context (at most
    :data:`MAX_SHAPES`, then started afresh: memory stays flat)."""

    def __init__(
        self,
        template: Template,
        compared: frozenset[str] | None,
        post_process: Callable[[str], str],
        render_slow: Callable[[dict[str, Any]], str],
    ) -> None:
        self.template = template
        self.compared = compared
        self.post_process = post_process
        self.render_slow = render_slow
        self.cache: dict[Hashable, _Skeleton | None] = {}
        self.hits = self.misses = self.fallbacks = 0

    @classmethod
    def for_source(
        cls,
        environment: Environment,
        source: str,
        post_process: Callable[[str], str],
        render_slow: Callable[[dict[str, Any]], str],
    ) -> Skeletons:
        """The skeletons of the jinja ``source`` (disabled when it uses more than plain
        printing, looping and testing, or holds a token character itself)."""
        compared = None if _TOKEN.search(source) else compared_names(environment, source)
        return cls(environment.from_string(source), compared, post_process, render_slow)

    def _shape(self, value: Any, key: str | None, shape: list[Any], leaves: list[str]) -> None:
        """Append ``value``'s shape to ``shape`` (flat: a container's type and length, then its
        keys and items) and its string leaves to ``leaves``, in order."""
        compared = self.compared or frozenset()
        kind = type(value)
        if kind is str:
            if key in compared:
                shape += ("=", value)
            else:
                leaves.append(value)
                shape.append(_FULL if value else _EMPTY)
        elif kind is dict:
            shape += (dict, len(value))
            for k, v in value.items():
                shape.append(k)
                if type(v) is str and k not in compared:  # the common case, inline
                    leaves.append(v)
                    shape.append(_FULL if v else _EMPTY)
                else:
                    self._shape(v, k, shape, leaves)
        elif kind is list:
            shape += (list, len(value))
            for v in value:
                if type(v) is str and key not in compared:
                    leaves.append(v)
                    shape.append(_FULL if v else _EMPTY)
                else:
                    self._shape(v, key, shape, leaves)
        elif kind in _SCALARS:
            shape += (kind, value)
        else:
            raise _UnsupportedError(kind.__name__)

    def _tokens(self, value: Any, key: str | None, counter: list[int]) -> Any:
        """The context with every string leaf (in :meth:`_shape`'s order) a token."""
        kind = type(value)
        if kind is str:
            if key in self.compared:  # type: ignore[operator]
                return value
            counter[0] += 1
            return chr(_TOKEN_BASE + counter[0] - 1)
        if kind is dict:
            return _Dict((k, self._tokens(v, k, counter)) for k, v in value.items())
        if kind is list:
            return _List(self._tokens(v, key, counter) for v in value)
        return value

    def render(self, context: dict[str, Any]) -> str | None:
        """The post-processed body for ``context``, or None to render it the normal way."""
        if self.compared is None:
            return None
        flat: list[Any] = []
        leaves: list[str] = []
        try:
            self._shape(context, None, flat, leaves)
        except _UnsupportedError:
            self.fallbacks += 1
            return None
        joined = "\x00".join(leaves)
        if len(leaves) > _TOKEN_LIMIT or _unsafe(joined):
            self.fallbacks += 1
            return None
        shape = tuple(flat)
        if shape not in self.cache:
            self.misses += 1
            xml = self.render_slow(context)
            if len(self.cache) >= MAX_SHAPES:
                self.cache.clear()
            self.cache[shape] = self._build(context, leaves, xml)
            return xml
        skeleton = self.cache[shape]
        if skeleton is None:
            self.fallbacks += 1
            return None
        values = _escaped(joined)
        if len(values) != len(leaves):  # a leaf held a NUL
            self.fallbacks += 1
            return None
        self.hits += 1
        return skeleton.fill(*values)

    def _build(self, context: dict[str, Any], leaves: list[str], expected: str) -> _Skeleton | None:
        """The skeleton of ``context``'s shape, if filling it with ``leaves`` gives ``expected``
        (the body rendered the normal way)."""
        try:
            xml = self.post_process(self.template.render(self._tokens(context, None, [0])))
            if any(char in xml for char in _LISTING_CHARS):
                return None
            skeleton = _Skeleton(xml)
            if skeleton.fill(*_escaped("\x00".join(leaves))) != expected:
                return None
        except Exception:
            return None
        return skeleton
