"""The learned safeguarding signal combined with the patterns: flagged when either flags, and why.

The multilingual examples here were written for this test, after the model was trained, and are in
neither the training corpus nor the evaluation sets (checked below).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import safeguarding_model
from analysis.evaluate import DEV_SET, load_labelled
from analysis.safeguarding import assess
from analysis.safeguarding_patterns import CATEGORIES, match_patterns
from analysis.train_safeguarding import CORPUS, TUNING_SET, choose_threshold, fit_logistic, Features

# Indirect disclosures, one or more per language, none naming the harm the way a pattern would.
# A known miss stays in the list, marked: it fails loudly (strict) once the model catches it.
KNOWN_MISS = pytest.mark.xfail(strict=True, reason="missed at the threshold chosen on dev (recall on unseen < 1)")
HELD_OUT_DISCLOSURES = [
    ("sv", "när pappa kommer hem full blir alla tysta och jag låser in mig i mitt rum"),
    ("sv", "mormors nya man kramar mig alldeles för länge och säger att jag inte ska säga nåt"),
    pytest.param("sv", "har inte ätit lunch på hela veckan, jag vill bli smalare", marks=KNOWN_MISS),
    ("en", "i dont want to go home tonight, things there are not ok"),
    ("en", "a guy from a game keeps sending me money and says i must keep it a secret"),
    ("ar", "لما بابا يشرب بصير البيت مرعب وبنام عند الجيران"),
    pytest.param("ar", "ابن خالتي الكبير بيجي عالغرفة لما الكل نايم", marks=KNOWN_MISS),
    ("fa", "شبا وقتی بابام میاد خونه از ترس نمیتونم بخوابم"),
    ("so", "habeenkii markuu aabahay yimaado cabsi dartiis ma seexan karo"),
    ("ti", "ኣቦይ ምስ መጸ ካብ ፍርሒ ክድቅስ ኣይክእልን"),
    ("uk", "коли вітчим приходить додому, я боюся і не можу заснути"),
]
HELD_OUT_HARMLESS = [
    ("sv", "vi vann matchen och jag var helt slut efteråt"),
    ("sv", "min socialsekreterare är snäll men kommer alltid sent"),
    ("en", "my social worker is nice but always late"),
    ("ar", "المدرسة حلوة والمعلمة لطيفة"),
    ("fa", "مددکار خیلی خوب به حرفام گوش داد"),
    ("so", "waan ku faraxsanahay qoyska cusub"),
    ("ti", "ምስ ሰራሕተኛ ማሕበራዊ ዝገበርናዮ ርክብ ጽቡቕ ነይሩ"),
    ("uk", "мені подобається нова школа"),
]


def _texts(path):
    return {row["text"].strip().lower() for row in load_labelled(path)}


def test_held_out_examples_are_unseen():
    seen = _texts(CORPUS) | _texts(TUNING_SET) | _texts(DEV_SET)
    for case in HELD_OUT_DISCLOSURES + HELD_OUT_HARMLESS:
        text = case.values[1] if hasattr(case, "values") else case[1]
        assert text.lower() not in seen, text


def test_the_committed_weights_load_offline_and_fit_the_code():
    assert safeguarding_model.available()
    model = safeguarding_model.load()
    meta = json.loads(safeguarding_model.METADATA.read_text(encoding="utf-8"))
    assert meta["categories"] == list(CATEGORIES)
    assert 0.0 < model.threshold < 1.0
    assert model.binary.shape == (len(model.embedding_mean) + safeguarding_model.BUCKETS,)
    assert model.categories.shape == (len(CATEGORIES), len(model.binary))
    assert safeguarding_model.load() is model  # loaded once


@pytest.mark.parametrize("lang, text", HELD_OUT_DISCLOSURES)
def test_indirect_disclosures_in_every_language_are_flagged(lang, text):
    result = assess(text)
    assert result.risk, (lang, text)
    assert all(c in CATEGORIES for c in result.categories)


@pytest.mark.parametrize("lang, text", HELD_OUT_HARMLESS)
def test_ordinary_comments_in_every_language_are_left_alone(lang, text):
    assert not assess(text).risk, (lang, text)


def test_flagged_when_the_model_alone_flags_with_its_reason():
    text = "коли вітчим приходить додому, я боюся і не можу заснути"
    assert not match_patterns(text)
    assert not assess(text, model=False).risk
    result = assess(text)
    assert result.risk
    (reason,) = result.reasons
    assert reason.source == "model" and reason.evidence == ""
    assert reason.score >= safeguarding_model.load().threshold
    assert reason.category in result.categories


def test_flagged_when_the_patterns_alone_flag_with_their_reason():
    # A pattern flags an explicit phrase even where the model's score stays below its threshold.
    text = "min syster hotar att berätta för mamma att jag åt upp godiset 😂"
    scored = safeguarding_model.score(text)
    assert match_patterns(text)
    result = assess(text)
    assert result.risk
    assert result.reasons[0].source == "pattern" and result.reasons[0].score == 1.0
    assert result.reasons[0].evidence
    assert not scored.flagged  # the model sees a joke; the pattern still flags (recall first)
    assert [r.source for r in result.reasons] == ["pattern"]


def test_both_sources_are_recorded_when_both_flag():
    result = assess("pappa slår mig när han druckit och jag är rädd att gå hem")
    sources = {r.source for r in result.reasons}
    assert sources == {"pattern", "model"}
    assert {r.category for r in result.reasons} <= set(result.categories)


def test_nothing_and_no_reason_for_harmless_text():
    result = assess("vi spelade fotboll och vann")
    assert not result.risk and result.reasons == () and result.categories == ()


def test_logistic_regression_learns_a_separable_problem():
    rng = np.random.default_rng(0)
    texts = ["rött"] * 20 + ["blått"] * 20
    embeddings = np.vstack([rng.normal(1, 0.1, (20, 4)), rng.normal(-1, 0.1, (20, 4))]).astype(np.float32)
    y = np.array([1] * 20 + [0] * 20, dtype=np.float32)
    x = Features(texts, embeddings, np.zeros(4, np.float32), 1.0)
    w, b = fit_logistic(x, y, 1e-4, steps=200)
    probabilities = 1 / (1 + np.exp(-x.logits(w[:4], w[4:], b)))
    assert (probabilities[:20] > 0.9).all() and (probabilities[20:] < 0.1).all()


def test_the_threshold_keeps_harmless_flags_within_the_ceiling():
    risk = np.array([True] * 10 + [False] * 100)
    probabilities = np.concatenate([np.linspace(0.5, 1.0, 10), np.linspace(0.0, 0.8, 100)])
    by_pattern = np.zeros(110, dtype=bool)
    by_pattern[10:12] = True  # two harmless comments the patterns already flag
    threshold, recall, rate = choose_threshold(probabilities, risk, by_pattern, max_false_positive_rate=0.05)
    flagged = by_pattern | (probabilities >= threshold)
    assert flagged[~risk].mean() == rate <= 0.05
    assert recall == flagged[risk].mean()
    # One step lower would flag more harmless comments than allowed.
    lower = probabilities[probabilities < threshold].max()
    assert (by_pattern | (probabilities >= lower))[~risk].mean() > 0.05
