"""The domain vocabulary lives in one module: no other module spells out one of its lists."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator
from annotator import vocabulary

PACKAGE = Path(annotator.__file__).parent
CLOSED_LISTS = {
    name: frozenset(value)
    for name, value in vars(vocabulary).items()
    if name.isupper() and isinstance(value, tuple) and len(value) > 1 and all(isinstance(v, str) for v in value)
}


def _string_tuples(tree: ast.AST) -> list[tuple[int, frozenset[str]]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1:
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) == len(node.elts):
                found.append((node.lineno, frozenset(w for w in words if w)))  # "" = "none chosen" in a menu
    return found


def test_no_module_repeats_a_closed_list():
    repeats = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        for line, words in _string_tuples(ast.parse(path.read_text(encoding="utf-8"))):
            for name, values in CLOSED_LISTS.items():
                if words == values:
                    repeats.append(f"{path.relative_to(PACKAGE)}:{line} repeats vocabulary.{name}")
    assert not repeats, "\n".join(repeats)


def test_attribute_keys_come_from_the_typed_attributes():
    for kind in vocabulary.ANNOTATION_KINDS:
        typed = vocabulary.TYPED_ATTRIBUTES[kind]
        assert vocabulary.ATTRIBUTES[kind] == tuple(typed.__annotations__)
    assert vocabulary.ATTRIBUTES["casualty"][:3] == ("count_min", "count_max", "qualifier")
    assert vocabulary.normalise("date", {"value": "2017-04-04", "extra": 1}) == {
        "value": "2017-04-04", "start": None, "end": None}


def test_the_store_checks_the_same_words(empty_db):
    schema = empty_db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    for word in (*vocabulary.STATES, *vocabulary.ORIGINS, *vocabulary.ANNOTATION_KINDS):
        assert f"'{word}'" in schema
