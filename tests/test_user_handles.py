"""Social-media and game user names are personal data: replaced with [ANVÄNDARNAMN]."""

import pytest

from analysis.personal_data import PLACEHOLDERS, redact

CASES = [
    ("skriv till mig på insta @noah_2011", "skriv till mig på insta [ANVÄNDARNAMN]"),
    ("min snap: elin.k", "min snap: [ANVÄNDARNAMN]"),
    ("adda mig på snap wilma123", "adda mig på snap [ANVÄNDARNAMN]"),
    ("tiktok är leo_the_king", "tiktok är [ANVÄNDARNAMN]"),
    ("discord: svampbob#4321", "discord: [ANVÄNDARNAMN]"),
    ("Följ @fotbollsmamman", "Följ [ANVÄNDARNAMN]"),
    ("mitt användarnamn på roblox är ninja_ella", "mitt användarnamn på roblox är [ANVÄNDARNAMN]"),
    ("Add me on Instagram: jonte.p", "Add me on Instagram: [ANVÄNDARNAMN]"),
    ("skriv till hamza2010 på kik", "skriv till [ANVÄNDARNAMN] på kik"),
    # a platform named a few words before the user name
    ("leta upp mig på insta som tindra.sverige", "leta upp mig på insta som [ANVÄNDARNAMN]"),
    ("mitt snapchat-namn är moa.lind", "mitt snapchat-namn är [ANVÄNDARNAMN]"),
    ("on discord i'm called wolfie#0042", "on discord i'm called [ANVÄNDARNAMN]"),
    # a given name with a dot, platform or not
    ("adda mig: yusuf.a", "adda mig: [ANVÄNDARNAMN]"),
    ("snappa mig på alva.h", "snappa mig på [ANVÄNDARNAMN]"),
]

KEPT = [
    "snap är roligare än insta",
    "jag spelar fortnite med kompisar",
    "Vi möts kl 15.30 på fritids",
    "jag är 12 år och går i sexan",
    "vi såg klipp på youtube om t.ex. hundar",
    "jag spelar fortnite kl 18.30 varje dag",
    "tiktok till kl. 22 sen sover jag",
    "discord med 5 kompisar varje kväll",
]


@pytest.mark.parametrize("text, expected", CASES)
def test_user_names_are_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_talk_about_apps_is_kept(text):
    assert redact(text).text == text


def test_the_placeholder_is_listed():
    assert PLACEHOLDERS["HANDLE"] == "[ANVÄNDARNAMN]"
    assert [e.kind for e in redact("insta @noah_2011").entities] == ["HANDLE"]
