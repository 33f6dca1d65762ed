"""Ages over 89 ("92 yo", "aged 95", "ninety-one year old"): the number only, so "90+" replaces it."""

from deid.kit.base import RegexRecognizer
from deid.kit.lexicon import RELATION_WORDS

_PEOPLE = "|".join(sorted(RELATION_WORDS | {"she", "he", "pt", "patient", "client"}, key=len, reverse=True))
_NUMBER = r"(?:9\d|1[01]\d|120)"
_WORDS = r"(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one hundred(?:[\s-]and)?(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
_AGE_WORDS = r"(?:[\s-]*(?:yo\b|y/o\b|y\.o\.?|yr?s?\.?[\s-]*old\b|years?[\s-]*old\b|-?year-old\b))"


class AgeOver89Recognizer(RegexRecognizer):
    """AGE_OVER_89 next to an age word or label; plain numbers (scores, doses) are left alone."""

    ENTITY = "AGE_OVER_89"
    NAME = "AgeOver89Recognizer"
    PATTERNS = [
        (rf"(?=\w)\b(?P<value>{_NUMBER}){_AGE_WORDS}", 0.9),
        (rf"(?=\w)\b(?P<value>{_WORDS}){_AGE_WORDS}", 0.9),
        (rf"(?=[^\W\d_])\b(?:age[sd]?|aged)[\s:]+(?P<value>{_NUMBER}|{_WORDS})\b(?![.,]?\d)", 0.85),
        # "my grandma is 91", "she turned ninety-three": a person, then an age verb.
        (rf"(?=[^\W\d_])\b(?:{_PEOPLE})\s+(?:is|was|turned|turns|will\s+be|just\s+turned)\s+(?:now\s+)?"
         rf"(?P<value>{_NUMBER}|{_WORDS})\b(?![.,]?\d|\s*(?:%|mg|lbs?|kg|bpm|/))", 0.8,
         rf"(?=[IiWwTtBb])\b(?:is|was|turned|turns|be)\s+(?:now\s+)?(?:{_NUMBER}|ninety|one hundred)\b"),
        # "her grandfather Benjamin (102)"
        (rf"(?=[^\W\d_])\b(?:{_PEOPLE})\s+(?:[A-Z][a-z]+\s+){{0,2}}\((?P<value>{_NUMBER})\)", 0.8, rf"\({_NUMBER}\)"),
    ]
