"""The `deid-extract` flow for Prefect entrypoints (`pipelines/deid_extract.py:deid_extract` in
prefect.yaml) and for `python pipelines/deid_extract.py SOURCE [POLICY] [OUTPUT_DIR]`.

The flow lives in the package, `deid.flows.extract`; this file only points at it.
"""

from deid.flows.extract import deid_extract, main

__all__ = ["deid_extract"]

if __name__ == "__main__":
    main()
