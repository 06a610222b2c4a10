"""Finding people's names in free text, told apart from ordinary words and places.

Many Swedish given names are also ordinary words (Klara, Per, Dag, Sten, Bo, My,
Hugo), so list membership alone is not enough. What counts:

- how many people in Sweden bear the name (SCB's given-name statistics,
  `data/tilltalsnamn_scb.tsv`), plus our list of names from the families'
  languages (`data/first_names.txt`) and surnames (`data/last_names.txt`);
- whether it is also an ordinary word (`data/name_like_words.txt`) or a place
  (`data/places.txt`, `data/world_places.txt`: towns, municipalities and
  countries are never redacted);
- capitalisation and position: capitalised mid-sentence is strong evidence,
  at the start of a sentence weaker, lower case counts only after a cue
  ("heter", "min kompis", "och", "med" ...);
- names in Arabic, Persian, Cyrillic and Ge'ez script (`data/names_other_scripts.txt`),
  and their cues ("اسمي", "мене звати", "ስመይ");
- a run of name-like words after a name is one name: "Anna al-Sayed",
  "Cabdi Xasan", "ahmed hassan", "Elif Yılmaz".

    >>> [text for _, _, text in find_names("Jag pratade med Sara Al-Sayed igår")]
    ['Sara Al-Sayed']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Bearers needed (SCB, 2020) for a name to count in each position. A capitalised word mid-sentence
# is nearly always a proper noun, so any listed name counts; at the start of a sentence every word
# is capitalised, so the name must be an established one; in lower case only after a cue.
MID_SENTENCE_MIN = 2
SENTENCE_START_MIN = 20
LOWER_AFTER_CUE_MIN = 20
# A lower-case name opening a sentence ("malin är bäst", "kevin i min klass"): only a common name.
LOWER_SENTENCE_START_MIN = 1000
# A name that is also an ordinary word ("Dag", "Per") counts mid-sentence only when this common.
WORD_NAME_MIN = 500
# Our own lists (names from the families' languages, surnames) count as this many bearers.
LISTED_BEARERS = 1000
LONGEST_NAME = 5  # tokens in one name

TOKEN = re.compile(r"[^\W\d_][\w\u0300-\u036f\u064b-\u065f\u0670'’-]*")
SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")

# After these, the next word is a name whatever else it could be ("jag heter Klara").
NAMING_CUES = {"heter", "hette", "kallas", "kallades", "named", "called", "namn", "name", "звати", "звуть",
               "зовут", "ім'я", "имя", "اسمي", "اسمه", "اسمها", "يدعى", "تدعى", "يسمى", "تسمى", "اسمم", "اسمش",
               "نامم", "ስመይ", "ስሙ", "ስማ"}
# After these, a lower-case word counts as a name when it is a name and not an ordinary word.
CONTEXT_CUES = {
    "soc", "socialsekreterare", "socialsekreteraren", "handläggare", "handläggaren", "handlaggare", "handlaggaren",
    "kontaktperson", "kontaktpersonen", "till", "med", "och", "hos", "av", "kompis", "kompisen", "kompisar",
    "vän", "vännen", "bästis", "bror", "brorsan", "syster", "syrran", "lillebror", "lillasyster", "storebror",
    "storasyster", "mamma", "pappa", "fröken", "läraren", "mentor", "mentorn", "pojkvän", "flickvän", "tjej",
    "kille", "friend", "brother", "sister", "with", "and", "worker", "teacher",
    "caseworker", "counsellor", "counselor", "mum", "mom", "dad", "aunt", "uncle", "cousin", "grandma", "grandpa",
    "coach", "tränare", "tränaren", "kurator", "kuratorn", "psykolog", "psykologen", "moster", "faster", "morbror",
    "farbror", "mormor", "morfar", "farmor", "farfar", "kusin", "kusinen",
    "صديقي", "صديقتي", "أخي", "اخي", "أختي", "اختي", "ابني", "ابنتي", "بنتي", "و", "مع",
    "دوستم", "برادرم", "خواهرم", "پسرم", "دخترم", "друг", "подруга", "брат", "сестра", "син", "донька", "і", "та",
    "ዓርከይ", "ሓወይ", "ሓፍተይ", "magacaygu", "magaciisu", "magaceedu", "waa",
}
# Naming cues that are also everyday verbs: a name after them is capitalised.
VERB_CUES = {"called", "named", "kallas", "kallades"}
# Pronouns and quantifiers that stand where a name could ("Det är min mamma", "Ingen är min vän").
PRONOUNS = {
    "det", "detta", "den", "denna", "dessa", "de", "dom", "ingen", "inget", "inga", "ingenting", "någon", "något",
    "några", "nån", "nåt", "alla", "allt", "han", "hon", "hen", "vem", "vad", "vilken", "man", "jag", "du", "ni", "vi",
    "här", "där", "this", "that", "he", "she", "it", "who", "nobody", "someone", "everyone", "there", "here", "which",
    "they", "you", "we", "mannen", "kvinnan", "personen", "hela",
}
# "X är min kontaktperson": who someone is to the writer.
POSSESSIVES = {"min", "mitt", "mina", "vår", "vårt", "våra", "my", "our"}
PERSON_NOUNS = {
    "soc", "socialsekreterare", "handläggare", "kontaktperson", "kompis", "vän", "bästis", "bror", "syster",
    "lillebror", "lillasyster", "storebror", "storasyster", "mamma", "pappa", "styvpappa", "styvmamma", "lärare",
    "mentor", "tränare", "kurator", "psykolog", "granne", "kusin", "moster", "faster", "morbror", "farbror",
    "pojkvän", "flickvän", "familjehemsmamma", "familjehemspappa", "friend", "brother", "sister", "mum", "mom",
    "dad", "teacher", "caseworker", "coach", "cousin", "boyfriend", "girlfriend", "neighbour", "neighbor",
}
# Titles: the capitalised word after one is a name, listed or not ("Ms. Patel", "herr Nilsson").
TITLES = {"mr", "mrs", "ms", "miss", "dr", "herr", "fru", "mx", "sir", "madam"}
# Persian "اسم من", "نام من": a cue of two words.
TWO_WORD_CUES = {("اسم", "من"), ("نام", "من"), ("my", "name"), ("mitt", "namn"), ("моє", "ім'я"), ("мене", "звати")}
# Words that come right after a naming cue without being the name ("heter inte", "اسمي هو").
NOT_A_NAME = {"inte", "typ", "nog", "väl", "ju", "också", "bara", "är", "is", "not", "hon", "han", "هو", "هي",
              "است", "هست", "እዩ", "ye", "waa", "jag"}
# Filler words between a naming cue and the name.
FILLERS = {"typ", "liksom", "asså", "ju", "väl", "nog", "like"}
# Before a capitalised word these make it a place rather than a surname ("i Lund", "från Berg").
PLACE_WORDS = {"i", "från", "till", "mot", "vid", "utanför", "genom", "in", "from", "to", "at", "near", "kommun", "åt"}
# Particles inside names: "Omar al Sayed", "Ibn Rushd", "van der Berg".
PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "van", "von", "der", "de", "da", "di", "du", "la", "le",
             "af", "ben", "ould", "بن", "ابن", "أبو", "ابو", "عبد"}
SURNAME_SHAPE = re.compile(r"(?:sson|sdotter|ström|strom|qvist|kvist|quist|gren|blad|stedt|enko|chuk|czuk|енко|чук|щук|юк|ський|ська|цький|цька)$")
# Capitalised Cyrillic words mid-sentence are names, except these proper nouns.
CYRILLIC_NOT_NAMES = {"швеція", "швеції", "швецію", "швеция", "швеции", "україна", "україні", "україну", "украина",
                      "украине", "київ", "києві", "киев", "харків", "одеса", "львів", "стокгольм", "стокгольмі",
                      "гетеборг", "мальме", "бог", "бога", "європа", "європі", "росія", "росії", "сша"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
ETHIOPIC = re.compile(r"[\u1200-\u137f]")
# Cyrillic spelled in Latin letters, to look a Cyrillic name up among SCB's ("Марко" -> "marko").
TRANSLITERATION = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "zj", "з": "z", "и": "y",
    "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj", "ь": "", "ю": "ju",
    "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "", "'": "",
})
# Russian spellings: г is g, и is i.
TRANSLITERATION_RU = {**TRANSLITERATION, ord("г"): "g", ord("и"): "i"}
# A Cyrillic word opening a sentence counts as a name when its Latin spelling is this common in Sweden.
CYRILLIC_START_MIN = 200
# Arabic and Persian attach "and", "for", "with" to the next word: "ومحمد" is "و" + "محمد".
ARABIC_PREFIXES = ("و", "ل", "ب")


@dataclass(frozen=True)
class NameData:
    bearers: dict[str, int]  # lower-case name -> bearers (SCB, or LISTED_BEARERS for our lists)
    surnames: frozenset[str]
    words: frozenset[str]  # names that are also ordinary words
    names_first: frozenset[str]  # of those, the ones nearly always a name when capitalised ("Lisa", "Björn")
    places: frozenset[str]  # lower-case place names, single words and whole multi-word names
    other_scripts: dict[str, bool]  # name in another script -> also an ordinary word


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def name_data() -> NameData:
    bearers: dict[str, int] = {}
    for line in _lines("tilltalsnamn_scb.tsv"):
        name, count = line.split("\t")
        bearers[name.lower()] = bearers.get(name.lower(), 0) + int(count)
    for name in _lines("first_names.txt"):
        bearers[name.lower()] = max(bearers.get(name.lower(), 0), LISTED_BEARERS)
    surnames = frozenset(n.lower() for n in _lines("last_names.txt"))
    other = {}
    for line in _lines("names_other_scripts.txt"):
        name, _, mark = line.partition(" ")
        other[name.lower()] = mark.strip() == "*"
    places = frozenset(p.lower() for p in _lines("places.txt") + _lines("world_places.txt"))
    marked = [line.partition(" ") for line in _lines("name_like_words.txt")]
    words = frozenset(word for word, _, _ in marked)
    names_first = frozenset(word for word, _, mark in marked if mark.strip() == "*")
    return NameData(bearers, surnames, words, names_first, places, other)


def _script(word: str) -> str:
    if ARABIC.search(word):
        return "arabic"
    if CYRILLIC.search(word):
        return "cyrillic"
    if ETHIOPIC.search(word):
        return "ethiopic"
    return "latin"


def _is_capitalised(word: str) -> bool:
    return word[0].isupper()


def _other_script_name(word: str, data: NameData, strict: bool) -> int:
    """Characters to skip at the front (an attached "و") when `word` is a listed name, else -1."""
    lower = word.lower()
    if lower in data.other_scripts and not (strict and data.other_scripts[lower]):
        return 0
    if _script(word) == "arabic" and len(word) > 3 and word.startswith(ARABIC_PREFIXES):
        rest = lower[1:]
        if rest in data.other_scripts and not (strict and data.other_scripts[rest]):
            return 1
    return -1


class _Tokens:
    """The words of one text with what the rules ask about each."""

    def __init__(self, text: str, taken: list[bool]):
        self.text = text
        self.matches = [m for m in TOKEN.finditer(text) if not any(taken[m.start():m.end()])]
        letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
        self.shouting = len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)

    def word(self, i: int) -> str:
        return self.matches[i].group(0).rstrip("'’-")

    def lower(self, i: int) -> str:
        return self.word(i).lower().replace("’", "'")

    def adjacent(self, i: int) -> bool:
        """Whether word i follows word i-1 with only spaces (or one hyphen) between them."""
        gap = self.text[self.matches[i - 1].end():self.matches[i].start()]
        return gap.strip() in ("", "-")

    def sentence_start(self, i: int) -> bool:
        return i == 0 or bool(SENTENCE_END.search(self.text[self.matches[i - 1].end():self.matches[i].start()]))

    def previous(self, i: int, back: int = 1) -> str:
        return self.lower(i - back) if i - back >= 0 else ""


def _bearers(lower: str, data: NameData) -> int:
    count = data.bearers.get(lower, 0)
    if count < SENTENCE_START_MIN and "-" in lower.strip("-"):
        # "Elsa-Maj", "Emma-Lou": a double name whose parts are names, not words ("soc-ungen").
        parts = [p for p in lower.split("-") if p]
        if len(parts) == 2 and parts[0] not in data.words:
            first, second = (data.bearers.get(p, 0) for p in parts)
            if first >= SENTENCE_START_MIN and second >= MID_SENTENCE_MIN:
                return max(count, first)
    if not count and lower.endswith("s") and lower[:-1] not in data.words:  # genitive: "Annas", "Ahmeds"
        count = data.bearers.get(lower[:-1], 0)
    return count


def _is_place(tokens: _Tokens, i: int, data: NameData) -> bool:
    lower = tokens.lower(i)
    if lower in data.places:
        return True
    nxt = tokens.lower(i + 1) if i + 1 < len(tokens.matches) else ""
    return f"{tokens.previous(i)} {lower}" in data.places or f"{lower} {nxt}" in data.places


def _after_naming_cue(tokens: _Tokens, i: int) -> bool:
    back = 2 if tokens.previous(i) in FILLERS else 1  # "min soc heter typ anna"
    return tokens.previous(i, back) in NAMING_CUES or (tokens.previous(i, back + 1), tokens.previous(i, back)) in TWO_WORD_CUES


def _after_title(tokens: _Tokens, i: int) -> bool:
    """After "Mr", "Ms.", "herr": only spaces or a full stop between."""
    if i == 0 or tokens.previous(i) not in TITLES:
        return False
    gap = tokens.text[tokens.matches[i - 1].end():tokens.matches[i].start()]
    return gap.strip() in ("", ".")


def _after_context_cue(tokens: _Tokens, i: int) -> bool:
    return i > 0 and tokens.adjacent(i) and tokens.previous(i) in CONTEXT_CUES


def _starts_name(tokens: _Tokens, i: int, data: NameData) -> bool:
    word, lower = tokens.word(i), tokens.lower(i)
    if len(lower) < 2 or lower in NOT_A_NAME or lower in TITLES:
        return False
    script = _script(word)
    if script != "latin":
        if _after_naming_cue(tokens, i) or _after_context_cue(tokens, i):
            if _other_script_name(word, data, strict=False) >= 0:
                return True
            if _after_naming_cue(tokens, i):
                return True
        if _other_script_name(word, data, strict=True) >= 0:
            return True
        if script != "cyrillic" or not _is_capitalised(word) or lower in CYRILLIC_NOT_NAMES or tokens.shouting:
            return False
        if tokens.sentence_start(i):
            spellings = {lower.translate(TRANSLITERATION), lower.translate(TRANSLITERATION_RU)}
            return any(data.bearers.get(latin, 0) >= CYRILLIC_START_MIN and latin not in data.words for latin in spellings)
        return True

    bearers = _bearers(lower, data)
    is_word = lower in data.words
    is_surname = lower in data.surnames
    if _after_title(tokens, i) and _is_capitalised(word) and not _is_place(tokens, i, data):
        return True
    if _after_naming_cue(tokens, i):
        if tokens.previous(i) in VERB_CUES and not _is_capitalised(word):
            return False  # "never called back", "kallas in": the verb, not a name
        return bearers > 0 or is_surname or (_is_capitalised(word) and not is_word)
    if _is_place(tokens, i, data):
        return False
    capitalised = _is_capitalised(word)
    if tokens.shouting or not capitalised:
        # Lower case (or a text in capitals): only a real name, not a word; after a cue, or where a
        # writer who never capitalises starts a sentence ("malin är bäst"), or shouted.
        if is_word:
            # "my caseworker john": a word that is nearly always a name counts after a cue.
            return lower in data.names_first and _after_context_cue(tokens, i) and bearers >= LOWER_AFTER_CUE_MIN
        if tokens.shouting or _after_context_cue(tokens, i):
            return bearers >= LOWER_AFTER_CUE_MIN
        return tokens.sentence_start(i) and bearers >= LOWER_SENTENCE_START_MIN
    if word.isupper() and len(word) > 1:  # an acronym such as BUP, or a name typed in capitals
        return bearers >= SENTENCE_START_MIN and (not is_word or lower in data.names_first)
    if tokens.sentence_start(i):
        if is_word and lower not in data.names_first:
            return _followed_by_surname(tokens, i, data)
        return (bearers >= SENTENCE_START_MIN or (is_surname and _followed_by_surname(tokens, i, data))
                or (not is_word and _introduced_as_person(tokens, i)))
    if tokens.previous(i) in PLACE_WORDS and (is_surname or SURNAME_SHAPE.search(lower)) and bearers < SENTENCE_START_MIN:
        return False  # "från Berg", "i Lindholmen": a place
    if is_word and lower not in data.names_first:
        return bearers >= WORD_NAME_MIN
    return bearers >= MID_SENTENCE_MIN or is_surname or bool(SURNAME_SHAPE.search(lower))


def _introduced_as_person(tokens: _Tokens, i: int) -> bool:
    """"Kebede är min kontaktperson": a word no list knows, said to be someone's person."""
    if tokens.lower(i) in PRONOUNS:
        return False
    after = [tokens.lower(j) for j in range(i + 1, min(i + 4, len(tokens.matches)))]
    return len(after) == 3 and after[0] in ("är", "var", "is", "was") and after[1] in POSSESSIVES and after[2] in PERSON_NOUNS


def _followed_by_surname(tokens: _Tokens, i: int, data: NameData) -> bool:
    """"Per Andersson": an ordinary word at the start of a sentence is a name when a surname follows."""
    if i + 1 >= len(tokens.matches) or not tokens.adjacent(i + 1):
        return False
    word, lower = tokens.word(i + 1), tokens.lower(i + 1)
    return _is_capitalised(word) and lower not in data.words and (
        lower in data.surnames or bool(SURNAME_SHAPE.search(lower)))


def _continues_name(tokens: _Tokens, i: int, data: NameData) -> bool:
    """Whether word i, right after a name, is part of it (a surname, a second given name)."""
    word, lower = tokens.word(i), tokens.lower(i)
    if not tokens.adjacent(i) or lower in NOT_A_NAME:
        return False
    script = _script(word)
    if script != "latin":
        if script != _script(tokens.word(i - 1)):
            return False
        if _other_script_name(word, data, strict=False) >= 0:
            return True
        return script == "cyrillic" and _is_capitalised(word) and lower not in CYRILLIC_NOT_NAMES
    is_word = lower in data.words
    known = _bearers(lower, data) >= LOWER_AFTER_CUE_MIN or lower in data.surnames or bool(SURNAME_SHAPE.search(lower))
    if _is_capitalised(word) and not tokens.shouting:
        return (not is_word or lower in data.surnames or lower in data.names_first) and (lower not in data.places or known)
    return known and not is_word


def find_names(text: str, taken: list[bool] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of every name in `text`, skipping characters already `taken` by other finds."""
    if not text:
        return []
    data = name_data()
    tokens = _Tokens(text, taken or [False] * len(text))
    found = []
    i = 0
    while i < len(tokens.matches):
        if not _starts_name(tokens, i, data):
            i += 1
            continue
        first = tokens.matches[i]
        skip = max(0, _other_script_name(tokens.word(i), data, strict=False))
        start, end = first.start() + skip, first.start() + len(tokens.word(i))
        last = i
        while last + 1 < len(tokens.matches) and last + 1 - i < LONGEST_NAME:
            nxt = last + 1
            while (nxt + 1 < len(tokens.matches) and nxt - i < LONGEST_NAME and tokens.lower(nxt) in PARTICLES
                   and tokens.adjacent(nxt)):
                nxt += 1  # "al", "van der": kept only when a name follows
            if not _continues_name(tokens, nxt, data):
                break
            last = nxt
            end = tokens.matches[last].start() + len(tokens.word(last))
        found.append((start, end, text[start:end]))
        i = last + 1
    return found
