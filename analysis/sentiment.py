"""Sentiment of short, informal comments: positive, negative, neutral or mixed.

Lexicon with rules (after VADER): phrases before words, negation flips the
next few words, intensifiers scale them ("jättebra", "sjukt bra", "inte så
bra"), the clause after "men"/"but" weighs more, emoji count, and a comment
with a clear positive and a clear negative part is `mixed` ("bra möten men
alltid på skoltid"). Swedish uses a cleaned translation of VADER plus a
project lexicon of children's words; English uses VADER's lexicon with the same
rules, blended with TextBlob's polarity.

    >>> score_sentiment("Sjukt bra! 👍", "sv").label
    'positive'
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICONS = Path(__file__).with_name("lexicons")

NEGATORS = {
    "sv": {"inte", "int", "ej", "aldrig", "ingen", "inga", "inget", "ingenting", "knappast", "icke", "utan"},
    "en": {"not", "never", "no", "nobody", "nothing", "cannot", "dont", "don't", "didnt", "didn't", "isnt", "isn't",
           "wasnt", "wasn't", "doesnt", "doesn't", "cant", "can't", "wont", "won't", "neither", "nor"},
}
BOOSTERS = {
    "sv": {"mycket", "väldigt", "jätte", "så", "riktigt", "sjukt", "fett", "extremt", "verkligen", "otroligt", "skit", "as",
           "super", "hur"},
    "en": {"very", "really", "so", "extremely", "super", "totally", "incredibly", "absolutely", "too"},
}
DAMPENERS = {"sv": {"ganska", "lite", "rätt", "typ", "nästan", "halvt"}, "en": {"kinda", "somewhat", "slightly", "quite", "fairly"}}
CONTRAST = {"sv": {"men", "fast", "dock"}, "en": {"but", "although", "though", "however"}}
# A negation does not reach across these ("kan inte sova och gråter": "inte" is not about "gråter").
BOUNDARIES = {"och", "men", "fast", "eller", "att", "som", "för", "and", "but", "or", "that", "because", ",", ".", "!", "?", ";", ":"}
# Swedish negation that follows its verb: "lyssnar inte", "förstod aldrig".
POSTPOSED_NEGATORS = {"inte", "int", "aldrig", "ej", "ingenting"}
# Prefixes children use as intensifiers: "jättesnäll", "supertrist", "skittråkigt".
INTENSIFYING_PREFIXES = ("jätte", "super", "skit", "sjukt", "as", "mega")

NEGATION_SCALAR = -0.74  # VADER's: a negated word counts about three quarters, opposite way
BOOST = 0.3
NEGATION_WINDOW = 3
# Normalisation constant of VADER's compound score: alpha=15 maps sums to -1..1.
ALPHA = 15
NEUTRAL_BAND = 0.1
MIXED_POLE = 0.9  # each pole at least this strong (about one clear word)
# In feedback, a negated statement without any mood word is nearly always a complaint
# ("ingen svarar", "fick aldrig veta", "de trodde inte på mig"). Short answers ("nej", "inget") are not.
UNSCORED_NEGATION = -0.8
UNSCORED_NEGATION_MIN_TOKENS = 3

TOKEN = re.compile(r"[\w'’-]+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Sentiment:
    label: str  # positive, negative, neutral, mixed
    score: float  # -1..1
    positive: float  # sum of positive evidence
    negative: float  # sum of negative evidence (as a positive number)


def _read_tsv(name: str) -> dict[str, float]:
    entries = {}
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, score = line.split("\t")[:2]
        entries[word.strip().lower()] = float(score)
    return entries


@lru_cache(maxsize=4)
def lexicon(language: str) -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    """(single words, phrases as token tuples) for `language` ('sv' or 'en')."""
    if language == "en":
        entries = {**_read_tsv("en_base_vader.tsv"), **_read_tsv("en_children.tsv")}
    else:
        # Sentimentlex (Språkbanken, CC BY 4.0) adds native Swedish words; where asent's translation
        # already has a word it is kept, and our corrections and children's words win over both.
        entries = {**_read_tsv("sv_sentimentlex.tsv"), **_read_tsv("sv_base_asent.tsv"),
                   **_read_tsv("sv_corrections.tsv"), **_read_tsv("sv_children.tsv")}
    words = {w: s for w, s in entries.items() if " " not in w}
    phrases = {tuple(w.split()): s for w, s in entries.items() if " " in w}
    return words, phrases


@lru_cache(maxsize=1)
def emoji_lexicon() -> dict[str, float]:
    return {**_read_tsv("emoji.tsv"), **_read_tsv("emoji_children.tsv")}


def tokenize(text: str) -> list[str]:
    """Lower-case words, punctuation and emoji as separate tokens (no corpora needed)."""
    return [t.replace("’", "'") for t in TOKEN.findall(unicodedata.normalize("NFC", text.lower()))]


def _word_score(token: str, words: dict[str, float]) -> float:
    if token in words:
        return words[token]
    for prefix in INTENSIFYING_PREFIXES:
        if token.startswith(prefix) and token[len(prefix):] in words:
            return words[token[len(prefix):]] * (1 + BOOST)
    if token in emoji_lexicon():
        return emoji_lexicon()[token]
    return 0.0


@lru_cache(maxsize=4)
def _longest_phrase(language: str) -> int:
    return max((len(p) for p in lexicon(language)[1]), default=1)


def _scored_tokens(tokens: list[str], language: str) -> list[tuple[int, float, int]]:
    """(position, score, length in tokens) for every sentiment-bearing word or phrase."""
    words, phrases = lexicon(language)
    longest = _longest_phrase(language)
    found, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 1, -1):
            phrase = tuple(tokens[i:i + size])
            if phrase in phrases:
                found.append((i, phrases[phrase], size))
                i += size
                break
        else:
            score = _word_score(tokens[i], words)
            if score:
                found.append((i, score, 1))
            i += 1
    return found


def score_sentiment(text: str | None, language: str = "sv") -> Sentiment:
    """Label and score of one comment. Unknown languages are scored with the Swedish lexicon."""
    if not text or not text.strip():
        return Sentiment("neutral", 0.0, 0.0, 0.0)
    language = "en" if language == "en" else "sv"
    tokens = tokenize(text[:5000])
    negators, boosters = NEGATORS[language], BOOSTERS[language]
    dampeners, contrast = DAMPENERS[language], CONTRAST[language]
    contrast_at = max((i for i, t in enumerate(tokens) if t in contrast), default=None)
    exclamations = min(text.count("!"), 3)

    clause_scores = [0.0, 0.0]  # before / after the last contrast word
    positive = negative = 0.0
    scored = _scored_tokens(tokens, language)
    # An intensifier that is also a word of its own ("skit snäll", "sjukt dåliga") only intensifies.
    scored_at = {position for position, _, _ in scored}
    scored = [(p, s, n) for p, s, n in scored if not (n == 1 and tokens[p] in boosters and p + 1 in scored_at)]
    # Negators inside a matched phrase ("får inte", "ingen frågade") belong to that phrase only.
    in_phrase = {i for position, _, size in scored if size > 1 for i in range(position, position + size)}
    for position, score, size in scored:
        window = _clause_before(tokens, position, in_phrase)
        phrase_is_negated = any(t in negators for t in tokens[position:position + size])
        after = _clause_after(tokens, position + size, in_phrase) if language == "sv" else []
        negated = any(t in negators for t in window) or any(t in POSTPOSED_NEGATORS for t in after)
        if not phrase_is_negated and negated and not _is_not_only(tokens, position):
            score *= NEGATION_SCALAR
        if window and window[-1] in boosters:
            score *= 1 + BOOST
        elif window and window[-1] in dampeners:
            score *= 1 - BOOST
        if contrast_at is not None:
            score *= 0.5 if position < contrast_at else 1.5
        score *= 1 + 0.1 * exclamations
        clause_scores[0 if contrast_at is None or position < contrast_at else 1] += score
        if score > 0:
            positive += score
        else:
            negative -= score

    if positive == 0 and negative == 0 and len([t for t in tokens if t.isalpha()]) >= UNSCORED_NEGATION_MIN_TOKENS:
        if any(t in negators and i not in in_phrase for i, t in enumerate(tokens)):
            negative = -UNSCORED_NEGATION
    total = positive - negative
    compound = total / math.sqrt(total * total + ALPHA)
    if language == "en":
        compound = _blend_with_textblob(text, compound)
    contrasting = (
        contrast_at is not None and clause_scores[0] * clause_scores[1] < 0
        and min(abs(clause_scores[0]), abs(clause_scores[1])) >= 0.15
    )
    if (positive >= MIXED_POLE and negative >= MIXED_POLE) or contrasting:
        label = "mixed"
    elif compound >= NEUTRAL_BAND:
        label = "positive"
    elif compound <= -NEUTRAL_BAND:
        label = "negative"
    else:
        label = "neutral"
    return Sentiment(label, round(compound, 4), round(positive, 3), round(negative, 3))


def _clause_before(tokens: list[str], position: int, in_phrase: set[int]) -> list[str]:
    """Up to NEGATION_WINDOW tokens before `position`, stopping at a clause boundary."""
    window = []
    for i in range(position - 1, max(-1, position - 1 - NEGATION_WINDOW), -1):
        if tokens[i] in BOUNDARIES:
            break
        window.insert(0, "" if i in in_phrase else tokens[i])
    return window


def _clause_after(tokens: list[str], start: int, in_phrase: set[int]) -> list[str]:
    """Up to two tokens after a word, stopping at a clause boundary."""
    after = []
    for i in range(start, min(len(tokens), start + 2)):
        if tokens[i] in BOUNDARIES:
            break
        after.append("" if i in in_phrase else tokens[i])
    return after


def _is_not_only(tokens: list[str], position: int) -> bool:
    """"inte bara" / "not only" is not a negation."""
    return position > 0 and tokens[position - 1] in {"bara", "only", "just"}


def _blend_with_textblob(text: str, compound: float) -> float:
    """English: TextBlob's polarity as a second opinion (its own lexicon, works offline)."""
    from textblob import TextBlob

    polarity = TextBlob(text).sentiment.polarity
    return compound if polarity == 0 else 0.6 * compound + 0.4 * polarity


# The learned signal: logistic regression over the comment's embedding and these rule figures
# (analysis/models/sentiment.json, trained by scripts/train_models.py). The rules alone cannot
# tell a neutral statement from a polar one without mood words ("fick packa på en timme").
SENTIMENT_MODEL = "sentiment"


def rule_features(text: str, language: str) -> list[float]:
    """What the rules saw, as numbers beside the embedding: score, evidence, label, form."""
    result = score_sentiment(text, language)
    tokens = tokenize(text[:5000]) if text else []
    words = [t for t in tokens if t.isalpha()]
    negators = NEGATORS["en" if language == "en" else "sv"]
    return [
        result.score, min(result.positive, 4.0) / 4, min(result.negative, 4.0) / 4,
        *(float(result.label == label) for label in ("positive", "negative", "neutral", "mixed")),
        float(any(t in negators for t in tokens)), float("?" in text), min(len(words), 30) / 30,
    ]


@lru_cache(maxsize=1)
def _training_vectors():
    import numpy as np

    from analysis.learned import MODELS

    data = np.load(MODELS / f"{SENTIMENT_MODEL}_neighbours.npz")
    return data["vectors"].astype(np.float32), data["labels"].astype(int)


def _neighbour_votes(vector, k: int, sharpness: float, classes: int):
    import numpy as np

    vectors, labels = _training_vectors()
    similarities = vectors @ vector
    nearest = np.argpartition(-similarities, k)[:k]
    votes = np.zeros(classes)
    np.add.at(votes, labels[nearest], np.exp(sharpness * (similarities[nearest] - similarities[nearest].max())))
    return votes / votes.sum()


def learned_sentiment(text: str, language: str, vector) -> tuple[str, float, dict[str, float]]:
    """(label, score -1..1, class probabilities) from the embedding `vector` and the rules."""
    import numpy as np

    from analysis.learned import LogisticModel

    model = LogisticModel.load(SENTIMENT_MODEL)
    vector = np.asarray(vector, dtype=np.float32)
    features = np.concatenate([vector, np.asarray(rule_features(text, language), np.float32)])
    probabilities = model.probabilities(features)[0]
    neighbours = model.meta.get("neighbours")
    if neighbours:
        # Blended with the votes of the most similar training comments (weighted by similarity):
        # they carry what a linear model misses ("vi krossade dem" beside other sport talk).
        probabilities = ((1 - neighbours["weight"]) * probabilities
                         + neighbours["weight"] * _neighbour_votes(vector, neighbours["k"], neighbours["sharpness"],
                                                                   len(model.classes)))
    by_class = {c: float(p) for c, p in zip(model.classes, probabilities)}
    label = max(by_class, key=by_class.get)
    score = by_class.get("positive", 0.0) - by_class.get("negative", 0.0)
    return label, round(score, 4), by_class
