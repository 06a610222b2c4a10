"""What the dashboards, exports and reports may show: access checked, privacy applied.

Every figure that leaves the database for a staff screen passes through here.
Each function first checks the caller (`roles.require`): an analyst sees
their own municipality; a network viewer and an admin see the whole network;
free text needs an analyst (or admin) of that municipality. Then every count,
share and mean goes through `barnrosten.results.privacy` with the configured k.

Columns returned are documented per function; a hidden figure is None.

    >>> overview(db, principal, Filters.default(municipality="bjorkdala"), k=5).respondents.value
    412
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from analysis import figures
from barnrosten.access import audit
from barnrosten.access.roles import Principal, require
from barnrosten.answering.annotations import STORED_VERSION, StoredVectors
from barnrosten.answering.responses import GENDERS
from barnrosten.formatting import NOT_GIVEN
from barnrosten.results import privacy
from barnrosten.results import queries as q
from barnrosten.results.filters import Filters, bucket

SENTIMENTS = ("positive", "negative", "mixed", "neutral")
# Quotes shown per theme at a time: enough to hear the voices, few enough to read.
QUOTE_LIMIT = 12


@dataclass(frozen=True)
class Figure:
    """A figure for the period and the period before; None where hidden or without data."""

    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        return figures.change(self.value, self.previous)


@dataclass(frozen=True)
class Overview:
    """Key figures. `questions` rows: survey_id, question_id, text (per language), theme, share, previous, answered."""

    respondents: Figure
    completion: Figure
    listened_to: Figure
    questions: list[dict]


def check_scope(principal: Principal | None, filters: Filters) -> Principal:
    """The caller may see these filters: their municipality as analyst, or the whole network.

    The whole network (municipality None) is for network viewers and admins,
    and shows aggregates only.
    """
    if filters.municipality is None:
        if principal is not None and (principal.is_admin or principal.has_role("network_viewer")):
            return principal
        raise PermissionError("the whole network needs the network viewer role")
    return require(principal, "analyst", filters.municipality)


def _whole(filters: Filters) -> bool:
    return filters.municipality is None


def overview(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> Overview:
    check_scope(principal, filters)
    kinds = q.question_kinds(db)
    periods = {"now": filters, "before": filters.previous()}
    answers = dict(zip(periods, q.answer_counts_each(db, list(periods.values()), all_municipalities=_whole(filters))))
    started, completed, listened, questions = {}, {}, {}, {}
    for name, period in periods.items():
        counts = q.respondent_counts(db, period, all_municipalities=_whole(period))[0]
        started[name] = privacy.safe_count(counts["started"], k)
        completed[name] = privacy.safe_share(counts["completed"], counts["started"], k)
        positive = figures.positive_counts(answers[name], kinds)
        heard = figures.listened_to_counts(positive, kinds).get((), [0, 0])
        listened[name] = _index(privacy.safe_share(heard[0], heard[1], k))
        questions[name] = positive
    texts = {(kind["survey_id"], qid): kind for (_, qid), kind in kinds.items()}
    rows = []
    for key in sorted(set(questions["now"]) | set(questions["before"])):
        now, before = questions["now"].get(key, [0, 0]), questions["before"].get(key, [0, 0])
        rows.append({
            "survey_id": key[0], "question_id": key[1], "text": texts[key]["text"], "theme": texts[key]["theme"],
            "share": privacy.safe_share(now[0], now[1], k),
            "previous": privacy.safe_share(before[0], before[1], k),
            "answered": privacy.safe_count(now[1], k),
        })
    return Overview(
        respondents=Figure(started["now"], started["before"]),
        completion=Figure(completed["now"], completed["before"]),
        listened_to=Figure(listened["now"], listened["before"]),
        questions=rows,
    )


def _index(share: float | None) -> float | None:
    """The listened-to index runs 0-100: the share of positive answers on being heard."""
    return None if share is None else round(share * 100, 1)


def themes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
           version: str = STORED_VERSION) -> list[dict]:
    """Per theme: theme, comments, previous (comments the period before), and one column per sentiment.

    Theme x sentiment is suppressed as a table, so no hidden cell follows from the totals.
    Comments without a theme are under theme None.
    """
    check_scope(principal, filters)
    now = q.theme_counts(db, filters, version, all_municipalities=_whole(filters))
    before = q.theme_counts(db, filters.previous(), version, all_municipalities=_whole(filters))
    table = privacy.suppress_table({(r["theme"] or "", r["sentiment"]): r["n"] for r in now}, k)
    before_totals = defaultdict(int)
    for r in before:
        before_totals[r["theme"] or ""] += r["n"]
    rows = []
    for theme, total in table.row_totals.items():
        rows.append({
            "theme": theme or None, "comments": total,
            "previous": privacy.safe_count(before_totals.get(theme, 0), k),
            **{s: table.cells.get((theme, s), 0) for s in SENTIMENTS},
        })
    return sorted(rows, key=lambda r: (r["theme"] is None, -(r["comments"] or 0)))


def theme_trend(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                granularity: str = "month", version: str = STORED_VERSION) -> list[dict]:
    """Rows of: period (month or quarter), theme, comments (None where hidden).

    Counted per period first, then suppressed as one theme x period table.
    """
    check_scope(principal, filters)
    rows = q.theme_counts(db, filters, version, by=("month",), all_municipalities=_whole(filters))
    counts: dict = defaultdict(int)
    for r in rows:
        if r["theme"] is not None:
            counts[(r["theme"], bucket(r["month"], granularity))] += r["n"]
    seen_themes = {t for t, _ in counts}
    for period in filters.buckets(granularity):  # periods without comments are real zeros
        for theme in seen_themes:
            counts.setdefault((theme, period), 0)
    table = privacy.suppress_table(dict(counts), k)
    return [{"period": p, "theme": t, "comments": n} for (t, p), n in sorted(table.cells.items(), key=lambda i: i[0][::-1])]


def over_time(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
              granularity: str = "month") -> list[dict]:
    """Rows of: period (month or quarter), respondents, listened_to (index 0-100); None where hidden."""
    check_scope(principal, filters)
    kinds = q.question_kinds(db)
    started: dict = defaultdict(int)
    for r in q.respondent_counts(db, filters, ("month",), all_municipalities=_whole(filters)):
        started[bucket(r["month"], granularity)] += r["started"]
    answers = q.answer_counts(db, filters, ("month",), all_municipalities=_whole(filters))
    for r in answers:
        r["month"] = bucket(r["month"], granularity)
    heard = figures.listened_to_counts(figures.positive_counts(answers, kinds, by=("month",)), kinds, depth=1)
    return [{"period": p, "respondents": privacy.safe_count(started.get(p, 0), k),
             "listened_to": _index(privacy.safe_share(*heard.get((p,), [0, 0]), k))}
            for p in filters.buckets(granularity)]


def breakdown(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> dict:
    """Respondents by gender and age band (a suppressed table), and the listened-to index by each.

    Returns {"table": SuppressedTable over (gender, age band), "by_gender": {gender: index},
    "by_age_band": {band: index}}. Unanswered gender or age band is 'unknown'.
    """
    check_scope(principal, filters)
    rows = q.respondent_counts(db, filters, ("gender", "age_band"), all_municipalities=_whole(filters))
    table = privacy.suppress_table({(r["gender"] or NOT_GIVEN, r["age_band"] or NOT_GIVEN): r["started"] for r in rows}, k)
    table = privacy.SuppressedTable(  # the same table in reading order
        cells=table.cells,
        row_totals={g: table.row_totals[g] for g in sorted(table.row_totals, key=lambda g: _group_order(None if g == NOT_GIVEN else g))},
        column_totals={a: table.column_totals[a] for a in sorted(table.column_totals, key=lambda a: _group_order(None if a == NOT_GIVEN else a))},
        total=table.total)
    kinds = q.question_kinds(db)
    result = {"table": table}
    for dimension in ("gender", "age_band"):
        answers = q.answer_counts(db, filters, (dimension,), all_municipalities=_whole(filters))
        heard = figures.listened_to_counts(figures.positive_counts(answers, kinds, by=(dimension,)), kinds, depth=1)
        result[f"by_{dimension}"] = {(key[0] or NOT_GIVEN): _index(privacy.safe_share(pos, total, k))
                                     for key, (pos, total) in sorted(heard.items(), key=lambda i: _group_order(i[0][0]))}
    return result


def _group_order(value: str | None) -> tuple:
    """Genders in the order the children are asked; age bands youngest first; not given last."""
    if value is None:
        return (2, 0, "")
    if value in GENDERS:
        return (0, GENDERS.index(value), value)
    first = value.split("-")[0]
    return (1, int(first) if first.isdigit() else 0, value)


def network(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> dict:
    """Own figures beside the other municipalities', from aggregates only.

    Returns {metric: {"own": value or None, "others": spread dict or None}} for the metrics
    respondents, completion and listened_to. A municipality counts among the others only where
    its own figure is reportable; no other municipality is named.
    """
    check_scope(principal, filters)
    everyone = filters.with_municipality(None)
    kinds = q.question_kinds(db)
    per = {r["municipality"]: r for r in q.respondent_counts(db, everyone, ("municipality",), all_municipalities=True)}
    # Only the listened-to questions are needed here: a fifth of the answers of the whole network.
    answers = q.answer_counts(db, everyone, ("municipality",), all_municipalities=True,
                              questions=figures.listened_to_questions(kinds))
    positive = figures.positive_counts(answers, kinds, by=("municipality",))
    heard = figures.listened_to_counts(positive, kinds, depth=1)
    values: dict[str, dict] = {}
    for municipality, r in per.items():
        values[municipality] = {
            "respondents": privacy.safe_count(r["started"], k),
            "completion": privacy.safe_share(r["completed"], r["started"], k),
            "listened_to": _index(privacy.safe_share(*heard.get((municipality,), [0, 0]), k)),
        }
    own = values.get(filters.municipality, {})
    return {metric: {"own": own.get(metric),
                     "others": figures.spread([v[metric] for m, v in values.items() if m != filters.municipality])}
            for metric in ("respondents", "completion", "listened_to")}


def quotes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, theme: str | None, k: int,
           version: str = STORED_VERSION, limit: int = QUOTE_LIMIT) -> list[dict]:
    """Redacted comments on `theme`, newest first: rows of redacted, sentiment, answered_at.

    Only for an analyst (or admin) of the municipality, only when the theme has
    at least k comments in the filtered group, never comments flagged for
    safeguarding (those are in the review queue), and every view is audited.
    """
    if filters.municipality is None:
        raise PermissionError("free text is shown only for one municipality")
    require(principal, "analyst", filters.municipality)
    group = sum(r["n"] for r in q.theme_counts(db, filters, version) if r["theme"] == theme)
    if group < privacy.min_group_size(k):
        return []
    rows = q.comments(db, filters, version, theme, limit=limit)
    audit.record(db, principal.username, "free_text_viewed", filters.municipality,
                 theme=theme, shown=len(rows), filters=filters.describe())
    return rows


def emerging_themes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                    version: str = STORED_VERSION) -> list[dict]:
    """Topics in the comments that no theme covers yet: rows of size, terms, examples (redacted).

    Only for an analyst (or admin) of the municipality; a topic needs at least k
    comments; terms that look like personal data are dropped; the view is audited.
    """
    from analysis.discover import discover_themes
    from analysis.personal_data import redact

    if filters.municipality is None:
        raise PermissionError("free text is shown only for one municipality")
    require(principal, "analyst", filters.municipality)
    texts = q.unthemed_texts(db, filters, version)
    clusters = discover_themes(texts, min_size=privacy.min_group_size(k), only_unthemed=False,
                               embedding_cache=StoredVectors(db))
    rows = [{"size": c["size"], "terms": [w for w in c["terms"] if redact(w).text == w], "examples": c["examples"]}
            for c in clusters]
    audit.record(db, principal.username, "free_text_viewed", filters.municipality, view="emerging_themes",
                 shown=len(rows), filters=filters.describe())
    return rows

