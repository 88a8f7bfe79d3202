"""Packaged YAML data files are read as safe YAML (app/yaml_data.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.yaml_data import read_yaml


def test_a_data_file_reads_as_plain_data(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("units:\n- lượt người\n- tấn\n", encoding="utf-8")
    assert read_yaml(path) == {"units": ["lượt người", "tấn"]}


def test_python_objects_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        read_yaml(path)
