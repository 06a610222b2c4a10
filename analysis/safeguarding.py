"""Safeguarding: comments in which a child may be disclosing harm, and why each was flagged.

Recall matters more than precision (domain.md): a person reviews every flag,
but a missed disclosure may leave a child unseen. Patterns
(`analysis.safeguarding_patterns`) catch explicit phrasings in Swedish,
English, Arabic, Persian, Somali, Tigrinya and Ukrainian. Each flag carries
its reasons: which source flagged it, in which category, with what score and
what evidence, so the reviewer sees why.

    >>> assess("Mamma sparkade mig igår").categories
    ('violence',)
    >>> assess("Mamma sparkade mig igår").reasons[0].as_dict()
    {'source': 'pattern', 'category': 'violence', 'score': 1.0, 'evidence': 'sparkade mig'}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


def assess(text: str | None) -> RiskAssessment:
    """Which harm categories a comment may disclose (empty when none), with the reasons."""
    if not text or not text.strip():
        return NO_RISK
    hits = match_patterns(text)
    reasons = tuple(Reason("pattern", category, 1.0, evidence) for category, evidence in hits)
    return RiskAssessment(bool(reasons), tuple(c for c, _ in hits), tuple(e for _, e in hits), reasons)
