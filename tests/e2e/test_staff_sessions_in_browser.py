"""Staff sessions in Chromium: a reload, a new tab and a shared link keep staff logged in; logout, a new
password and the idle time end the session everywhere. The session token is in an HttpOnly cookie
(SameSite=Strict), never in the page's scripts or the address."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from barnrosten.access import accounts
from barnrosten.storage.db import open_db
from tests.e2e import staff
from tests.e2e.conftest import AppServer, free_port, screenshot
from tests.e2e.tablet import MAIN, wait_ready

PASSWORD = "en lång och bra lösenfras"
LAPTOP = {"width": 1280, "height": 800}
COOKIE = "barnrosten_staff"
WAIT = {"timeout": 20_000}  # a shared 2-core machine: a run may take seconds


def with_staff(path) -> None:
    db = open_db(path)
    accounts.create_user(db, "anna", PASSWORD, roles=[("analyst", "bjorkdala")])
    db.conn.close()


def warm(server: AppServer, browser) -> AppServer:
    """One visit first: Streamlit may show its 'Page not found' notice to the very first session of a process."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    wait_ready(page)
    context.close()
    return server


@pytest.fixture
def server(app_db_path, browser):
    with_staff(app_db_path)
    app = AppServer(app_db_path, free_port()).start()
    yield warm(app, browser)
    app.kill()


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP, locale="sv-SE")
    yield context
    context.close()


def new_page(context):
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def session_cookie(context, timeout: float = 15.0) -> dict | None:
    """The staff session cookie once the page has traded its ticket for it (or None after `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c for c in context.cookies() if c["name"] == COOKIE]
        if found:
            return found[0]
        time.sleep(0.2)
    return None


def expect_logged_in(page, heading: str) -> None:
    expect(page.locator(MAIN).get_by_role("heading", name=heading).first).to_be_visible(**WAIT)
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible(**WAIT)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def expect_login_form(page) -> None:
    expect(page.locator(MAIN).get_by_role("heading", name="Logga in")).to_be_visible(**WAIT)
    expect(page.get_by_label("Användarnamn")).to_be_visible(**WAIT)
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0, **WAIT)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def fill_login(page, username: str = "anna", password: str = PASSWORD) -> None:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    wait_ready(page)


def test_a_reload_and_a_new_tab_keep_staff_logged_in(server, laptop):
    page = new_page(laptop)
    staff.log_in(page, server.url, "anna", PASSWORD)
    expect_logged_in(page, "Översikt")
    cookie = session_cookie(laptop)
    assert cookie is not None, "the page never traded its ticket for the session cookie"
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["expires"] == -1  # a browser-session cookie
    assert COOKIE not in page.evaluate("document.cookie")  # no script on the page can read it
    assert cookie["value"] not in page.url and cookie["value"] not in page.content()

    page.reload()
    wait_ready(page)
    expect_logged_in(page, "Översikt")
    screenshot(page, "staff-session-after-reload")

    tab = new_page(laptop)
    tab.goto(f"{server.url}/trygghet")
    wait_ready(tab)
    expect_logged_in(tab, "Trygghet")


def test_a_shared_link_opens_the_login_and_then_that_view(server, laptop, browser):
    page = new_page(laptop)
    staff.log_in(page, server.url, "anna", PASSWORD)
    page.get_by_role("link", name="Trygghet").click()
    wait_ready(page)
    shared = page.url
    assert "/trygghet" in shared

    colleague = browser.new_context(viewport=LAPTOP, locale="sv-SE")
    try:
        other = new_page(colleague)
        other.goto(shared)
        wait_ready(other)
        expect_login_form(other)
        expect(other.get_by_text("Logga in för att öppna sidan i länken.")).to_be_visible(**WAIT)
        expect(other.get_by_text("Skriv in koden")).to_have_count(0)  # not the children's join screen
        screenshot(other, "staff-session-shared-link")
        fill_login(other)
        expect_logged_in(other, "Trygghet")
        assert other.url.split("?")[0] == shared.split("?")[0]

        dashboard = new_page(colleague)  # logged in now: the dashboard link with its filters opens at once
        dashboard.goto(f"{server.url}/oversikt?per=quarter")
        wait_ready(dashboard)
        expect_logged_in(dashboard, "Översikt")
        assert "per=quarter" in dashboard.url
    finally:
        colleague.close()


def test_a_filtered_dashboard_link_keeps_its_filters_through_the_login(server, laptop):
    page = new_page(laptop)
    page.goto(f"{server.url}/oversikt?per=quarter")
    wait_ready(page)
    expect_login_form(page)
    fill_login(page)
    expect_logged_in(page, "Översikt")
    assert "per=quarter" in page.url


def test_logging_out_in_one_tab_logs_out_the_others(server, laptop):
    first = new_page(laptop)
    staff.log_in(first, server.url, "anna", PASSWORD)
    assert session_cookie(laptop) is not None
    second = new_page(laptop)
    second.goto(f"{server.url}/trygghet")
    wait_ready(second)
    expect_logged_in(second, "Trygghet")

    second.get_by_role("button", name="Logga ut").click()
    wait_ready(second)
    expect(second.get_by_role("button", name="Logga ut")).to_have_count(0, **WAIT)
    deadline = time.monotonic() + 10
    while session_cookie(laptop, timeout=0.1) is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_cookie(laptop, timeout=0.1) is None  # the browser cleared it

    first.get_by_role("link", name="Trygghet").click()  # the next step in the first tab
    wait_ready(first)
    expect_login_form(first)
    first.reload()
    wait_ready(first)
    expect_login_form(first)


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(server, laptop, browser):
    page = new_page(laptop)
    staff.log_in(page, server.url, "anna", PASSWORD)
    assert session_cookie(laptop) is not None
    elsewhere_context = browser.new_context(viewport=LAPTOP, locale="sv-SE")
    try:
        elsewhere = new_page(elsewhere_context)
        staff.log_in(elsewhere, server.url, "anna", PASSWORD)
        assert session_cookie(elsewhere_context) is not None
        old_cookie = session_cookie(laptop)["value"]

        page.get_by_role("link", name="Byt lösenord").click()
        wait_ready(page)
        page.get_by_label("Nuvarande lösenord").fill(PASSWORD)
        page.get_by_label("Nytt lösenord (minst 12 tecken)").fill("ett helt nytt och långt lösen")
        page.get_by_label("Nytt lösenord igen").fill("ett helt nytt och långt lösen")
        page.get_by_role("button", name="Byt lösenord").click()
        wait_ready(page)
        expect(page.locator(MAIN).get_by_text(re.compile("bytt", re.IGNORECASE))).to_be_visible(**WAIT)
        deadline = time.monotonic() + 15
        while session_cookie(laptop)["value"] == old_cookie and time.monotonic() < deadline:
            time.sleep(0.2)
        assert session_cookie(laptop)["value"] != old_cookie  # this browser holds the new session

        page.reload()
        wait_ready(page)
        expect(page.get_by_role("button", name="Logga ut")).to_be_visible(**WAIT)
        elsewhere.reload()
        wait_ready(elsewhere)
        expect_login_form(elsewhere)
    finally:
        elsewhere_context.close()


@pytest.fixture
def short_idle_server(app_db_path, browser):
    """Sessions that end after 15 seconds unused (injected through the configuration)."""
    with_staff(app_db_path)
    app = AppServer(app_db_path, free_port(), {"BARNROSTEN_STAFF_IDLE_MINUTES": "0.25"}).start()
    yield warm(app, browser)
    app.kill()


def test_an_idle_session_ends_and_the_reload_asks_for_the_login(short_idle_server, laptop):
    page = new_page(laptop)
    staff.log_in(page, short_idle_server.url, "anna", PASSWORD)
    assert session_cookie(laptop) is not None
    page.reload()  # used within the idle time: still logged in
    wait_ready(page)
    expect_logged_in(page, "Översikt")
    page.wait_for_timeout(20_000)
    page.reload()
    wait_ready(page)
    expect_login_form(page)
    expect(page.get_by_text("Logga in för att öppna sidan i länken.")).to_be_visible()
