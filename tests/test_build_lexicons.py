"""deid.kit.build_lexicons: the SSA and 2010 Census tables read from small files of the packages' shape."""

from __future__ import annotations

import csv

import pyarrow as pa
import pyarrow.parquet as pq

from deid.kit.build_lexicons import census_2010_surnames, ssa_given_names


def test_ssa_given_names_sums_years_and_sexes(tmp_path) -> None:
    """Babies are summed over years and sexes, per lower-case name."""
    path = tmp_path / "babynames.parquet"
    pq.write_table(pa.table({"year": [1990.0, 2000.0, 2000.0], "sex": ["F", "F", "M"],
                             "name": ["Ada", "Ada", "ADA"], "n": pa.array([5, 7, 9], pa.int32())}), path)
    assert ssa_given_names(path) == {"ada": 21}


def test_census_2010_surnames_keeps_letters_only(tmp_path) -> None:
    """The 2010 list gives lower-case surnames; its catch-all row is dropped."""
    path = tmp_path / "surnames.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "white", "black"])
        writer.writerows([["SMITH", "0.7", "0.2"], ["ALL OTHER NAMES", "0.6", "0.1"]])
    assert census_2010_surnames(path) == frozenset({"smith"})
