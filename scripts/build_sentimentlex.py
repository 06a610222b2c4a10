"""Copy the usable part of Språkbanken's Sentimentlex into analysis/lexicons/sv_sentimentlex.tsv.

    python scripts/build_sentimentlex.py [--source ../shared/data/svensktext/sentimentlex.csv]

Sentimentlex (Språkbanken, University of Gothenburg; CC BY 4.0; Nusko, Tahmasebi & Mogren 2016,
"Building a Sentiment Lexicon for Swedish") gives lemmas with a polarity strength of -3..3 and
a confidence. Kept: entries with confidence >= MIN_CONFIDENCE (the 0.25 ones are often wrong:
"ha" positive, "hotfull" positive). Each lemma is written with its common inflected forms
(adjectives -t/-a/-e, verbs -ar/-ade/-at/-er/-de/-t), since comments are not lemmatised.
Strength is put on the VADER scale of the other lexicons (x SCALE). Multi-word entries become
phrases. The project's own lexicons (sv_corrections.tsv, sv_children.tsv) win where both have a
word; see analysis/sentiment.py.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "analysis" / "lexicons" / "sv_sentimentlex.tsv"
MIN_CONFIDENCE = 0.5
# Verbs are ambiguous once inflected ("hela" heal / whole, "två" wash / two, "sitter"): only the surest.
MIN_VERB_CONFIDENCE = 0.75
# Forms that are mostly something else in children's writing: numbers, colours, intensifiers
# ("sjukt bra", "fett bra" are praise), time words, and verbs of everyday description.
STOP = set("""
hela helt två just rätt snart riktigt riktig riktiga sjukt sjuk fett fet svart svarta rosa grå gråa vit vita
mörk mörka mörkt ljus ljusa stor stora stort liten lilla små ny nya nytt gammal gamla bott bo bor bodde
sitta sitter satt sitt bära bär bar lagar laga lagade lova lovar lovade lovat hålla håller höll klara klarar
fixa fixar fixade fixat städa städar städade granne rätta rättar ren rent rena kall kallt kalla varm varmt varma
""".split())
SCALE = 0.8
HEADER = """# Derived from Sentimentlex, Språkbanken (University of Gothenburg), licensed CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/). Nusko, Tahmasebi & Mogren (2016), Building a
# Sentiment Lexicon for Swedish. Changes: entries with confidence < 0.5 (verbs 0.75) and everyday
# words with another main sense left out (STOP in the script), inflected forms
# added, strength rescaled (x0.8). Built by scripts/build_sentimentlex.py; see SENTIMENTLEX.md.
# word<TAB>score<TAB>lemma<TAB>part of speech<TAB>confidence
"""


def forms(word: str, part_of_speech: str) -> list[str]:
    if " " in word:
        return [word]
    if part_of_speech == "av":
        if word.endswith(("nde", "e", "a")):  # participles and words that do not inflect this way
            return [word]
        t_form = word[:-1] + "t" if word.endswith("d") else word if word.endswith("t") else word + "t"
        found = [word, t_form, word + "a", word + "e"]
        if word.endswith("ig") or word.endswith("lig"):
            found += [word + "a", word + "t"]
        if word.endswith("sam"):  # "tacksam" -> "tacksamma", "tacksamt"
            found += [word + "ma", word + "t"]
        if word.endswith("en"):  # "öppen" -> "öppna", "öppet"
            found += [word[:-2] + "na", word[:-1] + "t"]
        return list(dict.fromkeys(found))
    if part_of_speech == "vb" and word.endswith("a"):
        stem = word[:-1]
        return [word, stem + "ar", stem + "ade", stem + "at", stem + "er", stem + "de", stem + "t", word + "r"]
    return [word]


def build(source: Path) -> dict[str, tuple[float, str, str, str]]:
    entries: dict[str, tuple[float, str, str, str]] = {}
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            confidence = float(row["confidence"] or 0)
            verb = row["part_of_speech"] in ("vb", "vbm")
            if confidence < (MIN_VERB_CONFIDENCE if verb else MIN_CONFIDENCE):
                continue
            word = row["word"].strip().lower()
            score = round(int(row["strength"]) * SCALE, 2)
            for form in forms(word, row["part_of_speech"]):
                if form in STOP:
                    continue
                # A form two lemmas share keeps the more confident one.
                if form not in entries or float(entries[form][3]) < confidence:
                    entries[form] = (score, word, row["part_of_speech"], row["confidence"])
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "svensktext" / "sentimentlex.csv")
    args = parser.parse_args()
    if not args.source.exists():
        args.source = Path("/work/shared/data/svensktext/sentimentlex.csv")
    entries = build(args.source)
    lines = [f"{w}\t{s}\t{lemma}\t{pos}\t{conf}" for w, (s, lemma, pos, conf) in sorted(entries.items())]
    TARGET.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(lines)} forms")


if __name__ == "__main__":
    main()
