"""A deterministic generator of synthetic German and English news articles for benchmarks.

Everything here is invented: the people, roles, organisations, places, outlets and every
sentence come from the templates below, filled in by a seeded ``random.Random``. The
articles mix what quotetrack has to handle: direct quotations in the language's marks
(„…“ and »…« in German, “…” and "…" in English) with the attribution before, after or
in the middle; reported speech (German Konjunktiv, "laut X", "X zufolge", "wie X
berichtete"; English "said that", "according to X", "told Reuters"); pronoun follow-ups
("fügte sie hinzu", "he added"); plain narrative sentences; a byline/date line; and now
and then a closing "Quelle: X" / "Source: X" line.

Library use::

    from corpus import generate
    for article in generate(10_000, seed=0):
        ...  # {"id", "lang", "published", "outlet", "title", "text"}

Command line::

    python bench/corpus.py --n 10000 --out DIR   # DIR/articles.jsonl and DIR/text/<id>.txt

Article ``i`` depends only on ``(seed, i)``, so ``generate(100)`` is the first hundred of
``generate(10_000)``. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

MIN_CHARS = 1500
MAX_CHARS = 5000
MEAN_CHARS = 3000
FIRST_DAY = date(2022, 1, 3)
DAYS = 1275  # publication dates spread over about three and a half years

# --- invented people, places, organisations and outlets ---------------------------------------------
# Pools are written one item a line (or space-separated words) and split when the module loads.


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def _words(block: str) -> list[str]:
    return block.split()


def _rows(block: str) -> list[tuple[str, ...]]:
    """Lines of "|"-separated forms, e.g. nominative | genitive | dative; a line starting
    with "|" continues the one before."""
    joined: list[str] = []
    for line in _lines(block):
        if line.startswith("|") and joined:
            joined[-1] += " " + line
        else:
            joined.append(line)
    return [tuple(part.strip() for part in line.split("|")) for line in joined]


DE_FIRST = {
    "m": _words("Jonas Matthias Stefan Tobias Lukas Henrik Florian Bernd Ralf Kai Jens Olaf Malte Timo Arne"),
    "f": _words(
        "Anja Claudia Miriam Katrin Sabine Lea Jana Ines Franziska Birte Svenja Heike Nele Wiebke Dörte"
    ),
}
DE_LAST = _words("""
    Achterberg Bramstedt Dorfmüller Eickhoff Falkenrath Griesbach Haberkorn Isenhagen Jürgensmeier Kallweit
    Lohmeyer Marquardsen Nöldeke Ortlepp Pfannkuch Rehberger Sielmann Tammling Uhlendorf Vollrath Wendehorst
    Zeisberg Brandhorst Kieseritz Mollenhauer Stöcklein Wittkamp Overbeck Hasselmann Grotjahn
""")
# masculine | feminine
DE_ROLES = _rows("""
    Sprecher | Sprecherin
    Leiter | Leiterin
    Geschäftsführer | Geschäftsführerin
    Präsident | Präsidentin
    Direktor | Direktorin
    Referent | Referentin
    Pressesprecher | Pressesprecherin
    Abteilungsleiter | Abteilungsleiterin
    Betriebsratschef | Betriebsratschefin
""")
DE_TITLED = _rows("""
    Bürgermeister | Bürgermeisterin
    Landrat | Landrätin
    Stadtrat | Stadträtin
    Verkehrsminister | Verkehrsministerin
    Umweltsenator | Umweltsenatorin
    Ökonom | Ökonomin
    Stadtbaurat | Stadtbaurätin
""")
# nominative | genitive | dative, with the article
DE_ORGS = _rows("""
    das Landesamt für Küstenschutz | des Landesamts für Küstenschutz | dem Landesamt für Küstenschutz
    die Stadtwerke {town} | der Stadtwerke {town} | den Stadtwerken {town}
    der Verkehrsverbund Mittelheide | des Verkehrsverbunds Mittelheide | dem Verkehrsverbund Mittelheide
    die Handwerkskammer {town} | der Handwerkskammer {town} | der Handwerkskammer {town}
    das Institut für Regionalwirtschaft | des Instituts für Regionalwirtschaft
        | dem Institut für Regionalwirtschaft
    der Fährbetrieb Norderhaken | des Fährbetriebs Norderhaken | dem Fährbetrieb Norderhaken
    das Umweltministerium des Landes | des Umweltministeriums des Landes | dem Umweltministerium des Landes
    die Gewerkschaft Bau und Boden | der Gewerkschaft Bau und Boden | der Gewerkschaft Bau und Boden
    der Mieterverein {town} | des Mietervereins {town} | dem Mieterverein {town}
    die Kreisverwaltung {town} | der Kreisverwaltung {town} | der Kreisverwaltung {town}
    das Klinikum {town} | des Klinikums {town} | dem Klinikum {town}
    der Landesverband der Wasserversorger | des Landesverbands der Wasserversorger
        | dem Landesverband der Wasserversorger
""")
DE_TOWNS = _words("""
    Wendelsbrück Altmarkfurt Ostermoor Haldenstedt Lindenhagen Kesselbach Norderhaken Brunnwiesen Falkenried
    Sandauel Moorwerder Eichtal
""")
# name | nominative phrase | dative phrase; {q} and {p} become the article's quotation marks
DE_OUTLETS = _rows("""
    Wendelsbrücker Bote | der {q}Wendelsbrücker Bote{p} | dem {q}Wendelsbrücker Boten{p}
    Nordheider Rundschau | die {q}Nordheider Rundschau{p} | der {q}Nordheider Rundschau{p}
    Elbmarsch-Kurier | der {q}Elbmarsch-Kurier{p} | dem {q}Elbmarsch-Kurier{p}
    Rheinauer Tagespost | die {q}Rheinauer Tagespost{p} | der {q}Rheinauer Tagespost{p}
    Radio Mittelheide | der Sender Radio Mittelheide | dem Sender Radio Mittelheide
    Küstenfunk | der Küstenfunk | dem Küstenfunk
    Nordpress | die Nachrichtenagentur Nordpress | der Nachrichtenagentur Nordpress
    Südheider Abendblatt | das {q}Südheider Abendblatt{p} | dem {q}Südheider Abendblatt{p}
    Moorland Nachrichten | das Portal Moorland Nachrichten | dem Portal Moorland Nachrichten
""")
# feminine topics only, so nominative and accusative agree ("für die Sanierung der ...")
DE_TOPICS = _lines("""
    die Sanierung der Mühlenbrücke
    die Erweiterung des Klärwerks
    die Schließung der Geburtsstation
    die Verlängerung der Stadtbahnlinie 4
    die Modernisierung des Hallenbads
    die Umstellung auf E-Busse
    die Zusammenlegung der Grundschulen
    die Neuordnung der Notaufnahmen
    die Privatisierung der Fährlinie
    die Ansiedlung eines Batteriewerks
    die Bebauung des Hafenareals
    die Renaturierung der Aue
    die Erneuerung des Deichs
    die Reform der Müllabfuhr
    die Digitalisierung der Bürgerämter
""")
DE_HEAD_TAILS = _lines("""
    Kosten steigen um {num} Millionen Euro
    Stadt rechnet mit Verzögerung bis {year}
    Land prüft zusätzliche Mittel
    Kritik am Zeitplan wächst
    Anwohner fordern Mitsprache
    Entscheidung vertagt
    Gutachten sieht Mängel
    Betriebsrat warnt vor Stellenabbau
""")
DE_WEEKDAYS = _words("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag")
DE_MONTHS = _words("Januar Februar März April Mai Juni Juli August September Oktober November Dezember")

DE_QUOTES = _lines("""
    Wir haben alle Optionen geprüft und stehen zu unserer Entscheidung.
    Niemand hat damit gerechnet, dass die Kosten so stark steigen.
    Das ist ein wichtiger Schritt für die ganze Region.
    Wir brauchen jetzt Planungssicherheit, und zwar schnell.
    Die Zahlen sprechen eine klare Sprache.
    Ich halte den Zeitplan nach wie vor für realistisch.
    Wir werden die Bürgerinnen und Bürger frühzeitig einbeziehen.
    Bis {year} muss das Projekt abgeschlossen sein.
    Mit {num} Millionen Euro kommen wir nicht aus.
    Es gibt keinen Grund zur Sorge.
    Wir sind enttäuscht, aber nicht überrascht.
    So kann es nicht weitergehen!
    Die Verantwortung liegt jetzt beim Land.
    Wir haben unsere Hausaufgaben gemacht.
    Das ist schlicht nicht finanzierbar.
    Ich bin zuversichtlich, dass wir eine Lösung finden.
    Die Menschen in {town} haben ein Recht auf Klarheit.
    Wir prüfen den Bericht sorgfältig und äußern uns danach.
    Für Schnellschüsse ist das Thema zu wichtig.
    Jeder weitere Monat Verzögerung kostet uns Geld.
    Wer soll das am Ende bezahlen?
    Wir reden seit {years} Jahren darüber, jetzt muss endlich gehandelt werden.
""")
# a quotation interrupted by its attribution: first part | second part
DE_SPLIT_QUOTES = _rows("""
    Wir halten am Zeitplan fest | auch wenn es eng wird.
    Das Geld ist da | es muss nur richtig eingesetzt werden.
    Die Lage ist ernst | aber nicht hoffnungslos.
    Wir werden nicht aufgeben | das sind wir den Anwohnern schuldig.
    Natürlich gibt es Risiken | aber die gibt es bei jedem großen Vorhaben.
""")
DE_PHRASES = _lines("""
    ein Schritt in die richtige Richtung
    völlig überzogen
    nicht hinnehmbar
    längst überfällig
    eine vertane Chance
    ein Armutszeugnis
    grundsätzlich vernünftig
""")
# reported speech in the Konjunktiv: verb second | verb final (after "dass")
DE_CLAUSES = _rows("""
    die Arbeiten würden sich um mindestens {months} Monate verzögern
        | sich die Arbeiten um mindestens {months} Monate verzögern würden
    man habe alle Angebote sorgfältig geprüft | man alle Angebote sorgfältig geprüft habe
    die Finanzierung sei bis {year} gesichert | die Finanzierung bis {year} gesichert sei
    die Kosten seien seit {year0} um fast {pct} Prozent gestiegen
        | die Kosten seit {year0} um fast {pct} Prozent gestiegen seien
    das Land müsse sich stärker beteiligen | sich das Land stärker beteiligen müsse
    eine Entscheidung solle bis Jahresende fallen | eine Entscheidung bis Jahresende fallen solle
    die Verwaltung habe rechtzeitig gewarnt | die Verwaltung rechtzeitig gewarnt habe
    es gebe derzeit keine Alternative | es derzeit keine Alternative gebe
    {topic} komme später als geplant | {topic} später als geplant komme
    der Betrieb laufe vorerst normal weiter | der Betrieb vorerst normal weiterlaufe
    man sei für Gespräche offen | man für Gespräche offen sei
    die Pläne seien {q}{phrase}{p} | die Pläne {q}{phrase}{p} seien
    {topic} werde rund {num} Millionen Euro kosten | {topic} rund {num} Millionen Euro kosten werde
""")
# Konjunktiv sentences that run on after reported speech, with no new cue
DE_RUNONS = _lines("""
    Man habe deshalb beim Bund zusätzliche Mittel beantragt.
    Eine Entscheidung solle bis zum Herbst fallen.
    Die Verwaltung werde die Anwohner im Frühjahr informieren.
    Zudem seien zwei Gutachten in Auftrag gegeben worden.
    Ein Baustopp sei aber nicht geplant.
    Das Land habe bislang nicht reagiert.
""")
# verb-first indicative clauses for "Laut X ..." and "X zufolge ..."
DE_V1 = _lines("""
    fehlen für den zweiten Bauabschnitt noch rund {num} Millionen Euro
    ist die Finanzierung bis {year} nicht gesichert
    haben sich bereits {small} Unternehmen um den Auftrag beworben
    soll eine Entscheidung noch vor der Sommerpause fallen
    sind von den Plänen rund {thousands} Haushalte betroffen
    liegen die Kosten inzwischen um {pct} Prozent über der ursprünglichen Schätzung
    wird der Betrieb vorerst normal weiterlaufen
""")
# verb-second indicative statements for "..., wie X berichtete"
DE_REPORTED = _lines("""
    {Topic} verzögert sich um mindestens ein Jahr
    {Topic} wird deutlich teurer als geplant
    Für {topic} fehlen noch rund {num} Millionen Euro
    Das Land will {topic} mit zusätzlichen {small} Millionen Euro fördern
    Gegen {topic} regt sich in {town} Widerstand
""")
DE_NARRATIVE = _lines("""
    Der rund {small} Kilometer lange Abschnitt gilt seit Jahren als Problemfall.
    Im vergangenen Jahr waren dafür rund {num} Millionen Euro eingeplant.
    Die Arbeiten hatten im Frühjahr {year0} begonnen.
    Betroffen sind nach ersten Schätzungen mehrere tausend Haushalte.
    Der Gemeinderat soll sich in seiner nächsten Sitzung mit dem Thema befassen.
    Bereits {year0} hatte es ähnliche Pläne gegeben, die dann aber verworfen wurden.
    In {town} leben knapp {thousands} Menschen.
    Die Ausschreibung endet im Herbst.
    Ein Gutachten dazu liegt seit dem Sommer vor.
    Die Opposition im Stadtrat hatte eine Sondersitzung beantragt.
    Am Abend versammelten sich vor dem Rathaus etwa {hundreds} Menschen.
    Die Pläne sehen unter anderem einen neuen Zugang von der Hafenseite vor.
    Der Kreistag hatte den Bau im Jahr {year0} mit knapper Mehrheit beschlossen.
    Seit Jahresbeginn sind die Preise für Baustoffe erneut gestiegen.
    Ein Ersatzangebot soll es vorerst nicht geben.
""")
DE_VERBS = _words("sagte sagte sagte erklärte betonte warnte kritisierte meinte")
DE_VERBS_INTRO = ["sagte", "sagte", "erklärte", "betonte", "kündigte an", "räumte ein"]

EN_FIRST = {
    "m": _words("Daniel Marcus Oliver Simon Graham Nathan Peter Adrian Colin Rhys Owen Martin Howard Dev"),
    "f": _words("Helen Priya Laura Fiona Megan Ruth Claire Nadia Sarah Joanna Tessa Imogen Grace Aisha"),
}
EN_LAST = _words("""
    Ashworth Bellamy Calloway Drummond Ellery Fairbairn Goddard Hartigan Inglis Jessop Kendrick Lockhart Mabry
    Netherton Okafor Pemberton Quayle Radcliffe Sutcliffe Thackeray Underhill Varley Whitlock Yardley Brennock
    Castellane Dunmore Farrow
""")
EN_ROLES = _lines("""
    spokesman
    director
    chief executive
    chair
    deputy mayor
    analyst
    head of operations
    senior engineer
    union representative
    finance officer
""")
EN_TITLED = ["Mayor", "Councillor", "Transport Secretary", "Senator", "Professor", "Commissioner"]
EN_ORGS = _lines("""
    the {town} Harbour Authority
    the Northvale Water Board
    {town} City Council
    the Regional Transit Agency
    the Institute for Coastal Studies
    the Eastmere Hospital Trust
    the Department of Infrastructure
    the Builders' and Joiners' Union
    the {town} Tenants' Association
    Carrow Energy
    the Midland Rail Partnership
    the Chamber of Commerce
""")
EN_TOWNS = _lines("""
    Ashcombe
    Port Ellery
    Carrick Vale
    Wexbury
    Halden Cross
    Stanmere
    Fallowfield
    Kestrel Bay
    Marlow Heath
    Underby
""")
EN_OUTLETS = _lines("""
    the Ashcombe Courier
    the Wexbury Gazette
    the Northvale Chronicle
    Coastline Radio
    the Harbour Ledger
    the Midland Observer
    the Kestrel Bay Post
    the Eastmere Evening Star
    Regional Wire
""")
EN_TOPICS = _lines("""
    the renovation of the Millbrook Bridge
    the expansion of the sewage works
    the closure of the maternity ward
    the extension of the tram line
    the refurbishment of the public pool
    the switch to electric buses
    the merger of the two primary schools
    the sale of the ferry service
    the new battery plant
    the redevelopment of the old docks
    the restoration of the river meadows
    the rebuilding of the sea wall
    the overhaul of waste collection
    the new flood barrier
""")
EN_HEAD_TAILS = _lines("""
    costs rise by {num} million
    delay to {year} expected
    government weighs extra funding
    criticism of timetable grows
    residents demand a say
    decision postponed
    review finds flaws
    union warns of job cuts
""")
EN_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
EN_MONTHS = _words("January February March April May June July August September October November December")
EN_CURRENCY = ["pounds", "dollars", "euros"]

EN_QUOTES = _lines("""
    We have looked at every option and we stand by our decision.
    Nobody expected costs to rise this quickly.
    This is an important step for the whole region.
    What we need now is certainty, and we need it soon.
    The figures speak for themselves.
    I still think the timetable is realistic.
    We will involve residents from the very beginning.
    The project has to be finished by {year}.
    {num} million {cur} is simply not enough.
    There is no reason to panic.
    We are disappointed, but we are not surprised.
    This cannot go on!
    The ball is now in the government's court.
    We have done our homework.
    It is simply not affordable.
    I am confident we will find a solution.
    People in {town} deserve a clear answer.
    We are reading the report carefully and will respond in due course.
    This is too important for quick fixes.
    Every month of delay costs us money.
    Who is going to pay for all this?
    We have been talking about this for {years} years, and now it is time to act.
""")
EN_SPLIT_QUOTES = _rows("""
    We are sticking to the timetable | even if it gets tight.
    The money is there | it just has to be spent properly.
    The situation is serious | but it is not hopeless.
    We will not give up | we owe that to the people who live here.
    Of course there are risks | but there are risks in every big project.
""")
EN_PHRASES = _lines("""
    a step in the right direction
    completely excessive
    unacceptable
    long overdue
    a missed opportunity
    an embarrassment
    broadly sensible
""")
# reported speech, backshifted
EN_CLAUSES = _lines("""
    the work would be delayed by at least {months} months
    the authority had examined every bid carefully
    funding was secured until {year}
    costs had risen by almost {pct} percent since {year0}
    the government needed to contribute more
    a decision was expected by the end of the year
    there was currently no alternative
    {topic} would come later than planned
    services would continue as normal for now
    the agency was open to talks
    the plans were {q}{phrase}{p}
    {topic} would cost around {num} million {cur}
""")
EN_FOLLOW = _lines("""
    the authority had applied for additional money
    a final decision would be taken in the autumn
    residents would be informed in the spring
    two independent reviews had been commissioned
    construction would not be halted
""")
# present indicative statements for "according to X" and "..., X reported"
EN_FACTS = _lines("""
    around {num} million {cur} is still missing for the second phase
    funding is not secured beyond {year}
    {small} companies have already bid for the contract
    a decision is due before the summer recess
    around {thousands} households are affected by the plans
    costs are now {pct} percent above the original estimate
    {topic} will be delayed by at least a year
    {topic} will be considerably more expensive than planned
""")
EN_NARRATIVE = _lines("""
    The {small}-mile stretch has been a problem for years.
    Around {num} million {cur} had been set aside for the work last year.
    Construction began in the spring of {year0}.
    Several thousand households are thought to be affected.
    The council is expected to discuss the matter at its next meeting.
    Similar plans were drawn up in {year0} but later abandoned.
    Just under {thousands} people live in {town}.
    The tender closes in the autumn.
    An engineering report on the site has been available since the summer.
    Opposition councillors had called for an emergency session.
    About {hundreds} people gathered outside the town hall in the evening.
    The plans include a new entrance on the harbour side.
    The county approved the scheme by a narrow majority in {year0}.
    Prices for building materials have risen again since January.
    No replacement service is planned for the time being.
""")
EN_VERBS = _words("said said said said said explained warned insisted")

# How often each kind of paragraph follows the lead (relative weights).
PARAGRAPH_MIX = {
    "direct_after": 16,  # „…“, sagte X. / “…,” X said.
    "direct_before": 9,  # X sagte: „…“ / X said: “…”
    "direct_split": 7,  # „…“, sagte X, „…“ / “…,” said X, “…”
    "indirect": 14,  # X sagte, … sei … / X said that …
    "according": 8,  # laut X, X zufolge, wie X berichtete / according to X, X reported
    "told": 6,  # sagte X dem „Boten“ / told Reuters
    "narrative": 20,  # no statement at all
    "runon": 6,  # reported speech running on over several Konjunktiv sentences
    "follow_up": 10,  # fügte sie hinzu / he added
    "mixed": 6,  # reported speech with a quoted phrase
}
# What the paragraphs are, by corpus kind: "dense" (the default) is mostly statements, about 24 an
# article, to load the engine; "realistic" is mostly narrative, about 4 to 8 statements an article,
# as news usually has.
MIXES = {
    "dense": PARAGRAPH_MIX,
    "realistic": {**PARAGRAPH_MIX, "narrative": 250},
}


# --- the builder ------------------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    gender: str  # "m" | "f"
    intro: str  # first mention: name with role and organisation
    short: str  # later mentions
    named: bool = False

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _Writer:
    """Shared machinery: slot values, the paragraph loop, length control."""

    rng: random.Random
    published: date
    lang: str
    marks: tuple[str, str] = ("“", "”")
    people: list[Person] = field(default_factory=list)
    last: Person | None = None
    slots: dict[str, object] = field(default_factory=dict)
    decks: dict[int, list[str]] = field(default_factory=dict)
    mix: dict[str, int] = field(default_factory=lambda: PARAGRAPH_MIX)

    def pick(self, seq: Sequence[T]) -> T:
        return seq[self.rng.randrange(len(seq))]

    def draw(self, pool: list[str]) -> str:
        """The next item of a shuffled deck of ``pool``, so an article repeats a sentence only
        after it has used all the others."""
        deck = self.decks.get(id(pool))
        if not deck:
            deck = list(pool)
            self.rng.shuffle(deck)
            self.decks[id(pool)] = deck
        return deck.pop()

    def draws(self, pool: list[str], k: int) -> list[str]:
        return [self.draw(pool) for _ in range(k)]

    def fill(self, template: str) -> str:
        r = self.rng
        values = dict(self.slots)
        values.update(
            num=r.choice([3, 4, 6, 8, 12, 14, 19, 23, 35, 48, 60, 120]),
            small=r.randint(2, 9),
            pct=r.choice([12, 15, 18, 20, 25, 30, 40]),
            months=r.choice([6, 9, 12, 18, 24]),
            years=r.choice([5, 8, 10, 15, 20]),
            year=self.published.year + r.randint(1, 4),
            year0=self.published.year - r.randint(1, 6),
            thousands=f"{r.randint(4, 95)}{'.' if self.lang == 'de' else ','}000",
            hundreds=r.choice([80, 120, 150, 200, 300, 400]),
            q=self.marks[0],
            p=self.marks[1],
            phrase=self.pick(DE_PHRASES if self.lang == "de" else EN_PHRASES),
        )
        return template.format(**values)

    def quote(self, sentences: int) -> str:
        pool = DE_QUOTES if self.lang == "de" else EN_QUOTES
        return " ".join(self.fill(s) for s in self.draws(pool, sentences))

    def day(self) -> date:
        """A day shortly before publication, for "am Dienstag" / "on Tuesday"."""
        return self.published - timedelta(days=self.rng.randint(0, 6))

    def speaker(self, *, new: bool | None = None) -> Person:
        if new is None:
            new = not self.people or (len(self.people) < 4 and self.rng.random() < 0.35)
        person = self.new_person() if new else self.pick(self.people)
        return person

    def name_of(self, person: Person) -> str:
        """How the article refers to a person now: full introduction once, then the short form."""
        if not person.named:
            person.named = True
            return person.intro
        return person.short

    def tail(self, person: Person, when: str = "") -> str:
        """A name closing a sentence ("..., sagte X am Montag."): an apposition keeps its
        closing comma only when more follows."""
        who = self.name_of(person)
        if who.endswith(","):
            return who + when if when else who[:-1]
        return who + when

    def new_person(self) -> Person:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def byline(self, author: str) -> str:
        raise NotImplementedError

    def p_lead(self) -> str:
        raise NotImplementedError

    def paragraph(self, kind: str) -> str:
        return getattr(self, f"p_{kind}")()

    def body(self, target: int, head: int) -> list[str]:
        kinds, weights = zip(*self.mix.items(), strict=True)
        paragraphs = [self.p_lead()]
        size = head + len(paragraphs[0])
        failures = 0
        while size < target and failures < 20:
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "follow_up" and self.last is None:
                continue
            text = self.paragraph(kind)
            if size + len(text) + 2 > MAX_CHARS - 40:
                failures += 1
                continue
            size += len(text) + 2
            # a block often shares a paragraph with the one before: a follow-up most of all
            join = 0.6 if kind == "follow_up" else 0.35
            if len(paragraphs) > 1 and len(paragraphs[-1]) < 400 and self.rng.random() < join:
                paragraphs[-1] += " " + text
            else:
                paragraphs.append(text)
        return paragraphs


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dequote_end(text: str) -> str:
    """A quotation followed by ", sagte X" / ", he said" drops its final full stop."""
    return text[:-1] if text.endswith(".") else text


class _German(_Writer):
    def new_person(self) -> Person:
        r = self.rng
        gender = r.choice("mf")
        first, last = self.pick(DE_FIRST[gender]), self.pick(DE_LAST)
        while any(p.last == last for p in self.people):
            last = self.pick(DE_LAST)
        g = 0 if gender == "m" else 1
        style = r.random()
        if style < 0.35:
            intro = f"{first} {last}, {self.pick(DE_ROLES)[g]} {self.org()[1]},"
        elif style < 0.6:
            art = "der" if gender == "m" else "die"
            intro = f"{art} {self.pick(DE_ROLES)[g]} {self.org()[1]}, {first} {last},"
        elif style < 0.85:
            title = self.pick(DE_TITLED)[g]
            if title.startswith(("Bürgermeister", "Landrat", "Landrät")):
                title = f"{self.slots['town']}s {title}"
            intro = f"{title} {first} {last}"
        else:
            intro = f"{first} {last}"
        person = Person(first, last, gender, intro, last)
        self.people.append(person)
        return person

    def org(self) -> tuple[str, str, str]:
        nom, gen, dat = self.pick(DE_ORGS)
        town = self.slots["town"]
        return nom.format(town=town), gen.format(town=town), dat.format(town=town)

    def outlet(self) -> tuple[str, str, str]:
        name, nom, dat = self.pick(DE_OUTLETS)
        q, p = self.marks
        return name, nom.format(q=q, p=p), dat.format(q=q, p=p)

    def when(self) -> str:
        r = self.rng.random()
        d = self.day()
        if r < 0.45:
            return f" am {DE_WEEKDAYS[d.weekday()]}"
        if r < 0.55:
            return f" am {d.day}. {DE_MONTHS[d.month - 1]}"
        if r < 0.65:
            return f" am {DE_WEEKDAYS[d.weekday()]} in {self.slots['town']}"
        if r < 0.72:
            return " auf Anfrage"
        return ""

    def clause(self, final: bool = False) -> str:
        pair = self.pick(DE_CLAUSES)
        return self.fill(pair[1] if final else pair[0])

    def say(self, person: Person, verb: str, rest: str) -> str:
        """X sagte ...: the subject first; an apposition keeps both its commas."""
        return _cap(f"{self.name_of(person)} {verb}{rest}")

    def q(self, text: str) -> str:
        return f"{self.marks[0]}{text}{self.marks[1]}"

    def p_lead(self) -> str:
        _name, nom, dat = self.outlet()
        statement = self.fill(self.pick(DE_REPORTED))
        d = self.day()
        r = self.rng.random()
        if r < 0.4:
            first = f"{statement}, wie {nom} am {DE_WEEKDAYS[d.weekday()]} berichtete."
        elif r < 0.6:
            first = f"{_cap(dat)} zufolge {self.fill(self.pick(DE_V1))}."
        elif r < 0.75:
            first = f"Laut {nom.split(' ', 1)[1]} {self.fill(self.pick(DE_V1))}."
        else:
            first = f"{statement}."
        rest = " ".join(self.fill(s) for s in self.draws(DE_NARRATIVE, self.rng.randint(1, 2)))
        return f"{first} {rest}"

    def p_direct_after(self) -> str:
        p = self.speaker()
        self.last = p
        verb = self.pick(DE_VERBS)
        quote = self.quote(self.rng.randint(1, 3))
        text = f"{self.q(_dequote_end(quote))}, {verb} {self.tail(p, self.when())}."
        if self.rng.random() < 0.4:
            text += " " + self.fill(self.draw(DE_NARRATIVE))
        return text

    def p_direct_before(self) -> str:
        p = self.speaker()
        self.last = p
        verb = self.pick(DE_VERBS_INTRO)
        quote = self.quote(self.rng.randint(1, 3))
        when = self.when()
        if " " in verb:  # separable: "kündigte am Montag an: ..."
            stem, particle = verb.split()
            return self.say(p, stem, f"{when} {particle}: {self.q(quote)}")
        return self.say(p, verb, f"{when}: {self.q(quote)}")

    def p_direct_split(self) -> str:
        p = self.speaker()
        self.last = p
        if self.rng.random() < 0.5:
            a, b = self.pick(DE_SPLIT_QUOTES)
            return f"{self.q(a)}, sagte {self.tail(p, ',')} {self.q(b)}"
        s1, s2 = self.quote(1), self.quote(self.rng.randint(1, 2))
        return f"{self.q(_dequote_end(s1))}, sagte {self.tail(p, self.when())}. {self.q(s2)}"

    def p_indirect(self) -> str:
        p = self.speaker()
        self.last = p
        r = self.rng.random()
        when = self.when()
        if r < 0.5:
            text = self.say(p, self.pick(DE_VERBS), f"{when}, {self.clause()}.")
        elif r < 0.8:
            verb = self.pick(["sagte", "erklärte", "betonte"])
            text = self.say(p, verb, f"{when}, dass {self.clause(True)}.")
        else:
            text = f"{_cap(self.clause())}, {self.pick(DE_VERBS)} {self.tail(p, when)}."
        if self.rng.random() < 0.5:
            text += " " + self.fill(self.draw(DE_RUNONS))
        return text

    def p_runon(self) -> str:
        p = self.speaker()
        self.last = p
        text = self.say(p, "sagte", f"{self.when()}, {self.clause()}.")
        for runon in self.draws(DE_RUNONS, self.rng.randint(1, 3)):
            text += " " + self.fill(runon)
        return text

    def p_according(self) -> str:
        r = self.rng.random()
        v1 = self.fill(self.pick(DE_V1))
        if r < 0.35:
            p = self.speaker()
            self.last = p
            return f"Laut {p.last if p.named else p.full} {v1}."
        if r < 0.65:
            return f"{_cap(self.org()[2])} zufolge {v1}."
        _name, nom, _dat = self.outlet()
        statement = self.fill(self.pick(DE_REPORTED))
        return f"{statement}, wie {nom} berichtete. " + self.fill(self.draw(DE_NARRATIVE))

    def p_told(self) -> str:
        p = self.speaker()
        self.last = p
        _name, _nom, dat = self.outlet()
        if self.rng.random() < 0.5:
            quote = self.q(_dequote_end(self.quote(self.rng.randint(1, 2))))
            return f"{quote}, sagte {self.tail(p, ' ' + dat)}."
        return self.say(p, "sagte", f" {dat}, {self.clause()}.")

    def p_narrative(self) -> str:
        k = self.rng.randint(2, 4)
        return " ".join(self.fill(s) for s in self.draws(DE_NARRATIVE, k))

    def p_follow_up(self) -> str:
        p = self.last
        assert p is not None
        pron = "er" if p.gender == "m" else "sie"
        r = self.rng.random()
        if r < 0.4:
            return f"{self.q(_dequote_end(self.quote(1)))}, fügte {pron} hinzu."
        if r < 0.7:
            return f"{_cap(self.clause())}, fügte {pron} hinzu."
        return f"{_cap(pron)} betonte, {self.clause()}. " + self.fill(self.draw(DE_RUNONS))

    def p_mixed(self) -> str:
        p = self.speaker()
        self.last = p
        phrase = self.q(self.pick(DE_PHRASES))
        if self.rng.random() < 0.5:
            return self.say(p, "nannte", f" {self.slots['topic']} {phrase}.")
        return self.say(p, "sagte", f", die Entscheidung sei {phrase}, und kündigte Widerstand an.")

    def title(self) -> str:
        short = _cap(str(self.slots["topic"]).split(" ", 1)[1])
        if self.rng.random() < 0.2:
            return f"{self.q(_cap(self.pick(DE_PHRASES)))}: Streit um {short}"
        return f"{short}: {self.fill(self.pick(DE_HEAD_TAILS))}"

    def byline(self, author: str) -> str:
        d = self.published
        return f"von {author} | {d.day}. {DE_MONTHS[d.month - 1]} {d.year}"


class _English(_Writer):
    def new_person(self) -> Person:
        r = self.rng
        gender = r.choice("mf")
        first, last = self.pick(EN_FIRST[gender]), self.pick(EN_LAST)
        while any(p.last == last for p in self.people):
            last = self.pick(EN_LAST)
        role = self.pick(EN_ROLES)
        if role == "spokesman" and gender == "f":
            role = "spokeswoman"
        org = self.org()
        style = r.random()
        if style < 0.35:
            intro = f"{first} {last}, {role} for {org},"
        elif style < 0.55:
            intro = f"{first} {last}, who is {role} at {org},"
        elif style < 0.8:
            intro = f"{self.pick(EN_TITLED)} {first} {last}"
        else:
            intro = f"{_cap(org.removeprefix('the '))} {role} {first} {last}"
        person = Person(first, last, gender, intro, last)
        self.people.append(person)
        return person

    def org(self) -> str:
        return self.pick(EN_ORGS).format(town=self.slots["town"])

    def outlet(self) -> str:
        return self.pick(EN_OUTLETS)

    def when(self) -> str:
        r = self.rng.random()
        d = self.day()
        if r < 0.45:
            return f" on {EN_WEEKDAYS[d.weekday()]}"
        if r < 0.55:
            return f" on {EN_MONTHS[d.month - 1]} {d.day}"
        if r < 0.62:
            return f" in {self.slots['town']} on {EN_WEEKDAYS[d.weekday()]}"
        if r < 0.7:
            return " in a statement"
        return ""

    def q(self, text: str) -> str:
        return f"{self.marks[0]}{text}{self.marks[1]}"

    def q_comma(self, text: str) -> str:
        """A quotation before its attribution: the comma goes inside the marks."""
        if text.endswith("."):
            text = text[:-1] + ","
        return self.q(text)

    def clause(self) -> str:
        return self.fill(self.pick(EN_CLAUSES))

    def say(self, person: Person, rest: str) -> str:
        return _cap(f"{self.name_of(person)} {rest}")

    def p_lead(self) -> str:
        outlet = self.outlet()
        fact = self.fill(self.pick(EN_FACTS))
        d = self.day()
        r = self.rng.random()
        if r < 0.35:
            first = f"{_cap(fact)}, {outlet} reported on {EN_WEEKDAYS[d.weekday()]}."
        elif r < 0.65:
            first = f"According to {outlet}, {fact}."
        elif r < 0.8:
            first = f"{_cap(fact)}, according to a report by {outlet}."
        else:
            first = f"{_cap(fact)}."
        rest = " ".join(self.fill(s) for s in self.draws(EN_NARRATIVE, self.rng.randint(1, 2)))
        return f"{first} {rest}"

    def p_direct_after(self) -> str:
        p = self.speaker()
        self.last = p
        quote = self.q_comma(self.quote(self.rng.randint(1, 3)))
        verb = self.pick(EN_VERBS)
        if p.named and self.rng.random() < 0.6:
            text = f"{quote} {p.short} {verb}{self.when()}."
        else:
            text = f"{quote} {verb} {self.tail(p, self.when())}."
        if self.rng.random() < 0.4:
            text += " " + self.fill(self.draw(EN_NARRATIVE))
        return text

    def p_direct_before(self) -> str:
        p = self.speaker()
        self.last = p
        quote = self.quote(self.rng.randint(1, 3))
        verb = self.pick(["said", "said", "told reporters", "wrote on social media", "said in a statement"])
        when = self.when() if verb == "said" else ""
        return self.say(p, f"{verb}{when}: {self.q(quote)}")

    def p_direct_split(self) -> str:
        p = self.speaker()
        self.last = p
        if self.rng.random() < 0.5:
            a, b = self.pick(EN_SPLIT_QUOTES)
            return f"{self.q(a + ',')} said {self.tail(p, ',')} {self.q(b)}"
        s1, s2 = self.quote(1), self.quote(self.rng.randint(1, 2))
        pron = "He" if p.gender == "m" else "She"
        return f"{self.q_comma(s1)} said {self.tail(p, self.when())}. {self.q(s2)} {pron} did not elaborate."

    def p_indirect(self) -> str:
        p = self.speaker()
        self.last = p
        r = self.rng.random()
        if r < 0.5:
            text = self.say(p, f"said{self.when()} that {self.clause()}.")
        elif r < 0.75:
            text = self.say(p, f"{self.pick(['said', 'warned', 'argued'])} {self.clause()}.")
        else:
            text = f"{_cap(self.clause())}, {self.tail(p)} said."
        if self.rng.random() < 0.4:
            pron = "He" if p.gender == "m" else "She"
            text += f" {pron} added that {self.fill(self.draw(EN_FOLLOW))}."
        return text

    def p_runon(self) -> str:
        p = self.speaker()
        self.last = p
        pron = "He" if p.gender == "m" else "She"
        one, two = self.draws(EN_FOLLOW, 2)
        return self.say(p, f"said that {self.clause()}. {pron} also said {one}, and that {two}.")

    def p_according(self) -> str:
        r = self.rng.random()
        fact = self.fill(self.pick(EN_FACTS))
        if r < 0.35:
            p = self.speaker()
            self.last = p
            return f"According to {p.last if p.named else p.full}, {fact}."
        if r < 0.65:
            return f"According to {self.org()}, {fact}."
        return f"{_cap(fact)}, {self.outlet()} reported. " + self.fill(self.draw(EN_NARRATIVE))

    def p_told(self) -> str:
        p = self.speaker()
        self.last = p
        target = "Reuters" if self.rng.random() < 0.4 else self.outlet()
        if self.rng.random() < 0.5:
            quote = self.q_comma(self.quote(self.rng.randint(1, 2)))
            return f"{quote} {self.tail(p)} told {target}."
        return self.say(p, f"told {target} that {self.clause()}.")

    def p_narrative(self) -> str:
        k = self.rng.randint(2, 4)
        return " ".join(self.fill(s) for s in self.draws(EN_NARRATIVE, k))

    def p_follow_up(self) -> str:
        p = self.last
        assert p is not None
        pron = "he" if p.gender == "m" else "she"
        r = self.rng.random()
        if r < 0.45:
            return f"{self.q_comma(self.quote(1))} {pron} added."
        if r < 0.7:
            return f"{_cap(pron)} added that {self.fill(self.draw(EN_FOLLOW))}."
        a, b = self.draws(EN_QUOTES, 2)
        return f"{self.q_comma(self.fill(a))} {pron} said. {self.q(self.fill(b))}"

    def p_mixed(self) -> str:
        p = self.speaker()
        self.last = p
        phrase = self.q(self.pick(EN_PHRASES))
        if self.rng.random() < 0.5:
            return self.say(p, f"called {self.slots['topic']} {phrase}.")
        return self.say(p, f"said the decision was {phrase} and promised to fight it.")

    def title(self) -> str:
        topic = str(self.slots["topic"]).removeprefix("the ")
        town = self.slots["town"]
        if self.rng.random() < 0.2:
            return f"{self.q(_cap(self.pick(EN_PHRASES)))}: row over {topic} in {town}"
        return f"{town}: {self.fill(self.pick(EN_HEAD_TAILS))} for {topic}"

    def byline(self, author: str) -> str:
        d = self.published
        return f"By {author} | {EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _length(rng: random.Random) -> int:
    return max(MIN_CHARS, min(MAX_CHARS - 100, int(rng.gauss(MEAN_CHARS, 750))))


def article(index: int, *, seed: int = 0, mix: str = "dense") -> dict[str, str]:
    """Article number ``index`` of the corpus for ``seed``, its paragraphs drawn by ``MIXES[mix]``."""
    rng = random.Random(f"quotetrack-bench:{seed}:{index}")
    lang = "de" if rng.random() < 0.5 else "en"
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    if lang == "de":
        marks = ("„", "“") if rng.random() < 0.7 else ("»", "«")
        writer: _Writer = _German(rng, published, lang, marks)
        writer.slots.update(town=rng.choice(DE_TOWNS), topic=rng.choice(DE_TOPICS))
        writer.slots["Topic"] = _cap(str(writer.slots["topic"]))
        outlet = rng.choice(DE_OUTLETS)[0]
        author = f"{rng.choice(DE_FIRST[rng.choice('mf')])} {rng.choice(DE_LAST)}"
        source_label = "Quelle"
        outlets = [o[0] for o in DE_OUTLETS]
    else:
        marks = ("“", "”") if rng.random() < 0.7 else ('"', '"')
        writer = _English(rng, published, lang, marks)
        writer.slots.update(town=rng.choice(EN_TOWNS), topic=rng.choice(EN_TOPICS))
        writer.slots["cur"] = rng.choice(EN_CURRENCY)
        outlet = rng.choice(EN_OUTLETS).removeprefix("the ")
        author = f"{rng.choice(EN_FIRST[rng.choice('mf')])} {rng.choice(EN_LAST)}"
        source_label = "Source"
        outlets = [o.removeprefix("the ") for o in EN_OUTLETS]
    writer.mix = MIXES[mix]
    title = writer.title()
    head = f"{title}\n\n{writer.byline(author)}\n\n"
    paragraphs = writer.body(_length(rng), len(head))
    if rng.random() < 0.35:
        paragraphs.append(f"{source_label}: {rng.choice([o for o in outlets if o != outlet])}")
    return {
        "id": f"syn{seed}-{index:06d}.{lang}",
        "lang": lang,
        "published": published.isoformat(),
        "outlet": outlet,
        "title": title,
        "text": head + "\n\n".join(paragraphs) + "\n",
    }


def generate(n: int, *, seed: int = 0, mix: str = "dense") -> Iterator[dict[str, str]]:
    """``n`` synthetic articles, German and English about half each, the same for the same seed."""
    for index in range(n):
        yield article(index, seed=seed, mix=mix)


def write_corpus(n: int, out: Path, *, seed: int = 0, text_files: bool = True, mix: str = "dense") -> Path:
    """DIR/articles.jsonl (one article a line) and, if asked, DIR/text/<id>.txt; returns the JSONL path."""
    out.mkdir(parents=True, exist_ok=True)
    text_dir = out / "text"
    if text_files:
        text_dir.mkdir(exist_ok=True)
    path = out / "articles.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for item in generate(n, seed=seed, mix=mix):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            if text_files:
                (text_dir / f"{item['id']}.txt").write_text(item["text"], encoding="utf-8", newline="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder for articles.jsonl and text/")
    parser.add_argument("--no-text", action="store_true", help="write only articles.jsonl")
    parser.add_argument(
        "--mix", choices=sorted(MIXES), default="dense", help="dense (many statements) or realistic"
    )
    args = parser.parse_args(argv)
    path = write_corpus(args.n, args.out, seed=args.seed, text_files=not args.no_text, mix=args.mix)
    print(
        f"wrote {args.n} articles to {path}" + ("" if args.no_text else f" and {args.out / 'text'}/"),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
