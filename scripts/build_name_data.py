"""Build the name and place lists in analysis/data/ from the public lists in ../shared/data/svensktext/.

    python scripts/build_name_data.py [--source ../shared/data/svensktext]

Writes
- analysis/data/tilltalsnamn_scb.tsv: given names in use in Sweden with their number of
  bearers (Statistics Sweden, SCB, 31 Dec 2020; women's and men's lists added together);
- analysis/data/places.txt: Swedish place names (ortsnamn.csv) and municipalities (kommuner.csv);
- analysis/data/name_like_words.txt: names that are also ordinary Swedish or English words.

The last list needs a Swedish and an English spelling word list (Debian packages wswedish and
wamerican, /usr/share/dict/). A name is listed when it is a word there, except the names that
are far more often names than words are marked (NAMES_FIRST, chosen by hand: capitalised they count
as names, in lower case as words), and the hand-written words in EXTRA_WORDS are always listed. Without the word lists, the existing file is kept.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "analysis" / "data"
WORD_LISTS = (Path("/usr/share/dict/swedish"), Path("/usr/share/dict/american-english"))

# Words in the spelling lists that are nearly always names when capitalised: a rare word sense
# ("lena" smooth, "axel" shoulder, "linda" to wrap, "peter" to peter out).
NAMES_FIRST = set("""
lena mats linda karl björn inger sven axel lisa ebba oliver lina albin britt ann olle signe nova
marina tuva jack ester hannes tindra knut lotta frans meja viola jon kaj inge ana isa jasmin alvar
mila milan anas helga jarl ammar samer adel dana flora karen gloria rama eden runa hind maria peter
martin robin john roger victor jimmy tony fanny harry rune noel tilde tore amir lea jasmine sally
lily curt billy sonny emir matts sari bonnie penny hector holly sander eddy sandy bob bobby troy
carol kitty jasper mason ruby dean buster glen hardy dirk rick ivy jade josh terry randy heather
phoebe hazel dolly meg mickey basil poppy rocky daisy karolin hanne arian edda alen enes murat firas
bojan kåre andres manar faten silas lotten pascal hulda maxim enar randa gärd murad hakan florin
daga alban dieter firat anis diar eldar pinar jama kaja junis alper hussen renas hagar dua sona
tilja
""".split())

# Ordinary words that are also names but missing from the spelling lists (slang, short forms).
EXTRA_WORDS = set("""
soc bup bris hvb lvu sfi okej ok najs asså typ fett sjukt kass jobbig jobbigt dom dem mamma pappa
mormor morfar farmor farfar moster faster morbror farbror kompis kompisen bro syrra brorsan
augusti dan disa eli linnea mio nora ola åsa alva maths math mum mom dad nan gran uni telly
lillebror lillasyster storebror storasyster lillebrorsan kusin kusinen kusiner bästis bästisen fröken rektor
ramadan eid allah jesus gud jul påsk bajram ica coop willys lidl hemköp netto molly
""".split())


def read_bearers(source: Path) -> dict[str, int]:
    bearers: dict[str, int] = {}
    for sex in ("kvinnor", "man"):
        with open(source / f"tilltalsnamn-{sex}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                bearers[row["name"]] = bearers.get(row["name"], 0) + int(row["persons"])
    return bearers


def read_places(source: Path) -> list[str]:
    places = set()
    with open(source / "ortsnamn.csv", encoding="utf-8", newline="") as handle:
        places.update(row["city"].strip() for row in csv.DictReader(handle) if row["city"].strip())
    with open(source / "kommuner.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            places.add(name)
            places.add(name.removesuffix(" kommun").removesuffix(" stad").removesuffix("s"))
            places.add(name.removesuffix(" kommun").removesuffix(" stad"))
    return sorted(places)


def read_hand_list(path: Path) -> set[str]:
    return {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def name_like_words(bearers: dict[str, int]) -> list[str] | None:
    if not all(path.exists() for path in WORD_LISTS):
        return None
    words: set[str] = set()
    for path in WORD_LISTS:
        encoding = "latin-1" if path.name == "swedish" else "utf-8"
        with open(path, encoding=encoding) as handle:
            words.update(w.strip() for w in handle if w.strip() and w.strip()[0].islower() and "'" not in w)
    names = {n.lower() for n in bearers}
    names |= read_hand_list(DATA / "first_names.txt") | read_hand_list(DATA / "last_names.txt")
    return sorted((names & words) | EXTRA_WORDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT.parent.parent / "shared" / "data" / "svensktext")
    args = parser.parse_args()
    source = args.source if args.source.exists() else Path("/work/shared/data/svensktext")
    bearers = read_bearers(source)
    with open(DATA / "tilltalsnamn_scb.tsv", "w", encoding="utf-8") as out:
        out.write("# Given names in use in Sweden, 31 Dec 2020, and their number of bearers (women and men added).\n")
        out.write("# Source: Statistics Sweden (SCB), name statistics, open data; via peterdalle/svensktext.\n")
        for name, count in sorted(bearers.items(), key=lambda item: (-item[1], item[0])):
            out.write(f"{name}\t{count}\n")
    with open(DATA / "places.txt", "w", encoding="utf-8") as out:
        out.write("# Swedish place names and municipalities, kept when text is redacted.\n")
        out.write("# Source: ortsnamn.csv and kommuner.csv of peterdalle/svensktext, compiled from public lists.\n")
        out.writelines(place + "\n" for place in read_places(source))
    words = name_like_words(bearers)
    if words is not None:
        with open(DATA / "name_like_words.txt", "w", encoding="utf-8") as out:
            out.write("# Ordinary words that are also names. In lower case, or capitalised at the start of a\n")
            out.write("# sentence, they are read as words. Built by scripts/build_name_data.py: names that are\n")
            out.write("# Swedish or English dictionary words, less the names that are rarely words.\n")
            out.write("# A trailing \" *\": nearly always a name when capitalised (NAMES_FIRST), a word in lower case.\n")
            out.writelines(word + (" *" if word in NAMES_FIRST else "") + "\n" for word in words)
    print(f"{len(bearers)} names, {len(read_places(source))} places, {len(words or [])} name-like words")


if __name__ == "__main__":
    main()
