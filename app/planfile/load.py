"""Read plan files (JSON or YAML) safely into a :class:`Plan`, or say what is wrong where.

Every failure is a :class:`PlanFileError` whose ``errors`` map a field path
("sections[0].targets[1].value") to messages in Vietnamese and English.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError

from app.domain.errors import KehoachError
from app.domain.plan import Plan, validate_plan
from app.messages import both
from app.planfile import PLAN_EXTENSIONS
from app.planfile.schemas import MAX_NESTING, MAX_PLAN_BYTES, PlanSchema, document_limits
from app.vn.normalize import nfc

MAX_PLAN_FILE_BYTES = MAX_PLAN_BYTES  # the schema's limit, the same for the web's JSON bodies
# "1.100" written bare in YAML: the Vietnamese way, one thousand one hundred, not 1.1.
_DOT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+$")


class _RefusedYaml(yaml.MarkedYAMLError):
    """A YAML construct plan files refuse; ``message_key`` says which."""

    def __init__(self, message_key: str, mark: Any) -> None:
        super().__init__(problem=message_key, problem_mark=mark)
        self.message_key = message_key


# libyaml's parser when installed: ten times faster than the pure-Python one on a plan file.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanYamlLoader(_SafeLoader):  # type: ignore[misc]
    """``yaml.safe_load`` (no Python objects) plus the plan-file rules: no aliases (a few
    lines of them expand into millions of nodes), no duplicate keys (the second would
    silently replace the first), and "1.100" read as one thousand one hundred."""

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            _refuse_aliases_and_duplicate_keys(node)
        return node

    def construct_vn_float(self, node: Any) -> Any:
        text = str(self.construct_scalar(node))
        if _DOT_THOUSANDS.match(text):
            return int(text.replace(".", ""))
        return self.construct_yaml_float(node)


def _refuse_aliases_and_duplicate_keys(root: yaml.Node) -> None:
    """Walk the composed nodes once: an alias shows up as a node reached a second time."""
    reached: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            keys: set[tuple[str, Any]] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if (key.tag, key.value) in keys:
                        raise _RefusedYaml("duplicate_key", key.start_mark)
                    keys.add((key.tag, key.value))
                children += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        for child in children:
            if id(child) in reached:
                raise _RefusedYaml("yaml_alias", node.start_mark)
            reached.add(id(child))
            stack.append(child)


PlanYamlLoader.add_constructor("tag:yaml.org,2002:float", PlanYamlLoader.construct_vn_float)


class PlanYamlDumper(yaml.SafeDumper):
    """Writes a float such as 1.125 as "1.1250", so :class:`PlanYamlLoader` reads it back
    as 1.125 and never as one thousand one hundred and twenty-five."""

    def represent_vn_float(self, data: float) -> Any:
        node = self.represent_float(data)
        if _DOT_THOUSANDS.match(node.value):
            node.value += "0"
        return node


PlanYamlDumper.add_representer(float, PlanYamlDumper.represent_vn_float)


class PlanFileError(KehoachError):
    """A plan file that cannot be used, with messages keyed by field path."""

    def __init__(self, source: str, errors: dict[str, list[str]]) -> None:
        self.source = source
        self.errors = errors
        super().__init__(format_errors(source, errors))


def format_errors(source: str, errors: dict[str, list[str]]) -> str:
    lines = [f"{source}: {both('plan_invalid')}"]
    for path, messages in errors.items():
        lines.append(f"  - {path or '(tệp)'}: {'; '.join(messages)}")
    return "\n".join(lines)


def flatten_errors(messages: Any, path: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested error dict into {"a.b[0].c": [message, ...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                sub = f"{path}[{key}]"
            elif key == "_schema":
                sub = path
            else:
                sub = f"{path}.{key}" if path else str(key)
            for p, msgs in flatten_errors(value, sub).items():
                out.setdefault(p, []).extend(msgs)
    elif isinstance(messages, list):
        if all(isinstance(m, str) for m in messages):
            out.setdefault(path, []).extend(both(m) for m in messages)
        else:
            for item in messages:
                for p, msgs in flatten_errors(item, path).items():
                    out.setdefault(p, []).extend(msgs)
    else:
        out.setdefault(path, []).append(both(str(messages)))
    return out


def _normalize(value: Any) -> Any:
    """NFC every string, so what is stored and compared is never a decomposed form."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    if isinstance(value, dict):
        return {(nfc(k) if isinstance(k, str) else k): _normalize(v) for k, v in value.items()}
    return value


def plan_from_data(data: Any, source: str = "<dữ liệu>") -> Plan:
    """Validate already-parsed data (a dict) and build the Plan."""
    if not isinstance(data, dict):
        raise PlanFileError(source, {"": [both("not_a_plan")]})
    too_big = document_limits(data)  # before _normalize, which recurses
    if too_big:
        raise PlanFileError(source, too_big)
    try:
        plan = PlanSchema().load(_normalize(data))
    except ValidationError as exc:
        raise PlanFileError(source, flatten_errors(exc.messages)) from None
    assert isinstance(plan, Plan)
    model_errors = validate_plan(plan)
    if model_errors:
        raise PlanFileError(source, {p: [both(k) for k in keys] for p, keys in model_errors.items()})
    return plan


def parse_plan_text(text: str, fmt: str, source: str = "<dữ liệu>") -> Plan:
    """Parse JSON or YAML text (``fmt`` is "json" or "yaml") into a Plan."""
    try:
        # PlanYamlLoader is a SafeLoader: a plan file must never construct Python objects.
        data = json.loads(text) if fmt == "json" else yaml.load(text, Loader=PlanYamlLoader)
    except json.JSONDecodeError as exc:
        raise PlanFileError(source, {f"dòng {exc.lineno}, cột {exc.colno}": [both("bad_json")]}) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        raise PlanFileError(source, {where: [both(getattr(exc, "message_key", "bad_yaml"))]}) from None
    except RecursionError:  # json nests by recursion: 10,000 "[" end here, never in a traceback
        raise too_deep(source) from None
    return plan_from_data(data, source)


def too_deep(source: str) -> PlanFileError:
    """The error of a document nested past what any parser here follows."""
    return PlanFileError(source, {"": [both("plan_too_deep").format(limit=MAX_NESTING)]})


def load_plan(path: str | Path) -> Plan:
    """Load a plan file; raise :class:`PlanFileError` with a clear message on any problem."""
    p = Path(path)
    source = str(p)
    if not p.exists():  # before the extension: "no such file" is what a mistyped name needs
        raise PlanFileError(source, {"": [both("file_not_found")]})
    if p.suffix.lower() not in PLAN_EXTENSIONS:
        raise PlanFileError(source, {"": [both("unsupported_plan_ext")]})
    try:
        size = p.stat().st_size
        if size > MAX_PLAN_FILE_BYTES:
            raise PlanFileError(source, {"": [both("file_too_large")]})
        raw = p.read_bytes()
    except FileNotFoundError:
        raise PlanFileError(source, {"": [both("file_not_found")]}) from None
    except (IsADirectoryError, PermissionError, OSError):
        raise PlanFileError(source, {"": [both("file_unreadable")]}) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(source, {"": [both("bad_encoding")]}) from None
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    return parse_plan_text(text, fmt, source)


def dump_plan(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data (the inverse of :func:`plan_from_data`)."""
    data = PlanSchema().dump(plan)
    assert isinstance(data, dict)
    return data


def dump_plan_text(plan: Plan, fmt: str = "yaml") -> str:
    data = dump_plan(plan)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=PlanYamlDumper, allow_unicode=True, sort_keys=False, width=100)
