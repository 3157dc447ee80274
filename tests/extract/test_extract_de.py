"""German constructions of attribution, one table row each (see ENGINE.md and eval/dev/README.md).

Every sentence is invented. What a row asks is explained in extraction_table.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from extraction_table import R, Row, S, check_offsets, check_row

LANG = "de"
PUBLISHED = date(2023, 5, 10)
ROWS = [
    # --- quotation mark styles -------------------------------------------------------------
    R(
        "mark-low-high",
        "„Die Brücke bleibt bis Ende Juni gesperrt“, sagte Verkehrsministerin Jana Roth am Montag in Erfurt.",
        S("direct", "Die Brücke bleibt bis Ende Juni gesperrt", "Jana Roth", cue="sagte"),
    ),
    R(
        "mark-single-low-high",
        "‚Wir bauen die Grundschule komplett neu‘, sagte Bürgermeister Paul Anders bei der "
        "Einwohnerversammlung.",
        S("direct", "Wir bauen die Grundschule komplett neu", "Paul Anders"),
    ),
    R(
        "mark-guillemets-inward",
        "»Das Ergebnis ist für uns alle enttäuschend«, sagte Trainer Ralf Omlor nach dem Spiel.",
        S("direct", "Das Ergebnis ist für uns alle enttäuschend", "Ralf Omlor"),
    ),
    R(
        "mark-guillemets-swiss",
        "«Die Lawinengefahr bleibt über das Wochenende gross», sagte Polizeisprecher Beat Kälin am Freitag.",
        S("direct", "Die Lawinengefahr bleibt über das Wochenende gross", "Beat Kälin"),
    ),
    R(
        "mark-english-curly",
        "“Wir prüfen derzeit alle Optionen”, sagte Konzernchef Till Marquardt auf der Hauptversammlung.",
        S("direct", "Wir prüfen derzeit alle Optionen", "Till Marquardt"),
    ),
    R(
        "mark-straight",
        '"Der Umsatz ist im dritten Quartal deutlich gestiegen", sagte Finanzvorständin Elke Baumgart.',
        S("direct", "Der Umsatz ist im dritten Quartal deutlich gestiegen", "Elke Baumgart"),
    ),
    # --- quotation shapes ------------------------------------------------------------------
    R(
        "quote-several-sentences-then-attribution",
        "„Der Zug fällt heute aus. Ersatzbusse fahren ab dem Bahnhofsvorplatz“, sagte "
        "Bahnsprecherin Nora Weidlich.",
        S("direct", "Der Zug fällt heute aus. Ersatzbusse fahren ab dem Bahnhofsvorplatz", "Nora Weidlich"),
    ),
    R(
        "colon-introduction",
        "Bürgermeisterin Heike Sommer sagte am Rande der Ratssitzung: „Die Sanierung wird deutlich "
        "teurer als geplant.“",
        S("direct", "Die Sanierung wird deutlich teurer als geplant.", "Heike Sommer", cue="sagte"),
    ),
    R(
        "colon-introduction-inverted",
        "Dazu sagte Polizeisprecher Jörg Harms: „Wir ermitteln in alle Richtungen.“",
        S("direct", "Wir ermitteln in alle Richtungen.", "Jörg Harms"),
    ),
    R(
        "split-quote",
        "„Wir haben wochenlang verhandelt“, sagte Gewerkschaftschefin Miriam Lenz, "
        "„und am Ende einen fairen Kompromiss gefunden.“",
        S("direct", "Wir haben wochenlang verhandelt", "Miriam Lenz"),
        S("direct", "und am Ende einen fairen Kompromiss gefunden.", "Miriam Lenz"),
    ),
    R(
        "quote-over-two-paragraphs",
        "Betriebsleiter Uwe Granzow sagte: „Wir werden das Hallenbad im Herbst wieder öffnen. "
        "Bis dahin bitten wir die Gäste um Geduld.\n\n"
        "„Die Reparatur der Lüftung ist aufwendig, aber notwendig.“",
        S(
            "direct",
            "Wir werden das Hallenbad im Herbst wieder öffnen. Bis dahin bitten wir die Gäste um Geduld.",
            "Uwe Granzow",
        ),
        S("direct", "Die Reparatur der Lüftung ist aufwendig, aber notwendig.", "Uwe Granzow"),
    ),
    R(
        "quote-over-two-paragraphs-after-attribution",
        "„Wir werden das Hallenbad im Herbst wieder öffnen“, sagte Betriebsleiter Uwe Granzow. "
        "„Bis dahin bitten wir die Gäste um Geduld.\n\n"
        "„Die Reparatur der Lüftung ist aufwendig, aber notwendig.“",
        S("direct", "Wir werden das Hallenbad im Herbst wieder öffnen", "Uwe Granzow"),
        S("direct", "Bis dahin bitten wir die Gäste um Geduld.", "Uwe Granzow"),
        S("direct", "Die Reparatur der Lüftung ist aufwendig, aber notwendig.", "Uwe Granzow"),
    ),
    R(
        "nested-quote",
        "„Der Minister hat uns ‚volle Unterstützung‘ zugesagt, davon ist bis heute nichts angekommen“, "
        "sagte Landrat Erwin Vogt.",
        S(
            "direct",
            "Der Minister hat uns ‚volle Unterstützung‘ zugesagt, davon ist bis heute nichts angekommen",
            "Erwin Vogt",
        ),
    ),
    R(
        "inverted-order-adverbial-first",
        "Am Montag erklärte Agrarministerin Ilse Franke in Schwerin, die Dürrehilfen würden noch "
        "im Juli ausgezahlt.",
        S("indirect", "die Dürrehilfen würden noch im Juli ausgezahlt", "Ilse Franke", cue="erklärte"),
    ),
    R(
        "headline-colon-resolved-to-full-name",
        "Hallmann: „Die Lage ist ernst“\n\n"
        "Innenministerin Petra Hallmann hat am Dienstag die Grenzregion besucht.",
        S("direct", "Die Lage ist ernst", "Petra Hallmann"),
    ),
    # --- "so X" -----------------------------------------------------------------------------
    R(
        "so-after-quote",
        "„Wir sind mit der Saison mehr als zufrieden“, so Vereinspräsident Heiko Brandt.",
        S("direct", "Wir sind mit der Saison mehr als zufrieden", "Heiko Brandt", cue="so"),
    ),
    R(
        "so-after-reported-speech",
        "Die Ernte falle in diesem Jahr deutlich kleiner aus, so Bauernpräsident Alois Zehetner.",
        S("indirect", "Die Ernte falle in diesem Jahr deutlich kleiner aus", "Alois Zehetner", cue="so"),
    ),
    R(
        "modal-soll-gesagt-haben-not-in-the-speaker",
        "Ein Sprecher der Stadt Lindau soll gesagt haben, die Brücke werde im Mai wieder geöffnet.",
        S("indirect", "die Brücke werde im Mai wieder geöffnet", "Stadt Lindau"),
    ),
    # --- separable verbs --------------------------------------------------------------------
    R(
        "verb-verlangte-after-quote",
        "„Wir müssen mehr in die Schulen investieren“, verlangte Bürgermeisterin Eva Roth.",
        S("direct", "Wir müssen mehr in die Schulen investieren", "Eva Roth"),
    ),
    R(
        "separable-macht-deutlich",
        "„Ohne neue Schulden geht es nicht“, macht Kämmerin Silke Brandt deutlich.",
        S("direct", "Ohne neue Schulden geht es nicht", "Silke Brandt", cue="macht deutlich"),
    ),
    R(
        "verb-analysiert-after-quote",
        "„Das war ein verdienter Sieg“, analysiert Trainerin Jana Roth.",
        S("direct", "Das war ein verdienter Sieg", "Jana Roth"),
    ),
    R(
        "verb-begruendete-with-object",
        "„Die Kosten sind zu hoch“, begründete Stadtrat Uwe Kern seine Ablehnung.",
        S("direct", "Die Kosten sind zu hoch", "Uwe Kern"),
    ),
    R(
        "separable-fuegte-hinzu",
        "„Der Umbau beginnt im März“, sagte Architektin Carla Nowak. Die Kosten seien vollständig "
        "gedeckt, fügte sie hinzu.",
        S("direct", "Der Umbau beginnt im März", "Carla Nowak"),
        S("indirect", "Die Kosten seien vollständig gedeckt", "Carla Nowak", cue="fügte hinzu"),
    ),
    R(
        "separable-teilte-mit",
        "Die Stadtwerke Lindau teilten am Dienstag mit, dass die Strompreise im kommenden Jahr "
        "stabil bleiben.",
        S(
            "indirect",
            "die Strompreise im kommenden Jahr stabil bleiben",
            "Stadtwerke Lindau",
            cue="teilten mit",
        ),
    ),
    R(
        "separable-gab-an",
        "Der Angeklagte Sven Ruhland gab vor Gericht an, er habe das Geld nie erhalten.",
        S("indirect", "er habe das Geld nie erhalten", "Sven Ruhland", cue="gab an"),
    ),
    # --- reported speech --------------------------------------------------------------------
    R(
        "reported-dass",
        "Finanzminister Peter Lohmann sagte, dass der Haushalt ohne neue Schulden auskommen wird.",
        S("indirect", "der Haushalt ohne neue Schulden auskommen wird", "Peter Lohmann", cue="sagte"),
    ),
    R(
        "reported-konjunktiv-without-dass",
        "Innenministerin Petra Hallmann sagte, die Lage sei ernst.",
        S("indirect", "die Lage sei ernst", "Petra Hallmann"),
    ),
    R(
        "reported-konjunktiv-continues-next-sentence",
        "Innenministerin Petra Hallmann sagte am Abend, die Lage an der Grenze sei ernst. "
        "Die Einsatzkräfte seien rund um die Uhr im Dienst.",
        S("indirect", "die Lage an der Grenze sei ernst", "Petra Hallmann"),
        S("indirect", "Die Einsatzkräfte seien rund um die Uhr im Dienst", "Petra Hallmann"),
    ),
    R(
        "reported-perfect-hat-gesagt",
        "Verkehrsministerin Jana Roth hat am Montag gesagt, die Brücke werde bis Juni gesperrt bleiben.",
        S("indirect", "die Brücke werde bis Juni gesperrt bleiben", "Jana Roth"),
    ),
    R(
        "reported-indicative-sentence-after-is-not-reported",
        "Verkehrsministerin Jana Roth sagte, die alte Brücke sei marode. Die Sanierung beginnt im Juni.",
        S("indirect", "die alte Brücke sei marode", "Jana Roth"),
        only=True,
    ),
    R(
        "cataphoric-das-sagte",
        "Der Hafen sei für Frachtschiffe wieder geöffnet. Die Lotsen seien zurück im Dienst. "
        "Das sagte Hafenkapitän Rolf Degen am Mittwoch.",
        S("indirect", "Der Hafen sei für Frachtschiffe wieder geöffnet", "Rolf Degen"),
        S("indirect", "Die Lotsen seien zurück im Dienst", "Rolf Degen"),
    ),
    R(
        "unnamed-group-has-no-speaker",
        "Experten warnen, die Preise könnten im Winter weiter steigen.",
        S("indirect", "die Preise könnten im Winter weiter steigen", None),
    ),
    # --- source phrases ---------------------------------------------------------------------
    R(
        "laut",
        "Laut Polizeisprecher Martin Eckert wurde bei dem Unfall niemand verletzt.",
        S("indirect", "wurde bei dem Unfall niemand verletzt", "Martin Eckert", cue="laut"),
    ),
    R(
        "laut-bericht-des-owner",
        "Laut dem Jahresbericht des Umweltbundesamtes sind die Emissionen erneut gesunken.",
        S("indirect", "sind die Emissionen erneut gesunken", "Umweltbundesamt"),
    ),
    R(
        "laut-bericht-der-quoted-newspaper",
        "Laut einem Bericht der „Lausitzer Rundschau“ schließt das Werk im Herbst.",
        S("indirect", "schließt das Werk im Herbst", "Lausitzer Rundschau"),
    ),
    R(
        "laut-aussage-unnamed-owner-noun-after-article-no-name",
        "Laut der Aussage des Angeklagten begann der Streit wegen einer offenen Rechnung.",
        S("indirect", "begann der Streit wegen einer offenen Rechnung", None),
    ),
    R(
        "nach-einem-bericht-des-quoted-newspaper",
        "Nach einem Bericht des „Weser-Kuriers“ ist der Vorstand des Vereins zurückgetreten.",
        S("indirect", "ist der Vorstand des Vereins zurückgetreten", "Weser-Kuriers"),
    ),
    R(
        "laut-newspaper-head-then-its-quoted-title",
        "Laut der Zeitung „Kurier“ ist der Vorstand des Vereins zurückgetreten.\n\n"
        "Laut einem Bericht der Süddeutschen Zeitung plant die Regierung neue Steuern.",
        S("indirect", "ist der Vorstand des Vereins zurückgetreten", "Kurier"),
        S("indirect", "plant die Regierung neue Steuern", "Süddeutschen Zeitung"),
    ),
    R(
        "laut-quoted-agency-then-the-clause",
        "Bei der Demonstration haben Soldaten laut „Reuters“ Warnschüsse abgegeben.",
        S("mixed", "Bei der Demonstration haben Soldaten laut „Reuters“ Warnschüsse abgegeben", "Reuters"),
    ),
    R(
        "noun-for-a-thing-after-its-article-names-the-body",
        "Als Grund gab die Sprachschule an, die Partei habe sich nicht zu erkennen gegeben.",
        S("indirect", "die Partei habe sich nicht zu erkennen gegeben", "Sprachschule"),
    ),
    R(
        "zufolge",
        "Stadtsprecherin Anja Pohl zufolge bleibt das Freibad bis August geschlossen.",
        S("indirect", "bleibt das Freibad bis August geschlossen", "Anja Pohl", cue="zufolge"),
    ),
    R(
        "nach-angaben-von",
        "Nach Angaben von Feuerwehrsprecher Lars Dietz brach das Feuer gegen drei Uhr im Keller aus.",
        S("indirect", "brach das Feuer gegen drei Uhr im Keller aus", "Lars Dietz"),
    ),
    R(
        "nach-angaben-der-organisation",
        "Nach Angaben der Polizei wurden in der Nacht zwei Männer festgenommen.",
        S("indirect", "wurden in der Nacht zwei Männer festgenommen", "Polizei", kind="organization"),
    ),
    R(
        "wie-x-mitteilte",
        "Wie die Polizei mitteilte, wurde der Fahrer leicht verletzt.",
        S("indirect", "wurde der Fahrer leicht verletzt", "Polizei"),
    ),
    R(
        "wie-outlet-berichtete",
        "Wie das Magazin „Wirtschaftsblick“ am Freitag berichtete, plant der Konzern den Abbau von "
        "800 Stellen.",
        S("indirect", "plant der Konzern den Abbau von 800 Stellen", "Wirtschaftsblick", kind="outlet"),
        only=True,
    ),
    R(
        "dem-bericht-zufolge-resolves-to-outlet",
        "Wie das Magazin „Wirtschaftsblick“ am Freitag berichtete, plant der Konzern den Abbau von "
        "800 Stellen. "
        "Dem Bericht zufolge sind vor allem die Werke in Franken betroffen.",
        S("indirect", "plant der Konzern den Abbau von 800 Stellen", "Wirtschaftsblick"),
        S("indirect", "sind vor allem die Werke in Franken betroffen", "Wirtschaftsblick", kind="outlet"),
    ),
    R(
        "noun-frame-stellungnahme",
        "Der Mieterbund Südwest erklärte in einer Stellungnahme, die Mieten seien viel zu stark gestiegen.",
        S("indirect", "die Mieten seien viel zu stark gestiegen", "Mieterbund Südwest"),
    ),
    # --- mixed ------------------------------------------------------------------------------
    R(
        "mixed-reported-clause-with-quoted-fragment",
        "Umweltministerin Sabine Krohn sagte, das neue Gesetz sei „ein wichtiger erster Schritt“.",
        S("mixed", "das neue Gesetz sei „ein wichtiger erster Schritt“", "Sabine Krohn"),
    ),
    R(
        "mixed-nannte",
        "Kanzleramtschef Bernd Kessler nannte den Sparplan „alternativlos“.",
        S("mixed", "alternativlos", "Bernd Kessler", cue="nannte"),
    ),
    R(
        "mixed-inner-laut-stays-in-span",
        "Die Gespräche sind laut Außenministerin Jana Roth „konstruktiv“ verlaufen.",
        S("mixed", "Die Gespräche sind laut Außenministerin Jana Roth „konstruktiv“ verlaufen", "Jana Roth"),
    ),
    R(
        "direct-phrase-after-sprach-von",
        "Die Polizei sprach von einem „gezielten Angriff“.",
        S("direct", "gezielten Angriff", "Polizei"),
    ),
    # --- speaker phrases --------------------------------------------------------------------
    R(
        "speaker-role-of-ministry-apposition",
        "„Die Arktis darf kein Schauplatz für Machtspiele werden“, "
        "sagte die Sprecherin des dänischen Außenministeriums, Karen Holm.",
        S(
            "direct",
            "Die Arktis darf kein Schauplatz für Machtspiele werden",
            "Karen Holm",
            role="Sprecherin",
            affiliation="dänisches Außenministerium",
        ),
    ),
    R(
        "speaker-affiliation-feminine-head-in-base-form",
        "„Die Zinsen bleiben vorerst, wo sie sind“, sagte ein Sprecher der Europäischen Zentralbank, "
        "Lars Brenner.",
        S(
            "direct",
            "Die Zinsen bleiben vorerst, wo sie sind",
            "Lars Brenner",
            role="Sprecher",
            affiliation="Europäische Zentralbank",
        ),
    ),
    R(
        "speaker-affiliation-masculine-head-in-base-form",
        "Ein Sprecher des Deutschen Bundestages, Olaf Jessen, sagte, die Sitzung werde verschoben.",
        S("indirect", "die Sitzung werde verschoben", "Olaf Jessen", affiliation="Deutscher Bundestag"),
    ),
    R(
        "organisation-speaker-in-genitive-given-in-base-form",
        "Nach Angaben des Verkehrsverbunds Mittelholstein fallen am Montag alle Züge aus.",
        S(
            "indirect",
            "fallen am Montag alle Züge aus",
            "Verkehrsverbund Mittelholstein",
            kind="organization",
        ),
    ),
    R(
        "organisation-speaker-with-complement-in-base-form",
        "Laut einer Sprecherin des Landesamts für Küstenschutz ist der Deich sicher.",
        S("indirect", "ist der Deich sicher", "Landesamt für Küstenschutz", role="Sprecherin"),
    ),
    R(
        "speaker-affiliation-neuter-head-in-base-form",
        "Der Sprecher des Auswärtigen Amtes, Olaf Jessen, sagte, die Sitzung werde verschoben.",
        S("indirect", "die Sitzung werde verschoben", "Olaf Jessen", affiliation="Auswärtiges Amt"),
    ),
    R(
        "speaker-party-affiliation",
        "„Wir erwarten eine schnelle und lückenlose Aufklärung“, sagte Innen-Staatssekretär Gerd "
        "Hollmann (CDU).",
        S(
            "direct",
            "Wir erwarten eine schnelle und lückenlose Aufklärung",
            "Gerd Hollmann",
            affiliation="CDU",
        ),
    ),
    R(
        "unnamed-spokesperson-speaks-for-organisation",
        "Ein Sprecher der Stadtwerke Lindau sagte, die Störung sei inzwischen behoben.",
        S("indirect", "die Störung sei inzwischen behoben", "Stadtwerke Lindau"),
    ),
    R(
        "organisation-speaker",
        "Das Gesundheitsministerium erklärte am Mittwoch, es sei ausreichend Impfstoff vorhanden.",
        S(
            "indirect",
            "es sei ausreichend Impfstoff vorhanden",
            "Gesundheitsministerium",
            kind="organization",
        ),
    ),
    R(
        "outlet-speaker-title-in-marks",
        "Der „Weserbote“ berichtete am Montag, der Stadtrat habe den Bau der Umgehungsstraße gestoppt.",
        S("indirect", "der Stadtrat habe den Bau der Umgehungsstraße gestoppt", "Weserbote"),
        only=True,
    ),
    # --- resolution across sentences --------------------------------------------------------
    R(
        "pronoun-sie",
        "„Das Stadtmuseum öffnet im Mai wieder“, sagte Kulturdezernentin Ute Brandl. "
        "Sie sagte außerdem, der Eintritt werde für Kinder frei sein.",
        S("direct", "Das Stadtmuseum öffnet im Mai wieder", "Ute Brandl"),
        S("indirect", "der Eintritt werde für Kinder frei sein", "Ute Brandl"),
    ),
    R(
        "pronoun-er",
        "Trainer Ralf Omlor war nach dem Spiel sichtlich bewegt. "
        "Er betonte, die Mannschaft habe großen Charakter gezeigt.",
        S("indirect", "die Mannschaft habe großen Charakter gezeigt", "Ralf Omlor"),
    ),
    R(
        "pronoun-er-picks-the-man",
        "Ministerin Jana Roth traf sich am Dienstag mit Bürgermeister Paul Anders. "
        "Er sagte, die Stadt brauche dringend mehr Geld für Schulen.",
        S("indirect", "die Stadt brauche dringend mehr Geld für Schulen", "Paul Anders"),
    ),
    R(
        "subjunctive-after-a-sentence-whose-subject-is-a-pronoun",
        "Die Fraktionschefin Karin Albers ist unzufrieden. In einem Interview kritisierte sie vor allem "
        "Innenminister Peter Holm. Ihm gehe es nur um sich selbst.",
        S("indirect", "Ihm gehe es nur um sich selbst", "Karin Albers"),
    ),
    R(
        "title-makes-a-single-name-a-person-and-tells-the-gender",
        "Die Sitzung begann später, weil Frau Albrecht im Stau stand. „Wir sind trotzdem bereit“, sagte sie.",
        S("direct", "Wir sind trotzdem bereit", "Albrecht"),
    ),
    R(
        "impersonal-phrase-after-a-named-source",
        "Der Minister schwieg am Abend. Aus dem Landwirtschaftsministerium hieß es, die Hilfen kämen im Mai.",
        S("indirect", "die Hilfen kämen im Mai", "Landwirtschaftsministerium"),
    ),
    R(
        "impersonal-phrase-after-unnamed-circles",
        "Die Ministerin Anja Roth reiste nach Brüssel. "
        "Aus Koalitionskreisen hieß es, eine Einigung sei nahe.",
        S("indirect", "eine Einigung sei nahe", None),
    ),
    R(
        "impersonal-tail-with-a-place",
        "Präsident Ivan Sorel sprach von Erfolgen. "
        "Zwölf Drohnen seien abgeschossen worden, hieß es in Lemberg.",
        S("indirect", "Zwölf Drohnen seien abgeschossen worden", None),
    ),
    R(
        "verb-with-a-source-before-it-and-no-subject",
        "Die Delegationen trafen sich in Genf. Aus der norwegischen Delegation verlautete, die Gespräche "
        "würden fortgesetzt.",
        S("indirect", "die Gespräche würden fortgesetzt", "norwegischen Delegation"),
    ),
    R(
        "spokeswoman-of-the-authority-named-before",
        "Die Staatsanwaltschaft Hagen teilte mit, der Beschuldigte sei geständig. Eine Sprecherin der "
        "Behörde sagte, das Verfahren laufe noch.",
        S("indirect", "der Beschuldigte sei geständig", "Staatsanwaltschaft Hagen"),
        S("indirect", "das Verfahren laufe noch", "Staatsanwaltschaft Hagen"),
    ),
    R(
        "role-compounds-that-merely-open-alike-are-different-roles",
        "Der CDU-Politiker Jens Kramer widersprach. Der Bundestagsabgeordnete erklärte, man brauche mehr "
        "Zeit. Bundeskanzler Olaf Wendt schwieg.",
        S("indirect", "man brauche mehr Zeit", "Jens Kramer"),
    ),
    R(
        "spokesperson-compound-in-the-genitive",
        "Die Polizei Rostock teilte mit, der Fahrer sei geflüchtet. "
        "Nach Angaben eines Polizeisprechers wurde niemand verletzt.",
        S("indirect", "der Fahrer sei geflüchtet", "Polizei Rostock"),
        S("indirect", "wurde niemand verletzt", "Polizei Rostock"),
    ),
    R(
        "description-refers-to-someone-named-before-it-not-in-its-own-sentence",
        "Trainer Mario Kessler war zufrieden. Der Coach meinte nach dem Spiel gegenüber Radio Elbtal: "
        "„Wir sind überglücklich.“",
        S("direct", "Wir sind überglücklich.", "Mario Kessler"),
    ),
    R(
        "prosecutors-office-is-an-organisation",
        "Die Bundesanwaltschaft sprach von „völlig überzogenen Forderungen“ und beantragte die Ablehnung.",
        S("direct", "völlig überzogenen Forderungen", "Bundesanwaltschaft"),
    ),
    R(
        "document-named-by-its-kind",
        "Die Stadt gab ein Gutachten in Auftrag. Dem Gutachten zufolge ist die Brücke nicht mehr sicher.",
        S("indirect", "ist die Brücke nicht mehr sicher", "Gutachten"),
    ),
    R(
        "impersonal-phrase-in-a-document",
        "Die Brücke sei marode, heißt es in dem Gutachten.",
        S("indirect", "Die Brücke sei marode", "Gutachten"),
    ),
    R(
        "person-familiar-with-the-talks-is-nobody-named",
        "Ministerin Jana Roth schwieg. Eine mit den Verhandlungen vertraute Person sagte, die Einigung "
        "stehe kurz bevor.",
        S("indirect", "die Einigung stehe kurz bevor", None),
    ),
    R(
        "relative-of-someone-unnamed-is-nobody-named",
        "Bürgermeister Peter Lang sprach zuerst. „Ich bin froh, dass es vorbei ist“, sagt die Mutter "
        "des Opfers.",
        S("direct", "Ich bin froh, dass es vorbei ist", None),
    ),
    R(
        "head-of-an-organisation-is-the-person-named-before",
        "Konzernchef Ola Berg war zufrieden. „Die Zahlen sind gut“, sagte der Chef des Konzerns.",
        S("direct", "Die Zahlen sind gut", "Ola Berg"),
    ),
    R(
        "source-compound-of-an-unnamed-group",
        "Bei den Musikern kämen nach Brancheninformationen oft nur 80 Cent pro Monat an.",
        S("indirect", "Bei den Musikern kämen nach Brancheninformationen oft nur 80 Cent pro Monat an", None),
    ),
    R(
        "quotation-claimed-by-das-sagte-x",
        "Der Minister schwieg. „Das ist ein schwarzer Tag für die Stadt.“ Das sagte später "
        "Bürgermeister Uwe Kranich.",
        S("direct", "Das ist ein schwarzer Tag für die Stadt.", "Uwe Kranich"),
    ),
    R(
        "surname",
        "Bürgermeister Klaus Reinholz eröffnete am Samstag das neue Rathaus. "
        "„Das ist ein Tag für alle Bürgerinnen und Bürger“, sagte Reinholz.",
        S("direct", "Das ist ein Tag für alle Bürgerinnen und Bürger", "Klaus Reinholz"),
    ),
    R(
        "role-description-die-ministerin",
        "Wirtschaftsministerin Karin Lütke besuchte am Dienstag das Werk in Zwickau. "
        "Die Ministerin sagte, die Arbeitsplätze seien sicher.",
        S("indirect", "die Arbeitsplätze seien sicher", "Karin Lütke"),
    ),
    R(
        "description-nationality-noun-by-article-gender",
        "Bundestrainer Piet Jansen freute sich über den Sieg. Auch die beste Schützin Lea Fuchs traf "
        "sicher. „Das war Weltklasse“, sagte der Niederländer.",
        S("direct", "Das war Weltklasse", "Piet Jansen"),
    ),
    R(
        "generic-head-refers-to-a-company-named-by-an-org-word",
        "Die Stadtwerke Lindau erhöhen die Preise. Wie das Unternehmen mitteilte, steigen die Kosten "
        "für Gas um zehn Prozent.",
        S("indirect", "steigen die Kosten für Gas um zehn Prozent", "Stadtwerke Lindau"),
    ),
    R(
        "generic-head-with-no-company-named-is-nobody",
        "Das Unternehmen teilte mit, die Aufträge seien stark gestiegen.",
        S("indirect", "die Aufträge seien stark gestiegen", None),
    ),
    R(
        "generic-head-of-a-spokesperson-with-no-company-named-is-nobody",
        "Ein Sprecher des Unternehmens sagte, die Aufträge seien stark gestiegen.",
        S("indirect", "die Aufträge seien stark gestiegen", None),
    ),
    R(
        "description-person-noun-no-table-knows-refers-back",
        "Daher blickt Lena Vogt positiv ins neue Jahr. „Wir haben viel vor“, sagte die Spielführerin.",
        S("direct", "Wir haben viel vor", "Lena Vogt"),
    ),
    # --- relays -----------------------------------------------------------------------------
    R(
        "relay-dative-newspaper",
        "„Die Behörden werden selbstverständlich Hilfe anbieten“, sagte Staatssekretär Horst Wendler "
        "der „Rheinischen Post“.",
        S(
            "direct",
            "Die Behörden werden selbstverständlich Hilfe anbieten",
            "Horst Wendler",
            source="Rheinische Post",
        ),
        only=True,
    ),
    R(
        "relay-gegenueber",
        "Firmenchef Olaf Stein sagte gegenüber dem „Handelsblatt“, das Werk in Kassel werde nicht "
        "geschlossen.",
        S("indirect", "das Werk in Kassel werde nicht geschlossen", "Olaf Stein", source="Handelsblatt"),
        only=True,
    ),
    R(
        "relay-wie-outlet-berichtete-after-lead",
        "Landrat Peter Vogt sagte, die Kreisstraße werde im Mai gesperrt, wie die Deutsche "
        "Presse-Agentur berichtete.",
        S(
            "indirect",
            "die Kreisstraße werde im Mai gesperrt",
            "Peter Vogt",
            source="Deutsche Presse-Agentur",
        ),
        only=True,
    ),
    # --- not statements ---------------------------------------------------------------------
    R(
        "not-a-teaser-headline-that-asks",
        "Mara Lenz: Warum sie kleine Clubs liebt\n\n"
        "Die Sängerin tritt am Freitag in Lindau auf. „Kleine Clubs sind mein Zuhause“, sagte Mara Lenz.",
        S("direct", "Kleine Clubs sind mein Zuhause", "Mara Lenz"),
        only=True,
    ),
    R(
        "not-the-question-but-its-answer",
        "Auf die Frage, ob er zurücktreten werde, sagte Minister Jan Ebert: „Darüber denke ich nicht nach.“",
        S("direct", "Darüber denke ich nicht nach.", "Jan Ebert"),
        only=True,
    ),
    R(
        "reported-doubt-with-ob-stays-a-statement",
        "Sie wisse nicht, ob sie erneut kandidiere, sagte Ministerin Eva Roth.",
        S("indirect", "Sie wisse nicht, ob sie erneut kandidiere", "Eva Roth"),
    ),
    R("not-newspaper-title", "Die „Rheinische Post“ berichtete nicht über den Vorfall."),
    R("not-scare-quotes", "Die sogenannte „Bürgerwehr“ zog am Wochenende erneut durch den Stadtpark."),
    R("not-noun-object-forderte", "Die Grünen im Landtag forderten am Donnerstag lückenlose Aufklärung."),
    R("not-noun-object-sprach-von", "Der Bürgermeister sprach von großer Naivität."),
    R(
        "not-reporter-question",
        "Die Sperrung soll mindestens drei Wochen dauern. Doch wer kommt am Ende für die Kosten auf?",
    ),
    R("not-soll-without-source", "Der Täter soll aus dem Ausland stammen."),
    R("not-wie-berichtet", "Wie berichtet, war die Brücke im März für den Verkehr gesperrt worden."),
    R("not-stance", "Die Forscherin Lea Hahn sieht die Wirtschaft auf dem Weg der Besserung."),
    R(
        "not-boilerplate-newsletter",
        "Abonnieren Sie unseren Newsletter: „Jeden Morgen die wichtigsten Nachrichten aus der Region“, "
        "verspricht Chefredakteurin Eva Brandt.",
    ),
    R(
        "boilerplate-paragraph-after-article",
        "„Wir eröffnen den Wochenmarkt am Freitag“, sagte Marktleiterin Sonja Pichler.\n\n"
        "Jetzt den Newsletter abonnieren und nichts verpassen! Chefredakteur Max Hübner sagt: "
        "„Sie werden es nicht bereuen.“",
        S("direct", "Wir eröffnen den Wochenmarkt am Freitag", "Sonja Pichler"),
        only=True,
    ),
    # --- via --------------------------------------------------------------------------------
    R(
        "via-quelle-line",
        "Innenministerin Petra Hallmann sagte, die Lage sei ernst.\n\nQuelle: Spiegel.de",
        S("indirect", "die Lage sei ernst", "Petra Hallmann"),
        via="Spiegel.de",
    ),
    R(
        "via-dateline-dpa",
        "Hamburg (dpa) - „Wir rechnen mit einem schwierigen Jahr“, sagte Hafenchefin Anke Rühl am Dienstag.",
        S("direct", "Wir rechnen mit einem schwierigen Jahr", "Anke Rühl"),
        via="dpa",
    ),
    R(
        "via-agency-line",
        "Die Stadt Kiel will im kommenden Jahr eine zweite Fähre anschaffen.\n\n(dpa)",
        via="dpa",
    ),
    # --- titles, spokespeople and descriptions ---------------------------------------------
    R(
        "compound-title-before-a-name",
        "Der Walliser GLP-Grossrat Konrad Imfeld verteidigte den Bericht. "
        "Er stehe hinter jeder Zeile, sagte er.",
        S("indirect", "Er stehe hinter jeder Zeile", "Konrad Imfeld"),
    ),
    R(
        "unnamed-spokesperson-speaks-for-the-organisation-that-spoke",
        "Laut Feuerwehr brennt die Halle seit Mitternacht. "
        "„Wir haben das Feuer unter Kontrolle“, sagte ein Sprecher am Morgen.",
        S("indirect", "brennt die Halle seit Mitternacht", "Feuerwehr", cue="Laut"),
        S("direct", "Wir haben das Feuer unter Kontrolle", "Feuerwehr"),
    ),
    R(
        "prose-with-furniture-words-is-kept",
        "Der Wirt hat Anzeige erstattet. "
        "Die Werbung sei nie genehmigt worden, schrieb die Stadt auf Facebook.",
        S("indirect", "Die Werbung sei nie genehmigt worden", "Stadt"),
    ),
    R(
        "tail-passive-auxiliary-first",
        "„Als Team haben wir den Transfer umgesetzt“, wurde Vorstandschef Jan Dreesler zitiert.",
        S("direct", "Als Team haben wir den Transfer umgesetzt", "Jan Dreesler", cue="zitiert"),
    ),
    R(
        "tail-perfect-auxiliary-first",
        "Der Umbau sei ein Erfolg, hat Bauleiter Jan Dreesler am Montag gesagt.",
        S("indirect", "Der Umbau sei ein Erfolg", "Jan Dreesler"),
    ),
    R(
        "postposition-phrase-starts-at-its-article",
        "Die Hintergründe der Tat waren den Polizeiangaben zufolge zunächst unklar. "
        "Der Fahrer blieb den Angaben zufolge unverletzt. "
        "Der Preis hat aktuellen ADAC-Zahlen zufolge einen Höchststand erreicht.",
        S("indirect", "Die Hintergründe der Tat waren den Polizeiangaben zufolge zunächst unklar", "Polizei"),
        S("indirect", "Der Fahrer blieb den Angaben zufolge unverletzt", "Polizei"),  # the source before
        S("indirect", "Der Preis hat aktuellen ADAC-Zahlen zufolge einen Höchststand erreicht", "ADAC"),
    ),
    R(
        "source-after-laut-ends-before-the-object",
        "Die Männer hatten laut Polizei Plakate zum Thema Klimawandel dabei.",
        S("indirect", "Die Männer hatten laut Polizei Plakate zum Thema Klimawandel dabei", "Polizei"),
    ),
    R(
        "adverb-first-puts-the-subject-after-the-verb",
        "Anna Berg leitet die Wehr. Entsprechend teilt sie auf Twitter mit, dass die Lage ernst sei.",
        S("indirect", "die Lage ernst sei", "Anna Berg"),
    ),
    R(
        "person-noun-after-sagte-der",
        "Jonas Kaltenbrunner verlor das Finale. "
        "„Das war eindeutig nicht ausreichend“, sagte der Kanadier am Freitagabend.",
        S("direct", "Das war eindeutig nicht ausreichend", "Jonas Kaltenbrunner"),
    ),
    R(
        "abstract-noun-after-so-der-is-nobody",
        "Jonas Kaltenbrunner verlor das Finale. Die Halle soll bis 2030 saniert werden, so der Plan.",
        S("indirect", "Die Halle soll bis 2030 saniert werden", None),
    ),
    R(
        "subjunctive-of-a-verb-the-lexicon-lists-nowhere",
        "„Er ist allein im Haus“, erklärte die Polizei.\n\n"
        "Eine Kontaktaufnahme mit dem Mann gestalte sich schwierig.",
        S("direct", "Er ist allein im Haus", "Polizei"),
        S("indirect", "Eine Kontaktaufnahme mit dem Mann gestalte sich schwierig", "Polizei"),
    ),
    R(
        "spokesperson-compound-names-the-body",
        "Ein Lastwagen hat Baumstämme verloren. Der Fahrer sei leicht verletzt worden, "
        "wie ein Polizeisprecher sagte.",
        S("indirect", "Der Fahrer sei leicht verletzt worden", "Polizei"),
    ),
    R(
        "definite-spokesperson-compound-finds-the-organisation",
        "Im Landkreis Harburg brennt der Wald. "
        "Die Brandbekämpfung erstrecke sich auf 600 Hektar, sagte der Kreissprecher.",
        S("indirect", "Die Brandbekämpfung erstrecke sich auf 600 Hektar", "Landkreis Harburg"),
    ),
    R(
        "subjunctive-of-the-past-before-a-tail",
        "Hinzu kämen Urlauber aus Skandinavien, erläuterte der Minister.",
        S("indirect", "Hinzu kämen Urlauber aus Skandinavien", None),
    ),
    R(
        "family-name-that-is-a-role-word",
        "Siemens-Chef Jonas Kerber traf die Klimaaktivistin Luisa Neubauer. "
        "„Er macht einen unentschuldbaren Fehler“, sagte Neubauer.",
        S("direct", "Er macht einen unentschuldbaren Fehler", "Luisa Neubauer"),
    ),
    R(
        "adverb-before-the-subject-of-a-tail",
        "„Man muss aufpassen“, sagt Fabian Stenger. "
        "„Die Bahnen würden massiv dazu beitragen“, sagt auch Stenger.",
        S("direct", "Man muss aufpassen", "Fabian Stenger"),
        S("direct", "Die Bahnen würden massiv dazu beitragen", "Fabian Stenger"),
    ),
    R(
        "noun-title-before-a-family-name",
        "Die Tiere seien gerissen worden, sagte Schafhalter Fröschle.",
        S("indirect", "Die Tiere seien gerissen worden", "Fröschle"),
    ),
    R(
        "laut-angaben-der-owner",
        "Der Mann war laut Angaben der Polizei betrunken.",
        S("indirect", "Der Mann war laut Angaben der Polizei betrunken", "Polizei"),
    ),
    R(
        "relay-im-sender",
        "„Wir bauen wieder auf“, sagte Bürgermeister Karl Huber im ZDF.",
        S("direct", "Wir bauen wieder auf", "Karl Huber", source="ZDF"),
    ),
    R(
        "relay-sender-of-a-programme",
        "Die Bank werde Stellen streichen, sagte Bankchef Karl Huber in der ZDF-Sendung „Lanz“.",
        S("indirect", "Die Bank werde Stellen streichen", "Karl Huber", source="ZDF"),
    ),
    R(
        "as-clause-with-an-adjective-before-the-outlet",
        "Der Minister trete zurück, wie die italienische Nachrichtenagentur Ansa meldete.",
        S("indirect", "Der Minister trete zurück", "Ansa"),
    ),
    R(
        "quoted-outlet-title-as-speaker",
        "Die Bank werde Stellen streichen, berichtete die „Neue Zürcher Zeitung“.",
        S("indirect", "Die Bank werde Stellen streichen", "Neue Zürcher Zeitung"),
    ),
    R(
        "subjunctive-paragraph-nobody-claims",
        "Der Sturm zieht über das Land.\n\n"
        "In kräftigen Schauern seien auch Orkanböen möglich. Gefahren könnten durch Bäume entstehen.",
        S("indirect", "In kräftigen Schauern seien auch Orkanböen möglich", None),
        S("indirect", "Gefahren könnten durch Bäume entstehen", None),
    ),
    R(
        "roundup-name-with-a-note-in-brackets",
        "Die Stimmen zum Rennen.\n\n"
        'Nils Pohlmann (Team Nord, Etappengewinner): "Es ist unglaublich. Es ist ein Traum."',
        S("direct", "Es ist unglaublich. Es ist ein Traum.", "Nils Pohlmann"),
    ),
    R(
        "roundup-speaker-in-brackets-in-the-next-paragraph",
        "„Wir haben heute alles falsch gemacht.“\n\n(Kölns Trainer Lars Brenner nach dem 0:4)\n\n"
        "„Der Sieg war hochverdient.“\n\n(Mainz-Kapitän Jonas Weller nach dem 4:0)",
        S("direct", "Wir haben heute alles falsch gemacht.", "Lars Brenner"),
        S("direct", "Der Sieg war hochverdient.", "Jonas Weller"),
    ),
    R(
        "colon-at-paragraph-end-announces-the-next-quotation",
        "Zur Sitzung erklärt die Sprecherin der SPD-Fraktion Frauke Heiligenstadt:\n\n"
        "„Diese Sitzung hat unsere Befürchtungen bestätigt.“",
        S("direct", "Diese Sitzung hat unsere Befürchtungen bestätigt.", "Frauke Heiligenstadt"),
    ),
    R(
        "generic-kommune-refers-to-the-city",
        "Die Stadt Witten wurde angegriffen. Die meisten Systeme seien lahmgelegt worden, "
        "teilte die Kommune auf ihrer Internetseite mit.",
        S("indirect", "Die meisten Systeme seien lahmgelegt worden", "Stadt Witten"),
    ),
    R(
        "time-phrase-before-the-verb-puts-the-speaker-after-it",
        "Einige Stunden später bestätigte Bundesverkehrsminister Volker Wissing: "
        "Es seien Kabel durchtrennt worden.",
        S("indirect", "Es seien Kabel durchtrennt worden", "Volker Wissing"),
    ),
    R(
        "object-before-a-genitive-role-is-no-speaker",
        "Die Verteidigung nannte den Vorwurf des Oberstaatsanwalts Karl Ott „dreist“.",
        S("mixed", "dreist", None),
    ),
    R(
        "reflexive-attitude-in-quoted-words",
        "Die Nationalrätin Corina Eichen zeigte sich «überrascht» über die Reaktion des Bundesrates.",
        S("direct", "überrascht", "Corina Eichen", cue="zeigte sich"),
    ),
    R(
        "stance-with-a-subjunctive-clause-is-no-statement",
        "Der Trainer Karl Huber zeigte sich zuversichtlich, dass die Mannschaft gewinne.",
    ),
    R(
        "organisation-of-words-of-the-language",
        "Samstagmorgen kam es nach Angaben der Deutschen Bahn zum Stillstand im Fernverkehr.",
        S(
            "indirect",
            "Samstagmorgen kam es nach Angaben der Deutschen Bahn zum Stillstand im Fernverkehr",
            "Deutsche Bahn",
        ),
    ),
    R(
        "so-der-person-noun",
        "Jonas Berger führt die Gewerkschaft. Man werde weiter streiken, so der Gewerkschafter.",
        S("indirect", "Man werde weiter streiken", "Jonas Berger"),
    ),
    R(
        "organisation-name-with-und-in-its-complement",
        "Die Ernte falle geringer aus, teilte das Landesamt für Forsten und Fischerei mit.",
        S("indirect", "Die Ernte falle geringer aus", "Landesamt für Forsten und Fischerei"),
    ),
    R(
        "spokesperson-of-an-organisation-with-und",
        "Ein Sprecher des Amtes für Häfen und Schifffahrt sagte, die Fähre fahre wieder.",
        S("indirect", "die Fähre fahre wieder", "Amt für Häfen und Schifffahrt"),
    ),
    R(
        "as-clause-with-a-name-set-off-by-commas",
        "Die Straße bleibt gesperrt. Wie der Direktor des Katastrophenamtes, Karl Weber, mitteilte, "
        "wurden zwei Menschen verletzt.",
        S("indirect", "wurden zwei Menschen verletzt", "Karl Weber", cue="mitteilte"),
    ),
    R(
        "as-clause-with-a-name-set-off-by-commas-after-the-content",
        "Zwei Menschen wurden verletzt, wie der Leiter der Feuerwehr, Jens Hollmann, mitteilte.",
        S("indirect", "Zwei Menschen wurden verletzt", "Jens Hollmann"),
    ),
    R(
        "subject-with-apposition-then-a-pronoun-in-the-reported-clause",
        "Die Sprecherin des Büros in Hollern, Anna Thomsen, sagte, er sei am Montag tot aufgefunden worden.",
        S("indirect", "er sei am Montag tot aufgefunden worden", "Anna Thomsen"),
    ),
    R(
        "as-clause-name-after-a-role-with-a-possessive-and-a-place",
        "Der Schauspieler Ole Brandt ist tot. Wie die Mitarbeiterin seines Büros in Hollern, Anna Thomsen, "
        "mitteilte, wurde er am Freitag tot aufgefunden.",
        S("indirect", "wurde er am Freitag tot aufgefunden", "Anna Thomsen"),
    ),
    R(
        "second-verb-shares-the-subject-of-any-first-verb",
        "Jan Hollmer verteidigte den Plan. Er lobte die Verlängerung der Sperrung und sagte, die Kosten "
        "seien maßvoll.",
        S("indirect", "die Kosten seien maßvoll", "Jan Hollmer"),
    ),
    R(
        "family-name-ending-like-an-organisation-word",
        "Wolfgang Wieland, Sprecher für Innere Sicherheit, kritisierte den Plan. Er sagte, die Kosten "
        "seien zu hoch.",
        S("indirect", "die Kosten seien zu hoch", "Wolfgang Wieland"),
    ),
    R(
        "source-in-front-of-a-reporting-verb-relays-its-subject",
        "Der Minister Jan Hollmer besuchte Hollern. Laut BBC News sagte der Minister, dass zehn Millionen "
        "Euro investiert werden sollen.",
        S("indirect", "zehn Millionen Euro investiert werden sollen", "Jan Hollmer", cue="sagte"),
    ),
    R(
        "outlet-in-the-dative-before-the-verb-the-person-after-it-speaks",
        "Anna Thomsen sitzt seit Mai in Haft. Der englischsprachigen Zeitung sagte Anna Thomsen: „Ich werde "
        "nicht aufgeben.“",
        S("direct", "Ich werde nicht aufgeben.", "Anna Thomsen", cue="sagte"),
    ),
    R(
        "quoting-verb-with-an-adverb-and-another-frame-noun",
        "Die Nachrichtenagentur Nordpress zitiert dazu Jan Hollmer mit folgenden Worten: „Diese Banken haben "
        "ihre Aufgabe verloren.“",
        S("direct", "Diese Banken haben ihre Aufgabe verloren.", "Jan Hollmer"),
    ),
    R(
        "impersonal-in-a-document-owned-by-someone-in-the-genitive",
        "In einer Erklärung des Präsidenten Jan Hollmer vom vergangenen Freitag heißt es, der Hafen sei "
        "eine große Chance.",
        S("indirect", "der Hafen sei eine große Chance", "Jan Hollmer", cue="heißt es"),
    ),
    R(
        "party-title-before-a-name-is-referred-to-again",
        "„Die Vorlage ist gescheitert“, sagte CVP-Ständerat Konrad Graber. Der CVP-Ständerat fügte hinzu, "
        "man müsse neu beginnen.",
        S("direct", "Die Vorlage ist gescheitert", "Konrad Graber"),
        S("indirect", "man müsse neu beginnen", "Konrad Graber"),
    ),
    # --- descriptions, places and outlets in speaker phrases -----------------------------------
    R(
        "cue-enthuellte-with-dass",
        "In einem am Samstag veröffentlichten Video enthüllte Bürgermeisterin Ada Quast, dass sie sich noch "
        "in der Stadt aufhalte.",
        S("indirect", "sie sich noch in der Stadt aufhalte", "Ada Quast", cue="enthüllte"),
    ),
    R(
        "sentence-run-on-after-a-capitalised-noun",
        "Die Grenze wird seit Montag überwacht. Die Beamten kontrollieren dort Fahrzeuge.Es gelte zu "
        "verhindern, dass der Mann ausreise, sagte Polizeisprecher Uwe Kranz.",
        S("indirect", "Es gelte zu verhindern, dass der Mann ausreise", "Uwe Kranz", cue="sagte"),
    ),
    R(
        "verb-closing-a-relative-clause-introduces-nothing",
        "Vielleicht wollen die Männer, deren illegale, gefährliche Methoden die Reportage beschrieb, jetzt "
        "nichts mehr davon wissen.",
    ),
    R(
        "pronoun-refers-to-a-given-name-alone",
        "Am Abend kam Moritz zurück ins Dorf. Er sagte, die Brücke sei gesperrt.",
        S("indirect", "die Brücke sei gesperrt", "Moritz", cue="sagte"),
    ),
    R(
        "tail-after-a-quotation-opened-by-a-colon-takes-the-quotation-alone",
        "Bürgermeisterin Ada Quast nahm erstmals Stellung zur Forderung: „Diese Tür ist geschlossen“, "
        "sagte die Politikerin.",
        S("direct", "Diese Tür ist geschlossen", "Ada Quast", cue="sagte"),
    ),
    R(
        "compound-title-after-an-apposed-role",
        "Konrad Imhof, FDP-Ständerat aus Luzern, kritisierte den Entscheid. „Das ist ein Fehler“, sagt der "
        "FDP-Ständerat.",
        S("direct", "Das ist ein Fehler", "Konrad Imhof", cue="sagt"),
    ),
    R(
        "generic-organisation-head-refers-back-every-time",
        "Die Lindner Klinik in Kleve hat den Vorfall bestätigt. Das Unternehmen teilte mit, man prüfe den "
        "Fall. Ein Patient sei verletzt worden, so das Unternehmen.",
        S("indirect", "man prüfe den Fall", "Lindner Klinik"),
        S("indirect", "Ein Patient sei verletzt worden", "Lindner Klinik", cue="so"),
    ),
    R(
        "generic-organisation-head-after-a-cue-that-ends-with-its-article",
        "Die Lindner Klinik in Kleve hat den Vorfall bestätigt. Nach Angaben des Unternehmens wird der "
        "Fall geprüft.",
        S("indirect", "wird der Fall geprüft", "Lindner Klinik"),
    ),
    R(
        "gemaess-before-a-plan-is-no-source",
        "Die Einnahmen werden gesammelt und gemäß einem Verteilungsschlüssel an die Künstler ausgezahlt.",
    ),
    R(
        "gemaess-before-a-witness-is-a-source",
        "Die Trümmer verteilten sich gemäß einem Augenzeugen über das ganze Feld.",
        S("indirect", "Die Trümmer verteilten sich gemäß einem Augenzeugen über das ganze Feld", None),
    ),
    R(
        "laut-before-a-lower-case-agency",
        "Laut dpa ist der Zug bei Kleve entgleist.",
        S("indirect", "ist der Zug bei Kleve entgleist", "Deutsche Presse-Agentur", cue="Laut"),
    ),
    R(
        "common-noun-in-the-genitive-is-no-name",
        "Nach Auskunft des Hausmeisters war niemand mehr im Keller.",
        S("indirect", "war niemand mehr im Keller", None),
    ),
    R(
        "cataphoric-das-with-a-separable-verb",
        "Der Zoo bleibt bis Freitag geschlossen. Die Tiere seien gesund. Das teilte die Stadt Lindau am "
        "Montag mit.",
        S("indirect", "Die Tiere seien gesund", "Stadt Lindau"),
    ),
    R(
        "description-of-a-person-the-role-is-for",
        "Die Anwältin Petra Hansen hatte die Behörden gewarnt. Nach Aussagen der Anwältin des "
        "späteren Opfers war die Lage seit Wochen angespannt.",
        S("indirect", "war die Lage seit Wochen angespannt", "Petra Hansen", role="Anwältin"),
    ),
    R(
        "unnamed-reporter-of-an-outlet-named-after-its-head",
        "Ein Reporter des Senders Nordwelle TV aus Kiel beschreibt: „Es klang wie ein Güterzug vor der Tür.“",
        S("direct", "Es klang wie ein Güterzug vor der Tür.", "Nordwelle TV"),
    ),
    R(
        "place-of-several-words-is-no-person",
        "Politiker aus aller Welt sind in New York zusammengekommen, doch die Hauptrolle spielte die "
        "Schülerin Mira Holt. Sie hielt eine kurze Rede: „Wir haben keine Zeit mehr, und ihr wisst das.“",
        S("direct", "Wir haben keine Zeit mehr, und ihr wisst das.", "Mira Holt"),
    ),
    R(
        "bare-generic-head-after-laut-refers-back",
        "Die Stadtwerke Kleinau haben die Preise erhöht. Laut Unternehmen steigen die Kosten um zehn "
        "Prozent.",
        S("indirect", "steigen die Kosten um zehn Prozent", "Stadtwerke Kleinau"),
    ),
    R(
        "bare-generic-head-after-laut-with-no-company-names-nobody",
        "Laut Unternehmen steigen die Kosten um zehn Prozent.",
        S("indirect", "steigen die Kosten um zehn Prozent", None),
    ),
    R(
        "relay-to-the-newspaper-is-the-one-named-before",
        "Der Bahnhof bleibt bis Mai gesperrt, berichtet die Nordheider Rundschau. Eine Sprecherin der "
        "Bahn sagte der Zeitung, man arbeite mit Hochdruck an der Brücke.",
        S("indirect", "Der Bahnhof bleibt bis Mai gesperrt", "Nordheider Rundschau"),
        S("indirect", "man arbeite mit Hochdruck an der Brücke", "Bahn", source="Nordheider Rundschau"),
    ),
    R(
        "relay-to-the-newspaper-with-none-named-gives-no-outlet",
        "Eine Sprecherin der Bahn sagte der Zeitung, man arbeite mit Hochdruck an der Brücke.",
        S("indirect", "man arbeite mit Hochdruck an der Brücke", "Bahn", source=None),
    ),
    R(
        "council-compound-is-the-body-not-a-role",
        "Kritik kam auch aus dem Werk. „Das kostet Stellen“, so der Betriebsrat. Die Ziele seien laut "
        "Aufsichtsrat erreichbar.",
        S("direct", "Das kostet Stellen", "Betriebsrat"),
        S("indirect", "Die Ziele seien laut Aufsichtsrat erreichbar", "Aufsichtsrat"),
    ),
    R(
        "council-role-before-a-name-stays-a-role",
        "„Das kostet Stellen“, sagte Stadtrat Egon Pfleiderer.",
        S("direct", "Das kostet Stellen", "Egon Pfleiderer", role="Stadtrat"),
    ),
    R(
        "denied-cue-reports-nothing",
        "Wo die Akten lagen, teilte Staatsanwältin Rita Olm nicht mit. Ob das Werk schließt, sagte "
        "der Konzern nicht. Die Halle bleibt nicht offen, sagte Rita Olm.",
        S("indirect", "Die Halle bleibt nicht offen", "Rita Olm"),
        only=True,
    ),
    R(
        "denial-of-a-coordinated-verb-leaves-the-cue",
        "Die Molkerei Haller bestätigte die Zahl nicht und nannte sie „pure Erfindung“.",
        S("mixed", "pure Erfindung", "Molkerei Haller"),
    ),
    R(
        "hiess-es-after-a-sentence-of-the-article-names-nobody",
        "„Wir schließen das Werk nicht“, sagte Firmensprecherin Eva Lindqvist. Am Montag wurden in "
        "Talheim mehrere Büros durchsucht. Grund sei ein Verdacht auf Betrug, hieß es.",
        S("direct", "Wir schließen das Werk nicht", "Eva Lindqvist"),
        S("indirect", "Grund sei ein Verdacht auf Betrug", None),
    ),
    R(
        "hiess-es-after-a-sentence-about-the-source-continues-it",
        "Der Unfall geschah bei Talheim, wie die Kantonspolizei Uri mitteilte. Zu den Verletzten machte "
        "sie keine Angaben. Die Ermittlungen liefen, hieß es.",
        S("indirect", "Die Ermittlungen liefen", "Kantonspolizei Uri"),
    ),
    R(
        "cataphoric-das-opening-the-paragraph-after-the-quotation",
        "„Gegenwärtig können wir dazu nichts sagen.“\n\nDas teilte Oberstaatsanwalt Rolf Sandmeier auf "
        "Nachfrage mit.",
        S("direct", "Gegenwärtig können wir dazu nichts sagen.", "Rolf Sandmeier"),
    ),
    R(
        "reflexive-attitude-verb-before-a-colon-quotes",
        "Jörn Radtke, Chef der Gewerkschaft, äußerte sich: «Wenn Kontrollen so eskalieren, stimmt etwas "
        "nicht.» Die Trainerin Ute Brahms zeigte sich enttäuscht: „Damit hat keiner gerechnet.“",
        S("direct", "Wenn Kontrollen so eskalieren, stimmt etwas nicht.", "Jörn Radtke"),
        S("direct", "Damit hat keiner gerechnet.", "Ute Brahms"),
    ),
    R(
        "impersonal-source-ends-before-its-time-and-place",
        "Zum Zustand des Fahrers gebe es keine Angaben, hieß es von der Einsatzzentrale der Polizei in "
        "Nordau in der Nacht auf Montag gegenüber der Nachrichtenagentur NPA.",
        S(
            "indirect",
            "Zum Zustand des Fahrers gebe es keine Angaben",
            "Einsatzzentrale der Polizei",
            source="Nachrichtenagentur NPA",
        ),
    ),
    R(
        "quoted-title-of-several-words-is-one-outlet",
        "Laut „Kurier am Abend“ soll der Stadtrat die Gebühren erhöhen. Die Abfuhr werde teurer, "
        "berichtete die „Post vom Sonntag“.",
        S("indirect", "soll der Stadtrat die Gebühren erhöhen", "Kurier am Abend", kind="outlet"),
        S("indirect", "Die Abfuhr werde teurer", "Post vom Sonntag"),
    ),
    R(
        "reported-speech-after-the-lead-about-someone",
        "Landrätin Hedda Vollmer sieht keinen Anlass, die Arbeit der Feuerwehr zu beanstanden.\n\n"
        "Die Wehr habe in der schwierigen Lage besonnen gehandelt.",
        S("indirect", "Die Wehr habe in der schwierigen Lage besonnen gehandelt", "Hedda Vollmer"),
    ),
    R(
        "indicative-doubt-after-the-lead-is-no-statement",
        "Die Spielerin Hedda Vollmer gewann das Turnier in Kiel.\n\nEs gab Zweifel, ob Vollmer "
        "überhaupt antreten könnte.",
        only=True,
    ),
    R(
        "definite-source-word-refers-to-the-source-before",
        "Laut Polizei geriet der Wagen ins Schleudern. Der Fahrer übersah den Angaben zufolge das Stauende.",
        S("indirect", "Der Fahrer übersah den Angaben zufolge das Stauende", "Polizei"),
    ),
    R(
        "definite-source-word-with-no-source-before-names-nobody",
        "Der Fahrer übersah den Angaben zufolge das Stauende.",
        S("indirect", "Der Fahrer übersah den Angaben zufolge das Stauende", None),
    ),
    R(
        "english-role-abbreviation-before-a-family-name",
        "Manfred Kästle leitet die Firma. „Wir wachsen“, sagte CEO Kästle.",
        S("direct", "Wir wachsen", "Manfred Kästle", role="CEO"),
    ),
    R(
        "separable-verbs-of-judging-and-objecting",
        "„Das wird teuer“, schätzte der Kämmerer Paul Heldt ein. „Das stimmt so nicht“, wandte Ute "
        "Brahms ein. Er schätzte den Wert auf zehn Euro ein.",
        S("direct", "Das wird teuer", "Paul Heldt"),
        S("direct", "Das stimmt so nicht", "Ute Brahms"),
        only=True,
    ),
    R(
        "perfect-tense-of-a-separable-reporting-verb",
        "Das Ministerium hatte der Abgeordneten mitgeteilt, dass die Ausweise im Mai gefunden worden "
        "seien. Die Stadt Talheim hat angekündigt, sie werde die Brücke im Mai sperren.",
        S("indirect", "die Ausweise im Mai gefunden worden seien", "Ministerium"),
        S("indirect", "sie werde die Brücke im Mai sperren", "Stadt Talheim"),
    ),
    R(
        "denial-in-another-clause-leaves-the-cue",
        "„Wir kommen wieder“, sagte Mirko Haller, der zuvor nicht sagte, warum. „Ich bin nicht "
        "schuld“, sagte Haller und lachte nicht.",
        S("direct", "Wir kommen wieder", "Mirko Haller"),
        S("direct", "Ich bin nicht schuld", "Mirko Haller"),
    ),
    R(
        "reported-speech-after-a-lead-about-a-victim-names-nobody",
        "Unbekannte haben in Talheim die Rentnerin Anna Rothe überfallen.\n\nDer Täter sei etwa 30 "
        "Jahre alt.",
        S("indirect", "Der Täter sei etwa 30 Jahre alt", None),
    ),
    R(
        "source-words-of-their-own-never-name-a-bystander",
        "Die Fahrerin Anna Rothe wurde leicht verletzt. Den Angaben zufolge war der Wagen zu schnell. "
        "Die Nachbarin Eva Kerner fand sie im Garten. Die Identifikation sei im Gange, hieß es.",
        S("indirect", "war der Wagen zu schnell", None),
        S("indirect", "Die Identifikation sei im Gange", None),
    ),
    R(
        "compound-word-ends-like-a-short-head-without-being-one",
        "US-Demokrat Bernie Sandler sagte, die Steuern würden steigen. Laut den Kandidaten der Grünen "
        "steigen die Steuern.",
        S("indirect", "die Steuern würden steigen", "Bernie Sandler"),
        S("indirect", "steigen die Steuern", "Grünen"),
    ),
    R(
        "role-synonym-refers-to-the-office-holder-named-before",
        "Bürgermeister Olaf Kernbach eröffnete das Bad. „Ein guter Tag“, so das Stadtoberhaupt. Trainer "
        "Pál Dárdanyi war enttäuscht. „Wir waren zu langsam“, sagte unser Übungsleiter.",
        S("direct", "Ein guter Tag", "Olaf Kernbach"),
        S("direct", "Wir waren zu langsam", "Pál Dárdanyi"),
    ),
    R(
        "compound-document-word-names-its-owner",
        "Laut einer Medienmitteilung der Kantonspolizei Tarn fuhr der Lenker zu schnell.",
        S("indirect", "fuhr der Lenker zu schnell", "Kantonspolizei Tarn"),
    ),
]

PARAMS = [pytest.param(row, id=row.id) for row in ROWS]


def test_table_is_large_and_ids_are_unique():
    assert len(ROWS) >= 40
    assert len({row.id for row in ROWS}) == len(ROWS)
    for row in ROWS:
        for exp in row.expected:
            assert exp.text in row.text, (row.id, exp.text)


@pytest.mark.parametrize("row", PARAMS)
def test_statements(row: Row):
    check_row(row, LANG, PUBLISHED)


@pytest.mark.parametrize("row", PARAMS)
def test_statement_text_is_article_slice(row: Row):
    check_offsets(row, LANG, PUBLISHED)
