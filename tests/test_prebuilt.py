"""deid.kit.prebuilt: derived tables built once per installation, kept on disk, rebuilt when a source changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deid.kit.prebuilt import cache_dir, prebuilt


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEID_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "words.txt"
    source.write_text("alpha beta\n", encoding="utf-8")
    return tmp_path


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_from_disk(folder: Path) -> None:
    build, calls = counting({"alpha": 1.5, "beta": frozenset({"x"})})
    source = folder / "words.txt"
    assert prebuilt("words", [source], build) == prebuilt("words", [source], build) == {"alpha": 1.5, "beta": frozenset({"x"})}
    assert len(calls) == 1 and len(list(cache_dir().glob("words-*.marshal"))) == 1


def test_a_changed_source_rebuilds_and_drops_the_old_table(folder: Path) -> None:
    source = folder / "words.txt"
    prebuilt("words", [source], lambda: "old")
    source.write_text("alpha beta gamma\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert prebuilt("words", [source], lambda: "new") == "new"
    assert len(list(cache_dir().glob("words-*.marshal"))) == 1


def test_a_damaged_cache_is_rebuilt(folder: Path) -> None:
    source = folder / "words.txt"
    prebuilt("words", [source], lambda: ["a"])
    (kept,) = cache_dir().glob("words-*.marshal")
    kept.write_bytes(b"\x00garbage")
    assert prebuilt("words", [source], lambda: ["b"]) == ["b"]


def test_an_unwritable_cache_only_costs_the_build(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = folder / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DEID_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    build, calls = counting(7)
    assert prebuilt("words", [folder / "words.txt"], build) == 7
    assert prebuilt("words", [folder / "words.txt"], build) == 7 and len(calls) == 2


ANSWERS = """
import hashlib, sys
from deid.kit import names, places
words = sorted(names.lexeme_probs())[::7] + sorted(names.us_names())[::7]
answers = [(names.name_strength(w), names.is_common_word(w), names.is_listed_name(w), names.is_given_name(w),
            names.is_rare_name(w), names.is_lowercase_word(w), names.usual_form(w), names.is_often_capitalized(w))
           for w in words]
print(hashlib.sha256(repr((answers, sorted(places.us_cities()))).encode()).hexdigest())
"""


def test_names_and_cities_answer_the_same_from_disk(tmp_path: Path) -> None:
    """A process that builds the tables and one that reads them back give the same answers to every
    public question, on a seventh of all words and names."""
    env = {**os.environ, "DEID_CACHE_DIR": str(tmp_path / "cache")}
    built, read = (
        subprocess.run([sys.executable, "-c", ANSWERS], env=env, capture_output=True, text=True, timeout=300)
        for _ in range(2)
    )
    assert built.returncode == 0 and read.returncode == 0, built.stderr + read.stderr
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.marshal")) == ["name", "us"]
    assert built.stdout == read.stdout
