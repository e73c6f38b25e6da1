"""Word banks and sentence templates for the synthetic edits corpus.

Template literal text holds no digits, number words, date words or
capitalised words except the first word, so every number, name and quote in
an article comes from a slot and the generator knows them exactly (gold
labels come from that bookkeeping, never from newsdelta's own heuristics).
"""

from __future__ import annotations

PEOPLE = [
    "Maria Okafor", "James Whitfield", "Anika Sharma", "Tomasz Nowak", "Lucia Ferreira",
    "Daniel Osei", "Hannah Lindqvist", "Rafael Moreno", "Grace Mbeki", "Oliver Brandt",
    "Yuki Tanaka", "Samuel Adeyemi", "Elena Petrova", "Marcus Bell", "Fatima Haddad",
    "Liam O'Connor", "Sofia Marchetti", "Kwame Mensah", "Ingrid Solberg", "Victor Alvarez",
    "Priya Nair", "Henrik Dahl", "Amara Diallo", "Jonas Keller", "Chen Wei", "Laura Jensen",
]
ORGS = [
    "Ministry of Health", "National Weather Service", "Red Cross", "Central Bank",
    "Transport Authority", "United Nations", "World Bank", "Harbour Police",
    "Energy Regulatory Commission", "Football Association", "Civil Aviation Agency",
    "Teachers Union", "Coast Guard", "Supreme Court", "Election Commission",
]
PLACES = [
    "Lisbon", "Nairobi", "Oslo", "Manila", "Valparaiso", "Krakow", "Accra", "Hamburg",
    "Toronto", "Osaka", "Marseille", "Cork", "Dhaka", "Tbilisi", "Quito", "Adelaide",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUOTES = [
    "We will not back down from this fight",
    "The situation is under control and there is no reason for panic",
    "Our teams worked through the night to restore power",
    "This decision was taken after long and careful consultation",
    "Nobody should have to wait this long for help",
    "We are deeply saddened by what happened",
    "The figures speak for themselves",
    "It is far too early to draw any conclusions",
    "We expect the work to be finished before the winter",
    "Families deserve answers and they deserve them now",
    "The market reacted exactly as we had expected",
    "I have never seen anything like it in my career",
    "This is a good day for the whole region",
    "We were told nothing about the changes in advance",
    "Safety remains our first priority",
    "The plan is ambitious but it is affordable",
]

# {P} person, {O} organisation, {L} place, {N} number, {D} weekday, {Q} quote.
TEMPLATES = [
    "Officials in {L} said on {D} that {N} people had been moved from their homes as a precaution.",
    "The {O} said the cost of the repairs could reach {N}, far above earlier estimates.",
    "{P}, a spokesperson for the {O}, said the agency was reviewing the report.",
    "\u201c{Q},\u201d {P} told reporters outside the building.",
    "{P} said the government had received the request but had not yet responded.",
    "According to the {O}, prices rose by {N} over the past year.",
    "Residents said they had heard a loud noise shortly before the lights went out.",
    "Police have not said whether anyone has been arrested in connection with the incident.",
    "The announcement came after weeks of pressure from opposition lawmakers.",
    "Critics argue that the measures do not go far enough to protect vulnerable households.",
    "The committee is expected to publish its findings later this month.",
    "Talks between the unions and employers broke down without agreement late at night.",
    "In a statement, the {O} said it would cooperate fully with investigators.",
    "Analysts warned that the economy could slow sharply if the dispute continues.",
    "Local media reported that {N} flights were cancelled at the airport in {L}.",
    "{P} added: \u201c{Q}.\u201d",
    "The project, which began in {L}, has been delayed several times because of funding problems.",
    "Witnesses described scenes of confusion as emergency crews arrived at the scene.",
    "The ministry said the new rules would take effect from {D}.",
    "Shares in the company fell by {N} in early trading before recovering slightly.",
    "Environmental groups welcomed the move but said the timetable was too slow.",
    "The opposition accused the government of hiding the true scale of the problem.",
    "Schools in the area will remain closed until further notice, the council said.",
    "Doctors at the main hospital in {L} said they were treating {N} patients.",
    "Neither side has commented publicly on the details of the proposal.",
    "{P} is expected to meet regional leaders in {L} on {D} to discuss the plan.",
    "The vote was postponed after a dispute over the wording of the final text.",
    "Engineers are still trying to establish what caused the failure.",
    "The {O} has promised a full review of its procedures.",
    "Earlier, {P} had dismissed the reports as speculation.",
    "Tickets for the event sold out within hours, organisers said.",
    "The storm brought down trees and power lines across the region.",
    "More than {N} volunteers joined the search on the first day.",
    "It was not immediately clear how many buildings had been damaged.",
    "The proposal would raise the minimum wage to {N} an hour.",
    "Supporters gathered outside the court building in {L} ahead of the ruling.",
]
STANDFIRSTS = [
    "{P} said the {O} would publish a full account of the events in {L}",
    "The {O} says {N} people were affected as officials promise a review",
    "Residents of {L} were told to stay indoors while crews worked to contain the damage",
    "A long-awaited report by the {O} is expected to increase pressure on ministers",
]
TITLES = [
    "{O} under pressure after {N} affected in {L}",
    "Families wait for answers as {L} counts the cost",
    "{P} promises review of disputed {O} decision",
    "Storm leaves {L} without power for a second night",
    "Talks collapse as {O} rejects final offer",
    "{N} cancelled as strike hits {L}",
]
BYLINES = ["By Ruth Calder", "By Ahmed Saleh and Nina Kowalski", "By Staff Reporter", "By Tom Ellery"]

SYNONYMS = {
    "said": "stated", "reported": "said", "warned": "cautioned", "expected": "likely",
    "weeks": "months", "sharply": "significantly", "full": "complete", "scenes": "moments",
    "loud": "huge", "slow": "cautious", "promised": "pledged", "problems": "difficulties",
    "dispute": "disagreement", "review": "investigation", "later": "early", "confusion": "chaos",
    "cost": "bill", "trees": "walls", "request": "letter", "details": "substance",
    "welcomed": "praised", "accused": "criticised", "cooperate": "work", "region": "country",
}
TYPOS = {
    "government": "goverment", "received": "recieved", "between": "betwen",
    "committee": "comittee", "environmental": "enviromental", "cancelled": "canceled",
    "announcement": "anouncement", "procedures": "proceedures", "immediately": "immediatly",
    "emergency": "emergancy", "establish": "estabish", "recovering": "recoverring",
    "opposition": "oposition", "organisers": "organizers", "ministry": "minstry",
    "accused": "acused", "whether": "wether", "publicly": "publically",
}
CORRECTIONS = [
    "Correction: An earlier version of this article misstated the date of the meeting.",
    "This story has been updated with additional reporting.",
    "An earlier version of this article gave an incorrect title for the spokesperson.",
    "Clarification: This article has been amended to make clear the figures are estimates.",
    "Update: This article was updated to include a response from the council.",
]
LIST_ITEMS = [
    "\u2022 Roads closed in the northern districts",
    "\u2022 Trains running at reduced frequency",
    "\u2022 Ferries suspended until midday",
    "\u2022 Schools open as normal",
    "\u2022 Hospitals accepting emergencies only",
]
