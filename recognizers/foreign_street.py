"""Street lines in other countries' orders: "Rue de la Paix 29", "29 rue de la Paix", "ul. Długa 12",
"Hauptstraße 5", "Kerkstraat 12", "Calle Mayor 10", with their units, town and postcode."""

import re

from deid.kit.addresses import CAPITALIZED, FUNCTION_WORDS, PARTICLES, WORD, address_end
from deid.kit.base import RegexRecognizer
from deid.kit.casing import LOWER, MIXED, regime_at
from deid.kit.clinical import is_never_a_name
from deid.kit.names import is_common_word
from deid.kit.patterns import compile_fast

# Street types written before the name (Romance, Slavic, Greek, Dutch and French forms).
_BEFORE = (
    r"(?i:rue|rua|rúa|avenue|avenida|avda\.|av\.|calle|c/|carrer|camino|carretera|paseo|plaza|praça|"
    r"largo|travessa|estrada|alameda|via|viale|vicolo|piazza|piazzale|corso|strada|boulevard|bd\.|"
    r"chemin|allée|impasse|quai|ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac|odos|odós|leoforos|"
    r"calea|bulevardul|bulevar|trg|ulitsa|prospekt|pasaje|ronda|rambla|cesta)"
)
# Street types written as a separate word after the name ("Trenerys gate", "Király u.", "Luite tee").
_AFTER = (
    r"(?i:straße|strasse|str\.|gasse|weg|allee|platz|gate|gata|gatan|vei|veien|vej|vegen|vägen|väg|"
    r"tee|u\.|utca|út|útja|tér|körút|katu|tie|straat|laan|plein|ulice|náměstí|třída|nábřeží|gade|"
    r"stræde|sokak|sokağı|caddesi|cad\.)"
)
# The same types closing one compound word ("Hauptstraße", "Kerkstraat", "Ringvej", "Kaarikatu").
_COMPOUND = (
    r"(?i:straße|strasse|straat|gasse|vej|veien|vegen|gata|gatan|gade|vägen|platz|plein|laan|gracht|"
    r"katu|braut|stræde|utca|ulica|weg|allee|tie|gate|steig|dreef|kade)"
)
_NUM = r"\d{1,5}(?:[A-Za-z]\b)?(?:[-/]\d{1,4})?\.?"
_LEAD = r"(?:\d{1,6}[ \t]+){0,2}"  # a building or postcode number before the line ("85778 Kerkstraat 12")
# An address is being given: "lives at", "address:", "located at", "send it to", "moved to".
_CUE = compile_fast(
    r"\b(?:address|addr|lives?|lived|living|located|resides?|resided|moved|move|send|sent|deliver\w*|"
    r"mail\w*|return|ship\w*|offices?|stays?|staying)\b[^.\n]{0,40}$",
    re.IGNORECASE,
)


# Not a function word ("is", "on", "the"): those never open a street's name.
_NOT_FUNCTION = rf"(?!(?i:{'|'.join(sorted(FUNCTION_WORDS))})(?![^\W\d_]))"


def _patterns(word: str, score: float) -> list[tuple[str, float]]:
    """The three orders for one kind of word (capitalized, or any case for lower-case notes)."""
    name = rf"(?:{word}|(?i:{'|'.join(sorted(PARTICLES))}))"
    compound = rf"(?=[^\W\d_]{{2,}}{_COMPOUND}(?![^\W\d_]))(?:{word})"
    lead = rf"{_NOT_FUNCTION}{word}"  # a street's name before its type: "ON VILLACHER STRASSE 89" starts at VILLACHER
    return [
        (rf"(?=\w)(?<![\w.])(?P<value>{_LEAD}{_BEFORE}[ \t]+(?:{name}[ \t]+){{0,3}}{word}\.?(?:[ \t]+{name}\.?){{0,3}}(?:,?[ \t]+{_NUM})?)(?![\w])", score),
        (rf"(?=\w)(?<![\w.])(?P<value>{_LEAD}(?:{lead}[ \t]+){{0,2}}(?:{compound}|(?:{lead}[ \t]+)?{_AFTER})[ \t]+{_NUM})(?![\w])", score),
        (rf"(?=\d)(?<![\w.])(?P<value>{_LEAD}\d{{1,5}}[ \t]+(?:{lead}[ \t]+){{0,2}}(?:{compound}|{lead}[ \t]+{_AFTER}))(?![\w])", score),
        # "5366 Pivovarská 276": no street type, so only when an address is being given.
        (rf"(?=\d)(?<![\w.])(?P<value>\d{{1,6}}[ \t]+{word}(?:[ \t]+{name}){{0,2}}[ \t]+{_NUM})(?![\w])", score - 0.15),
    ]


_WORDS = compile_fast(WORD)


def _alternatives(pattern: str) -> tuple[str, ...]:
    """The words of a "(?i:a|b\\.|c)" alternation, lower case, as plain strings."""
    return tuple(w.replace("\\", "").lower() for w in pattern.removeprefix("(?i:").removesuffix(")").split("|"))


# Street-type words and the endings of compound street names, for a quick look before the regexes.
_AFTER_WORDS = frozenset(_alternatives(_AFTER))
_TYPE_WORDS = frozenset(_alternatives(_BEFORE)) | _AFTER_WORDS
_COMPOUND_ENDINGS = _alternatives(_COMPOUND)
_ANY_WORD = compile_fast(r"[^\W\d_]+\.?")
_TYPE_WORD = compile_fast(rf"(?<![^\W\d_])(?:{_BEFORE}|{_AFTER})(?![^\W\d_])")
# Types written in lower case in a capitalized address ("29 rue de la Paix", "ul. Długa 12").
_LOWER_BEFORE = compile_fast(rf"(?i:rue|rua|rúa|calle|c/|ul\.|al\.|os\.|pl\.|odos)|{_AFTER}")
# Street types that are also English words.
_ENGLISH_WORD = compile_fast(r"(?i:via|plaza|corso|largo|route|quai)")
_COMPOUND_WORD = compile_fast(rf"[^\W\d_]{{2,}}{_COMPOUND}")
# "C/ Mayor 10", "c/Alcalá 5" (not "c/o", "c/w" of clinical notes).
_SPANISH_CALLE = compile_fast(r"(?<![\w/])[cC]/[ \t]?[^\W\d_]{3,}")


# The patterns with no street-type word: the last of each kind of word in `_patterns`.
_UNTYPED = (3, 7)


class ForeignStreetRecognizer(RegexRecognizer):
    """STREET_ADDRESS in the orders of other countries: type before or after the name, number after."""

    FLAGS = re.MULTILINE
    ENTITY = "STREET_ADDRESS"
    NAME = "ForeignStreetRecognizer"
    PATTERNS = _patterns(CAPITALIZED, 0.8) + _patterns(WORD, 0.75)

    def patterns_for(self, text: str):
        """The typed patterns only on the lines with a street-type word (or a compound street
        name): they are most of this recognizer's cost; the untyped ones on the whole note."""
        lines: list[tuple[int, int]] = []
        hits = [m.start() for m in _SPANISH_CALLE.finditer(text)]
        for match in _ANY_WORD.finditer(text):
            word = match.group().lower()
            if word in _TYPE_WORDS or word.rstrip(".") in _TYPE_WORDS or (
                word.endswith(_COMPOUND_ENDINGS) and _COMPOUND_WORD.fullmatch(word) and not is_common_word(word)
            ):
                hits.append(match.start())
        for at in sorted(hits):
            if lines and at < lines[-1][1]:
                continue
            end = text.find("\n", at)
            lines.append((text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end))
        return [
            (regex, score, cue, None if i in _UNTYPED else lines)
            for i, (regex, score, cue) in enumerate(self._compiled)
            if lines or i in _UNTYPED
        ]

    def accept(self, text: str, start: int, end: int) -> bool:
        """A house number somewhere; name words that are not function words or clinical terms; a
        line without a street type only after an address cue or before a unit or town line."""
        value = text[start:end]
        regime = regime_at(text, start)
        words = _WORDS.findall(value)
        if not any(c.isdigit() for c in value) or not words:
            return False
        if regime == MIXED and not any(w[0].isupper() for w in words):
            return False
        if regime != LOWER and any(w[0].islower() for w in words) and all(w[0].islower() for w in words):
            return False
        typed = _TYPE_WORD.search(value)
        if typed and regime == MIXED and typed.group()[0].islower() and _LOWER_BEFORE.fullmatch(typed.group()) is None:
            return False  # "sent via Fedex 2": in mixed case "Via", "Corso" are capitalized
        if typed and _ENGLISH_WORD.fullmatch(typed.group()) and (regime != MIXED or typed.group()[0].islower()):
            return False  # "x 3 via daughter": without capitals an English word is no street type
        words = [w for w in words if w.lower() not in PARTICLES and _TYPE_WORD.fullmatch(w) is None]
        if not words and typed and typed.group().lower() in _AFTER_WORDS:
            return False  # a type written after a name, with none: "Gate 5", "strasse 89" ("Calle 5" is a street)
        if any(w.lower() in FUNCTION_WORDS or is_never_a_name(w) for w in words):
            return False
        compound = [w for w in words if _COMPOUND_WORD.fullmatch(w)]
        if typed or (compound and not any(is_common_word(w) for w in compound)):
            return True
        if any(is_common_word(w) for w in words):
            return False  # "Aggregate 5", "Delegate 3": a common word, not a compound street name
        line_start = text.rfind("\n", 0, start) + 1
        cue = _CUE.search(text, max(0, start - 60), start) or _CUE.search(text, max(0, line_start - 60), line_start)
        return cue is not None or address_end(text, end)[1] >= 2

    def extend(self, text: str, start: int, end: int) -> int:
        """Run on over the units, town, region, postcode and country that follow."""
        return address_end(text, end)[0]
