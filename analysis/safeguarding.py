"""Safeguarding: comments in which a child may be disclosing harm, and why each was flagged.

Recall matters more than precision (domain.md): a person reviews every flag,
but a missed disclosure may leave a child unseen. Two sources, and a comment is
flagged when either flags it:

- patterns (`analysis.safeguarding_patterns`) catch explicit phrasings in
  Swedish, English, Arabic, Persian, Somali, Tigrinya and Ukrainian;
- a learned model (`analysis.safeguarding_model`: multilingual embeddings and
  character n-grams) catches the indirect ones: hints, euphemism, fear without
  naming violence, the same in every language.

Each flag carries its reasons: which source flagged it, in which category, with
what score and what evidence, so the reviewer sees why.

    >>> assess("Mamma sparkade mig igår").categories
    ('violence',)
    >>> assess("Mamma sparkade mig igår").reasons[0].as_dict()
    {'source': 'pattern', 'category': 'violence', 'score': 1.0, 'evidence': 'sparkade mig'}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from analysis import safeguarding_model
from analysis.safeguarding_patterns import CATEGORIES, match_patterns

__all__ = ["CATEGORIES", "Reason", "RiskAssessment", "assess"]


@dataclass(frozen=True)
class Reason:
    """Why a comment was flagged: `source` is "pattern" or "model"; a pattern's score is 1.0."""

    source: str
    category: str
    score: float
    evidence: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RiskAssessment:
    """`risk` is True when any source flagged; `evidence` holds the matched snippets; `reasons` say why."""

    risk: bool
    categories: tuple[str, ...]
    evidence: tuple[str, ...]
    reasons: tuple[Reason, ...] = ()

    def reasons_as_dicts(self) -> list[dict]:
        return [reason.as_dict() for reason in self.reasons]


NO_RISK = RiskAssessment(False, (), ())


def assess(text: str | None, *, model: bool = True, embedding_cache=None) -> RiskAssessment:
    """Which harm categories a comment may disclose (empty when none), with the reasons.

    `model=False` asks the patterns only. `embedding_cache` is any mapping of text key -> vector
    for the model's embedding (see analysis.embeddings.embed; by default an in-memory LRU).
    """
    if not text or not text.strip():
        return NO_RISK
    hits = match_patterns(text)
    reasons = [Reason("pattern", category, 1.0, evidence) for category, evidence in hits]
    categories = [c for c, _ in hits]
    if model and safeguarding_model.available():
        scored = safeguarding_model.score(text, cache=embedding_cache)
        if scored.flagged:
            reasons.append(Reason("model", scored.category, scored.probability))
            if scored.category not in categories:
                categories.append(scored.category)
    return RiskAssessment(bool(reasons), tuple(categories), tuple(e for _, e in hits), tuple(reasons))
