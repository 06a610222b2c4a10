"""Every answering screen in Arabic, Persian, Somali, Tigrinya and Ukrainian, in Chromium on a tablet and a phone.

Right to left for Arabic and Persian: the direction, the back/next arrows and their places, the progress
bar filling from the right, phone numbers and a Swedish name kept whole inside the text. For every
language: the script has a font (no empty boxes), no text is cut off and nothing runs off the side.
Screenshots of every screen go to artifacts/screenshots/lang-<language>-<device>-<nn>-<screen>.png.
"""

from __future__ import annotations

import pytest

from barnrosten.answering.sessions import create_session
from barnrosten.answering.survey_store import latest_version_id
from barnrosten.i18n import t
from barnrosten.languages import direction
from barnrosten.storage.db import open_db
from tests.e2e.conftest import ARTIFACTS, PHONE, TABLET, screenshot
from tests.e2e.tablet import MAIN, wait_ready

# A few letters of each language: with a font, their widths differ; as empty boxes they are all alike.
SAMPLE_LETTERS = {"ar": "بتثجحخسشصضعغ", "fa": "پچژگکیبتسشعغ", "so": "abcdefghijkl", "ti": "ሰላምጽቡቕእዩኣደይ",
                  "uk": "ґєіїжщюяфцшб"}


@pytest.fixture
def guardian_session(app_db_path):
    db = open_db(app_db_path)
    create_session(db, "bjorkdala", latest_version_id(db, "vardnadshavare"), code="VUX367")
    db.conn.close()


def tap_key(page, key_part: str) -> None:
    """A tap that stays on the screen (a face, an option)."""
    page.locator(f"{MAIN} [class*='st-key-{key_part}'] button").first.tap()
    wait_ready(page)


def tap_to_next_screen(page, key_part: str) -> None:
    """A tap that leads to another screen: wait until that screen is drawn (a busy machine is slow)."""
    shown = page.locator(".br-screen").first.get_attribute("data-screen")
    page.locator(f"{MAIN} [class*='st-key-{key_part}'] button").first.tap()
    page.wait_for_function(
        "old => { const m = document.querySelector('.br-screen'); return m && m.dataset.screen !== old; }",
        arg=shown, timeout=20_000)
    wait_ready(page)


def layout_problems(page, width: int) -> list[str]:
    """Text cut off in a button or a heading, or anything wider than the screen."""
    return page.evaluate(
        """(width) => {
          const problems = [];
          const main = document.querySelector('[data-testid="stMain"]');
          if (document.documentElement.scrollWidth > width + 1) problems.push('page wider than the screen');
          for (const el of main.querySelectorAll('button, h1, h2, h3, p, [data-testid="stProgress"]')) {
            const box = el.getBoundingClientRect();
            if (!box.width) continue;
            if (box.left < -1 || box.right > width + 1) problems.push('off the side: ' + el.innerText.slice(0, 40));
            if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'visible')
              problems.push('cut off: ' + el.innerText.slice(0, 40));
          }
          return problems;
        }""",
        width,
    )


def glyph_widths(page, letters: str) -> set[int]:
    """The drawn width of each letter in the page's own font (an empty box has one width for all)."""
    return set(page.evaluate(
        """(letters) => {
          const main = document.querySelector('[data-testid="stMain"]');
          const span = document.createElement('span');
          span.style.cssText = 'position:absolute;visibility:hidden;font-size:40px;white-space:pre';
          main.appendChild(span);
          const widths = [...letters].map(ch => { span.textContent = ch; return Math.round(span.getBoundingClientRect().width * 10); });
          span.remove();
          return widths;
        }""",
        letters,
    ))


def reads_left_to_right(page, container: str, pieces: list[str]) -> bool | None:
    """Whether `pieces` (consecutive parts of one number or name) are drawn left to right on screen.

    The pieces may be joined by any space (a no-break one too) and a hyphen followed by a word joiner."""
    return page.evaluate(
        """([selector, pieces]) => {
          const escape = p => p.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&').replace(/-/g, '-\\u2060?');
          const pattern = new RegExp(pieces.map(p => '(' + escape(p) + ')').join('\\\\s+'));
          const root = document.querySelector(selector);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const match = pattern.exec(node.textContent);
            if (!match) continue;
            let offset = match.index, xs = [];
            for (let i = 1; i <= pieces.length; i++) {
              offset = node.textContent.indexOf(match[i], offset);
              const range = document.createRange();
              range.setStart(node, offset); range.setEnd(node, offset + match[i].length);
              const rects = range.getClientRects();
              xs.push([rects[0].left, rects[0].top]);
              offset += match[i].length;
            }
            // One line, and each piece to the right of the one before.
            return xs.every((p, i) => i === 0 || (p[0] > xs[i - 1][0] && Math.abs(p[1] - xs[i - 1][1]) < 2));
          }
          return null;
        }""",
        [container, pieces],
    )


def check_direction(page, language: str) -> None:
    rtl = direction(language) == "rtl"
    state = page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
                   return [document.documentElement.lang, m.getAttribute('dir'), getComputedStyle(m).direction]; }""")
    assert state == [language, "rtl" if rtl else "ltr", "rtl" if rtl else "ltr"], state


def check_screen(page, language: str, device: str, width: int, number: int, name: str) -> None:
    wait_ready(page)
    screenshot(page, f"lang-{language}-{device}-{number:02d}-{name}")  # first, so a failure can be looked at
    check_direction(page, language)
    assert layout_problems(page, width) == [], name


def check_back_and_next(page, language: str) -> None:
    """Back sits where reading starts and points there; next sits where reading goes and points on."""
    back = page.locator(f"{MAIN} [class*='st-key-back_'] button").first
    forward = page.locator(f"{MAIN} [class*='st-key-next_'] button").first
    back_box, forward_box = back.bounding_box(), forward.bounding_box()
    back_text, forward_text = back.inner_text(), forward.inner_text()
    if direction(language) == "rtl":
        assert back_box["x"] > forward_box["x"], "back must be on the right in right-to-left"
        assert "→" in back_text and "←" in forward_text, (back_text, forward_text)
    else:
        assert back_box["x"] < forward_box["x"]
        assert "←" in back_text and "→" in forward_text, (back_text, forward_text)
    assert abs(back_box["y"] - forward_box["y"]) < 2  # side by side, on the phone too


def check_progress(page, language: str, position: int, total: int) -> None:
    """The bar fills from where reading starts, and says 'question 1 of 8' in the language, digits whole."""
    bar = page.locator(f"{MAIN} [data-testid='stProgress']").first
    label = t("question.progress", language, position=position, total=total)
    assert label in bar.inner_text()
    track, fill = page.evaluate(
        """() => { const track = document.querySelector('[data-testid="stMain"] [data-testid="stProgressBarTrack"]');
                   const t = track.getBoundingClientRect(), f = track.firstElementChild.getBoundingClientRect();
                   const left = Math.max(t.left, f.left), right = Math.min(t.right, f.right);  // the part shown
                   return [{x: t.left, width: t.width}, {x: left, width: Math.max(0, right - left)}]; }""")
    assert fill and fill["width"] < track["width"], (fill, track)
    if direction(language) == "rtl":
        assert abs((fill["x"] + fill["width"]) - (track["x"] + track["width"])) < 2, "fills from the right"
    else:
        assert abs(fill["x"] - track["x"]) < 2, "fills from the left"


def walk_children_survey(page, url: str, language: str, device: str, width: int) -> int:
    """Every answering screen of the children's survey, each checked; returns how many screens were checked."""
    page.goto(f"{url}/?code=HEJ347&lang={language}")
    n = 1
    check_screen(page, language, device, width, n, "welcome")
    # The help box: BRIS's number reads left to right inside right-to-left text too.
    assert reads_left_to_right(page, f"{MAIN} [data-testid='stAlert']", ["116", "111"]), "116 111 drawn backwards"
    assert len(glyph_widths(page, SAMPLE_LETTERS[language])) > 3, f"{language}: letters drawn as empty boxes"
    tap_to_next_screen(page, "start")
    n += 1
    check_screen(page, language, device, width, n, "profile")
    tap_to_next_screen(page, "profile_next")
    # lyssnad (faces): the saddest face brings the follow-up.
    n += 1
    check_progress(page, language, 1, 8)
    check_back_and_next(page, language)
    check_screen(page, language, device, width, n, "faces")
    tap_key(page, "face_")
    n += 1
    check_screen(page, language, device, width, n, "faces-chosen")
    tap_to_next_screen(page, "next_")
    # lyssnad_battre (text): a Swedish name inside the child's own words.
    page.locator(f"{MAIN} textarea").fill(f"{t('yes_no.no', language)} Anna Lindqvist 2024")
    n += 1
    check_screen(page, language, device, width, n, "text")
    tap_to_next_screen(page, "next_")
    for name in ("faces-2", "faces-3", "yes-no", "yes-no-2", "multi", "text-2"):
        n += 1
        check_back_and_next(page, language)
        check_screen(page, language, device, width, n, name)
        if name == "multi":
            tap_key(page, "choice_")
            n += 1
            check_screen(page, language, device, width, n, "multi-chosen")
        tap_to_next_screen(page, "next_")
    n += 1
    assert page.locator(f"{MAIN} h2").first.inner_text() == t("answered_with.question", language)
    check_screen(page, language, device, width, n, "answered-with")
    tap_to_next_screen(page, "next_")
    n += 1
    assert t("finish.heading", language) in page.locator(f"{MAIN} h1").first.inner_text()
    check_screen(page, language, device, width, n, "finish")
    return n


@pytest.mark.parametrize("language", ["ar", "fa", "so", "ti", "uk"])
@pytest.mark.parametrize("device", ["tablet", "phone"])
def test_every_answering_screen_in_each_language(app_server, browser, language, device):
    size = TABLET if device == "tablet" else PHONE
    context = browser.new_context(viewport=size, has_touch=True, is_mobile=True, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        checked = walk_children_survey(page, app_server.url, language, device, size["width"])
        # welcome, profile, faces (+chosen), text, six more questions (+ multi chosen), who helped, finish
        assert checked == 14
        assert page.locator("html").get_attribute("lang") == language or \
            page.locator(f"[lang='{language}']").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_guardians_support_lines_keep_numbers_and_the_swedish_name_whole_in_rtl(guardian_session, app_server, browser,
                                                                               language):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/?code=VUX367&lang={language}")
        check_screen(page, language, "phone", PHONE["width"], 1, "guardian-welcome")
        alert = f"{MAIN} [data-testid='stAlert']"
        page.locator(alert).first.scroll_into_view_if_needed()
        page.locator(alert).first.screenshot(path=str(ARTIFACTS / f"lang-{language}-phone-02-guardian-help.png"))
        assert "Björkdala kommun (demo)" in page.locator(alert).first.inner_text().replace("\u00a0", " ")
        for pieces in (["020-85", "20", "00"], ["077-150", "50", "50"], ["Björkdala", "kommun", "(demo)"]):
            assert reads_left_to_right(page, alert, pieces), f"{' '.join(pieces)} drawn out of order"
    finally:
        context.close()
