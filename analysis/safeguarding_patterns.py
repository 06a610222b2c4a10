"""Safeguarding patterns: phrases that may disclose harm, per category, in the languages children here write.

Patterns are matched on `prepare(text)`: folded text (lower case, no
diacritics, see `analysis.normalize.fold`), apostrophes unified, zero-width
joiners removed. Swedish and English patterns are written folded by hand;
patterns in other scripts are written as people type them and folded when
compiled (Ukrainian й -> и, Arabic أ/إ/آ -> ا, ...).

Each pattern must stay silent on ordinary feedback: "Mötena var för långa" is
not drug dealing ("långa" folds to "langa"), "jag blev vald" is not violence
("våld" folds to "vald"), "det slog mig att..." is an idiom. The regression
list is tests/test_safeguarding_patterns.py. Patterns catch the explicit
phrasings; the learned model (`analysis.safeguarding_model`) catches the
indirect ones.

    >>> match_patterns("Mamma sparkade mig igår")
    [('violence', 'sparkade mig')]
    >>> match_patterns("Mötena var för långa")
    []
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from analysis.normalize import fold

# Swedish subjects that make a verb someone's act against the child ("pappa slår").
_WHO = (r"(?:han|hon|de|dom|hen|mamma|pappa|mamman|pappan|styvpappa|styvmamma|bonuspappa|bonusmamma|farsan|morsan|"
        r"bror|brorsan|syster|storebror|kusin|kusinen|farbror|morbror|nagon|killen|killarna|vuxna|vuxen|grannen|"
        r"mannen|personalen|familjehemspappan|familjehemsmamman|fosterpappa|fostermamma|styvfar|styvmor|styvbror|"
        r"pojkvan|pojkvannen|tranaren|ledaren|lararen|mammas kille|pappas tjej|mammas pojkvan|pappas kompis)")
# Drinks that are not alcohol: "mamma dricker kaffe" is ordinary.
_SOFT_DRINK = r"(?:vatten|kaffe|te|mjolk|lask|saft|juice|energidryck\w*|cola|choklad|festis|o?boy)"
# Sport and games: "vi slog dem 3-0", "fick stryk i matchen".
_SPORT = r"(?: ?(?:med )?\d| i (?:matchen|match|finalen|fotboll\w*|hockey\w*|innebandy\w*|spelet|fifa|fortnite|schack|kortspel))"

PATTERNS: dict[str, list[str]] = {
    "violence": [
        # "slog mig" but not the idiom "det slog mig att/hur", not "slog mig ner", not "slog mig på knät"
        # (an accident), not "slog ihjäl tid", not sport ("slog dem 3-0"), not "ingen slog mig".
        r"(?<!ingen )(?<!aldrig )(?<!det )(?<!jag )\b(?:slar|slog|slagit|slagen|sla|slaar) (?:mig|oss|mamma|pappa|min|mina|henne|honom|dem|ihjal|sonder)\b"
        r"(?! (?:att|hur|som|ner|tid|tiden|i (?:matchen|finalen|spelet)))(?!" + _SPORT + r")",
        r"(?<!ingen )\b" + _WHO + r" (?:har )?(?:slar|slog|slagit|sparkar|sparkade|bankar|bankade|misshandlar|misshandlade|daskar|daskade|luggar|luggade|nyper|nop)\b"
        r"(?! (?:boll|bollen|pa boll|fotboll|i (?:matchen|spelet))\b)(?!" + _SPORT + r")",
        r"\bsparka(?:r|de|t)? (?:mig|oss|henne|honom|min|mina|pa mig)\b",
        r"\bmisshand\w*", r"\bvaldet\b", r"\bvaldsam\w*", r"\bhemmavald\b", r"\bfysiskt vald\b",
        r"\b(?:utsatt\w* for|anvander|anvande|hot om|mycket|fysiskt|psykiskt|grovt) vald\b",
        r"\bvald (?:hemma|i hemmet|mot (?:mig|oss|mamma|barn))\b",
        r"(?<!vi )(?<!ni )\b(?:far|fick|fatt) stryk\b(?!" + _SPORT + r")", r"\bger mig stryk\b",
        r"\borfil\w*", r"\bknivhugg\w*", r"\bstryp\w*", r"\bstruptag\b", r"\bdrar (?:mig )?i haret\b",
        r"\bknuffa(?:r|de)? (?:mig|ner)\b", r"\bkasta(?:r|de)? saker pa mig\b", r"\bblamark\w*", r"\bblatt oga\b",
        r"\b(?:gor|gjorde|gjort) (?:mig )?illa\b", r"\bbalte(?:t)? (?:pa|mot) mig\b", r"\bmed balte\b",
        r"\b(?:hits?|hitting|beats?|beating|beaten|kick(?:s|ed|ing)?|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|chok(?:e|es|ed|ing)) (?:me|us|her|him|my (?:mum|mom|mother|sister|brother))\b",
        r"(?<!it )(?<!that )(?<!this )\bhurts? me\b(?! (?:when|that|to|so)\b)", r"\bbruises?\b", r"(?<!about )\bviolence\b(?! in (?:games|films|movies))", r"\b(?:he|she|dad|mum|mom|father|mother|stepdad|stepmum|they) (?:is|was|gets|got|becomes|became) (?:really |so |very )?violent\b",
        r"\babus(?:e|ed|es|ive)\b(?! (?:of power|the system))", r"\bbeat (?:me|us) up\b",
    ],
    "sexual_abuse": [
        r"\b" + _WHO + r" (?:har )?(?:rort|ror|rorde|tafsat|tafsar|tafsade|kladdar|kladdade|kladdat) (?:pa |vid )?mig\b",
        r"\b(?:rort|ror|rorde) vid mig\b(?! (?:djupt|i hjartat))",
        r"\b(?:rort|ror|rorde|tar|tog|tagit) (?:pa |vid )?mig (?:pa ett (?:satt|konstigt|obehagligt|dumt)|nar jag (?:sov|sover)|fast jag|under (?:tacket|kladerna))\b", r"\btafsa\w*",
        r"\bvaldt\w*", r"\bovergrepp\w*", r"\bsexuel\w*(?! (?:laggning|identitet|halsa|undervisning))", r"\bhar sex med\b", r"\bsex med mig\b",
        r"\b(?:tar|tog|ror|rorde|rort|kladdar|kladdade) (?:pa|vid) (?:mig|min|mina) (?:dar nere|snippa|snopp|kuk|rumpa|brost|kropp|kroppen)\b",
        r"\b(?:tar|tog|ror|rorde) (?:pa|vid) mig (?:nar|fast|pa (?:natten|ett konstigt satt))\b",
        r"\b(?:tar|tog|ror|rorde) pa mig dar\b", r"\bvisar sin (?:snopp|kuk|kropp)\b", r"\bkyss\w* mig fast jag inte\b",
        r"\btvinga\w* mig att (?:gora saker|ta pa|kla av|visa|kyssa|ligga)\b",
        r"\b(?:kommer|kom|smyger|smog) in (?:i|pa) (?:mitt|vart) rum (?:pa natten|pa natterna|nar jag sover|nar alla sover)\b",
        r"\b(?:lagger|la|ligger|lag) sig (?:i|bredvid mig i) min sang\b",
        r"\brap(?:e|ed|ing)\b", r"\bmolest\w*", r"\bsexual(?:ly)? (?:abus|assault|touch|things|stuff)\w*",
        r"(?<!it )(?<!that )(?<!this )(?<!really )(?<!deeply )(?<!words )(?<!story )\btouch(?:es|ed|ing)? me\b(?! (?:deeply|a lot))",
        r"\btouch(?:es|ed)? my (?:body|private|chest|bum|butt)\w*", r"\bmade me (?:do things|undress|touch)\b",
        r"\bcomes? (?:in)?to my (?:room|bed) at night\b",
    ],
    "self_harm": [
        r"\bskar mig\b(?! pa (?:en|kniven|papper))", r"\bskurit mig\b(?! pa)", r"\bskara mig\b", r"\brispa\w* mig\b", r"\bcutta\w*",
        r"\b(?:skadar|skada|skadat|skadade|branner|bran[dt]e|slar|slog) mig sjalv\b",
        r"\b(?:skadar|skar|branner|rispar|slar) jag mig(?: sjalv)?\b", r"\bsjalvskad\w*", r"\bself[- ]?harm\w*",
        r"\bcut(?:ting)? myself\b", r"\bhurt(?:ing)? myself\b", r"\bhurt myself on purpose\b",
    ],
    "suicidal": [
        r"\binte (?:vill|orkar) leva\b", r"\bvill (?:bara |helst )?forsvinna\b", r"\borkar inte (?:mer )?med livet\b",
        r"\bvill inte vakna\b", r"\bsomna och (?:aldrig|inte) vakna\b", r"\bsova for alltid\b", r"\binte vakna (?:igen|mer)\b",
        r"\bta livet av mig\b", r"\bta mitt liv\b", r"\bvill (?:bara )?do\b", r"\bvill inte leva\b", r"\borkar inte leva\b",
        # Exhaustion about meetings or waiting is ordinary feedback; exhaustion on its own may not be.
        r"\borkar inte (?:mer|langre)\b(?! (?:med (?!livet|allt|mig|nagonting)|vanta|prata|ga|traffa|byta|mota|moten|svara|ringa|om|pa|att (?!leva|finnas)))",
        r"\b(?:om|att) jag inte (?:fanns|levde|fodd)\b", r"\binte vill finnas\b", r"\bsj?a?lvmor[dt]\w*",
        r"\bdoda mig sjalv\b", r"\bhoppa framfor\b", r"\bslippa leva\b", r"\bvara dod\b", r"\bbattre (?:utan mig|om jag var dod)\b",
        r"\b(?:tog|ta|tar|svalde) (?:en massa|massa|alla|manga|for manga|en hel burk) (?:tabletter|piller)\b",
        r"\bkill myself\b", r"\bsuicid\w*", r"\bwant(?:ed)? to die\b", r"\bwanna die\b", r"\b(?:don'?t|do not) want to (?:live|wake up)\b",
        r"\bbetter off (?:dead|without me)\b", r"\bend it all\b", r"\bend my life\b", r"\bno reason to live\b",
    ],
    "threats": [
        r"(?<!aldrig blivit )(?<!aldrig varit )(?<!inte blivit )\bhot(?:ar|ade|at|ad|as|else|elser|elsen)\b(?! (?:med|om) (?:att (?:vi|jag) (?:ska|skulle) flytta|flytt|att flytta|att stanga|att ta bort|indragning))",
        r"\b(?:fick|far|fatt) hot\b", r"\bhot (?:mot|fran)\b", r"\bska (?:doda|sla ihjal|morda|skada) (?:mig|oss|mamma|pappa)\b",
        r"\b(?:sa|sager) att (?:han|hon|de|dom) (?:skulle|ska) (?:doda|sla|skada|hamnas)\b", r"\bkommer att (?:sla|doda|skada) mig\b",
        r"\bannars (?:slar|dodar|skadar|kommer (?:han|hon|de|dom) att (?:sla|doda|skada))\b",
        r"\bthreat\w*", r"\b(?:will|would|gonna) (?:kill|hurt|beat) (?:me|us|my)\b",
    ],
    "grooming": [
        r"\b(?:inte far|far inte|ska inte|far aldrig) beratta\b(?! (?:om (?:andra|vad andra)|allt for (?:soc|er)))",
        r"\baldre (?:man|kille) som\b",
        r"\b(?:kanner|kant|traffat|traffade) (?:en |nagon |nan )?(?:vuxen|aldre|kille|man) (?:fran|pa|via) (?:natet|tiktok|snap|snapchat|insta|instagram|discord|roblox|fortnite|minecraft|kik)\b",
        r"\b(?:vill ha|ber om|fragar efter|tjatar om) (?:\w+ )?(?:bilder|foton|pics) (?:pa|av) mig\b",
        r"\b(?:naken|nakna|sexiga|privata|snuskiga)\s?(?:bilder|foton|pics)\b",
        r"\b(?:tiktok|snap|snapchat|insta|instagram|discord|roblox|kik)\b.*\b(?:vill traffa mig|vill ha bilder)\b",
        r"\basking (?:me )?for (?:photos|pictures|pics|nudes)\b", r"\b(?:guy|man|person) (?:i met )?online\b",
        r"\b(?:nagon|en) (?:vuxen|aldre|kille|man|person) (?:pa|fran) (?:natet|internet|snap|snapchat|insta|instagram|tiktok|discord)\b",
        r"\bpa natet (?:som )?vill\b", r"\bskicka\w* (?:naken)?bilder pa mig\b", r"\bnakenbild\w*", r"\bvill att jag skickar (?:bilder|foton)\b",
        r"\bvill traffa mig (?:i hemlighet|ensam)\b", r"\bsager att det ar (?:var|vart) hemlis\b", r"\b(?:var|vart) hemlis\b",
        r"\bvar hemlighet\b",
        r"(?<!mamma )(?<!pappa )(?<!mormor )(?<!morfar )(?<!farmor )(?<!farfar )\bger mig (?:pengar|presenter) om jag\b(?! (?:stadar|diskar|gor laxan|hjalper))",
        r"\bsend (?:him |her |them )?(?:pics|pictures|photos|nudes)\b", r"\bnudes\b", r"\bolder (?:man|guy|boy) online\b",
        r"\bsomeone online\b", r"\bour (?:little )?secret\b", r"\bnot (?:to|allowed to) tell anyone\b",
    ],
    "running_away": [
        r"\b(?:sticka|sticker|stack|stuckit) (?:fran|hemifran)\b(?! (?:skolan|mo?tet|lektionen|jobbet|traningen))",
        r"\binte (?:sovit|sovat) hemma\b", r"\bsover hos olika\b",
        r"(?<!rummet )(?<!lokalen )\brym(?:de|t|mit)\b", r"\b(?:jag|vi|han|hon|hen|dom|de) (?:ska |vill |tanker |har tankt |har )?rym(?:ma|mer)\b(?! inte)",
        r"\brym(?:ma|mer) (?:hemifran|fran|igen|ofta|ibland)\b", r"\bsticka hemifran\b", r"\bdra hemifran\b", r"\bdrar hemifran\b",
        r"\bsov(?:a|er|it)? ute\b(?! i talt| pa lagret)", r"\bbo pa gatan\b", r"\bsticker hemifran\b",
        r"\b(?:kastade|kastat|slangde|slangt|korde|kort|kastar|slanger) ut mig\b", r"\bvagar inte (?:ga|aka|komma) hem\b",
        r"\bran away\b", r"\brun(?:ning)? away\b", r"\bsleep(?:ing)? (?:outside|on the street|rough)\b", r"\bkicked me out\b", r"\bthrown out\b",
    ],
    "substance_use": [
        # Drug dealing: "langar" and friends, never "långa" (long) or "långare" (longer).
        r"\blang(?:ar|ade|at)\b", r"\blanga (?:knark|droger|gras|hasch|piller|at)\b", r"\blangare\b(?= (?:som|i|pa|vid|och)\b)",
        r"\bprovat (?:droger|knark|att roka|gras|hasch|piller|tabletter)\b",
        r"\bdrog(?:erna|ad|ade|pa\w*)\b", r"(?<!om )\bdroger\b", r"\bknark\w*", r"\bhasch\b", r"\bcannabis\b", r"\brok(?:er|a|te)? (?:pa|gras)\b",
        r"\bkokain\b", r"\bsniffa\w*", r"\bsupa\b", r"\bsuper (?:sig|varje (?:helg|dag|kvall))\b", r"\b" + _WHO + r" super\b(?! (?:bra|snall|duktig|schysst|kul|nice|najs|gullig|trevlig|rolig))",
        r"\b(?:jag|vi|han|hon|hen|de|dom|mamma|pappa|styvpappa|styvmamma|brorsan|kompisarna) (?:ar|var|blir|blev) (?:full|fulla|packad|packade|berusad|hog|pa kroken)\b(?! (?:av|pa (?:socker|energi)))",
        r"\bdricker (?:alkohol|sprit|vin|ol|vodka|sig full)\b", r"\bdricker (?:mycket|varje dag|varje kvall)\b(?! " + _SOFT_DRINK + r")",
        r"\b(?:mamma|pappa|styvpappa|styvmamma|farsan|morsan|bonuspappa|bonusmamma) dricker\b(?! " + _SOFT_DRINK + r")",
        r"\bfyllan\b", r"\bfyllo\b", r"\bberusad\b",
        r"(?<!about )\bdrugs?\b", r"\bweed\b", r"\bdrunk\b", r"\bgets? high\b", r"\bcocaine\b",
    ],
    "bullying": [
        r"\bret(?:ad|ade|ar|as|s) (?:mig|varje|hela|for)\b", r"\bblir retad\b",
        r"(?<!om )\bmobb(?:a|ar|ade|ad|ning|ningen|at)\b", r"\bmobbad\w*", r"\bretas\b", r"\bfryser ut\b", r"\butfrys\w*", r"\bkrank\w*",
        r"(?<!about )\bbull(?:y|ied|ies|ying)\b",
    ],
    "unsafe": [
        r"\bradd(?:a)? (?:for (?:honom|henne|hen|dom|dem|de|pappa|mamma|styvpappa|styvmamma|min|mina|att ga hem|att vara hemma)|hemma|att ga hem|nar (?:han|hon|pappa|mamma|de|dom) )",
        r"\binte (?:sa |alls )?tryggt?\b",
        r"(?<!inte )(?<!aldrig )(?<!inte langre )\botrygg\w*", r"\bvagar inte (?:ga hem|vara hemma|ga ut|sova|beratta|saga (?:nat|nagot) hemma)\b",
        r"\bgommer mig (?:i|under|nar|for)\b", r"\b(?:lasa|laser|laste|last) in mig\b", r"\blast in (?:i|pa) (?:mitt )?rum\b",
        r"\binte okej (?:det som hander )?hemma\b",
        r"\b(?:i am|i'm|im) (?:so |really |very )?(?:scared|afraid) (?:of (?:him|her|them|my)|at home|to go home)\b",
        r"\b(?:scared|afraid) (?:of (?:him|her|them|my (?:dad|mum|mom|stepdad|stepmum|father|mother))|at home|(?:of|to) going home)\b",
        r"\b(?:not|don'?t feel) safe\b", r"\bunsafe\b", r"\block(?:s|ed)? me in\b",
    ],
    "honour": [
        r"\btvangs?gift\w*", r"\btvinga\w* (?:mig |henne |oss )?(?:att )?gifta\b", r"\bgiftas? bort\b", r"\bbortgift\w*",
        r"\b(?:ska|vill) (?:att jag )?gifta mig med (?:en|min|nagon) (?:som|kusin)\b",
        r"(?<!om )\bheder(?:n|s\w*)?\b", r"\bfamiljens (?:rykte|ara)\b",
        r"\b(?:skicka|skickar|skickade|skickas|skickat) (?:mig |henne |oss )?(?:tillbaka |bort |ivag )?(?:till hemlandet|utomlands|for att gifta|till (?:somalia|irak|syrien|afghanistan|iran|eritrea|pakistan|turkiet|libanon|thailand))\b",
        r"\b(?:far|fick) inte (?:ha|traffa|prata med|umgas med) (?:killkompisar|tjejkompisar|killar|tjejer|pojkvan|flickvan|svenska kompisar)\b",
        r"\b(?:kollar|kontrollerar|laser|gar igenom) (?:min|mina) (?:mobil|telefon|meddelanden|sms)\b",
        r"\bforced (?:to )?marr\w*", r"\barranged marriage\b", r"\bmarry me off\b", r"\bsend(?:ing)? me (?:back|abroad|away to)\b",
        r"\b(?:family|families|family's|our|my|his|their|the family) honou?r\b", r"\bhonou?r[- ](?:killing|violence|based|related)\b", r"\bfamily'?s? reputation\b", r"\bcheck(?:s|ed)? my phone\b",
    ],
    "exploitation": [
        r"\b(?:aldre|storre) (?:killar|kille|tjejer|grabbar)\b.{0,50}\b(?:salja|saljer|langa|gomma|forvara|leverera|springa med)\b",
        r"\btvinga\w* mig (?:att )?(?:salja|bara|gomma|langa|forvara|leverera|stjala|sno)\b",
        r"\b(?:salja|saljer|salde|langa|gomma|forvara) (?:\w+ )?(?:at|for) (?:dom|dem|killarna|ganget|nagon aldre)\b",
        r"\bskyldig (?:dom|dem|honom|killarna|nagon) (?:pengar|\d)", r"\bhar (?:en )?skuld till\b",
        r"\b(?:gomma|forvara) (?:paket|vapen|knark|en vaska)\b", r"\bbara (?:paket|knark|vapen) (?:at|for)\b", r"\bspringpojke\b", r"\bkriminella? (?:natverk|gang)\w*",
        r"\bmake me (?:sell|carry|hide)\b", r"\b(?:sell|carry|hide|deliver) (?:stuff|things|drugs|packages|bags) for (?:them|older)\b",
        r"\bowe them\b", r"\bgang (?:made|makes|forced|forces)\b",
    ],
    "neglect": [
        r"\bingen mat (?:hemma|i kylen|i huset)\b", r"\b(?:finns|fanns) (?:aldrig|ingen|inte) (?:nan |nagon )?mat (?:hemma|i kylen|i huset)\b",
        r"\btom kyl\b", r"\bhungrig (?:hela tiden|varje dag|nar jag somnar|hemma|i flera dagar)\b", r"\blagger mig hungrig\b",
        r"\bensam hemma (?:hela|flera|i dagar|over natten|pa natterna|med (?:mina|min) (?:syskon|lillebror|lillasyster|smasyskon))\b",
        r"\b(?:maste|far) ta hand om (?:mina |min )?(?:smasyskon|syskon|lillebror|lillasyster)\b(?! ibland)",
        r"\bingen vuxen (?:hemma|som tar hand)\b", r"\bingen (?:som )?tar hand om (?:mig|oss)\b",
        r"\bno food (?:at home|in the house)\b", r"\bnobody (?:feeds|looks after|takes care of) (?:me|us)\b",
        r"\bhome alone (?:for|all)\b", r"\blook after my (?:little |younger )?(?:brothers?|sisters?|siblings)\b",
    ],
    "eating_disorder": [
        r"\b(?:slutat|sluta) (?:att )?ata\b", r"\bvill inte ata\b(?! (?:fisk|kott|det|den maten|grot))",
        r"\bjag ater (?:inte|inget|ingenting|knappt|nastan inget|nastan ingenting)\b(?! (?:fisk|kott|frukost pa|lunch i skolan|flask|gris))", r"\bjag at (?:knappt|nastan inget|nastan ingenting)\b",
        r"\bhoppar over (?:maltider|maten|alla mal)\b",
        r"\b(?:spyr|spydde|kraks|kraktes|kastar upp) (?:upp maten|efter maten|med flit|efter att jag atit)\b",
        r"\b(?:tvingar|far) mig (?:sjalv )?att (?:spy|krakas)\b",
        r"\bradd (?:for )?att (?:bli|vara) tjock\b", r"\b(?:jag ar|kanner mig) (?:sa |for |sjukt |jatte)?tjock\b", r"\bbanta\w*",
        r"\batstorning\w*", r"\banorexi\w*", r"\bbulimi\w*", r"\brakna(?:r)? kalorier\b", r"\bsvalter mig\b",
        r"\b(?:stopped|not) eating\b", r"\bthrow(?:ing)? up (?:after|on purpose)\b", r"\bmake myself (?:sick|throw up)\b",
        r"\banorex\w*", r"\bbulimi\w*", r"\bcalories\b", r"\bstarv(?:e|ing) myself\b",
    ],
}

# Other languages: patterns as typed (folded when compiled). Stems, not whole sentences, so that
# inflection and word order vary freely. Arabic and Persian attach prefixes to words: no \b before.
OTHER_LANGUAGES: dict[str, list[str]] = {
    "violence": [
        # Arabic
        r"ضرب(?!ة جزاء)", r"يضربني|يضربنا|بيضربني|يضربوني", r"عنف", r"كدم(?:ة|ات)", r"يصفعني|صفعني|صفع", r"ركلني|يركلني",
        r"يؤذيني|آذاني|يؤذونا", r"خنقني|يخنقني", r"بالحزام",
        # Persian
        r"کتک", r"خشونت", r"کبود", r"سیلی", r"لگد (?:زد|میزنه|می زنه)",
        # Somali
        r"\bgaraac\w*", r"\bjirdil\w*", r"\bkarbaash\w*", r"\bnabarr?o\b", r"\bi (?:dhufta|dhuftay|dila|dilaa|laadadka|feeraa)\w*",
        # Tigrinya
        r"ይወቕዓ", r"ወቕዒ", r"ሃሪሙ", r"ይሃርመ", r"ይሃርሙ", r"ዓመጽ", r"ህርመት", r"ወቒዑ",
        # Ukrainian
        r"\bб'?(?:є|ють) (?:мене|нас|маму|мою|мого)\b", r"\b(?:тато|батько|вітчим|мама|він|вона|вони) б'?(?:є|ють)\b", r"\b(?:по)?би(?:в|ла|ли|ти) (?:мене|нас|маму)\b", r"\bвдари(?:в|ла|ли|ть)\b",
        r"\bсиня(?:к|ки|ків)\b", r"\bсинці\b", r"\bнасильств\w*", r"\bкривдить\b",
    ],
    "sexual_abuse": [
        r"تحرش|يتحرش", r"يلمسني|لمسني|يلمس جسمي|يلمس جسدي", r"اغتصاب|اغتصب", r"غرفتي (?:في|بال)ليل",
        r"تجاوز جنسی|آزار جنسی|دست میزنه به بدنم|به بدنم دست|دستمالی",
        r"\bkufsi\w*", r"\bkufsad\w*", r"\bfara ?xumeyn\w*", r"\bjirkayga\b", r"\bjidhkayga\b", r"\bqolkayga habeen\w*",
        r"ጾታዊ", r"ተንኪፉኒ", r"ይትንክፈኒ", r"ኣካላተይ",
        r"\bторка\w* (?:мене|до мене)\b", r"\bчіпа\w* мене\b", r"\bсексуальн\w*", r"\bзгвалтув\w*", r"\bдомага\w*",
        r"\bзаходить до (?:моєї )?кімнати (?:вночі|уночі)\b",
    ],
    "self_harm": [
        r"اجرح نفسي|جرحت نفسي|اؤذي نفسي|أؤذي نفسي|اذيت نفسي|أذيت نفسي",
        r"به خودم آسیب|خودزنی|رگمو|رگم را|خودمو زخمی|خودم را زخمی",
        r"\bis (?:gooyo|gooyay|jaro|jaray|dhaawac\w*)\b", r"\bnaftayda (?:dhaawac|waxyeel)\w*",
        r"ነብሰይ ኣቑሲለ", r"ንነብሰይ ምጕዳእ", r"ነብሰይ እጎድእ",
        r"\bріжу себе\b", r"\bпорізала? себе\b", r"\bшкоджу собі\b", r"\bзавда\w* собі (?:болю|шкоди)\b", r"\bріжу руки\b",
    ],
    "suicidal": [
        r"انتحار|انتحر|اقتل نفسي|أقتل نفسي", r"(?:اريد|أريد|بدي|ابغى|اتمنى|أتمنى) (?:ان |أن )?اموت", r"اتمنى الموت|أتمنى الموت",
        r"(?:لا|ما) (?:اريد|أريد|بدي) (?:ان |أن )?(?:اعيش|أعيش|عيش)", r"انام ولا اصحى|انام ولا استيقظ|أنام ولا أستيقظ",
        r"خودکشی", r"(?:میخوام|می خوام|میخواهم|می خواهم|دلم میخواد|دلم می خواد) بمیرم", r"(?:نمیخوام|نمی خوام|نمیخواهم) زنده",
        r"کاش (?:نبودم|به دنیا نیامده|نمرده)", r"کاش بمیرم", r"بخوابم و (?:دیگه )?بیدار نشم",
        r"\bis ?dil\w*", r"\b(?:dhiman|dhinto) (?:rabaa|doonaa)\b", r"\binaan dhinto\b", r"\bma (?:rabo|doonayo) (?:inaan|in aan) (?:noolaado|noolaad|sii noolaado)\b",
        r"ክመውት", r"ነብሰይ ክቐትል", r"ርእሰ ?ቅትለት", r"ክሞት",
        r"\bхочу (?:по)?мерти\b", r"\bне хочу жити\b", r"\bпокінчити (?:з собою|з життям)\b", r"\bсамогубств\w*", r"\bсуїцид\w*",
        r"\bзаснути і не прокинутися\b", r"\bкраще б мене не було\b", r"\bвбити себе\b",
    ],
    "threats": [
        r"يهددني|هددني|تهديد|هددوني|يهددونا", r"سيقتلني|راح يقتلني|رح يقتلني|بيقتلني",
        r"تهدید", r"میکشمت|می کشمت|منو میکشه|منو می کشه|منو بکشه",
        r"\bhanjab\w*", r"\bhandad\w*", r"\bi dili (?:doona|doonaa|doonaan)\b", r"\bwuu i dilayaa\b",
        r"የፈራርሓ", r"ምፍርራሕ", r"ክቐትለኒ", r"ክቐትሉኒ",
        r"\bпогрож\w*", r"\bзагрожу\w*", r"\bвб'є мене\b", r"\bуб'є мене\b", r"\bвбити мене\b",
    ],
    "grooming": [
        r"(?:يطلب|طلب|يريد) (?:مني )?صور", r"سر بيننا", r"لا تخبر احدا|لا تقول لاحد|ما تقول لحد|لا تخبري احدا",
        r"عکس(?:ام|امو|های من|هامو)? (?:میخواد|می خواد|خواست)", r"بفرستم براش", r"راز بین ما|به کسی نگو|نباید به کسی بگم",
        r"\bsawir(?:r?o)?(?:\w+)? (?:i weydii\w*|ii dir\w*|u dir\w*)", r"\bha u sheegin\b", r"\bsir (?:ayuu|ayay|ah) (?:yiri|tahay)\b",
        r"ስእለይ", r"ምስጢርና", r"ንዝኾነ ሰብ ኣይትንገር",
        r"\bпросить (?:мої )?фото\b", r"\bнаш секрет\b", r"\bнікому не (?:казати|кажи|розповідати)\b",
    ],
    "running_away": [
        r"هربت من البيت|اهرب من البيت|أهرب من البيت|طردني|طردوني|انام في الشارع|نمت في الشارع",
        r"فرار (?:کردم|کنم|از خونه|از خانه)|از خونه (?:فرار|بیرونم)|تو خیابون خوابیدم",
        r"\bka (?:cararay|cararo|carari|baxsad)\w*", r"\bguriga (?:iga saaray|ka cararay|ka baxsaday)\b", r"\bbannaanka (?:seexday|seexan)\b",
        r"ካብ ገዛ ሃዲመ", r"ክሃድም", r"ሃደምኩ",
        r"\bвтекл[аи]\b", r"\bвтік\b", r"\bтікаю з дому\b", r"\bвтекти з дому\b", r"\bвигнал[аи]? (?:мене )?з дому\b", r"\bночую на вулиці\b",
    ],
    "substance_use": [
        r"مخدرات|حشيش|سكران|سكرانة|يسكر|خمر|كحول",
        r"مواد مخدر|مواد (?:میکشه|می کشه|مصرف)|مشروب|\bمست\b|الکل|حشیش|تریاک|شیشه (?:میکشه|می کشه)",
        r"\bkhamri\b", r"\bdaroogo\b", r"\bmaandooriye\b", r"\bsakhraan\w*",
        r"መስተ", r"ሰኺሩ", r"ሰኽራም", r"ድራግ",
        r"\bп'(?:є|ють) (?:горілку|алкоголь|пиво|багато|щодня|кожен день)\b", r"\b(?:тато|батько|мама|мати|вітчим) п'є\b",
        r"\bп'ян(?:ий|а|і)\b", r"\bнапива\w*", r"\bалкогол\w*", r"\bнаркотик\w*",
    ],
    "bullying": [
        r"تنمر|يتنمر", r"قلدری|مسخره ?ام می ?کنن|مسخرم میکنن",
        r"\bi caayaan\b", r"\bi takoor\w*", r"\bi jees ?jees\w*",
        r"ይላገጹለይ", r"የላግጹለይ",
        r"\bбулінг\w*", r"\bцькува\w*", r"\bзнущаю\w*", r"\bзнущалис\w*",
    ],
    "unsafe": [
        r"(?:لا|ما) (?:اشعر|أشعر|احس|أحس) بالامان|(?:اخاف|أخاف|خايف|خايفة|خائف|خائفة) (?:من )?(?:ابي|أبي|امي|أمي|زوج امي|زوج أمي|البيت|الرجوع|ارجع)",
        r"احساس امنیت نمی ?کنم|امنیت ندارم|(?:میترسم|می ترسم) (?:از )?(?:بابام|پدرم|مامانم|خونه|برگردم)",
        r"\bma dareemo (?:ammaan|nabad)\b", r"\bammaan ma (?:ahi|haysto)\b", r"\b(?:aabbahay|hooyaday|guriga) (?:ayaan|baan) ka baqaa\b",
        r"ውሑስ ኣይኮንኩን", r"ውሑስ ኣይኮነን", r"እፈርሕ", r"ፍርሒ",
        r"\bне почуваюся в безпеці\b", r"\bбоюся (?:його|її|тата|батька|мами|вітчима|йти додому|бути вдома)\b", r"\bстрашно (?:вдома|йти додому)\b",
    ],
    "honour": [
        r"زواج (?:قسري|بالاكراه|بالإكراه)|يزوجوني|يجبروني على الزواج|شرف العائلة|يرسلوني (?:الى|إلى|للبلد|لبلدنا)|يفتش (?:جوالي|تلفوني|هاتفي)",
        r"ازدواج اجباری|مجبورم (?:کنن|میکنن|می کنن) ازدواج|شوهرم بدن|آبروی خانواده|ناموس|(?:بفرستنم|می فرستنم|میفرستنم) (?:ایران|افغانستان)|گوشیمو چک",
        r"\bguur (?:qasab|khasab)\w*", r"\bi guursiin\w*", r"\bdhaqan ?celis\w*", r"\bsharafta (?:qoyska|reerka)\b", r"\bceeb(?:ta)? (?:qoyska|reerka)\b", r"\btaleefankayga (?:baaraan|eegaan)\b",
        r"ብግዲ", r"ክምርዓው ይገድዱኒ", r"ናብ ዓደይ ክሰዱኒ",
        r"\bпримусов\w* шлюб\w*", r"\bвидати (?:мене )?заміж\b", r"\bзмушують вийти заміж\b", r"\bвідправити (?:мене )?(?:назад|за кордон)\b",
        r"\bчесть (?:сім'ї|родини)\b", r"\bперевіря\w* мій телефон\b",
    ],
    "exploitation": [
        r"يجبروني (?:على )?(?:بيع|ابيع|أبيع|احمل|أحمل|اخبي)|ابيع لهم|أبيع لهم|عصابة|مديون لهم",
        r"مجبورم میکنن (?:بفروشم|جابجا)|براشون بفروشم|بدهکارشون",
        r"\b(?:inaan|in aan) (?:u )?iibiyo\b", r"\bi qasbaan\b", r"\bburcad\w*", r"\bdeyn (?:baan|ayaan) ku leeyahay\b",
        r"ክሸይጥ ይገድዱኒ",
        r"\bзмушують (?:мене )?(?:продавати|носити|переносити)\b", r"\bвинен (?:їм )?гроші\b", r"\bбанд[аи]\b",
    ],
    "neglect": [
        r"ما في اكل|ما في أكل|لا يوجد طعام|جوعان|جوعانة|جائع|وحدي في البيت|لوحدي بالبيت",
        r"غذا نداریم|گرسنه|تنها (?:تو|در) (?:خونه|خانه)|کسی مراقب",
        r"\bcunto (?:ma (?:jirto|jirin|haysano)|la\'aan)\b", r"\bgaajo\w*", r"\b(?:kali|keligay|kaligay) (?:ayaan |baan )?guriga\b",
        r"መግቢ የለን", r"መግቢ የብልናን", r"ጥሜት", r"ጠምየ", r"በይነይ ኣብ ገዛ",
        r"\bнемає їжі\b", r"\bнема що їсти\b", r"\bголодн\w*", r"\bсам(?:а)? вдома (?:по|кілька|цілими|всю)\b",
    ],
    "eating_disorder": [
        r"(?:توقفت عن|لا اريد) الاكل|اتقيأ|أتقيأ|استفرغ بعد|سمينة|رجيم|دايت",
        r"غذا نمی ?خورم|بالا میارم|رژیم (?:گرفتم|میگیرم|می گیرم|دارم)|چاقم|خودمو گرسنه",
        r"\bma cuno\b", r"\bcunto (?:diid|diiday)\w*", r"\bis matag\w*", r"\bbuuran\w*",
        r"ኣይበልዕን", r"ምብላዕ ኣቋሪጸ", r"ከይረጉድ",
        r"\bне (?:їм|хочу їсти)\b", r"\bперестал[аи]? їсти\b", r"\bвикликаю блювоту\b", r"\bблюю\b", r"\bтовст(?:а|ий|ою)\b", r"\bдієт\w*", r"\bкалорі\w*",
    ],
}

CATEGORIES = tuple(PATTERNS)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "\u200c": "", "\u200d": ""})


def prepare(text: str) -> str:
    """The form patterns are matched on: folded, one apostrophe, no zero-width joiners."""
    return fold(text.translate(_APOSTROPHES))


def _fold_pattern(pattern: str) -> str:
    """Fold the literal letters of a pattern as `fold` folds text; escapes like \\b and \\w stay."""
    out = []
    for ch in pattern:
        if ord(ch) < 128:
            out.append(ch)
        else:
            decomposed = unicodedata.normalize("NFKD", ch.lower())
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).translate(_APOSTROPHES)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, dict[str, re.Pattern]]:
    per_category = {}
    for category in CATEGORIES:
        patterns = PATTERNS[category] + [_fold_pattern(p) for p in OTHER_LANGUAGES.get(category, [])]
        per_category[category] = re.compile("|".join(f"(?:{p})" for p in patterns))
    # Most comments disclose nothing: one scan with every pattern answers that.
    any_pattern = re.compile("|".join(f"(?:{p.pattern})" for p in per_category.values()))
    return any_pattern, per_category


def match_patterns(text: str | None) -> list[tuple[str, str]]:
    """(category, matched snippet) for every category whose patterns match `text`."""
    if not text:
        return []
    prepared = prepare(text)
    any_pattern, per_category = _compiled()
    if not any_pattern.search(prepared):
        return []
    hits = []
    for category, pattern in per_category.items():
        match = pattern.search(prepared)
        if match:
            hits.append((category, match.group(0).strip()))
    return hits
