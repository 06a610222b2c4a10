import pytest

from barnrosten.answering.join_codes import CODE_ALPHABET, CODE_LENGTH, generate_code, is_well_formed, normalize_code


def test_alphabet_has_no_lookalikes():
    for confusable in "0O1IL5S2Z8B":
        assert confusable not in CODE_ALPHABET


def test_generated_codes_are_well_formed_and_varied():
    codes = {generate_code() for _ in range(2000)}
    assert all(len(code) == CODE_LENGTH and is_well_formed(code) for code in codes)
    assert len(codes) > 1990  # 25^6 = 244 million possible codes


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("hej347", "HEJ347"),
        (" HEJ 347 ", "HEJ347"),
        ("hej-347", "HEJ347"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_code(typed, expected):
    assert normalize_code(typed) == expected


@pytest.mark.parametrize("code, ok", [("HEJ347", True), ("HEJ34", False), ("HEJ3470", False), ("HEJ340", False), ("HEJ3I7", False)])
def test_is_well_formed(code, ok):
    assert is_well_formed(code) is ok
