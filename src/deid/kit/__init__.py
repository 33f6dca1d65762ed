"""The recognizer kit: everything a recognizer in `recognizers/` may import (with `deid.findings`).

- `base`: `RegexRecognizer` (patterns with cues and value groups) and `make_result`.
- `token_scan`, `name_walk`: the word tokens context recognizers walk (relatives, clinicians), and
  the one walk that reads a name forward or backward from a cue; `credentials`: credentials after a name.
- `casing`: how each line of a note is cased, and case restoration (`truecase`).
- `lexicon`, `names`, `name_shape`, `particles`: everyday words, relation words, titles and
  credentials; U.S. name frequencies judged against web casing; the shape of a name.
- `clinical`: clinical vocabulary that is never a name.
- `places`, `addresses`, `facilities`, `dates`: towns, states, countries and street types; what
  follows a street line; kinds of facility; month names and date shapes.
- `lookup`, `normalize`: whole-word lookups of values in a text; the normalized view of a note.
- `patterns`: faster regexes with the same matches (`compile_fast`: a look-ahead on a pattern's
  first characters; `word_trie`: a word list as a prefix tree).

The kit depends only on `deid.findings` and `deid.entities`, never on the engine above it.
"""
