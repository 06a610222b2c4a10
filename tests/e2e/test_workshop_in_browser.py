"""A workshop in Chromium: one facilitator and three participants in their own browsers."""

from __future__ import annotations

from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from barnrosten.workshops import facilitation
from tests.e2e.conftest import TABLET, screenshot
from tests.e2e.staff import log_in, open_workshop
from tests.e2e.tablet import MAIN, wait_ready
from tests.shown_figures import count_near

PASSWORD = "en lång och bra lösenfras"
IDEAS = ["Fler möten efter skolan", "Samma socialsekreterare hela tiden", "Ring tillbaka samma dag"]
# Typed by the first participant as well: shown literally on the wall, nothing runs.
HOSTILE_CARD = '<img src=x onerror="alert(1)"> [klicka](javascript:alert(3)) :red[**röd**] :material/home:'


def test_participants_follow_the_facilitator_and_the_wall_counts_votes(app_server, browser):
    db = open_db(app_server.db_path)
    accounts.create_user(db, "fia", PASSWORD, roles=[("facilitator", "bjorkdala")])
    made = facilitation.create_workshop(db, accounts.log_in(db, "fia", PASSWORD), "bjorkdala", title="Unga i Björkdala",
                                        audience="youth", activities=[{"kind": "ideas"}, {"kind": "voting"}],
                                        dots_per_person=2)
    db.conn.close()

    lead_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
    lead = lead_context.new_page()
    lead.set_default_timeout(20_000)
    log_in(lead, app_server.url, "fia", PASSWORD)
    open_workshop(lead, "Unga i Björkdala")
    expect(lead.locator(MAIN).get_by_text(made["code"], exact=True)).to_be_visible()

    children, dialogs = [], []
    for number, idea in enumerate(IDEAS):
        context = browser.new_context(viewport=TABLET, has_touch=True, is_mobile=True, locale="sv-SE")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{app_server.url}/workshop?kod={made['code']}")
        wait_ready(page)
        page.keyboard.press("Escape")
        page.locator(MAIN).get_by_role("button", name="Gå vidare").tap()
        wait_ready(page)
        expect(page.locator(MAIN).get_by_role("heading", name="Hur skulle det kunna bli bättre?")).to_be_visible()
        page.locator(MAIN).get_by_label("Skriv en idé").fill(idea)
        page.locator(MAIN).get_by_role("button", name="Skicka idén").tap()
        wait_ready(page)
        if number == 0:
            page.locator(MAIN).get_by_label("Skriv en idé").fill(HOSTILE_CARD)
            page.locator(MAIN).get_by_role("button", name="Skicka idén").tap()
            wait_ready(page)
            screenshot(page, "30-workshop-participant-idea")
        children.append(page)

    # The projected wall refreshes by itself: every card appears without touching the facilitator's screen.
    for idea in IDEAS:
        expect(lead.locator(MAIN).get_by_text(idea)).to_be_visible(timeout=15_000)
    expect(lead.locator(MAIN).get_by_text("onerror", exact=False)).to_be_visible(timeout=15_000)
    wall_text = lead.locator(MAIN).inner_text().replace("\u2060", "")
    assert HOSTILE_CARD in wall_text
    assert lead.locator(f"{MAIN} img[src='x']").count() == 0
    card = lead.locator(f"{MAIN} [data-testid='stMarkdownContainer']").filter(has_text="onerror")
    assert card.count() >= 1 and card.locator("[data-testid='stIconMaterial']").count() == 0
    screenshot(lead, "31-workshop-wall")

    lead.get_by_role("button", name="Nästa →").click()
    wait_ready(lead)
    for page in children:  # every screen in the room moves on by itself
        expect(page.locator(MAIN).get_by_text("Du har 2 prickar kvar")).to_be_visible(timeout=15_000)
    for page in children:
        container = page.locator(MAIN).locator("[class*='st-key-ws_vote_card_']").filter(has_text=IDEAS[1])
        for _ in range(3):  # one tap more than the budget
            button = container.get_by_role("button", name="➕")
            if button.is_disabled():
                break
            button.tap()
            wait_ready(page)
        expect(page.locator(MAIN).get_by_text("Du har 0 prickar kvar")).to_be_visible()
    screenshot(children[0], "32-workshop-participant-voting")

    db = open_db(app_server.db_path)
    votes = dict(db.execute("SELECT participant_token, COUNT(*) FROM card_votes GROUP BY participant_token"))
    wall = facilitation.wall(db, made["id"])
    db.conn.close()
    assert sorted(votes.values()) == [2, 2, 2]
    # Six dots, shown perturbed by the voters' record keys (near six, the same on every redraw).
    assert wall[0]["shown_text"] == IDEAS[1] and count_near(wall[0]["votes"], 6, k=1)
    assert any(card["shown_text"] == HOSTILE_CARD for card in wall)
    shown = wall[0]["votes"]
    expect(lead.locator(MAIN).get_by_text(f"{'🔵' * shown} {shown}")).to_be_visible(timeout=15_000)
    screenshot(lead, "33-workshop-wall-votes")
    assert dialogs == []
    for page in children:
        page.context.close()
    lead_context.close()
