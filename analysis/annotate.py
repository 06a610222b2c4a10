"""One comment in, one annotation out: language, sentiment, themes, safeguarding, redaction.

    >>> annotate_text("c1", "Min soc Anna ringer aldrig tillbaka")["themes"]
    ['access']

Columns of the returned dict: id, lang, sentiment, sentiment_score, themes,
theme_scores, risk, risk_categories, risk_reasons (why: source, category, score, evidence), redacted,
pipeline_version.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from analysis.language import detect_language
from analysis.personal_data import redact
from analysis.safeguarding import assess
from analysis.sentiment import learned_sentiment, score_sentiment
from analysis.themes import classify_themes, learned_themes

ANALYSIS_DIR = Path(__file__).parent
# Everything whose change changes an annotation: rule modules, lexicons, name lists, taxonomy.
VERSIONED_FILES = ("*.py", "lexicons/*.tsv", "lexicons/*.csv", "data/*.txt", "data/*.tsv", "models/*.json", "models/*.npz", "taxonomy.yaml")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """'rules-' and a hash of every file the annotation depends on.

    Editing a lexicon, a pattern or a rule gives a new version, so stored
    annotations of the old one are redone by `python manage.py annotate`.
    """
    digest = hashlib.sha256()
    for pattern in VERSIONED_FILES:
        for path in sorted(ANALYSIS_DIR.glob(pattern)):
            if path.name not in ("__main__.py", "evaluate.py", "discover.py", "figures.py"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return "rules-" + digest.hexdigest()[:12]


PIPELINE_VERSION = pipeline_version()


def _with_learned_themes(text, vector, risk_categories, theme_list, theme_scores):
    """The learned theme signal (embedding + the rules' hits) beside the rules: it finds paraphrases.

    A theme is kept where its probability reaches the threshold chosen on the dev split; the rules'
    own themes stay when the model was chosen with them (`rules_too`).
    """
    from analysis.learned import ThemeModels

    models = ThemeModels.load()
    probabilities = learned_themes(text, vector, risk_categories)
    keep_rules = models.meta.get("rules_too", True)
    chosen = [t for t in theme_list if keep_rules]
    scores = {t: s for t, s in theme_scores.items() if keep_rules}
    for theme_id, probability in sorted(probabilities.items(), key=lambda item: -item[1]):
        if probability >= models.threshold_for(theme_id):
            if theme_id not in chosen:
                chosen.append(theme_id)
            scores[theme_id] = max(scores.get(theme_id, 0.0), round(probability, 3))
    return chosen, scores


def annotate_text(comment_id, text: str | None, *, embeddings: bool = False, embedding_cache=None) -> dict:
    """Annotate one comment; `embeddings=True` adds the learned signals for sentiment and themes."""
    text = text or ""
    language = detect_language(text)
    risk = assess(text, embedding_cache=embedding_cache)
    sentiment = score_sentiment(text, language)
    label, score = sentiment.label, sentiment.score
    vector = None
    if embeddings and text.strip():
        from analysis.embeddings import embed

        vector = embed([text], cache=embedding_cache)[0]
        # The learned signal (embedding + rule figures) decides; it knows neutral statements.
        label, score, _ = learned_sentiment(text, language, vector)
    # A disclosure of harm is never a positive or neutral experience, whatever words it uses.
    if risk.risk and label in ("positive", "neutral"):
        label = "negative"
    themes = classify_themes(text, risk.categories)
    theme_list, theme_scores = list(themes.themes), dict(themes.scores)
    if vector is not None:
        theme_list, theme_scores = _with_learned_themes(text, vector, risk.categories, theme_list, theme_scores)
    return {
        "id": comment_id,
        "lang": language,
        "sentiment": label,
        "sentiment_score": score,
        "themes": theme_list,
        "theme_scores": theme_scores,
        "risk": risk.risk,
        "risk_categories": list(risk.categories),
        "risk_reasons": risk.reasons_as_dicts(),
        "redacted": redact(text).text,
        "pipeline_version": PIPELINE_VERSION + ("+e5" if embeddings else ""),
    }
