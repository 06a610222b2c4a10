"""What the dashboards, exports and reports may show: access checked, privacy applied.

Every figure that leaves the database for a staff screen passes through here.
Each function first checks the caller (`roles.require`): an analyst sees
their own municipality; a network viewer and an admin see the whole network;
free text needs an analyst (or admin) of that municipality. Then settled
respondents waiting in groups of at least k are released
(`barnrosten.results.release`), and every count, share and mean goes through
`barnrosten.results.privacy` with the configured k: hidden below k (native
respondents and each import batch apart), perturbed by the cell key method
where shown. Counts of comments count people: a respondent counts once per
theme, and is quoted at most once per view.

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
from barnrosten.results.privacy import Tally
from barnrosten.results.release import release_settled

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
    # The share (0-1) behind the listened-to index, unrounded: for "about 7 in 10" in plain words.
    listened_share: float | None = None


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


def _prepare(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> Principal:
    """Check the caller, then release the respondents waiting in groups of at least k."""
    checked = check_scope(principal, filters)
    release_settled(db, k)
    return checked


def _whole(filters: Filters) -> bool:
    return filters.municipality is None


def _tallies(rows: list[dict], by: tuple[str, ...], count: str = "n", key: str = "key") -> dict[tuple, Tally]:
    """Query rows (one per source) summed into a Tally per value of the `by` columns."""
    result: dict[tuple, Tally] = defaultdict(Tally)
    for row in rows:
        result[tuple(row[d] for d in by)] += Tally.of(row[count], row[key], row["batch"])
    return result


def _with_tallies(rows: list[dict]) -> list[dict]:
    """Answer rows whose n is a Tally, for the plain counting code in analysis.figures."""
    return [{**row, "n": Tally.of(row["n"], row["key"], row["batch"])} for row in rows]


def _with_rest(positive: dict[tuple, list]) -> dict[tuple, list[Tally]]:
    """[positive, answered] per question -> [positive, not positive, answered], each a Tally."""
    return {key: [privacy.tally(pos), privacy.tally(total) - privacy.tally(pos), privacy.tally(total)]
            for key, (pos, total) in positive.items()}


def _heard(positive: dict[tuple, list], kinds: dict, depth: int = 0) -> dict[tuple, list[Tally]]:
    """The listened-to questions pooled: [positive, not positive, answered] per key, people counted apart."""
    return figures.listened_to_counts(_with_rest(positive), kinds, depth, pool=privacy.pool)


def _heard_share(parts: list[Tally] | None, k: int) -> float | None:
    if parts is None:
        return None
    positive, rest, answered = parts
    return privacy.safe_share(positive, answered, k, rest=rest)


def _heard_index(parts: list[Tally] | None, k: int) -> float | None:
    return _index(_heard_share(parts, k))


def overview(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> Overview:
    _prepare(db, principal, filters, k)
    kinds = q.question_kinds(db)
    periods = {"now": filters, "before": filters.previous()}
    answers = dict(zip(periods, q.answer_counts_each(db, list(periods.values()), all_municipalities=_whole(filters))))
    started, completed, listened, questions, shares = {}, {}, {}, {}, {}
    for name, period in periods.items():
        rows = q.respondent_counts(db, period, all_municipalities=_whole(period))
        everyone = _tallies(rows, (), "started", "started_key")[()]
        finished = _tallies(rows, (), "completed", "completed_key")[()]
        started[name] = privacy.safe_count(everyone, k)
        completed[name] = privacy.safe_share(finished, everyone, k)
        positive = figures.positive_counts(_with_tallies(answers[name]), kinds)
        shares[name] = _heard_share(_heard(positive, kinds).get(()), k)
        listened[name] = _index(shares[name])
        questions[name] = positive
    texts = {(kind["survey_id"], qid): kind for (_, qid), kind in kinds.items()}
    rows = []
    for key in sorted(set(questions["now"]) | set(questions["before"])):
        now, before = questions["now"].get(key, [0, 0]), questions["before"].get(key, [0, 0])
        now, before = [privacy.tally(t) for t in now], [privacy.tally(t) for t in before]
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
        listened_share=shares["now"],
    )


def _index(share: float | None) -> float | None:
    """The listened-to index runs 0-100: the share of positive answers on being heard."""
    return None if share is None else round(share * 100, 1)


def themes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
           version: str = STORED_VERSION) -> list[dict]:
    """Per theme: theme, comments, previous (the period before), and one column per sentiment.

    `comments` counts respondents who wrote about the theme (each once, under one
    sentiment), not comments. Theme x sentiment is suppressed as a table, so no
    hidden cell follows from the totals. Comments without a theme are under theme None.
    """
    _prepare(db, principal, filters, k)
    now = q.theme_counts(db, filters, version, all_municipalities=_whole(filters))
    before = q.theme_counts(db, filters.previous(), version, all_municipalities=_whole(filters))
    table = privacy.suppress_table(_tallies([{**r, "theme": r["theme"] or ""} for r in now], ("theme", "sentiment")), k)
    before_totals = _tallies([{**r, "theme": r["theme"] or ""} for r in before], ("theme",))
    rows = []
    for theme, total in table.row_totals.items():
        rows.append({
            "theme": theme or None, "comments": total,
            "previous": privacy.safe_count(before_totals.get((theme,), privacy.ZERO), k),
            **{s: table.cells.get((theme, s), 0) for s in SENTIMENTS},
        })
    return sorted(rows, key=lambda r: (r["theme"] is None, -(r["comments"] or 0)))


def theme_trend(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                granularity: str = "month", version: str = STORED_VERSION) -> list[dict]:
    """Rows of: period (month or quarter), theme, comments (respondents; None where hidden).

    Counted per period first, then suppressed as one theme x period table.
    """
    _prepare(db, principal, filters, k)
    rows = q.theme_counts(db, filters, version, by=("month",), all_municipalities=_whole(filters))
    counts: dict = defaultdict(Tally)
    for r in rows:
        if r["theme"] is not None:
            counts[(r["theme"], bucket(r["month"], granularity))] += Tally.of(r["n"], r["key"], r["batch"])
    seen_themes = {t for t, _ in counts}
    for period in filters.buckets(granularity):  # periods without comments are real zeros
        for theme in seen_themes:
            counts.setdefault((theme, period), privacy.ZERO)
    table = privacy.suppress_table(dict(counts), k)
    return [{"period": p, "theme": t, "comments": n} for (t, p), n in sorted(table.cells.items(), key=lambda i: i[0][::-1])]


def over_time(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
              granularity: str = "month") -> list[dict]:
    """Rows of: period (month or quarter), respondents, listened_to (index 0-100); None where hidden."""
    _prepare(db, principal, filters, k)
    kinds = q.question_kinds(db)
    started: dict = defaultdict(Tally)
    for r in q.respondent_counts(db, filters, ("month",), all_municipalities=_whole(filters)):
        started[bucket(r["month"], granularity)] += Tally.of(r["started"], r["started_key"], r["batch"])
    answers = _with_tallies(q.answer_counts(db, filters, ("month",), all_municipalities=_whole(filters)))
    for r in answers:
        r["month"] = bucket(r["month"], granularity)
    heard = _heard(figures.positive_counts(answers, kinds, by=("month",)), kinds, depth=1)
    return [{"period": p, "respondents": privacy.safe_count(started.get(p, privacy.ZERO), k),
             "listened_to": _heard_index(heard.get((p,)), k)}
            for p in filters.buckets(granularity)]


def breakdown(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int) -> dict:
    """Respondents by gender and age band (a suppressed table), and the listened-to index by each.

    Returns {"table": SuppressedTable over (gender, age band), "by_gender": {gender: index},
    "by_age_band": {band: index}}. Unanswered gender or age band is 'unknown'.
    """
    _prepare(db, principal, filters, k)
    rows = q.respondent_counts(db, filters, ("gender", "age_band"), all_municipalities=_whole(filters))
    cells: dict = defaultdict(Tally)
    for r in rows:
        cells[(r["gender"] or NOT_GIVEN, r["age_band"] or NOT_GIVEN)] += Tally.of(r["started"], r["started_key"], r["batch"])
    table = privacy.suppress_table(dict(cells), k)
    table = privacy.SuppressedTable(  # the same table in reading order
        cells=table.cells,
        row_totals={g: table.row_totals[g] for g in sorted(table.row_totals, key=lambda g: _group_order(None if g == NOT_GIVEN else g))},
        column_totals={a: table.column_totals[a] for a in sorted(table.column_totals, key=lambda a: _group_order(None if a == NOT_GIVEN else a))},
        total=table.total)
    kinds = q.question_kinds(db)
    result = {"table": table}
    for dimension in ("gender", "age_band"):
        answers = _with_tallies(q.answer_counts(db, filters, (dimension,), all_municipalities=_whole(filters)))
        heard = _heard(figures.positive_counts(answers, kinds, by=(dimension,)), kinds, depth=1)
        result[f"by_{dimension}"] = {(key[0] or NOT_GIVEN): _heard_index(parts, k)
                                     for key, parts in sorted(heard.items(), key=lambda i: _group_order(i[0][0]))}
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
    _prepare(db, principal, filters, k)
    everyone = filters.with_municipality(None)
    kinds = q.question_kinds(db)
    rows = q.respondent_counts(db, everyone, ("municipality",), all_municipalities=True)
    started = _tallies(rows, ("municipality",), "started", "started_key")
    completed = _tallies(rows, ("municipality",), "completed", "completed_key")
    # Only the listened-to questions are needed here: a fifth of the answers of the whole network.
    answers = _with_tallies(q.answer_counts(db, everyone, ("municipality",), all_municipalities=True,
                                            questions=figures.listened_to_questions(kinds)))
    heard = _heard(figures.positive_counts(answers, kinds, by=("municipality",)), kinds, depth=1)
    values: dict[str, dict] = {}
    for (municipality,), count in started.items():
        values[municipality] = {
            "respondents": privacy.safe_count(count, k),
            "completion": privacy.safe_share(completed[(municipality,)], count, k),
            "listened_to": _heard_index(heard.get((municipality,)), k),
        }
    own = values.get(filters.municipality, {})
    return {metric: {"own": own.get(metric),
                     "others": figures.spread([v[metric] for m, v in values.items() if m != filters.municipality])}
            for metric in ("respondents", "completion", "listened_to")}


def _quotable(db, principal, filters: Filters, k: int) -> None:
    if filters.municipality is None:
        raise PermissionError("free text is shown only for one municipality")
    require(principal, "analyst", filters.municipality)
    release_settled(db, k)


def _theme_groups(db, filters: Filters, version: str) -> dict[str | None, Tally]:
    """The respondents who wrote about each theme (any sentiment), one Tally per theme."""
    groups: dict[str | None, Tally] = defaultdict(Tally)
    for r in q.theme_counts(db, filters, version):
        groups[r["theme"]] += Tally.of(r["n"], r["key"], r["batch"])
    return groups


def _may_quote(group: Tally, k: int) -> bool:
    """Quotes need a theme that k respondents wrote about (native and each import batch apart)."""
    return group.n >= privacy.min_group_size(k) and privacy.is_reportable(group, k)


def quotes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, theme: str | None, k: int,
           version: str = STORED_VERSION, limit: int = QUOTE_LIMIT) -> list[dict]:
    """Redacted comments on `theme`, newest first: rows of redacted, sentiment, answered_at.

    Only for an analyst (or admin) of the municipality, only when at least k
    respondents wrote about the theme in the filtered group, at most one comment
    per respondent, never comments flagged for safeguarding (those are in the
    review queue), and every view is audited.
    """
    return quotes_by_theme(db, principal, filters, [theme], k, version, limit)[theme]


def quotes_by_theme(db: sqlite_utils.Database, principal: Principal | None, filters: Filters,
                    themes: list[str | None], k: int, version: str = STORED_VERSION,
                    limit: int = QUOTE_LIMIT) -> dict[str | None, list[dict]]:
    """`quotes` for several themes in one view (a report): still at most one quote per respondent in all."""
    _quotable(db, principal, filters, k)
    quoted: set = set()
    result: dict[str | None, list[dict]] = {}
    groups = _theme_groups(db, filters, version)
    allowed = [theme for theme in themes if _may_quote(groups.get(theme, privacy.ZERO), k)]
    seen_texts: set[str] = set()  # one text is quoted once in a view, however many wrote it
    for theme in themes:
        rows = []
        if theme in allowed:
            for row in q.comments(db, filters, version, theme, limit=limit * 5 + len(quoted)):
                same_text = " ".join((row["redacted"] or "").casefold().split())
                if row["respondent"] not in quoted and same_text not in seen_texts and len(rows) < limit:
                    quoted.add(row["respondent"])
                    seen_texts.add(same_text)
                    rows.append({name: row[name] for name in ("redacted", "sentiment", "answered_at")})
        result[theme] = rows
    if allowed:
        which = {"theme": themes[0]} if len(themes) == 1 else {"themes": allowed}
        audit.record(db, principal.username, "free_text_viewed", filters.municipality, **which,
                     shown=sum(len(rows) for rows in result.values()), filters=filters.describe())
    return result


def emerging_themes(db: sqlite_utils.Database, principal: Principal | None, filters: Filters, k: int,
                    version: str = STORED_VERSION) -> list[dict]:
    """Topics in the comments that no theme covers yet: rows of size, terms, examples (redacted).

    Only for an analyst (or admin) of the municipality. One comment per respondent
    goes in, so a topic's size counts people (shown perturbed) and its examples
    quote each child at most once; a topic needs at least k respondents (native and
    each import batch apart); terms that look like personal data are dropped; the
    view is audited.
    """
    from analysis.discover import discover_themes
    from analysis.personal_data import redact

    _quotable(db, principal, filters, k)
    texts = q.unthemed_texts(db, filters, version)
    by_id = {t["id"]: t for t in texts}
    clusters = discover_themes([{"id": t["id"], "text": t["text"]} for t in texts],
                               min_size=privacy.min_group_size(k), only_unthemed=False,
                               embedding_cache=StoredVectors(db))
    rows = []
    for cluster in clusters:
        people = sum((Tally.of(1, by_id[i]["key"], by_id[i]["batch"]) for i in cluster["ids"]), privacy.ZERO)
        if _may_quote(people, k):
            rows.append({"size": privacy.safe_count(people, k), "terms": [w for w in cluster["terms"] if redact(w).text == w],
                         "examples": cluster["examples"]})
    audit.record(db, principal.username, "free_text_viewed", filters.municipality, view="emerging_themes",
                 shown=len(rows), filters=filters.describe())
    return rows
