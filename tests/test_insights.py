"""Dashboard figures: right numbers, access checked in the data layer, nothing about fewer than k."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from barnrosten.access.roles import Principal
from barnrosten.results import insights
from barnrosten.results.filters import Filters
from tests.responses_builder import annotate, municipalities_with_sessions, respond
from tests.shown_figures import count_near, index_near, share_near

K = 5
ANALYST_A = Principal(1, "anna", frozenset({("analyst", "alby")}))
ANALYST_B = Principal(2, "bo", frozenset({("analyst", "berga")}))
NETWORK = Principal(3, "nils", frozenset({("network_viewer", None)}))
ADMIN = Principal(4, "admin", frozenset({("admin", None)}))
FACILITATOR_A = Principal(5, "fia", frozenset({("facilitator", "alby")}))
PERIOD = dict(start="2026-06", end="2026-11")


@pytest.fixture
def data(db, version_ids):
    """alby this period: 13 happy girls (7 comments on continuity, one naming a person), 5 sad boys who
    did not finish, 3 happy children of gender "other"; 6 sad children the period before.
    berga: 10 children; cedra: 6 children."""
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(12):
        respond(db, sessions["alby"], faces=5, gender="girl",
                text="Jag vill ha samma socialsekreterare hela tiden" if i < 6 else None)
    for _ in range(5):
        respond(db, sessions["alby"], faces=1, yes="no", gender="boy", complete=False)
    for _ in range(3):
        respond(db, sessions["alby"], faces=5, gender="other")
    respond(db, sessions["alby"], faces=5, text="Anna Svensson på soc byter hela tiden, jag får aldrig samma")
    for _ in range(6):
        respond(db, sessions["alby"], faces=2, when=datetime(2026, 3, 10, tzinfo=timezone.utc))
    for _ in range(10):
        respond(db, sessions["berga"], faces=3)
    for _ in range(6):
        respond(db, sessions["cedra"], faces=4)
    annotate(db)
    return sessions


def test_key_figures_and_change(db, data):
    overview = insights.overview(db, ANALYST_A, Filters(municipality="alby", **PERIOD), K)
    # Shown perturbed (the cell key method): near the truth, never below k.
    assert count_near(overview.respondents.value, 21) and count_near(overview.respondents.previous, 6)
    assert overview.respondents.change == overview.respondents.value - overview.respondents.previous
    assert share_near(overview.completion.value, 16, 21)
    # "lyssnad" is the children's listened-to question: 16 happy of 21; none of 6 the period before.
    assert index_near(overview.listened_to.value, 16, 21)
    assert overview.listened_to.previous == 0.0  # nobody: a true zero stays zero
    lyssnad = next(q for q in overview.questions if q["question_id"] == "lyssnad")
    assert count_near(lyssnad["answered"], 21) and share_near(lyssnad["share"], 16, 21)
    # The same group is the same cell: the same value every time, in every view.
    assert insights.overview(db, ANALYST_A, Filters(municipality="alby", **PERIOD), K) == overview
    assert lyssnad["answered"] == overview.respondents.value  # all 21 answered it: the same respondents


def test_small_groups_are_hidden(db, data):
    split = insights.breakdown(db, ANALYST_A, Filters(municipality="alby", **PERIOD), K)
    assert split["table"].row_totals["other"] is None  # 3 children
    assert split["by_gender"]["other"] is None
    assert split["by_gender"]["girl"] == pytest.approx(100.0)
    assert split["by_gender"]["boy"] == 0.0
    # A selection of 3 shows no figure at all.
    few = insights.overview(db, ANALYST_A, Filters(municipality="alby", gender="other", **PERIOD), K)
    assert few.respondents.value is None and few.completion.value is None and few.listened_to.value is None
    assert all(q["share"] is None and q["answered"] is None for q in few.questions)


@pytest.mark.parametrize("principal, municipality", [
    (ANALYST_A, "berga"), (ANALYST_B, "alby"), (NETWORK, "alby"), (FACILITATOR_A, "alby"), (None, "alby"),
    (ANALYST_A, None), (FACILITATOR_A, None), (None, None),
])
def test_access_is_checked_in_the_data_layer(db, data, principal, municipality):
    filters = Filters(municipality=municipality, **PERIOD)
    for call in (insights.overview, insights.themes, insights.over_time, insights.theme_trend, insights.breakdown):
        with pytest.raises(PermissionError):
            call(db, principal, filters, K)
    with pytest.raises(PermissionError):
        insights.quotes(db, principal, filters, "continuity", K)


def test_network_viewer_sees_aggregates_but_never_free_text(db, data):
    whole = Filters(**PERIOD)
    assert count_near(insights.overview(db, NETWORK, whole, K).respondents.value, 21 + 10 + 6)
    assert any(r["theme"] == "continuity" for r in insights.themes(db, NETWORK, whole, K))
    with pytest.raises(PermissionError):
        insights.quotes(db, NETWORK, whole, "continuity", K)


def test_network_comparison_names_nobody_and_needs_three_peers(db, data):
    result = insights.network(db, ANALYST_A, Filters(municipality="alby", **PERIOD), K)
    own = insights.overview(db, ANALYST_A, Filters(municipality="alby", **PERIOD), K).respondents.value
    assert count_near(result["respondents"]["own"], 21) and result["respondents"]["own"] == own
    # Only two other municipalities: too few for a median that could not be traced back.
    assert result["respondents"]["others"] is None
    assert "berga" not in repr(result) and "cedra" not in repr(result)


def test_quotes_are_redacted_audited_and_only_from_groups_of_k(db, data):
    filters = Filters(municipality="alby", **PERIOD)
    rows = insights.quotes(db, ANALYST_A, filters, "continuity", K)
    assert len(rows) == 2  # six children wrote the same words: quoted once, beside the seventh's own
    assert any("[NAMN]" in r["redacted"] for r in rows)
    assert not any("Anna Svensson" in r["redacted"] for r in rows)
    logged = list(db.query("SELECT actor, action, target FROM audit_log WHERE action = 'free_text_viewed'"))
    assert logged == [{"actor": "anna", "action": "free_text_viewed", "target": "alby"}]
    # The boys wrote nothing: fewer than k comments, so no quotes, and nothing logged.
    assert insights.quotes(db, ANALYST_A, Filters(municipality="alby", gender="boy", **PERIOD), "continuity", K) == []
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0] == 1


def test_flagged_comments_never_appear_as_quotes(db, data):
    for _ in range(5):
        respond(db, data["alby"], text="Pappa slår mig och jag byter socialsekreterare hela tiden")
    annotate(db)
    rows = insights.quotes(db, ANALYST_A, Filters(municipality="alby", **PERIOD), "continuity", K, limit=50)
    assert rows and not any("slår" in r["redacted"] for r in rows)


def test_every_count_shown_is_zero_or_at_least_k(db, data):
    filters = Filters(municipality="alby", **PERIOD)
    counts = []
    overview = insights.overview(db, ANALYST_A, filters, K)
    counts += [overview.respondents.value] + [q["answered"] for q in overview.questions]
    for row in insights.themes(db, ANALYST_A, filters, K):
        counts += [row["comments"], row["previous"], *(row[s] for s in insights.SENTIMENTS)]
    counts += [r["comments"] for r in insights.theme_trend(db, ANALYST_A, filters, K)]
    counts += [r["respondents"] for r in insights.over_time(db, ANALYST_A, filters, K, "quarter")]
    table = insights.breakdown(db, ANALYST_A, filters, K)["table"]
    counts += [*table.cells.values(), *table.row_totals.values(), *table.column_totals.values(), table.total]
    shown = [n for n in counts if n is not None]
    assert shown and all(n == 0 or n >= K for n in shown)


def test_k_is_configurable_but_never_below_three(db, data):
    filters = Filters(municipality="alby", gender="other", **PERIOD)
    assert insights.overview(db, ANALYST_A, filters, 3).respondents.value == 3
    assert insights.overview(db, ANALYST_A, filters, 1).respondents.value == 3  # k=1 is raised to 3
    assert insights.overview(db, ANALYST_A, Filters(municipality="alby", **PERIOD), 25).respondents.value is None


def test_quarters_sum_the_months_before_hiding(db, data):
    rows = insights.over_time(db, ANALYST_A, Filters(municipality="alby", start="2026-01", end="2026-12"), K, "quarter")
    assert [r["period"] for r in rows] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    shown = {r["period"]: r["respondents"] for r in rows}
    assert count_near(shown["2026-Q1"], 6) and count_near(shown["2026-Q4"], 21)
    assert shown["2026-Q2"] == shown["2026-Q3"] == 0


BUS_CARD = ["Busskortet räcker inte hela månaden", "Mitt busskort tar slut innan månaden är slut",
            "Busskortet borde räcka längre", "Jag har inget busskort kvar i slutet av månaden",
            "Busskortet tar slut för tidigt", "Kan busskortet räcka hela månaden?"]


def test_emerging_topics_need_k_comments_and_an_analyst(db, data):
    for text in BUS_CARD:
        respond(db, data["alby"], text=text)
    annotate(db)
    filters = Filters(municipality="alby", **PERIOD)
    topics = insights.emerging_themes(db, ANALYST_A, filters, K)
    assert topics and topics[0]["size"] >= K
    assert any("busskort" in term.lower() for term in topics[0]["terms"])
    assert insights.emerging_themes(db, ANALYST_A, filters, 10) == []  # 6 comments: under k=10, nothing
    for principal in (ANALYST_B, NETWORK, FACILITATOR_A):
        with pytest.raises(PermissionError):
            insights.emerging_themes(db, principal, filters, K)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%emerging_themes%'").fetchone()[0] == 2
