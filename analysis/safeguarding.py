"""Safeguarding: comments in which a child may be disclosing harm.

Recall matters more than precision (domain.md): a person reviews every flag,
but a missed disclosure may leave a child unseen. Patterns are written in
folded form (see `analysis.normalize.fold`) and cover Swedish, including
informal spelling, and English.

    >>> assess("Mamma sparkade mig igår").categories
    ('violence',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.normalize import fold

# Category -> patterns. Word boundaries matter: "hot" must not match "hotell".
PATTERNS: dict[str, list[str]] = {
    "violence": [
        r"\b(?:slar|slog|slagit|slagen|sla) (?:mig|oss|mamma|pappa|min|mina|henne|honom|dem|ihjal|sonder)\b",
        r"\b(?:han|hon|de|dom|mamma|pappa|styvpappa|styvmamma|bror|brorsan|syster|hen|nagon|killen|vuxna?) (?:slar|slog|sparkar|sparkade|bankar|bankade|misshandlar|misshandlade)\b",
        r"\bsparka(?:r|de|t)?\b(?! (?:boll|pa boll|fotboll))",
        r"\bmisshand\w*", r"\bvald(?:et|s)?\b", r"\bfar stryk\b", r"\bger mig stryk\b", r"\bfick stryk\b",
        r"\borfil\w*", r"\bknivhugg\w*", r"\bstryp\w*", r"\bstruptag\b", r"\bdrar (?:mig )?i haret\b",
        r"\bknuffa(?:r|de)? (?:mig|ner)\b", r"\bkasta(?:r|de)? saker pa mig\b", r"\bblamarken\b", r"\bgor (?:mig )?illa\b",
        r"\bgjorde (?:mig )?illa\b", r"\bslass\w*\b",
        r"\b(?:hits?|hitting|beats?|beating|beaten|kick(?:s|ed|ing)?|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|chok(?:e|es|ed|ing)) (?:me|my|us|her|him)\b",
        r"\bhurts? me\b", r"\bhurt me\b", r"\bbruises?\b", r"\bviolen(?:ce|t)\b", r"\babus(?:e|ed|es|ive)\b",
    ],
    "sexual_abuse": [
        r"\b(?:rort|ror|rorde|tafsat|tafsar|tafsade) (?:pa |vid )?mig\b(?! (?:djupt|i hjartat))",
        r"\bvaldt\w*", r"\bovergrepp\w*", r"\btafsa\w*", r"\bsexuel\w*", r"\bsex med\b", r"\bhar sex\b",
        r"\b(?:tar|tog|ror|rorde|rort|kladdar|kladdade) (?:pa|vid) (?:mig|min|mina) (?:dar nere|snippa|snopp|kuk|rumpa|brost|kropp|kroppen)\b",
        r"\b(?:tar|tog|ror|rorde) (?:pa|vid) mig (?:nar|fast|pa (?:natten|ett konstigt satt))\b",
        r"\b(?:tar|tog|ror|rorde) pa mig dar\b", r"\bvisar sin (?:snopp|kuk|kropp)\b", r"\bkyss\w* mig fast jag inte\b",
        r"\btvinga\w* mig att (?:gora saker|ta pa|kla av|visa)\b",
        r"\brap(?:e|ed|ing)\b", r"\bmolest\w*", r"\bsexual\w*", r"\btouch(?:es|ed|ing)? me\b", r"\btouch(?:es|ed)? my\b",
        r"\bmade me (?:do things|undress|touch)\b",
    ],
    "self_harm": [
        r"\bskar mig\b", r"\bskurit mig\b", r"\bskara mig\b", r"\brispa\w* mig\b", r"\bcutta\w*",
        r"\b(?:skadar|skada|skadat|skadade|bränner|branner|bran[dt]e) mig sjalv\b", r"\bslar mig sjalv\b",
        r"\b(?:skadar|skar|branner|rispar|slar) jag mig(?: sjalv)?\b", r"\bsjalvskad\w*", r"\bself[- ]?harm\w*", r"\bcut(?:ting)? myself\b", r"\bhurt(?:ing)? myself\b",
    ],
    "suicidal": [
        r"\binte (?:vill|orkar) leva\b", r"\bvill (?:bara |helst )?forsvinna\b", r"\borkar inte (?:mer )?med livet\b",
        r"\bvill inte vakna\b", r"\bsomna och (?:aldrig|inte) vakna\b",
        r"\bta livet av mig\b", r"\bta mitt liv\b", r"\bvill (?:bara )?do\b", r"\bvill inte leva\b", r"\borkar inte leva\b",
        r"\borkar inte (?:mer|langre)\b", r"\b(?:om|att) jag inte (?:fanns|levde|fodd)\b", r"\binte vill finnas\b", r"\bsj?a?lvmor[dt]\w*",
        r"\bdoda mig sjalv\b", r"\bhoppa framfor\b", r"\bslippa leva\b", r"\bvill forsvinna\b", r"\bvara dod\b",
        r"\bkill myself\b", r"\bsuicid\w*", r"\bwant to die\b", r"\bwanna die\b", r"\b(?:don'?t|do not) want to live\b",
        r"\bbetter off dead\b", r"\bend it all\b", r"\bend my life\b",
    ],
    "threats": [
        r"\bhot(?:ar|ade|at|ad|as|else|elser|elsen)\b", r"\b(?:fick|far|fatt) hot\b", r"\bhot (?:mot|fran)\b", r"\bska (?:doda|sla ihjal|mörda|morda|skada) (?:mig|oss|mamma|pappa)\b",
        r"\bsa att (?:han|hon|de|dom) skulle (?:doda|sla|skada)\b", r"\bkommer att (?:sla|doda|skada) mig\b",
        r"\bthreat\w*", r"\b(?:will|would|gonna) (?:kill|hurt|beat) (?:me|us|my)\b",
    ],
    "grooming": [
        r"\b(?:inte far|far inte|ska inte|far aldrig) beratta\b", r"\bvuxen man\b", r"\baldre (?:man|kille) som\b",
        r"\b(?:kanner|kant|traffat|pratar med \w+) (?:fran|pa|via) (?:natet|tiktok|snap|snapchat|insta|instagram|discord|roblox|fortnite|minecraft|kik)\b",
        r"\b(?:vill ha|skicka|skickar|ber om|fragar efter|tjatar om) (?:\w+ )?(?:bilder|foton|pics|nudes)\b",
        r"\b(?:tiktok|snap|snapchat|insta|instagram|discord|roblox|kik)\b.*\bvill traffa\b",
        r"\basking (?:me )?for (?:photos|pictures|pics|nudes)\b", r"\b(?:guy|man|person) online\b",
        r"\b(?:nagon|en) (?:vuxen|aldre|kille|man|person) (?:pa|fran) (?:natet|internet|snap|snapchat|insta|instagram|tiktok|discord)\b",
        r"\bpa natet (?:som )?vill\b", r"\bskicka\w* (?:naken)?bilder pa mig\b", r"\bnakenbild\w*", r"\bvill att jag skickar bilder\b",
        r"\bvill traffa mig (?:i hemlighet|ensam)\b", r"\bsager att det ar (?:var|vart) hemlis\b", r"\b(?:var|vart) hemlis\b",
        r"\bger mig (?:pengar|presenter) om jag\b",
        r"\bsend (?:him |her |them )?(?:pics|pictures|photos|nudes)\b", r"\bnudes\b", r"\bolder (?:man|guy|boy) online\b",
        r"\bsomeone online\b", r"\bour secret\b",
    ],
    "running_away": [
        r"\bstick(?:a|er|er|it) (?:fran|hemifran)\b", r"\binte (?:sovit|sovat|varit) hemma\b", r"\bsover hos olika\b",
        r"\brym(?:ma|mer|de|t|mit)\b", r"\bsticka hemifran\b", r"\bdra hemifran\b", r"\bdrar hemifran\b", r"\bsova ute\b",
        r"\bsov ute\b", r"\bsovit ute\b", r"\bbo pa gatan\b", r"\bsticker hemifran\b",
        r"\bran away\b", r"\brun(?:ning)? away\b", r"\bsleep(?:ing)? (?:outside|on the street)\b",
    ],
    "substance_use": [
        r"\blanga(?:r|de|t)?\b", r"\bprovat (?:droger|knark|att roka|gras|hasch|piller|tabletter)\b",
        r"\bdrog(?:er|erna|ad|ade|pa\w*)\b", r"\bknark\w*", r"\bhasch\b", r"\bcannabis\b", r"\brok(?:er|a|te)? (?:pa|gras)\b",
        r"\bkokain\b", r"\bspice\b", r"\bsniffa\w*", r"\bpiller\b", r"\blangare\b", r"\bsupa\b", r"\bsuper (?:sig|hela|varje)\b",
        r"\b(?:jag|vi|han|hon|hen|de|dom|mamma|pappa|styvpappa|styvmamma|brorsan|kompisarna) (?:ar|var|blir|blev) (?:full|fulla|packad|packade|berusad|hog|pa kroken)\b", r"\bdricker (?:alkohol|sprit|vin|ol|mycket)\b",
        r"\b(?:mamma|pappa|styvpappa|styvmamma) dricker\b", r"\bfyllan\b", r"\bfyllo\b", r"\balkohol\w*",
        r"\bdrugs?\b", r"\bweed\b", r"\bdrunk\b", r"\balcohol\w*", r"\bgets? high\b", r"\bpills\b",
    ],
    "bullying": [
        r"\bret(?:ad|ade|ar|as|s) (?:mig|varje|hela|for)\b", r"\bblir retad\b",
        r"\bmobba\w*", r"\bmobbning\w*", r"\bmobbad\w*", r"\bretas\b", r"\bfryser ut\b", r"\butfrys\w*", r"\bkrank\w*",
        r"\bbull(?:y|ied|ies|ying)\b",
    ],
    "unsafe": [
        r"\brad(?:d|da)? (?:for (?:honom|henne|hen|dom|dem|de|pappa|mamma|styvpappa|styvmamma|min|mina|att ga hem|att vara hemma)|hemma|att ga hem|nar (?:han|hon|pappa|mamma) )",
        r"\binte tryggt?\b", r"\botrygg\w*", r"\bvagar inte (?:ga hem|vara hemma|ga ut|sova|beratta|saga (?:nat|nagot) hemma)\b",
        r"\b(?:i am|i'm|im) (?:so |really |very )?(?:scared|afraid)\b", r"\b(?:scared|afraid) (?:of (?:him|her|them|my|going home)|at home)\b",
        r"\b(?:not|don'?t feel) safe\b", r"\bunsafe\b",
    ],
}

# One alternation per category: a single search per category instead of one per pattern.
_COMPILED = {category: re.compile("|".join(f"(?:{p})" for p in patterns)) for category, patterns in PATTERNS.items()}
CATEGORIES = tuple(PATTERNS)
# Most comments disclose nothing: one scan with every pattern answers that.
_ANY = re.compile("|".join(f"(?:{p})" for patterns in PATTERNS.values() for p in patterns))


@dataclass(frozen=True)
class RiskAssessment:
    """`risk` is True when any category matched; `evidence` holds the matched snippets."""

    risk: bool
    categories: tuple[str, ...]
    evidence: tuple[str, ...]


def assess(text: str | None) -> RiskAssessment:
    """Which harm categories a comment may disclose (empty when none)."""
    if not text:
        return RiskAssessment(False, (), ())
    folded = fold(text)
    if not _ANY.search(folded):
        return RiskAssessment(False, (), ())
    categories, evidence = [], []
    for category, pattern in _COMPILED.items():
        match = pattern.search(folded)
        if match:
            categories.append(category)
            evidence.append(match.group(0))
    return RiskAssessment(bool(categories), tuple(categories), tuple(evidence))
