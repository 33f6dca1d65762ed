"""Deciding what each finding is and what happens to it.

- `policy`: per downstream purpose, the action for each entity type (the YAML in `configs/`).
- `known`: the row's known identifiers (client name, MRN, ...), found wherever they appear.
- `roles`: a role established once in a note (relative, clinician) holds at the name's other mentions.
"""
