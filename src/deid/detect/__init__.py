"""Detection: every touch of Presidio and spaCy.

- `engine`: the `Detector` (recognizers over each note's normalized view, NER where it is needed).
- `nlp`, `ner`: spaCy through Presidio's NLP engine; NER windows and the spaCy recognizer.
- `plugins`: recognizers loaded from the folders in `recognizers/` (Python and YAML).
- `repeats`: a name found once is a name wherever the note repeats it.
- `config`: the engine configuration (spaCy model, folders, predefined recognizers, batch size).
"""
