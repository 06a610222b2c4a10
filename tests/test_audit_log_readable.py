"""The audit log as staff read it: events in words, details without JSON, Swedish time (issue 12)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts, audit
from barnrosten.formatting import local_time
from barnrosten.i18n import load_locale
from tests.apptest_helpers import ROOT

PASSWORD = "en lång och bra lösenfras"
# Event names written through a variable (barnrosten/workshops/facilitation.py).
DYNAMIC_EVENTS = {"card_shown", "card_hidden", "workshop_moved", "workshop_paused", "workshop_resumed",
                  "workshop_locked", "workshop_unlocked", "workshop_ended", "workshop_notes"}


def events_in_the_code() -> set[str]:
    names = set(DYNAMIC_EVENTS)
    for path in [*(ROOT / "barnrosten").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "manage.py"]:
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'audit\.record\(\s*\w+,\s*[^,]+,\s*"([a-z_]+)"', text))
        names |= set(re.findall(r'_update\(db, principal, workshop_id, "([a-z_]+)"', text))
    return names


def test_every_event_the_code_writes_has_words_in_swedish_and_english():
    names = events_in_the_code()
    assert {"login", "import", "export", "free_text_viewed", "workshop_paused"} <= names
    for language in ("sv", "en"):
        texts = load_locale(language)
        missing = sorted(name for name in names if not texts.get(f"audit.action_{name}"))
        assert not missing, (language, missing)


def test_details_read_as_words_not_json():
    row = {"at": "2026-07-01T10:00:00+00:00", "actor": "anna", "target": "alby", "action": "import",
           "details": '{"source": "svar.csv", "rows": 5, "rejected": 2, "session": 3, "batch": 1}'}
    shown = audit.readable(row, "sv")
    assert shown["action"] == "Import av svar" and shown["at"] == "2026-07-01 12:00:00"
    assert shown["details"] == "Fil: svar.csv · Rader: 5 · Rader med fel: 2 · Session: 3 · Import nr: 1"
    roles = audit.readable({**row, "action": "user_created", "details": '{"roles": [["analyst", "alby"], ["admin", null]]}'},
                           "en")
    assert roles["action"] == "User created" and roles["details"] == "Roles: analyst:alby, admin"
    unknown = audit.readable({**row, "action": "brand_new_event", "details": '{"odd_key": [1, 2]}'}, "sv")
    assert unknown["action"] == "brand_new_event" and unknown["details"] == "odd_key: 1, 2"  # never hidden


def test_the_audit_page_shows_events_in_words_and_swedish_time(config, db):
    accounts.create_user(db, "admin", PASSWORD, roles=[("admin", None)], actor="manage.py")
    audit.record(db, "anna", "import", "bjorkdala", source="svar.csv", rows=5, rejected=0, session=1, batch=1)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, "admin", PASSWORD))
    at.run()
    at.switch_page("pages/audit_log.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert {"Inloggning", "Användare skapad", "Import av svar"} <= set(table["Händelse"])
    assert not any(detail.startswith("{") for detail in table["Detaljer"])
    assert "Fil: svar.csv · Rader: 5 · Rader med fel: 0 · Session: 1 · Import nr: 1" in set(table["Detaljer"])
    stored = [row["at"] for row in db.query("SELECT at FROM audit_log ORDER BY id DESC")]
    assert list(table["Tid"]) == [local_time(moment, seconds=True) for moment in stored][:len(table)]
    assert "svensk tid" in " ".join(c.value for c in at.caption)
