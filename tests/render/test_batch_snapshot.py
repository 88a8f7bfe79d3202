"""The batch's documents are the ones recorded before the speed work (tests/render/batch_snapshot.py):
the same text view, the same word/document.xml, the same DOCX bytes, the same summary."""

from __future__ import annotations

import json

import pytest

from tests.render.batch_snapshot import SNAPSHOT, snapshots


@pytest.mark.parametrize(("workers", "views"), [(1, True), (2, False)])
def test_batches_write_exactly_the_recorded_documents(workers: int, views: bool) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    got = snapshots(workers, views)
    assert set(got) == set(expected)
    for key, recorded in expected.items():
        want, have = recorded["documents"], got[key]["documents"]
        assert sorted(have) == sorted(want), key
        for part, what in enumerate(("text view", "document.xml", "DOCX bytes")):
            if part == 0 and not views:
                continue
            changed = [n for n in want if have[n][part] != want[n][part]]
            assert not changed, f"{key}: the {what} changed for {changed[:5]} ({len(changed)} documents)"
        assert got[key]["summary"] == recorded["summary"], key
