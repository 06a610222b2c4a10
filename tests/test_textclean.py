import pytest

from barnrosten.textclean import clean_free_text


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("Bra möte", "Bra möte"),
        ("e\u0301n", "én"),  # decomposed -> composed (NFC)
        ("rad ett\r\nrad två\rrad tre", "rad ett\nrad två\nrad tre"),
        ("nul\x00 bell\x07 esc\x1b[31m", "nul bell esc[31m"),
        ("\u202eevil\u202c text", "evil text"),  # right-to-left override removed
        ("👨‍👩‍👧 familj", "👨‍👩‍👧 familj"),  # zero-width joiner kept inside emoji
        ("می‌خواهم", "می‌خواهم"),  # Persian zero-width non-joiner kept
        ("   ", ""),
        (None, ""),
        ("<b>fet</b> & <script>", "<b>fet</b> & <script>"),  # markup is data, kept as written
    ],
)
def test_clean_free_text(raw, cleaned):
    assert clean_free_text(raw, 500) == cleaned


def test_length_limit_counts_characters_not_bytes():
    assert clean_free_text("ö" * 600, 500) == "ö" * 500


def test_100_kb_input_is_handled():
    assert len(clean_free_text("a" * 100_000, 2000)) == 2000
