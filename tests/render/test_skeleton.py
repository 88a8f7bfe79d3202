"""The body rendered through a skeleton per shape is byte-identical to rendering it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment

from app.planfile.load import load_plan
from app.render.context import build_context
from app.render.docx import PreparedTemplate, prepare
from app.render.skeleton import MAX_SHAPES, Skeletons
from app.services.batch import child_plan, load_batch
from app.vn import register
from tests.bench.bench_batch import SAMPLE_PARENT, national_parent
from tests.render.batch_snapshot import list_file
from tests.render.conftest import sample_plan


def _fresh() -> PreparedTemplate:
    return PreparedTemplate(prepare().path)


def test_every_sample_plan_renders_the_same_body_through_its_skeleton(sample: str) -> None:
    template = _fresh()
    context = build_context(sample_plan(sample))
    slow = template.render_body_slow(context)
    assert template.render_body(context) == slow  # the first of its shape: rendered and compared
    assert template.render_body(context) == slow  # then filled in
    skeletons = template._skeletons
    if not context["appendices"]:
        assert (skeletons.misses, skeletons.hits, skeletons.fallbacks) == (1, 1, 0)


@pytest.mark.parametrize("case", ["province", "national"])
def test_batches_of_real_communes_render_the_same_bodies_through_the_skeletons(case: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if case == "province":
            parent, units = load_plan(SAMPLE_PARENT), list(register.communes_of("Đồng Nai"))
        else:
            parent, units = load_plan(national_parent(tmp / "p.yaml")), list(register.communes()[::7])
        spec = load_batch(parent, list_file(tmp / "xa.csv", units))
    template = _fresh()
    for item in spec.items:
        context = build_context(child_plan(spec, item))
        assert template.render_body(context) == template.render_body_slow(context), item.name
    skeletons = template._skeletons
    assert skeletons.fallbacks == 0
    assert skeletons.hits > 0.95 * len(spec.items)


def test_values_docxtpl_would_post_process_are_rendered_the_normal_way() -> None:
    template = _fresh()
    base = build_context(sample_plan("family_xa_a_2026"))
    template.render_body(base)
    for odd in ("a\nb", "tab\there", "x {_{ y", "50%_} z", "nul\x00", "bell\a", "page\f"):
        context = {**base, "subject": odd}
        before = template._skeletons.fallbacks
        assert template.render_body(context) == template.render_body_slow(context)
        assert template._skeletons.fallbacks == before + 1, repr(odd)


def test_markup_characters_and_private_use_characters_in_values_are_printed_exactly() -> None:
    template = _fresh()
    base = build_context(sample_plan("family_xa_a_2026"))
    template.render_body(base)
    for text in ("A & B <c> \"d\" 'e'", "\U000f0000\U000f0003 token-like", "{{ x }} {% y %}", "%}{%"):
        context = {**base, "subject": text, "doc_type": text}
        assert template.render_body(context) == template.render_body_slow(context), text
    assert template._skeletons.hits >= 4


def _skeletons(source: str) -> tuple[Skeletons, Any]:
    environment = Environment(autoescape=True)
    slow = environment.from_string(source)
    return Skeletons.for_source(environment, source, lambda xml: xml, slow.render), slow


@pytest.mark.parametrize(
    "source",
    [
        "<t>{{ name|upper }}</t>",
        "<t>{{ name ~ '!' }}</t>",
        "{% set x = name %}<t>{{ x }}</t>",
        "{% if name in ['a'] %}<t>{{ name }}</t>{% endif %}",
        "{% for i in items if i %}<t>{{ i }}</t>{% endfor %}",
        "<t>{{ items[0] }}</t>",
    ],
)
def test_templates_doing_more_than_printing_and_testing_never_use_skeletons(source: str) -> None:
    skeletons, _ = _skeletons(source)
    assert skeletons.compared is None
    context = {"name": "abc", "items": ["x", "y"]}
    assert skeletons.render(context) is None


def test_a_compared_value_is_part_of_the_shape_and_a_list_printed_whole_is_never_filled_in() -> None:
    skeletons, slow = _skeletons(
        "{% for i in items %}{% if i.kind == 'a' %}<a>{{ i.text }}</a>{% else %}<b>{{ i.text }}</b>"
        "{% endif %}{% endfor %}{% if flag %}<f>{{ lines }}</f>{% endif %}"
    )
    assert skeletons.compared == frozenset({"kind"})
    for kinds in (["a", "b"], ["b", "a"], ["a", "a"], ["b", "a"]):
        context = {"items": [{"kind": k, "text": f"{k} & {n}"} for n, k in enumerate(kinds)], "flag": False}
        rendered = skeletons.render(context)
        assert rendered is None or rendered == slow.render(context)
        assert (rendered or skeletons.render(context)) == slow.render(context)
    printed = {"items": [], "flag": True, "lines": ["it's", "x"]}
    assert skeletons.render(printed) == slow.render(printed)  # first of its shape: the normal way
    assert skeletons.render(printed) is None  # and never filled in


def test_the_cache_of_shapes_stays_bounded() -> None:
    skeletons, slow = _skeletons("{% for line in lines %}<p>{{ line }}</p>{% endfor %}")
    for n in range(MAX_SHAPES + 10):
        context = {"lines": ["x"] * n}
        assert (skeletons.render(context) or slow.render(context)) == slow.render(context)
    assert len(skeletons.cache) <= MAX_SHAPES
