"""Comments in the five families' languages are recognised, long and short (analysis/language.py, py3langid).

Our own short examples, written the way children and parents text: no punctuation, short words.
"""

import pytest

from analysis.language import detect_language

EXAMPLES = {
    "ar": ["الأخصائية الاجتماعية لم تستمع لي أبدا", "شكرا جزيلا", "جيد", "لا أحد يسمعني",
           "كانت لطيفة معي لكن الاجتماع كان طويل", "ما فهمت شو رح يصير"],
    "fa": ["مددکار اجتماعی هیچ وقت به حرف من گوش نداد", "خیلی خوب بود", "کسی به حرفم گوش نمی‌دهد",
           "مرسی", "جلسه‌ها همیشه وقت مدرسه است"],
    "so": ["Shaqaalaha bulshadu way i dhageysteen aad baan ugu faraxsanahay", "Waan ku faraxsanahay caawimaadda",
           "ma fahmin waxa dhacaya", "Qofna ima dhegaysto", "kulamada waxay ahaayeen kuwo dhaadheer"],
    "ti": ["ሰራሕተኛታት ማሕበራዊ ኣገልግሎት ኣይሰምዑንን እዮም", "ጽቡቕ እዩ", "የቐንየልና", "ኣደይ ትሕግዘኒ",
           "ኣብ ቤት ትምህርቲ ጽቡቕ ኣሎኹ"],
    "uk": ["Соціальна працівниця мене не слухала", "Дякую", "добре", "Ніхто мене не слухає",
           "все було добре але зустрічі завжди під час уроків"],
}


@pytest.mark.parametrize("language, text", [(lang, text) for lang, texts in EXAMPLES.items() for text in texts])
def test_the_families_languages_are_recognised(language, text):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["ok", "Vet ej", "kass", "Hon lyssnade på mig och det var bra",
                                  "Hon lyssnade pa mig och det var bra"])
def test_swedish_stays_swedish(text):
    assert detect_language(text) == "sv"


def test_a_swedish_name_inside_another_script_does_not_make_it_swedish():
    assert detect_language("أنا أحب Anna كثيرا لأنها تسمعني") == "ar"
    assert detect_language("Anna мене завжди слухає") == "uk"


def test_russian_is_not_taken_for_ukrainian():
    assert detect_language("Социальный работник меня никогда не слушал") == "ru"
