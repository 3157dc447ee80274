"""English constructions of attribution, one table row each (see ENGINE.md and eval/dev/README.md).

Every sentence is invented. What a row asks is explained in extraction_table.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from extraction_table import R, Row, S, check_offsets, check_row

LANG = "en"
PUBLISHED = date(2023, 5, 10)
ROWS = [
    # --- quotation mark styles -------------------------------------------------------------
    R(
        "mark-curly-double",
        "“We will rebuild the bridge before winter,” Mayor Dana Whitfield said on Monday.",
        S("direct", "We will rebuild the bridge before winter", "Dana Whitfield", cue="said"),
    ),
    R(
        "mark-straight-double",
        '"The talks were difficult but productive," Foreign Minister Paul Ostrander said.',
        S("direct", "The talks were difficult but productive", "Paul Ostrander"),
    ),
    R(
        "mark-curly-single",
        "‘The pitch was in a terrible state,’ said coach Martin Ealey.",
        S("direct", "The pitch was in a terrible state", "Martin Ealey"),
    ),
    R(
        "mark-straight-single",
        "'We need more nurses on every ward,' said union leader Carol Pemberton.",
        S("direct", "We need more nurses on every ward", "Carol Pemberton"),
    ),
    R(
        "mark-straight-single-with-apostrophe-inside",
        "'We can't keep running the wards like this,' union leader Carol Pemberton said.",
        S("direct", "We can't keep running the wards like this", "Carol Pemberton"),
    ),
    R(
        "mark-closed-by-two-apostrophes",
        "Mayor Ruth Bell spoke first. \"We will rebuild the bridge,'' Councilman Eli Park said.",
        S("direct", "We will rebuild the bridge", "Eli Park"),
    ),
    # --- quotation shapes ------------------------------------------------------------------
    R(
        "quote-then-said-x",
        '"Sales are recovering faster than we expected," said the company\'s chief executive, Laura Finch.',
        S("direct", "Sales are recovering faster than we expected", "Laura Finch", cue="said"),
    ),
    R(
        "quote-several-sentences-then-attribution",
        '"The line is closed today. Replacement buses leave from the station square," '
        "rail spokeswoman Nora Quinn said.",
        S(
            "direct",
            "The line is closed today. Replacement buses leave from the station square",
            "Nora Quinn",
        ),
    ),
    R(
        "colon-introduction",
        'Deputy Mayor Tom Grady said: "The bridge will reopen in June."',
        S("direct", "The bridge will reopen in June.", "Tom Grady", cue="said"),
    ),
    R(
        "split-quote",
        '"We negotiated for weeks," union leader Carol Pemberton said, "and in the end we found a '
        'fair deal."',
        S("direct", "We negotiated for weeks", "Carol Pemberton"),
        S("direct", "and in the end we found a fair deal.", "Carol Pemberton"),
    ),
    R(
        "quote-over-two-paragraphs",
        'Union leader Carol Pemberton said: "We will not accept these cuts. Our members have made '
        "that very clear."
        '\n\n"We are ready to strike if we have to."',
        S(
            "direct",
            "We will not accept these cuts. Our members have made that very clear.",
            "Carol Pemberton",
        ),
        S("direct", "We are ready to strike if we have to.", "Carol Pemberton"),
    ),
    R(
        "quote-over-two-paragraphs-after-attribution",
        '"We will not accept these cuts," union leader Carol Pemberton said. "Our members have '
        "made that very clear."
        '\n\n"We are ready to strike if we have to."',
        S("direct", "We will not accept these cuts", "Carol Pemberton"),
        S("direct", "Our members have made that very clear.", "Carol Pemberton"),
        S("direct", "We are ready to strike if we have to.", "Carol Pemberton"),
    ),
    R(
        "continued-quote-after-he-said",
        '"I am sorry about the delays," Mayor Dana Whitfield said. "We should have warned '
        'residents much earlier."',
        S("direct", "I am sorry about the delays", "Dana Whitfield"),
        S("direct", "We should have warned residents much earlier.", "Dana Whitfield"),
    ),
    R(
        "nested-quote",
        "\"The minister promised us 'full support,' and we have received nothing,\" said "
        "Councillor Ray Mendes.",
        S("direct", "The minister promised us 'full support,' and we have received nothing", "Ray Mendes"),
    ),
    R(
        "headline-colon-resolved-to-full-name",
        "Whitfield: 'We will not give up on the bridge'\n\n"
        "Mayor Dana Whitfield vowed on Monday to fight the closure of the river crossing.",
        S("direct", "We will not give up on the bridge", "Dana Whitfield"),
    ),
    # --- reported speech --------------------------------------------------------------------
    R(
        "reported-that",
        "Finance Minister Harold Greaves said that the budget would be balanced next year.",
        S("indirect", "the budget would be balanced next year", "Harold Greaves", cue="said"),
    ),
    R(
        "reported-without-that",
        "Finance Minister Harold Greaves said the budget would be balanced next year.",
        S("indirect", "the budget would be balanced next year", "Harold Greaves"),
    ),
    R(
        "reported-present-says",
        "Fire Chief Tom Reyes says the blaze is now 80 percent contained.",
        S("indirect", "the blaze is now 80 percent contained", "Tom Reyes"),
    ),
    R(
        "reported-indicative-sentence-after-is-not-reported",
        "Mayor Dana Whitfield said the old bridge was unsafe. Repairs begin in June.",
        S("indirect", "the old bridge was unsafe", "Dana Whitfield"),
        only=True,
    ),
    R(
        "reported-unnamed-officials-have-no-speaker",
        "Officials said the coast road would reopen on Monday.",
        S("indirect", "the coast road would reopen on Monday", None),
    ),
    R(
        "wrote-in-a-letter",
        "In a letter to residents, Whitfield wrote that the tap water was safe to drink.",
        S("indirect", "the tap water was safe to drink", "Whitfield"),
    ),
    R(
        "participle-saying-bare-clause-after-object",
        "Mayor Tom Reed posted a video saying the pool would reopen in June.",
        S("indirect", "the pool would reopen in June", "Tom Reed"),
    ),
    R(
        "participle-saying-after-the-clause-of-a-regular-past",
        "Police released a statement on Wednesday saying that the two drivers had been charged.",
        S("indirect", "the two drivers had been charged", "Police"),
    ),
    R("not-saying-goodbye", "He left the stage saying goodbye to the fans in the hall."),
    R(
        "verb-beamed-after-quote",
        '"It was a fantastic night," beamed coach Uwe Kamp.',
        S("direct", "It was a fantastic night", "Uwe Kamp"),
    ),
    R(
        "bare-clause-opening-with-a-contracted-auxiliary",
        "Mayor Ann Hale says she'll run again next year.",
        S("indirect", "she'll run again next year", "Ann Hale"),
    ),
    R(
        "mixed-one-word-subject-then-quoted-predicate",
        'He "terrorized our community," Police Chief James White said.',
        S("mixed", 'He "terrorized our community,"', "James White"),
    ),
    R(
        "participle-saying-after-a-weekday-and-its-part",
        "The ministry agreed, with spokesman Ned Porter saying Thursday evening that the border was "
        "a prime target.",
        S("indirect", "the border was a prime target", "Ned Porter"),
    ),
    R(
        "passive-before-a-closing-outlet-is-the-outlets-claim",
        "The mayor was reportedly asked to resign by the council, according to the Associated Press.",
        S("indirect", "The mayor was reportedly asked to resign by the council", "Associated Press"),
    ),
    # --- source phrases ---------------------------------------------------------------------
    R(
        "according-to-possessive-document-owner",
        "According to the Transport Ministry’s annual report, rail delays fell by a third last year.",
        S("indirect", "rail delays fell by a third last year", "Transport Ministry"),
    ),
    R(
        "according-to-possessive-name-document",
        "According to Norvale’s quarterly filing, the company sold fewer turbines than planned.",
        S("indirect", "the company sold fewer turbines than planned", "Norvale"),
    ),
    R(
        "according-to-leading",
        "According to the Clarksville Fire Department, the blaze started in a kitchen on the second floor.",
        S(
            "indirect",
            "the blaze started in a kitchen on the second floor",
            "Clarksville Fire Department",
            cue="according to",
        ),
    ),
    R(
        "according-to-trailing",
        "The blaze started in a kitchen on the second floor, according to Fire Chief Tom Reyes.",
        S("indirect", "The blaze started in a kitchen on the second floor", "Tom Reyes", cue="according to"),
    ),
    R(
        "outlet-reported-that",
        "The Harbor Gazette reported on Monday that the shipyard would be sold to a Dutch investor.",
        S("indirect", "the shipyard would be sold to a Dutch investor", "Harbor Gazette", cue="reported"),
    ),
    R(
        "as-outlet-reported",
        "As the Harbor Gazette reported on Monday, the shipyard is up for sale.",
        S("indirect", "the shipyard is up for sale", "Harbor Gazette"),
    ),
    R(
        "document-the-report-resolves-to-outlet",
        "The Harbor Gazette reported on Monday that the shipyard would be sold to a Dutch investor. "
        "According to the report, about 300 jobs are at risk.",
        S("indirect", "the shipyard would be sold to a Dutch investor", "Harbor Gazette"),
        S("indirect", "about 300 jobs are at risk", "Harbor Gazette"),
    ),
    R(
        "in-a-statement",
        "The Ministry of Transport said in a statement that rail services would resume on Friday.",
        S("indirect", "rail services would resume on Friday", "Ministry of Transport", kind="organization"),
    ),
    R(
        "in-a-statement-leading",
        "In a statement, Northwind Airlines said the strike had cost it $20 million.",
        S("indirect", "the strike had cost it $20 million", "Northwind Airlines"),
    ),
    R(
        "organisation-speaker",
        "The Northern Rivers Water Authority said the reservoir was at 40 percent of capacity.",
        S(
            "indirect",
            "the reservoir was at 40 percent of capacity",
            "Northern Rivers Water Authority",
            kind="organization",
        ),
    ),
    # --- mixed ------------------------------------------------------------------------------
    R(
        "mixed-reported-clause-with-quoted-fragment",
        'Mayor Dana Whitfield said the repairs were "long overdue".',
        S("mixed", 'the repairs were "long overdue"', "Dana Whitfield"),
    ),
    R(
        "mixed-called",
        'Finance Minister Harold Greaves called the plan "ambitious".',
        S("mixed", "ambitious", "Harold Greaves", cue="called"),
    ),
    R(
        "mixed-inner-according-to-stays-in-span",
        'The talks, according to Foreign Minister Paul Ostrander, were "constructive and open".',
        S(
            "mixed",
            'The talks, according to Foreign Minister Paul Ostrander, were "constructive and open"',
            "Paul Ostrander",
        ),
    ),
    # --- speaker phrases --------------------------------------------------------------------
    R(
        "speaker-ministry-spokeswoman-name",
        '"The Arctic must not become a stage for power games," Danish Foreign Ministry spokeswoman '
        "Karen Holm said.",
        S("direct", "The Arctic must not become a stage for power games", "Karen Holm", role="spokeswoman"),
    ),
    R(
        "speaker-name-apposition-of-ministry",
        '"We have seen no evidence of sabotage," said Karen Holm, a spokeswoman for the Danish '
        "Foreign Ministry.",
        S(
            "direct",
            "We have seen no evidence of sabotage",
            "Karen Holm",
            role="spokeswoman",
            affiliation="Danish Foreign Ministry",
        ),
    ),
    R(
        "speaker-sentence-adverb-that-is-also-a-family-name",
        "So Helen Dwyer added that grain prices would rise before the winter.",
        S("indirect", "grain prices would rise before the winter", "Helen Dwyer"),
    ),
    R(
        "speaker-compound-adjective-is-no-name",
        "The Denver-based company said it would cut 200 jobs by the end of the year.",
        S("indirect", "it would cut 200 jobs by the end of the year", "Denver-based company"),
    ),
    R(
        "speaker-subject-of-the-clause-after-and",
        'There was a hint of frustration in the dressing room and Ramirez said: "We have to be better."',
        S("direct", "We have to be better.", "Ramirez"),
    ),
    R(
        "speaker-relative-clause-after-person-of-place",
        "Reporters then turned to Sen. Paula Grey of Nevada, who said she had not read the report.",
        S("indirect", "she had not read the report", "Paula Grey"),
    ),
    R(
        "speaker-after-an-abbreviated-title-with-its-dot",
        '"We need more teachers," said Sen. Laura Finch, a Democrat from Ohio.',
        S("direct", "We need more teachers", "Laura Finch"),
    ),
    R(
        "speaker-before-an-apposition-with-initials",
        "Carla Nunez, the U.S. attorney for the Northern District of Ohio, said the case was closed.",
        S("indirect", "the case was closed", "Carla Nunez"),
    ),
    R(
        "speaker-article-in-capitals-is-no-acronym",
        "THE TOWN pool will stay closed for the whole summer, the chairman told the meeting.",
        S("indirect", "THE TOWN pool will stay closed for the whole summer", None),
    ),
    # --- resolution across sentences --------------------------------------------------------
    R(
        "pronoun-she-added",
        '"The city will cover the costs," said Mayor Dana Whitfield. '
        "She added that residents would not face higher taxes.",
        S("direct", "The city will cover the costs", "Dana Whitfield"),
        S("indirect", "residents would not face higher taxes", "Dana Whitfield", cue="added"),
    ),
    R(
        "pronoun-he",
        "Coach Martin Ealey was visibly frustrated after the match. "
        "He said the referee had lost control of the game.",
        S("indirect", "the referee had lost control of the game", "Martin Ealey"),
    ),
    R(
        "pronoun-he-picks-the-man",
        "Governor Alice Brandt met Senator Tom Kessler in Albany on Tuesday. "
        "He said the two had agreed on a new budget timetable.",
        S("indirect", "the two had agreed on a new budget timetable", "Tom Kessler"),
    ),
    R(
        "pronoun-he-keeps-the-subject-over-a-man-named-as-object",
        "Tom Aldridge defended his finance chief on Monday. He rejected a call from union leader "
        "Mark Fenwick for an inquiry. “There is nothing to investigate,” he added.",
        S("direct", "There is nothing to investigate", "Tom Aldridge"),
    ),
    R(
        "pronoun-he-after-a-speaker-and-a-sentence-he-opens",
        "Mayor Victor Hale said the budget was balanced. He turned down a request from councillor "
        "Owen Marsh for a vote. “We will not reopen the accounts,” he said.",
        S("indirect", "the budget was balanced", "Victor Hale"),
        S("direct", "We will not reopen the accounts", "Victor Hale"),
    ),
    R(
        "pronoun-she-for-a-given-name-of-either-gender",
        "Andrea Whitcombe chairs the water board. “Prices will rise in May,” she said.",
        S("direct", "Prices will rise in May", "Andrea Whitcombe"),
    ),
    R(
        "surname",
        'Coach Martin Ealey watched the match from the stands. "We were simply not good enough," Ealey said.',
        S("direct", "We were simply not good enough", "Martin Ealey"),
    ),
    R(
        "pronoun-he-for-a-family-name-alone",
        "Back in May, Quintero said the union wanted a short contract. On Friday, he said the union "
        "was ready to sign.",
        S("indirect", "the union wanted a short contract", "Quintero"),
        S("indirect", "the union was ready to sign", "Quintero"),
    ),
    R(
        "pronoun-they-for-a-body-named-after-its-article",
        "The Red Cross opened a shelter at the school. They said forty families had registered.",
        S("indirect", "forty families had registered", "Red Cross"),
    ),
    R(
        "pronoun-they-is-not-a-name-in-object-position",
        "Ohio lawmakers want to repeal the Clean Water Act. They said the process was secretive.",
        S("indirect", "the process was secretive", None),
    ),
    R(
        "spokesperson-of-a-named-body-is-the-body-not-the-last-person",
        "Greenfield Dairy chief executive Paul Brandt did not comment. "
        '"We are not an ordinary company," the Greenfield Dairy spokesman said.',
        S("direct", "We are not an ordinary company", "Greenfield Dairy"),
    ),
    R(
        "spokesperson-of-a-body-named-in-common-words",
        "Patients waited for hours in the corridors, a health service spokeswoman said last night.",
        S("indirect", "Patients waited for hours in the corridors", "health service"),
    ),
    R(
        "pronoun-he-for-the-subject-of-a-coordinated-clause",
        "Defender Sam Ortiz scored twice, and coach Ben Harlow was delighted. He said: "
        '"That was our best game of the season."',
        S("direct", "That was our best game of the season.", "Ben Harlow"),
    ),
    R(
        "description-party-member-after-title",
        'Speaker Ann Cole criticized the veto. "This hurts families," said the Dayton Democrat.',
        S("direct", "This hurts families", "Ann Cole"),
    ),
    R(
        "surname-means-the-person-not-the-office-named-after-them",
        'The office of Jay Towne said the case was closed. "We did our job," Towne said.',
        S("indirect", "the case was closed", "office of Jay Towne"),
        S("direct", "We did our job", "Jay Towne"),
    ),
    R(
        "role-description-the-spokeswoman",
        "Interior Ministry spokeswoman Aino Lehtola briefed reporters in Helsinki on Tuesday. "
        "The spokeswoman said the border would remain open.",
        S("indirect", "the border would remain open", "Aino Lehtola"),
    ),
    # --- relays -----------------------------------------------------------------------------
    R(
        "relay-according-to-outlet-after-lead",
        "Mayor Linda Carver said the ferry would run again in May, according to the Associated Press.",
        S("indirect", "the ferry would run again in May", "Linda Carver", source="Associated Press"),
        only=True,
    ),
    R(
        "relay-told-outlet-with-article-then-clause",
        "Mayor Linda Carver told the Associated Press the ferry would run again in May.",
        S("indirect", "the ferry would run again in May", "Linda Carver", source="Associated Press"),
        only=True,
    ),
    R(
        "told-reuters-direct",
        '"We are not for sale," Northwind Airlines chief executive Laura Finch told Reuters.',
        S("direct", "We are not for sale", "Laura Finch", source="Reuters", cue="told"),
    ),
    R(
        "told-reuters-that",
        "Laura Finch, the chief executive of Northwind Airlines, told Reuters that the company was "
        "not for sale.",
        S("indirect", "the company was not for sale", "Laura Finch", source="Reuters"),
    ),
    R(
        "told-reporters-is-no-source",
        '"We are cooperating fully with investigators," Finch told reporters on Tuesday.',
        S("direct", "We are cooperating fully with investigators", "Finch", source=None),
    ),
    R(
        "interview-with-outlet",
        "Finch said in an interview with the BBC that the airline would hire 500 pilots this year.",
        S("indirect", "the airline would hire 500 pilots this year", "Finch", source="BBC"),
    ),
    # --- not statements ---------------------------------------------------------------------
    R("not-an-announced-object", "Lakeside Bank today announced its results for the second quarter."),
    R(
        "not-a-participle-between-a-number-and-its-noun",
        "Since the 14 confirmed thefts began in May, police have made no arrests.",
    ),
    R(
        "not-a-question-refused-to-say-whether",
        "Governor Ann Blake refused to say whether the fuel tax would rise.",
    ),
    R(
        "not-an-object-and-its-relative-clause",
        "Shares of Norvale fell on Friday after the firm reported profits that missed forecasts.",
    ),
    R(
        "not-that-after-a-noun-object",
        "Norvale chief executive Rita Moss defended her plan after reporting revenue that fell short "
        "of forecasts.",
    ),
    R(
        "not-title-in-quotes",
        'The bill, known as the "Clean Harbors Act", passed the state Senate on Tuesday.',
    ),
    R("not-newspaper-name", "The Harbor Gazette did not publish the letter."),
    R("not-scare-quotes", 'The so-called "peace plan" has drawn ridicule across the region.'),
    R("not-noun-object-denied-the-report", "Northwind Airlines denied the report."),
    R("not-noun-object-denied-allegations", "The governor denied the allegations on Tuesday."),
    R(
        "not-reporter-question",
        "The closure is expected to last three weeks. But who will pay for the repairs?",
    ),
    R("not-belief", "Ealey believes his team can still avoid relegation."),
    R(
        "not-boilerplate-newsletter",
        'Sign up for our newsletter: "The best stories of the week, every Friday," says our '
        "editor, Jane Dunn.",
    ),
    R(
        "boilerplate-paragraph-after-article",
        '"We open the market on Friday," market manager Sonja Pike said.\n\n'
        'Subscribe to our newsletter and never miss a story! Editor Max Hubner says: "You will not '
        'regret it."',
        S("direct", "We open the market on Friday", "Sonja Pike"),
        only=True,
    ),
    # --- via --------------------------------------------------------------------------------
    R(
        "via-source-line",
        "Finance Minister Harold Greaves said the budget would be balanced next year.\n\nSource: Reuters",
        S("indirect", "the budget would be balanced next year", "Harold Greaves"),
        via="Reuters",
    ),
    R(
        "via-dateline-ap",
        'LISBON (AP) — "We will not raise fares this year," Transport Minister Rui Paiva said on Tuesday.',
        S("direct", "We will not raise fares this year", "Rui Paiva"),
        via="AP",
    ),
    # --- descriptions that refer back --------------------------------------------------------
    R(
        "description-company-after-bare-name",
        "Corvantis cut its forecast on Tuesday. The company said sales would fall in the third quarter.",
        S("indirect", "sales would fall in the third quarter", "Corvantis"),
    ),
    R(
        "description-capitalised-noun-after-the",
        "Tomasz Brzeski was unhappy after the draw. "
        "The Pole said his side had lacked ideas in the second half.",
        S("indirect", "his side had lacked ideas in the second half", "Tomasz Brzeski"),
    ),
    R(
        "description-title-before-a-name",
        "Taoiseach Enda Kenny defended the plan. Later Micheál Martin spoke. "
        "The Taoiseach said the minister would answer questions on Thursday.",
        S("indirect", "the minister would answer questions on Thursday", "Enda Kenny"),
    ),
    R(
        "description-modified-company-head",
        "Ridgeway Outfitters cut its outlook on Tuesday. "
        "The sportswear maker said revenue would grow about 2% this year.",
        S("indirect", "revenue would grow about 2% this year", "Ridgeway Outfitters"),
    ),
    R(
        "possessive-owner-before-a-name",
        "“They were not as soft as you thought,” Harbour Radio’s Damian Keogh reported on Friday.",
        S("direct", "They were not as soft as you thought", "Damian Keogh"),
    ),
    R(
        "prose-with-furniture-words-is-kept",
        "Martin Okafor, representing the owner, said he regretted the comments "
        "and would sign up for a course.",
        S("indirect", "he regretted the comments and would sign up for a course", "Martin Okafor"),
    ),
    R(
        "tail-outlet-quoted-x-as-saying",
        "“We will appeal,” the Harbor Gazette quoted lawyer Jane Roe as saying.",
        S("direct", "We will appeal", "Jane Roe", source="Harbor Gazette"),
    ),
    R(
        "relative-clause-apposition-before-said",
        "Education Minister Vinod Kutty, who visited the family on Saturday, said the government "
        "was considering the matter seriously.",
        S("indirect", "the government was considering the matter seriously", "Vinod Kutty"),
    ),
    R(
        "portfolio-before-a-full-name",
        "Federal Minister for Information Tariq Qureshi on Tuesday said the talks would resume.",
        S("indirect", "the talks would resume", "Tariq Qureshi"),
    ),
    R(
        "organisation-before-a-full-name",
        "Inspector General of Police Joseph Omondi says they are pursuing the accomplices.",
        S("indirect", "they are pursuing the accomplices", "Joseph Omondi"),
    ),
    R(
        "words-of-the-language-make-no-person",
        "Rocky Valley Power reported outages across the county. "
        "The utility said crews would work through the night.",
        S("indirect", "crews would work through the night", "Rocky Valley Power"),
    ),
    R(
        "irregular-past-after-says",
        "District Attorney Joseph Early Jr. says a man attacked the nurse on Wednesday. "
        "Early says the man ran away after the stabbing.",
        S("indirect", "a man attacked the nurse on Wednesday", "Joseph Early Jr"),
        S("indirect", "the man ran away after the stabbing", "Joseph Early Jr"),
    ),
    R(
        "relative-clause-after-the-subject-of-a-tail",
        '"We followed the facts and the law," Ortega, whose office brought the case, told reporters.',
        S("direct", "We followed the facts and the law", "Ortega"),
    ),
    R(
        "heading-with-a-note-in-brackets",
        "Dana Whitfield (her fourth title after a play-off)\n\n"
        "“I didn’t think in my wildest dreams I’d have a summer like this.”",
        S("direct", "I didn’t think in my wildest dreams I’d have a summer like this.", "Dana Whitfield"),
    ),
    R(
        "tail-speaker-described-by-a-long-relative-clause",
        "“I’m thrilled to use the telescope,” says Mara Lindqvist, a radio astronomer at Harlow "
        "University, who wants to hunt for pulsars in galaxies outside the Milky Way that are too "
        "faint to see with any telescope that exists today.",
        S("direct", "I’m thrilled to use the telescope", "Mara Lindqvist"),
    ),
    R(
        "semicolon-before-the-quotation",
        "Director Min-jun Park spoke backstage. Speaking through an interpreter he added; "
        "“It is true that the momentum is building.”",
        S("direct", "It is true that the momentum is building.", "Min-jun Park"),
    ),
    R(
        "weak-verb-with-quoted-words-in-a-clause",
        'In late March, Dr Helen Osei estimated "between 100,000 and 200,000" could die.',
        S("mixed", '"between 100,000 and 200,000" could die', "Helen Osei"),
    ),
    R(
        "title-the-lexicon-lacks-before-a-given-name",
        "Meteorologist John De Block said the storm would weaken overnight. "
        "Coun Alan Lamb said the council had done everything it could.",
        S("indirect", "the storm would weaken overnight", "John De Block"),
        S("indirect", "the council had done everything it could", "Alan Lamb"),
    ),
    R(
        "organisation-possessive-before-a-name",
        "Emergency Management Agency's David Brunson said crews were on site.",
        S("indirect", "crews were on site", "David Brunson", affiliation="Emergency Management Agency"),
    ),
    R(
        "relay-call-sign-after-told",
        "“We will rebuild,” Mayor Tom Reed told KWXT on Monday.",
        S("direct", "We will rebuild", "Tom Reed", source="KWXT"),
    ),
    R(
        "relay-in-a-frame-before-the-subject",
        "In an interview with Columbus station WQXZ, Governor Anna Mills said the state would help.",
        S("indirect", "the state would help", "Anna Mills", source="WQXZ"),
    ),
    R(
        "relay-outlet-name-with-its-head",
        "“It was a long night,” coach Dana Reyes said on Harbor Radio Oxford.",
        S("direct", "It was a long night", "Dana Reyes", source="Harbor Radio Oxford"),
    ),
    R(
        "participle-cue-takes-the-sentence-subject",
        "Deputy chief meteorologist Mike Silverstone shed further light on the change, stating, "
        "“We are expecting significantly higher temperatures.”",
        S("direct", "We are expecting significantly higher temperatures.", "Mike Silverstone"),
    ),
    R(
        "participle-cue-after-a-name-set-off-by-commas",
        "Hamas signalled defiance, with its leader, Ismail Haniyeh, saying: "
        '"The confrontation is open-ended."',
        S("direct", "The confrontation is open-ended.", "Ismail Haniyeh"),
    ),
    R(
        "credit-line-after-a-quotation-paragraph",
        "The Cubs lost in the ninth.\n\n"
        "“I would be really surprised if the protest was not upheld.”\n\n"
        "—Joe Maddon, on a play challenged by the opposing manager.",
        S("direct", "I would be really surprised if the protest was not upheld.", "Joe Maddon"),
    ),
    R(
        "word-of-the-language-capitalised-mid-sentence-is-a-name",
        "Subscribers left in March, according to Quartz. Analysts at First Ledger had expected more. "
        "Quartz lost money again. The company said revenue was 1.4 million dollars.",
        S("indirect", "Subscribers left in March", "Quartz"),
        S("indirect", "revenue was 1.4 million dollars", "Quartz"),
    ),
    R(
        "organisation-name-with-a-conjunction-before-its-head",
        "Two batches of the syrup were withdrawn, the Seeds and Grains Authority said on Friday.",
        S("indirect", "Two batches of the syrup were withdrawn", "Seeds and Grains Authority"),
    ),
    R(
        "organisation-name-with-a-conjunction-in-its-complement",
        "A spokesman for the Department of Parks and Coastal Affairs said the ferry would resume.",
        S("indirect", "the ferry would resume", "Department of Parks and Coastal Affairs"),
    ),
    R(
        "two-people-joined-by-and-stay-apart",
        "Talks ended early. Okafor and Lindqvist said the deal was dead.",
        S("indirect", "the deal was dead", "Okafor"),
    ),
    R(
        "acronym-stands-for-the-organisation-named-in-full",
        "Deputies of the Pine Valley Sheriff's Office found the car at dawn. "
        "The driver was unhurt, PVSO said.",
        S("indirect", "The driver was unhurt", "Pine Valley Sheriff's Office"),
    ),
    R(
        "acronym-spelled-like-a-pronoun-is-a-name",
        "Clinics reopened, the World Health Organization said. The WHO said it would send more vaccines.",
        S("indirect", "Clinics reopened", "World Health Organization"),
        S("indirect", "it would send more vaccines", "World Health Organization"),
    ),
    R(
        "spokesperson-for-an-organisation-with-its-acronym-in-brackets",
        "A spokeswoman for the Harbour Pilots Guild (HPG) said its members would strike. "
        "“We have waited two years,” she said.",
        S("indirect", "its members would strike", "Harbour Pilots Guild"),
        S("direct", "We have waited two years", "Harbour Pilots Guild"),
    ),
    R(
        "relative-clause-verb-takes-the-noun-before-the-pronoun",
        "The mayor was pressed by a crowd of angry campaigners who said the bypass had ruined the valley.",
        S("indirect", "the bypass had ruined the valley", None),
    ),
    R(
        "relative-clause-after-a-name-set-off-by-a-comma",
        "Union officials met Councillor Rhona Begbie, who said the depot would close in June.",
        S("indirect", "the depot would close in June", "Rhona Begbie"),
    ),
    R(
        "adjective-and-plural-noun-is-an-unnamed-group",
        "Local shopkeepers say the new parking rules have cost them customers.",
        S("indirect", "the new parking rules have cost them customers", None),
    ),
    R(
        "name-then-comma-then-role-with-affiliation",
        "Lord Penhallow, Liberal leader in the Lords, said the bill would be rewritten. "
        "Ruth Ashdown, Scottish Secretary, said the vote would be close.",
        S("indirect", "the bill would be rewritten", "Penhallow"),
        S("indirect", "the vote would be close", "Ruth Ashdown"),
    ),
    R(
        "relative-clause-with-a-list-inside-an-apposition",
        "The Rivers Trust Alliance, which includes the Otter Society, Clean Brooks and the Anglers Club, "
        "said the weir would be removed.",
        S("indirect", "the weir would be removed", "Rivers Trust Alliance"),
    ),
    R(
        "family-name-spelled-like-a-month",
        "Teresa June, the shadow health secretary, told reporters that the plan was inadequate. "
        "She said hospitals needed more staff.",
        S("indirect", "the plan was inadequate", "Teresa June"),
        S("indirect", "hospitals needed more staff", "Teresa June"),
    ),
    R(
        "title-makes-a-single-name-a-person-and-tells-the-gender",
        "Lord Ashcombe told the committee he hoped the talks would resume. "
        "But he rejected a compulsory deadline, saying that it would harden positions.",
        S("indirect", "he hoped the talks would resume", "Ashcombe"),
        S("indirect", "it would harden positions", "Ashcombe"),
    ),
    R(
        "spokesperson-for-an-organisation-with-a-plural-possessive-and-a-conjunction",
        "A spokesman for the Growers and Packers Producers’ Federation (GPPF) said its members would "
        "cut prices. “We have listened to shoppers,” he said.",
        S("indirect", "its members would cut prices", "Growers and Packers Producers’ Federation"),
        S("direct", "We have listened to shoppers", "Growers and Packers Producers’ Federation"),
    ),
    R(
        "name-then-role-then-constituency-with-a-place",
        "Mr Pelham, MP for Ashby on Trent, Derbyshire, said the road would be widened.",
        S("indirect", "the road would be widened", "Pelham"),
    ),
    R(
        "spokesperson-of-a-body-named-by-a-common-noun",
        "Firefighters were called to Mill Lane on Sunday. A police spokesperson said the road would stay "
        "closed overnight.",
        S("indirect", "the road would stay closed overnight", "police"),
    ),
    R(
        "spokesperson-of-a-body-the-article-named-before",
        "The girl was taken to Kelsey Memorial Hospital. A hospital spokeswoman said she was in a stable "
        "condition. “She is talking to her parents,” she said.",
        S("indirect", "she was in a stable condition", "Kelsey Memorial Hospital"),
        S("direct", "She is talking to her parents", "Kelsey Memorial Hospital"),
    ),
    R(
        "plural-noun-with-a-complement-is-an-unnamed-group",
        "The lawsuit was filed on Monday. Lawyers for the family said the death had been preventable.",
        S("indirect", "the death had been preventable", None),
    ),
    R(
        "name-particle-ten",
        "Manager Erik ten Brink said his side deserved to win the match.",
        S("indirect", "his side deserved to win the match", "Erik ten Brink"),
    ),
    R(
        "the-automaker-is-the-company-named-before",
        "Halvorsen Motors said Thursday it will recall 30,000 trucks. "
        "The automaker said no injuries had been reported so far.",
        S("indirect", "no injuries had been reported so far", "Halvorsen Motors"),
    ),
    R(
        "document-named-by-its-kind-is-the-speaker-not-an-outlet-named-later",
        "The complaint was filed in Miami on Monday. According to the complaint, the firm hid losses "
        "for years. The Harbor Ledger first reported the case.",
        S("indirect", "the firm hid losses for years", "complaint"),
    ),
    R(
        "the-same-document-again-and-another-document",
        "A report by the Rail Safety Board said the signals had failed. The report also said staff were "
        "poorly trained. The indictment says the operator ignored the warnings.",
        S("indirect", "the signals had failed", "Rail Safety Board"),
        S("indirect", "staff were poorly trained", "Rail Safety Board"),
        S("indirect", "the operator ignored the warnings", "indictment"),
    ),
    R(
        "spokesman-of-a-named-person-speaks-for-that-person",
        "Premier Owen Talbot met his cabinet on Monday. Talbot's spokesman said the premier had no "
        "plans to resign. His official spokesman later told reporters that the budget would pass.",
        S("indirect", "the premier had no plans to resign", "Owen Talbot"),
        S("indirect", "the budget would pass", "Owen Talbot"),
    ),
    R(
        "relative-of-an-unnamed-person-is-nobody-named",
        "Councillor Rhona Begbie visited the scene. The victim's mother told reporters she had "
        "forgiven the driver.",
        S("indirect", "she had forgiven the driver", None),
    ),
    R(
        "anonymous-source-is-nobody-named",
        "The club declined to comment. A source close to the club said the coach would stay until "
        "the summer. A person familiar with the talks said the fee was agreed.",
        S("indirect", "the coach would stay until the summer", None),
        S("indirect", "the fee was agreed", None),
    ),
    R(
        "relatives-and-staff-are-unnamed-groups",
        "Relatives of both men said the feud was about more than a fence. Staff on short contracts said "
        "they felt unable to complain.",
        S("indirect", "the feud was about more than a fence", None),
        S("indirect", "they felt unable to complain", None),
    ),
    R(
        "group-word-before-a-plural-possessive-names-an-organisation",
        "The Workers' Party said the election had been rigged by the government.",
        S("indirect", "the election had been rigged by the government", "Workers' Party"),
    ),
    R(
        "unknown-first-given-name-mid-sentence-stays-in-the-name",
        "“The data look clean,” says Xiaolan Mara Quist, who studies pulsars at Leeds.",
        S("direct", "The data look clean", "Xiaolan Mara Quist"),
    ),
    R(
        "place-before-a-common-noun-is-no-name",
        "“The vintage is superb,” the Lisbon wine merchant said as he opened a bottle.",
        S("direct", "The vintage is superb", None),
    ),
    R(
        "common-noun-then-organisation-name-set-off-by-commas",
        "The union, Dockhands United, said its members were exhausted after months of strikes.",
        S("indirect", "its members were exhausted after months of strikes", "Dockhands United"),
    ),
    R(
        "the-company-is-the-subject-of-the-sentence-before",
        "Norvik Group says it will ask Tallmark to repay the loan. Tallmark officials were unavailable "
        "for comment. But the company has said it intends to sue Norvik over the debts.",
        S("indirect", "it will ask Tallmark to repay the loan", "Norvik Group"),
        S("indirect", "it intends to sue Norvik over the debts", "Tallmark"),
    ),
    R(
        "told-a-named-outlet-then-a-bare-clause",
        "Senator Ann Voss told WKRP News the final vote would be held in the spring.",
        S("indirect", "the final vote would be held in the spring", "Ann Voss", source="WKRP News"),
    ),
    R(
        "told-an-adjective-and-an-outlet-noun-then-a-bare-clause",
        "Shop owner Dana Pike told the local newspaper the bakery would close at the end of May.",
        S("indirect", "the bakery would close at the end of May", "Dana Pike"),
    ),
    R(
        "it-is-the-company-that-spoke-last",
        "Mayor Jane Roe visited the plant. “We will help,” she said. Halvorsen Motors said it would reopen "
        "the plant within a month. It added that no workers had been hurt in the fire.",
        S("indirect", "it would reopen the plant within a month", "Halvorsen Motors"),
        S("indirect", "no workers had been hurt in the fire", "Halvorsen Motors"),
    ),
    R(
        "name-before-a-plural-noun-is-a-company",
        "Brightwater Foods said its profits had fallen sharply this year.",
        S("indirect", "its profits had fallen sharply this year", "Brightwater Foods"),
    ),
    R(
        "plural-noun-as-subject-is-an-unnamed-group",
        "Deputies said the man fled on foot toward the river.",
        S("indirect", "the man fled on foot toward the river", None),
    ),
    R(
        "family-name-ending-like-a-role-word",
        "Mayor Tom Hocking said the road would reopen on Friday. “We are doing what we can,” Hocking said.",
        S("indirect", "the road would reopen on Friday", "Tom Hocking"),
        S("direct", "We are doing what we can", "Tom Hocking"),
    ),
    R(
        "plural-looking-family-name-of-a-named-person",
        "Steven P. Jobs spoke first. Jobs said the company had sold more computers than ever.",
        S("indirect", "the company had sold more computers than ever", "Steven P. Jobs"),
    ),
    R(
        "role-with-a-complement-then-the-name-set-off-by-commas",
        "The road stays closed. The director of the county emergency office, Karl Weber, said two people "
        "were hurt.",
        S("indirect", "two people were hurt", "Karl Weber"),
    ),
    R(
        "according-to-an-outlet-then-a-reporting-verb-with-its-own-subject",
        "Minister Jan Hollmer visited the port. According to the BBC, the minister said that ten million "
        "pounds would be invested.",
        S("indirect", "ten million pounds would be invested", "Jan Hollmer", cue="said"),
    ),
    R(
        "company-name-ending-in-a-plural-noun-with-a-ticker",
        "Shares of Kestrel Motors fell 4%. Kestrel Motors (KSTM.N) said it expected weaker sales. "
        "Nordic Airlines said on Tuesday that flights would resume.",
        S("indirect", "it expected weaker sales", "Kestrel Motors"),
        S("indirect", "flights would resume", "Nordic Airlines"),
    ),
    R(
        "a-second-speaker-reports-after-a-comma",
        "Jane Roe and Tom Smith met on Monday. Roe said the talks had gone well, while Smith said nothing "
        "had changed at all.",
        S("indirect", "the talks had gone well", "Jane Roe"),
        S("indirect", "nothing had changed at all", "Tom Smith"),
    ),
    R(
        "a-furniture-phrase-inside-a-reported-sentence-is-part-of-it",
        "Tom Smith said the firm was unlikely to lose market share this year.\n\n"
        "“We do not subscribe to that theory,” said Jane Roe of the Kestrel Institute.",
        S("indirect", "the firm was unlikely to lose market share this year", "Tom Smith"),
        S("direct", "We do not subscribe to that theory", "Jane Roe"),
    ),
    R(
        "according-to-figures-then-a-verb-with-an-object-is-the-source-clause",
        "According to Labor Department figures, US firms added 200,000 jobs in May.",
        S("indirect", "US firms added 200,000 jobs in May", "Labor Department"),
    ),
    # --- an outlet relaying what someone said --------------------------------------------------
    R(
        "relayed-lead-after-adverbial-and-source",
        "In a video posted on Sunday, according to the news agency Reuters, Governor Lena Markham "
        "said, “We will not leave the city.”",
        S("direct", "We will not leave the city.", "Lena Markham", cue="said"),
    ),
    R(
        "relayed-participle-report-before-outlet-tail",
        "The ministry appeared to confirm the plan, with spokesman Tom Beale saying on Friday that the "
        "bridge was “no longer safe,” the BBC reported.",
        S("mixed", "the bridge was “no longer safe,”", "Tom Beale", cue="saying"),
    ),
    R(
        "relayed-unclosed-quotation-before-according-to",
        "Mayor Ruth Calder said, “The roads will reopen tomorrow, according to the AP, which cited two "
        "officials.",
        S("direct", "The roads will reopen tomorrow", "Ruth Calder"),
    ),
    R(
        "subject-set-off-by-a-relative-clause-before-auxiliary",
        "Harlow, who has run the firm since 2009, has said he plans to retire once a successor is found.",
        S("indirect", "he plans to retire once a successor is found", "Harlow", cue="said"),
    ),
    R(
        "ticker-symbols-in-brackets-before-the-speaker",
        "Norbrook (LSE:NBK, OTC:NBKY) CEO Ada Quill says the timing of the sale could be affected by the "
        "strike.",
        S("indirect", "the timing of the sale could be affected by the strike", "Ada Quill", cue="says"),
    ),
    R(
        "cue-retorted-after-the-quotation",
        "“We are staying until the end,” Mayor Ada Quill retorted on Monday.",
        S("direct", "We are staying until the end", "Ada Quill", cue="retorted"),
    ),
    R(
        "told-a-programme-then-a-clause-with-quoted-words",
        "Dr Lena Markham, a senior member of the county task force, told WKRN News the number of cases "
        '"looks more like 6,000".',
        S(
            "mixed",
            'the number of cases "looks more like 6,000"',
            "Lena Markham",
            cue="told",
            source="WKRN News",
        ),
    ),
    R(
        "told-to-with-an-infinitive-asks",
        "Anyone who has been told to remain away from others must stay at home for ten days.",
    ),
    R(
        "cue-informed-with-its-hearer",
        "“We are staying until the end,” Mayor Ada Quill informed the council on Monday.",
        S("direct", "We are staying until the end", "Ada Quill", cue="informed"),
    ),
    R(
        "passive-hearer-verb-has-no-speaker-in-its-subject",
        "I asked about the vines, only to be brusquely informed: “It is Pinot Noir, like all the others.”",
        S("direct", "It is Pinot Noir, like all the others.", None, cue="informed"),
    ),
    R(
        "ticker-symbol-is-no-name-and-a-subordinate-clause-has-its-own-subject",
        "Shares of Acme Sports (ACMGn.DE) fell 4% after the company said demand had slowed in China.",
        S("indirect", "demand had slowed in China", "Acme Sports", cue="said"),
    ),
    R(
        "bare-lead-with-a-three-word-clause",
        "The Coastal Water Authority expects a dry summer. The agency said demand had doubled.",
        S("indirect", "demand had doubled", "Coastal Water Authority", cue="said"),
    ),
    R(
        "bare-lead-object-of-three-words-is-no-clause",
        "Health Ministry spokeswoman Ada Quill confirmed the plans yesterday.",
    ),
    R(
        "speaker-label-and-colon-before-a-quotation-in-the-body",
        'The match ended 2-1 after extra time.\n\nDana Whitfield: "We played well in the first half."',
        S("direct", "We played well in the first half.", "Dana Whitfield"),
    ),
    R(
        "participle-after-a-noun-and-a-comma-clause-is-no-report",
        "The firm lost money in the quarter reported Thursday, and profit fell by half.",
    ),
    R(
        "verb-of-a-relative-clause-before-a-comma-is-no-report",
        "Nora Hill, the bus driver who first tweeted about the crash, declined to comment.",
    ),
    R(
        "source-document-by-its-author",
        "According to a report by Harbor Watch, the river is clean again.",
        S("indirect", "the river is clean again", "Harbor Watch", cue="According to"),
    ),
    R(
        "fronted-adverbial-then-said-and-a-pronoun-clause",
        "In the quarter that ended in June, Lumora Foods said it earned $84 million.",
        S("indirect", "it earned $84 million", "Lumora Foods", cue="said"),
    ),
    R(
        "coordinated-titles-after-the-verb",
        '"We will grow again next year," said Chairman and CEO Lin Hao.',
        S("direct", "We will grow again next year", "Lin Hao", cue="said"),
    ),
    R(
        "coordinated-titles-before-the-verb",
        '"We will grow again next year," Brisco co-founder and CEO Maya Tull said on Friday.',
        S("direct", "We will grow again next year", "Maya Tull", cue="said"),
    ),
    R(
        "per-before-a-measure-is-no-source",
        "With 530 hectares producing 4.5 million bottles of wine per year (including other varieties such "
        "as Riesling), the valley is small.",
    ),
    R(
        "per-before-an-outlet-is-a-source",
        "The talks have collapsed, per the Associated Press.",
        S("indirect", "The talks have collapsed", "Associated Press", cue="per"),
    ),
    R(
        "present-form-that-is-a-plural-noun-is-no-cue",
        "It was for these very reasons that the vine was almost given up by the 1970s.",
    ),
    R(
        "description-of-a-person-the-role-is-for",
        "Anne Koller, a lawyer, filed the complaint. The lawyer for the victim said the police had "
        "ignored the warnings.",
        S("indirect", "the police had ignored the warnings", "Anne Koller", role="lawyer"),
    ),
    R(
        "she-after-a-subject-whose-given-name-tells-no-gender",
        '"The pool stays open," said Mary Cole. Superintendent Tavessa Grant disagreed with the '
        'board. "We cannot pay for the repairs," she said.',
        S("direct", "The pool stays open", "Mary Cole"),
        S("direct", "We cannot pay for the repairs", "Tavessa Grant"),
    ),
    R(
        "she-after-an-object-whose-given-name-tells-no-gender",
        '"The pool stays open," said Mary Cole. The board thanked Tavessa Grant for her work. '
        '"We cannot pay for the repairs," she said.',
        S("direct", "We cannot pay for the repairs", "Mary Cole"),
    ),
    R(
        "abbreviated-title-inside-a-speaker-phrase",
        "Kelso State Police Sgt. Gary Pond said the fire started in the garage. Police Lt. Dana "
        'Shore said the road stays closed. "It was quick," said Marlow Police Det. Ann Kerr.',
        S("indirect", "the fire started in the garage", "Gary Pond"),
        S("indirect", "the road stays closed", "Dana Shore"),
        S("direct", "It was quick", "Ann Kerr"),
    ),
    R(
        "denied-cue-reports-nothing",
        "Prosecutor Rita Olm would not say where the files were kept. Olm didn't say whether the "
        "plant will close. She later clarified about not seeing the files and said the plant stays open.",
        S("indirect", "the plant stays open", "Rita Olm"),
        only=True,
    ),
    R(
        "adverb-between-the-speaker-and-the-verb-of-a-tail",
        '"The old excuses are rarely true," festival founder Ron Vale recently told the Kelso Courier. '
        '"We sold every ticket," Vale later said.',
        S("direct", "The old excuses are rarely true", "Ron Vale"),
        S("direct", "We sold every ticket", "Ron Vale"),
    ),
    R(
        "she-after-a-speaker-whose-given-name-is-given-to-both",
        "The shelter could lose funding, said Dana Pryce, director of outreach for Hillview Mental "
        "Health. So far, clients have been placed in motels, she said.",
        S("indirect", "The shelter could lose funding", "Dana Pryce"),
        S("indirect", "So far, clients have been placed in motels", "Dana Pryce"),
    ),
    R(
        "pronoun-before-its-content-is-not-the-name-the-content-opens-with",
        "A league official confirmed the referee erred. Secondly, he said Kelso Rovers were wrongly "
        "penalised.",
        S("indirect", "Kelso Rovers were wrongly penalised", None),
    ),
    R(
        "document-of-a-body",
        'A Kelso League statement said: "The decision was wrong." A police statement said the driver '
        "was injured.",
        S("direct", "The decision was wrong.", "Kelso League"),
        S("indirect", "the driver was injured", "police statement"),  # as "according to ministry figures"
    ),
    R(
        "role-word-inside-an-organisation-name",
        "Premier League chief Tom Ross said the decision was wrong. "
        '"It was wrong," said Premier Doug Fordham.',
        S("indirect", "the decision was wrong", "Tom Ross"),
        S("direct", "It was wrong", "Doug Fordham"),
    ),
    R(
        "nickname-in-marks-inside-a-name",
        'The band cancelled the tour. "We are heartbroken," said K.T. "Kip" Marlowe, the band\'s manager. '
        'Robert "Bob" Klinger said the fans would get their money back. J.R. "Rusty" Normand said the '
        "school should close.",
        S("direct", "We are heartbroken", 'K.T. "Kip" Marlowe'),
        S("indirect", "the fans would get their money back", 'Robert "Bob" Klinger'),
        S("indirect", "the school should close", 'J.R. "Rusty" Normand'),
        only=True,
    ),
    R(
        "title-nouns-the-tables-lack-before-a-given-name",
        "Chief Meteorologist Bruce DeLancey said the storm would pass. "
        '"It was close," Senior Forecaster Ann Kerrigan said. State Epidemiologist Jeffery Engelke said '
        "the virus spreads.",
        S("indirect", "the storm would pass", "Bruce DeLancey"),
        S("direct", "It was close", "Ann Kerrigan"),
        S("indirect", "the virus spreads", "Jeffery Engelke"),
    ),
    R(
        "lawmaker-with-party-and-state-tag",
        '"We have reached agreement on the bill," Sen. Rob Portmann, R-Ohio, told reporters. '
        "Rep. Ann Kerrigan, D-Calif., said the bill would pass.",
        S("direct", "We have reached agreement on the bill", "Rob Portmann"),
        S("indirect", "the bill would pass", "Ann Kerrigan"),
    ),
    R(
        "relative-clause-between-subject-and-verb",
        "A witness who was not hurt said the car was speeding. Ann Kerrigan, who was not hurt, said "
        "the driver fled.",
        S("indirect", "the car was speeding", None),
        S("indirect", "the driver fled", "Ann Kerrigan"),
    ),
    R(
        "capitalised-word-in-marks-in-a-headline-is-no-nickname",
        'Reedley Calls Ruling "Outrageous" After Court Loss',
        S("mixed", "Outrageous", "Reedley"),
    ),
    R(
        "role-synonym-refers-to-the-office-holder-named-before",
        'Manager Tom Reedley was angry. "We were poor," the Rovers boss said.',
        S("direct", "We were poor", "Tom Reedley"),
    ),
    R(
        "quoted-title-after-a-trailing-according-to",
        'The council will raise fees, according to "The Kelso Evening News".',
        S("indirect", "The council will raise fees", "Kelso Evening News"),
    ),
    R(
        "passive-quoted-as-saying",
        'Coach Hanna Berg was quoted as saying: "Paul has many good years ahead of him."',
        S("direct", "Paul has many good years ahead of him.", "Hanna Berg"),
    ),
    R(
        "trailing-source-document-with-its-author-after-an-adjective",
        "Six inches of snow fell in Marlow, according to a recent update from the Bellmont Weather "
        'Office. "We are ready," said a statement from the Marlow Health Department.',
        S("indirect", "Six inches of snow fell in Marlow", "Bellmont Weather Office"),
        S("direct", "We are ready", "Marlow Health Department"),
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
