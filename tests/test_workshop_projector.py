"""The projector view and the remote: who may open them, what the room sees, and that the projector follows.

On real SQLite files. `st.fragment(run_every=...)` never fires in AppTest, so the tests call
the functions the fragments call (`projection.room_view`, `room.draw_projector`) and rerun
the page as a fragment tick would.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from barnrosten.access import accounts
from barnrosten.access.roles import Principal
from barnrosten.answering.survey_store import ensure_municipality
from barnrosten.ui.workshops import room
from barnrosten.workshops import facilitation, projection
from barnrosten.workshops import participation as wp
from tests.apptest_helpers import ROOT
from tests.shown_figures import count_near

K = 5
PASSWORD = "en lång och bra lösenfras"
FIA = Principal(1, "fia", frozenset({("facilitator", "bjorkdala")}))
OLLE = Principal(2, "olle", frozenset({("facilitator", "alby")}))
ANNA = Principal(3, "anna", frozenset({("analyst", "bjorkdala")}))
ADMIN = Principal(4, "root", frozenset({("admin", None)}))
HOSTILE = '<img src=x onerror="alert(1)"> </div><script>alert(2)</script> **fet** :red[x]'


@pytest.fixture
def workshop(db, version_ids):
    ensure_municipality(db, "alby", "Alby kommun (demo)", is_demo=True)
    made = facilitation.create_workshop(
        db, FIA, "bjorkdala", title="Unga i Björkdala", audience="youth",
        activities=[{"kind": "ideas"}, {"kind": "voting"}, {"kind": "journey", "settings": {"steps": ["Start", "Slut"]}},
                    {"kind": "themes"}], dots_per_person=3)
    return made


def join(db, code: str, n: int) -> list[str]:
    return [wp.join(db, code).token for _ in range(n)]


# --- Access -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [FIA, ADMIN])
def test_the_workshops_facilitator_and_an_admin_open_it(db, workshop, who):
    assert projection.room_view(db, who, workshop["id"], K)["code"] == workshop["code"]
    assert projection.remote_view(db, who, str(workshop["id"]), K)["held"] == []


@pytest.mark.parametrize("who", [OLLE, ANNA, None])
def test_nobody_else_opens_it(db, workshop, who):
    with pytest.raises(PermissionError):
        projection.room_view(db, who, workshop["id"], K)
    with pytest.raises(PermissionError):
        projection.remote_view(db, who, workshop["id"], K)


@pytest.mark.parametrize("raw", ["999", "abc", "", None, "1; DROP TABLE workshops", "-1"])
def test_an_unknown_or_malformed_id_is_refused_like_a_forbidden_one(db, workshop, raw):
    with pytest.raises(projection.NoAccess):
        projection.workshop_for(db, ADMIN, raw)


# --- What the room sees ---------------------------------------------------------------------------------------------


def test_held_hidden_and_merged_cards_never_reach_the_projector(db, workshop):
    tokens = join(db, workshop["code"], 6)
    keep = wp.post_card(db, tokens[0], "Fler möten efter skolan").card_id
    wp.post_card(db, tokens[1], "Pappa slår mig")  # held for the facilitator
    hidden = wp.post_card(db, tokens[2], "Dumt kort").card_id
    merged = wp.post_card(db, tokens[3], "Möten efter skolan, tack").card_id
    facilitation.moderate(db, FIA, hidden, "hidden")
    facilitation.merge_cards(db, FIA, keep, merged)
    view = projection.room_view(db, FIA, workshop["id"], K)
    assert [c["text"] for c in view["cards"]] == ["Fler möten efter skolan"]
    assert [c["shown_text"] for c in projection.remote_view(db, FIA, workshop["id"], K)["held"]] == ["Pappa slår mig"]


def test_nothing_in_the_view_identifies_a_participant(db, workshop):
    tokens = join(db, workshop["code"], 6)
    for token in tokens:
        wp.post_card(db, token, "Ring mig på 070-123 45 67, jag heter Kalle Svensson")
    view = projection.room_view(db, FIA, workshop["id"], K)
    text = repr(view)
    assert not any(token in text for token in tokens)
    assert "070" not in text and "Kalle" not in text  # redacted, as on the wall
    assert set(view["cards"][0]) == {"text", "votes"}


def test_votes_on_the_projector_are_the_walls_perturbed_counts(db, workshop):
    tokens = join(db, workshop["code"], 8)
    wp.post_card(db, tokens[0], "Samma socialsekreterare")
    wp.post_card(db, tokens[1], "Svara på sms")
    facilitation.next_activity(db, FIA, workshop["id"])
    first = facilitation.wall(db, workshop["id"])[0]["id"]
    for token in tokens[:7]:
        wp.vote(db, token, first)
    view = projection.room_view(db, FIA, workshop["id"], K)
    assert view["kind"] == "voting"
    assert [c["votes"] for c in view["cards"]] == [c["votes"] for c in facilitation.wall(db, workshop["id"])]
    assert count_near(view["cards"][0]["votes"], 7, k=1) and view["cards"][1]["votes"] == 0


def test_one_more_dot_does_not_tell_the_room_which_card_it_went_to(db, workshop):
    """Over many rooms, the card that got the new dot does not always move by exactly one."""
    exact = 0
    for room_number in range(12):
        made = facilitation.create_workshop(db, FIA, "bjorkdala", title=f"Rum {room_number}", audience="youth",
                                            activities=[{"kind": "ideas"}, {"kind": "voting"}])
        tokens = join(db, made["code"], 8)
        wp.post_card(db, tokens[0], "Kort A")
        facilitation.next_activity(db, FIA, made["id"])
        card = facilitation.wall(db, made["id"])[0]["id"]
        for token in tokens[:6]:
            wp.vote(db, token, card)
        before = projection.room_view(db, FIA, made["id"], K)["cards"][0]["votes"]
        wp.vote(db, tokens[6], card)
        after = projection.room_view(db, FIA, made["id"], K)["cards"][0]["votes"]
        exact += after - before == 1
        assert projection.room_view(db, FIA, made["id"], K)["cards"][0]["votes"] == after  # the same on every redraw
    assert exact < 12


def test_the_journey_curve_and_the_room_size_follow_k(db, workshop):
    tokens = join(db, workshop["code"], 4)
    assert projection.room_view(db, FIA, workshop["id"], K)["people"] is None  # four people: not shown
    tokens += join(db, workshop["code"], 3)
    assert count_near(projection.room_view(db, FIA, workshop["id"], K)["people"], 7)
    facilitation.go_to_activity(db, FIA, workshop["id"], 2)
    for token, face in zip(tokens, (4, 5, 3, 4, 4, 5)):
        wp.rate_step(db, token, 0, face)
    for token in tokens[:4]:
        wp.rate_step(db, token, 1, 2)
    curve = projection.room_view(db, FIA, workshop["id"], K)["curve"]
    assert curve[0]["mean"] is not None and 1 <= curve[0]["mean"] <= 5
    assert curve[1]["mean"] is None  # four ratings
    alt = re.search(r'alt="([^"]*)"', room.journey_svg(curve, "sv")).group(1)
    assert "Start: " in alt and "Slut: –" in alt


# --- The screen ---------------------------------------------------------------------------------------------------


def test_participants_words_are_escaped_into_the_grid():
    markup = room.wall_html([{"text": HOSTILE, "votes": 3}], voting=True, lang="sv")
    assert "<img" not in markup and "<script" not in markup and "</div><script" not in markup
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in markup
    assert markup.count('<div class="br-card">') == 1


@pytest.mark.parametrize("cards, shape", [(1, (2, 1)), (4, (2, 2)), (9, (3, 3)), (16, (4, 4)), (20, (5, 4)),
                                          (30, (6, 5)), (40, (8, 5))])
def test_forty_cards_fit_one_screen(cards, shape):
    assert room.grid_shape(cards) == shape
    assert room._lines_per_card(shape[1], voting=True) >= 2  # at 32 px, in 1080 px


def test_no_text_on_the_projector_is_set_below_32_px():
    sizes = [int(px) for px in re.findall(r"font-size: (\d+)px", room._PROJECTOR_CSS)]
    assert sizes and min(sizes) >= 32
    svg_sizes = [int(n) for n in re.findall(r'font-size="(\d+)"', _decoded_svg([{"label": "A", "mean": 3.2}]))]
    assert svg_sizes and min(svg_sizes) >= 32


def _decoded_svg(curve) -> str:
    import base64

    return base64.b64decode(re.search(r"base64,([^\"]+)", room.journey_svg(curve, "sv")).group(1)).decode()


# --- In the app -------------------------------------------------------------------------------------------------------


def staff_app(db, username: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["staff_token"] = accounts.start_session(db, accounts.log_in(db, username, PASSWORD))
    at.run()
    at.query_params.update(query)
    return at.switch_page("pages/workshops.py").run()


def room_markup(at: AppTest) -> str:
    return "\n".join(e.proto.body for e in at.get("html") if 'class="br-room"' in e.proto.body)


@pytest.fixture
def accounts_db(db, workshop):
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    accounts.create_user(db, "olle", PASSWORD, roles=[("facilitator", "alby")])
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala"), ("facilitator", "alby")])
    return db


def test_the_projector_follows_the_remote(config, accounts_db, workshop):
    db = accounts_db
    tokens = join(db, workshop["code"], 6)
    wp.post_card(db, tokens[0], HOSTILE)
    projector = staff_app(db, "fia", workshop=str(workshop["id"]), vy="projektor")
    assert not projector.exception
    shown = room_markup(projector)
    assert workshop["code"] in shown and "data:image/png;base64," in shown  # code and QR
    assert "&lt;img src=x" in shown and "<img src=x" not in shown
    assert "Del 1 av 4: Idévägg" in shown
    assert not projector.main.button and not projector.main.text_input and not projector.main.selectbox  # no controls

    remote = staff_app(db, "fia", workshop=str(workshop["id"]), vy="fjarr")
    assert not remote.exception
    remote.button(key="pjr_next").click().run()
    assert facilitation.get_workshop(db, workshop["id"])["current_position"] == 1
    projector.run()  # what the fragment's next tick shows
    assert "Del 2 av 4: Prickröstning" in room_markup(projector)
    remote.button(key="pjr_pause").click().run()
    projector.run()
    assert "Paus" in room_markup(projector)
    assert remote.button(key="pjr_pause").label == "Fortsätt"


def test_remote_shows_held_cards_and_the_facilitator_decides(config, accounts_db, workshop):
    db = accounts_db
    token = join(db, workshop["code"], 1)[0]
    card = wp.post_card(db, token, "Pappa slår mig").card_id
    remote = staff_app(db, "fia", workshop=str(workshop["id"]), vy="fjarr")
    assert "1 kort väntar på dig" in " ".join(w.value for w in remote.warning)
    remote.button(key=f"pjr_hide_{card}").click().run()
    assert db.execute("SELECT status FROM idea_cards WHERE id = ?", [card]).fetchone()[0] == "hidden"
    assert not remote.warning


@pytest.mark.parametrize("username", ["olle", "anna"])
@pytest.mark.parametrize("view", ["projektor", "fjarr"])
def test_another_municipalitys_facilitator_gets_neither_view(config, accounts_db, workshop, username, view):
    at = staff_app(accounts_db, username, workshop=str(workshop["id"]), vy=view)
    assert not at.exception
    assert "inte samtalsledare" in " ".join(e.value for e in at.error)
    assert workshop["code"] not in room_markup(at)
    assert not [b for b in at.button if b.key and b.key.startswith("pjr_")]


def test_the_same_answer_for_an_unknown_workshop(config, accounts_db, workshop):
    at = staff_app(accounts_db, "fia", workshop="4711", vy="projektor")
    assert "inte samtalsledare" in " ".join(e.value for e in at.error)


def test_opening_a_view_is_audited_once_not_per_redraw(config, accounts_db, workshop):
    db = accounts_db
    projector = staff_app(db, "fia", workshop=str(workshop["id"]), vy="projektor")
    before = db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0]
    assert before == 1
    for _ in range(3):  # the fragment's ticks read; they do not log
        projection.room_view(db, FIA, workshop["id"], K)
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'free_text_viewed'").fetchone()[0] == before
    assert not projector.exception


def test_a_view_left_open_shows_nothing_once_the_session_has_ended(config, accounts_db, workshop):
    db = accounts_db
    projector = staff_app(db, "fia", workshop=str(workshop["id"]), vy="projektor")
    assert workshop["code"] in room_markup(projector)
    accounts.end_session(db, projector.session_state["staff_token"])
    projector.run()  # the next tick
    assert workshop["code"] not in "\n".join(e.proto.body for e in projector.get("html"))
