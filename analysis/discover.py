"""Emerging themes: comments that fit no theme, grouped by meaning and described.

Each cluster is described by its most telling words and the comments nearest
its centre, with personal data removed, so staff can see a new topic
("busskortet", "maten på hemmet") before anyone has named it.

    >>> clusters = discover_themes([{"id": 1, "text": "Busskortet räcker inte"}, ...])
    >>> clusters[0]["terms"][:3]
    ['busskortet', 'bussen', 'resor']

Input rows: id, text. Output rows: size, terms, examples (redacted), ids.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.embeddings import embed
from analysis.normalize import fold
from analysis.personal_data import redact
from analysis.sentiment import tokenize
from analysis.themes import classify_themes

MIN_CLUSTER_SIZE = 3
REFINEMENT_PASSES = 8
# Weight of shared words next to meaning: short comments about different things
# ("busskortet räcker inte", "maten räcker inte") can be close in meaning alone;
# shared topic words break the tie.
LEXICAL_WEIGHT = 0.3
# Cosine similarity in meaning for joining a cluster. e5 similarities are compressed
# (unrelated short comments still score about 0.8), so the bar is high.
MEANING_SIMILARITY = 0.88
# The same bar on the scale of _with_shared_words, for comments that share no word.
JOIN_SIMILARITY = MEANING_SIMILARITY / (1 + LEXICAL_WEIGHT)
STEM_LENGTH = 4  # crude stem: "busskortet", "bussen" -> "buss"
TERMS_PER_CLUSTER = 5
EXAMPLES_PER_CLUSTER = 3


# Answers that say there is nothing to say ("Ingen kommentar", "Inget mer att säga", "Vet inte", "Nothing to add"),
# matched whole on folded text: they are no topic, and words like "kommentar, säga" must never be offered as one.
_NON_ANSWER = re.compile(
    r"^(?:(?:nej|na|no|nope)\s+)?(?:"
    r"(?:jag\s+|i\s+)?(?:har\s+|have\s+)?(?:ingen|inget|inga|ingenting|nothing|no|none)"
    r"(?:\s+(?:mer|mera|annat|more|else|further))?(?:\s+(?:att|to))?"
    r"(?:\s+(?:saga|tillagga|skriva|kommentera|svara|say|add|write|comment))?(?:\s+(?:har|here))?"
    r"(?:\s+(?:kommentar|kommentarer|synpunkter|comment|comments))?"
    r"|(?:jag\s+|i\s+)?(?:vet\s+(?:inte|ej)|dont\s+know|do\s+not\s+know|idk)"
    r"|nej|na|no|nope|nix|nej\s+tack|no\s+thanks|ok|okej|okay|n\s+a|x+)$")
_SEPARATORS = re.compile(r"[/|.,;:!?\n]+")


def is_non_answer(text: str) -> bool:
    """Whether a comment only says there is nothing to say: every part ("Ingen kommentar / Inget mer att säga")."""
    parts = [" ".join(re.findall(r"\w+", fold(part).replace("'", ""))) for part in _SEPARATORS.split(text)]
    parts = [part for part in parts if part]
    return not parts or all(_NON_ANSWER.match(part) for part in parts)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = Path(__file__).with_name("data").joinpath("stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(word) for line in lines if not line.startswith("#") for word in line.split())


def _words(text: str, spellings: Counter | None = None) -> set[str]:
    """Content words, folded for counting; `spellings` learns how each was written, to show it that way."""
    words = set()
    for token in tokenize(text):
        folded = fold(token)
        if token.isalpha() and len(token) > 2 and folded not in stopwords():
            words.add(folded)
            if spellings is not None:
                spellings[(folded, token)] += 1
    return words


def _cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Leader clustering to seed, then a few k-means passes (centre = mean of members).

    O(n * clusters) per pass: fine for the thousands of unthemed comments of a municipality.
    """
    leaders: list[np.ndarray] = []
    for vector in vectors:
        if not leaders or max(float(c @ vector) for c in leaders) < threshold:
            leaders.append(vector.copy())
    centres = np.stack(leaders)
    assignment = np.full(len(vectors), -1)
    for _ in range(REFINEMENT_PASSES):
        sims = vectors @ centres.T
        best = sims.argmax(axis=1)
        new_assignment = np.where(sims[np.arange(len(vectors)), best] >= threshold, best, -1)
        if np.array_equal(new_assignment, assignment):
            break
        assignment = new_assignment
        for k in range(len(centres)):
            members = vectors[assignment == k]
            if len(members):
                centre = members.mean(axis=0)
                centres[k] = centre / (np.linalg.norm(centre) or 1)
    return [list(np.flatnonzero(assignment == k)) for k in range(len(centres)) if (assignment == k).any()]


def _with_shared_words(vectors: np.ndarray, document_words: list[set[str]]) -> np.ndarray:
    """Embeddings joined with a small TF-IDF vector of stems, renormalised.

    The similarity of two comments becomes (meaning + LEXICAL_WEIGHT * shared stems) / (1 + LEXICAL_WEIGHT):
    comments that share no word keep their meaning similarity, scaled.
    """
    stems = [{w[:STEM_LENGTH] for w in words} for words in document_words]
    vocabulary = {stem: i for i, stem in enumerate(sorted(set().union(*stems)))} if stems else {}
    frequency = Counter(stem for doc in stems for stem in doc)
    lexical = np.zeros((len(stems), max(1, len(vocabulary))), dtype=np.float32)
    for row, doc in enumerate(stems):
        for stem in doc:
            lexical[row, vocabulary[stem]] = math.log(1 + len(stems) / frequency[stem])
    norms = np.linalg.norm(lexical, axis=1, keepdims=True)
    lexical = np.divide(lexical, norms, out=np.zeros_like(lexical), where=norms > 0)
    joined = np.hstack([vectors, math.sqrt(LEXICAL_WEIGHT) * lexical])
    return joined / math.sqrt(1 + LEXICAL_WEIGHT)


def discover_themes(rows: list[dict], *, min_size: int = MIN_CLUSTER_SIZE, threshold: float = JOIN_SIMILARITY,
                    only_unthemed: bool = True, embedding_cache=None) -> list[dict]:
    """Clusters of comments that no theme of the taxonomy covers, largest first.

    `embedding_cache` (a mapping of text key -> vector) saves embedding texts seen before.
    """
    candidates = [r for r in rows if (r.get("text") or "").strip() and not is_non_answer(r["text"])]
    if only_unthemed:
        candidates = [r for r in candidates if not classify_themes(r["text"]).themes]
    if len(candidates) < min_size:
        return []
    vectors = embed([r["text"] for r in candidates], cache=embedding_cache)
    spellings: Counter = Counter()
    document_words = [_words(r["text"], spellings) for r in candidates]
    features = _with_shared_words(vectors, document_words)
    clusters = [c for c in _cluster(features, threshold) if len(c) >= min_size]
    shown = {}
    for (folded, written), _ in spellings.most_common():
        shown.setdefault(folded, written)
    document_frequency = Counter(word for words in document_words for word in words)
    results = []
    for members in sorted(clusters, key=len, reverse=True):
        counts = Counter(word for i in members for word in document_words[i])
        # Frequent in the cluster, rare elsewhere (class-based tf-idf).
        scored = {w: n * math.log(1 + len(candidates) / document_frequency[w]) for w, n in counts.items() if n >= 2}
        terms = [shown[w] for w, _ in sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_CLUSTER]]
        centre = features[members].mean(axis=0)
        examples: list[str] = []
        for i in sorted(members, key=lambda i: -float(features[i] @ centre)):
            example = redact(candidates[i]["text"]).text
            if len(examples) < EXAMPLES_PER_CLUSTER and fold(example) not in {fold(e) for e in examples}:
                examples.append(example)  # the same words written by several children are shown once
        results.append({
            "size": len(members),
            "terms": terms,
            "examples": examples,
            "ids": [candidates[i]["id"] for i in members],
        })
    return results
