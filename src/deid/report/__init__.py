"""What a run did and how well detection does, for people to read; never note text unless asked.

- `summary`: the run report's model, built from span records, per-note counts and the summary.
- `html`: the report as one self-contained HTML page; `review`: the local review page (contains PHI).
- `evaluate`, `robustness`: `deid eval` on gold data, and its case and name-swap variants.
"""
