"""A gender or age band nobody gave reads 'Inte angivet' in every table head and cell, as in the charts (issue 12)."""

from __future__ import annotations

from tests.responses_builder import municipalities_with_sessions, respond
from tests.test_dashboard_apptest import PASSWORD, accounts, dashboard


def test_no_column_or_row_says_unknown(config, db, version_ids):
    sessions = municipalities_with_sessions(db, version_ids)
    for i in range(12):
        respond(db, sessions["alby"], faces=5, gender=None if i < 6 else "girl", age_band=None if i < 6 else "10-12")
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "alby")])
    at = dashboard(db, "anna", flik="Kön och ålder")
    assert not at.exception
    words = set()
    for table in at.dataframe:
        words |= {str(c) for c in table.value.columns}
        words |= {str(v) for row in table.value.to_dict("records") for v in row.values()}
    assert "Inte angivet" in words
    assert not {w for w in words if "unknown" in w.lower()}
