"""One comment in, one annotation out: language, sentiment, themes, safeguarding, redaction.

    >>> annotate_text("c1", "Min soc Anna ringer aldrig tillbaka")["themes"]
    ['access']

Columns of the returned dict: id, lang, sentiment, sentiment_score, themes,
theme_scores, risk, risk_categories, redacted, pipeline_version.
"""

from __future__ import annotations

from analysis.language import detect_language
from analysis.personal_data import redact
from analysis.safeguarding import assess
from analysis.sentiment import score_sentiment
from analysis.themes import classify_themes

# Bump when lexicons, patterns or rules change, so stored annotations can be redone.
PIPELINE_VERSION = "rules-1"


def annotate_text(comment_id, text: str | None) -> dict:
    text = text or ""
    language = detect_language(text)
    risk = assess(text)
    sentiment = score_sentiment(text, language)
    label = sentiment.label
    # A disclosure of harm is never a positive or neutral experience, whatever words it uses.
    if risk.risk and label in ("positive", "neutral"):
        label = "negative"
    themes = classify_themes(text, risk.categories)
    return {
        "id": comment_id,
        "lang": language,
        "sentiment": label,
        "sentiment_score": sentiment.score,
        "themes": list(themes.themes),
        "theme_scores": themes.scores,
        "risk": risk.risk,
        "risk_categories": list(risk.categories),
        "redacted": redact(text).text,
        "pipeline_version": PIPELINE_VERSION,
    }
