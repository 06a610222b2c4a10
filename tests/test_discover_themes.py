"""Emerging themes: comments outside the taxonomy are grouped and described, personal data removed."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from analysis.discover import discover_themes
from analysis.embeddings import LRUCache, embed

ROOT = Path(__file__).resolve().parent.parent

BUS = ["Busskortet räcker inte hela månaden", "Jag har inget busskort och kan inte åka till mötena",
       "Vi får inga pengar till bussen", "Det är dyrt att åka buss till stan, säger Anna"]
FOOD = ["Maten här är äcklig", "Maten är dålig och det blir för lite", "Vi får bara pasta till middag, maten smakar inget"]
OTHER = ["ok", "Hej", "Jag gillar katter", "Hon lyssnade på mig"]


def rows(texts):
    return [{"id": i, "text": t} for i, t in enumerate(texts)]


def test_new_topics_are_found_and_described():
    clusters = discover_themes(rows(BUS + FOOD + OTHER))
    assert len(clusters) == 2
    bus, food = clusters
    assert bus["size"] == 4 and set(bus["ids"]) == {0, 1, 2, 3}
    assert any(term.startswith("bus") for term in bus["terms"]) or "åka" in bus["terms"]
    assert "maten" in food["terms"]
    assert all("Anna" not in example for example in bus["examples"])  # redacted


def test_comments_with_a_theme_are_left_out():
    clusters = discover_themes(rows(["Hon lyssnade på mig", "De lyssnade inte", "Ingen lyssnar på mig"]))
    assert clusters == []


def test_too_few_comments_give_no_clusters():
    assert discover_themes(rows(["Busskortet räcker inte"])) == []
    assert discover_themes([]) == []


def test_embeddings_are_normalised_multilingual_and_cached():
    cache = LRUCache(size=10)
    vectors = embed(["Hon lyssnade på mig", "She listened to me", "Maten är äcklig", ""], cache=cache)
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # same meaning across languages is closer
    assert not vectors[3].any()
    assert len(cache) == 3
    again = embed(["Hon lyssnade på mig"], cache=cache)
    assert np.array_equal(again[0], vectors[0])


def test_discover_command():
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(BUS + FOOD + OTHER))
    result = subprocess.run([sys.executable, "-m", "analysis", "discover", "-"], cwd=ROOT, input=stdin,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    clusters = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["size"] for c in clusters] == [4, 3]
