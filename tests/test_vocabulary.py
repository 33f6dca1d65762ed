"""deid.kit.clinical: the clinical vocabulary is data (configs/vocabulary/) that a site extends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deid.errors import ConfigError
from deid.kit.clinical import is_clinical_term, is_never_a_name, load_vocabulary, vocabulary_files


def test_the_bundled_vocabulary_is_read_from_configs() -> None:
    assert [p.name for p in vocabulary_files()] == ["clinical.yaml"]
    assert is_never_a_name("Babinski") is False and is_clinical_term("Babinski")  # an eponym: a surname too
    assert is_never_a_name("CXR") and is_never_a_name("Spanish") and is_clinical_term("Tuesday")


def test_a_site_adds_words_with_its_own_file(tmp_path: Path) -> None:
    """A YAML file named in $DEID_VOCABULARY adds its words to the same lists (read at import)."""
    (tmp_path / "ward.yaml").write_text("sections_and_abbreviations: >-\n  Quorvex ZELTRA\n", encoding="utf-8")
    check = (
        "from deid.kit.clinical import is_never_a_name as n; "
        "print(n('quorvex'), n('Zeltra'), n('cxr'), n('Maria'))"
    )
    run = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120,
        env={**os.environ, "DEID_VOCABULARY": str(tmp_path)},
    )
    assert run.stdout.split() == ["True", "True", "True", "False"], run.stderr


def test_a_vocabulary_file_with_an_unknown_list_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("drugz: acme\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown vocabulary list 'drugz'"):
        load_vocabulary([bad])
    assert load_vocabulary([]) and not any(load_vocabulary([]).values())  # every list, empty
