"""Every real text of the corpus is read and parsed into a plan, as text, DOCX and PDF.

Each document goes through ``read_plan``, the reader ``kehoach review`` and ``kehoach extract``
call on a file (upload guard, format reader, plan parser), under a hang guard
(``tests.corpus.read_copy``). A real plan is never refused: the reader must return a plan of
a plausible shape.
"""

from __future__ import annotations

import time

import pytest

from app.domain.levels import DEFAULT_LEVELS
from tests.corpus import INDEX, NAMES, hang_guard, read_copy, sources, via_params

TYPES = {str(entry["file"]): str(entry["type"]) for entry in INDEX}


def test_the_corpus_holds_thirty_documents_each_kept_once_as_listed() -> None:
    assert len(NAMES) == len(set(NAMES)) == 30
    for entry in INDEX:
        copies = sources(str(entry["file"]))
        assert len(copies) == 1, (entry["file"], copies)
        assert len(copies[0].read_text(encoding="utf-8")) == entry["characters"], entry["file"]


def test_the_hang_guard_fails_a_block_that_does_not_finish() -> None:
    with (
        pytest.raises(pytest.fail.Exception, match=r"sleeping: not finished after 1 s"),
        hang_guard(1, "sleeping"),
    ):
        time.sleep(30)


@pytest.mark.parametrize(("name", "via"), via_params())
def test_a_real_text_reads_into_a_plan(name: str, via: str) -> None:
    plan = read_copy(name, via)
    assert plan.id.strip()
    assert plan.subject.strip()
    assert plan.doc_type == TYPES[name]
    assert plan.level in DEFAULT_LEVELS.ids()
    assert plan.issuer.name.strip()
    ids = [target.id for target in plan.targets()] + [task.id for task in plan.tasks()]
    assert all(ids), "a target or task without an id"
    assert len(ids) == len(set(ids)), "two targets or tasks share an id"
