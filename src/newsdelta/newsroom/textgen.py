"""Deterministic generator of plausible news stories, and the edits newsrooms make.

Stories are filled from topic templates with a seeded :class:`random.Random`,
so a scenario built twice with the same seed is identical. Names, places and
numbers are fixed per story so the text stays coherent ("Mayor Okafor" in
the first paragraph is still Okafor in the fifth).

Edits are pure functions on text. Each returns new text that differs from its
input; :func:`apply_edit` picks one by kind.
"""

from __future__ import annotations

import enum
import random
import re
from dataclasses import dataclass

CITIES = (
    "Lisbon",
    "Glasgow",
    "Rotterdam",
    "Leeds",
    "Porto",
    "Gdansk",
    "Bristol",
    "Lyon",
    "Cork",
    "Turin",
    "Bremen",
    "Malmo",
    "Nantes",
    "Brno",
    "Aarhus",
    "Ghent",
)
SURNAMES = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Brennan",
    "Sato",
    "Ferreira",
    "Kowalski",
    "Achterberg",
    "Mensah",
    "Rossi",
    "Delacroix",
    "Varga",
    "O'Neill",
    "Ibarra",
)
GIVEN = (
    "Amara",
    "Jonas",
    "Claire",
    "Omar",
    "Petra",
    "Sean",
    "Yuki",
    "Rita",
    "Marek",
    "Eva",
    "Kwame",
    "Giulia",
    "Henri",
    "Zsofia",
    "Niamh",
    "Lucia",
)
REPORTERS = (
    "Hannah Price",
    "Tom Adebayo",
    "Ines Carvalho",
    "Lars Nygaard",
    "Maya Chen",
    "Daniel Roth",
    "Fatima Zahra",
    "Owen Gallagher",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class _Topic:
    key: str
    titles: tuple[str, ...]
    standfirsts: tuple[str, ...]
    paragraphs: tuple[str, ...]
    quotes: tuple[str, ...]


# The pool: one topic per "# key" line; T = headline, S = standfirst, P = body
# paragraph, Q = quote paragraph. Slots: {city} {person} {expert} {org} {n} {m} {k}
# {pct} {day}. Kept as prose, one item per line, so it reads (and grows) like copy.
_POOL = """
# budget
T {city} council approves £{n}m budget amid protests
T {city} passes contested £{n}m spending plan
T Councillors back £{n}m budget for {city} after heated debate
S The plan cuts library hours and raises parking fees, prompting a demonstration outside the town hall.
P Councillors in {city} voted {m} to {k} on {day} evening to approve a £{n}m budget for the coming year, after a debate that lasted more than four hours.
P The plan includes a {pct}% rise in parking charges and reduces opening hours at six of the city’s branch libraries, measures opponents say will hit older residents hardest.
P Council leader {person} said the authority had been left with “no good options” after a fall in central government funding and rising costs for adult social care.
P Several hundred people gathered outside the town hall before the meeting, many carrying placards calling for the libraries to be spared.
P The budget also sets aside money for road repairs and for a new youth centre in the east of the city, which is expected to open next spring.
P Opposition councillors proposed an amendment that would have funded the libraries by delaying the youth centre, but it was defeated.
Q “We have protected the services people rely on most, and I will not pretend the choices were easy,” {person} told the chamber.
Q “This budget asks the people with the least to give the most,” said opposition spokesperson {expert}.
# storm
T Storm leaves {n},000 homes without power in {city}
T Thousands without electricity as storm sweeps {city}
T {city} cleans up after storm cuts power to {n},000 homes
S Winds of up to {m} mph brought down trees and power lines overnight, and engineers warned some areas could wait until the weekend for supplies to return.
P About {n},000 homes in and around {city} were without power on {day} morning after a storm brought gusts of up to {m} mph overnight.
P The grid operator said crews had restored electricity to more than half of the affected properties but that damage to rural lines would take longer to repair.
P Several roads were closed by fallen trees, and rail services were suspended while engineers checked the lines for debris.
P Schools in two districts stayed closed, and the council opened community centres where residents could charge phones and get hot drinks.
P Forecasters expect calmer weather by the end of the week, although further rain could bring localised flooding.
P The emergency services said they had received more than {k}00 calls overnight, most of them about fallen trees and damaged roofs.
Q “Our teams have been working through the night and will keep going until every home is reconnected,” said {person}, the operator’s regional director.
Q “We were lucky nobody was hurt when the tree came down,” said resident {expert}.
# study
T Study links daily walking to {pct}% lower risk of heart disease
T Regular walks cut heart disease risk by {pct}%, study finds
T Daily walking tied to lower heart risk in study of {n},000 adults
S Researchers followed {n},000 adults for more than a decade and found benefits even among those who walked less than half an hour a day.
P People who walked for at least 20 minutes a day had a {pct}% lower risk of heart disease than those who rarely walked, according to a study published on {day}.
P The researchers, based at the University of {city}, followed {n},000 adults for an average of {m} years and adjusted for diet, smoking and income.
P The benefit appeared even among participants who only began walking regularly in middle age, the authors said.
P Independent experts cautioned that observational studies cannot prove cause and effect, and that people who walk more may differ in other ways.
P The study was funded by a medical research charity and published in a peer-reviewed cardiology journal.
P The authors now plan a trial in which some participants will be given step targets and coaching.
Q “The message is simple: any walking is better than none,” said lead author {person}.
Q “These are encouraging findings, but we should be careful not to overstate them,” said {expert}, a cardiologist who was not involved in the research.
# transport
T Rail strike to halt trains across {city} region on {day}
T {city} commuters face disruption as rail workers walk out
T Train drivers in {city} announce strike over pay
S The union says its members have had a real-terms pay cut; the operator says its offer of {pct}% is fair and affordable.
P Train drivers will strike on {day}, halting almost all services in the {city} region, after talks over pay broke down.
P The union said {pct}% of members who voted had backed the walkout on a turnout of {m}%.
P The operator has offered a {pct}% rise this year, which it says is the most it can afford without cutting services.
P Passengers have been advised to work from home if they can, and replacement buses will run on only two routes.
P Businesses in the city centre said the strike would hit footfall in what is usually one of their busiest weeks.
P Further talks are scheduled for next week, and the union has not ruled out more strike days.
Q “Nobody wants to strike, but our members cannot keep absorbing cuts,” said union organiser {person}.
Q “We urge the union to put our offer to its members,” said {expert}, the operator’s chief executive.
# company
T {org} to cut {n} jobs as sales slow
T {org} announces {n} job cuts after weak quarter
T Hundreds of jobs at risk as {org} restructures
S The company, one of {city}’s largest employers, blamed falling demand and higher energy costs.
P {org} said on {day} it would cut {n} jobs, most of them at its plant near {city}, after sales fell by {pct}% in the last quarter.
P The company said it would try to achieve the reductions through voluntary redundancies and by not filling vacancies.
P Shares in the firm fell {m}% in early trading before recovering some of their losses.
P Local politicians called on the company to explain how it would support workers and suppliers who depend on the plant.
P {org} employs about {k},000 people worldwide and has operated in the region for more than forty years.
P Analysts said the cuts reflected a wider slowdown in the industry rather than problems specific to the company.
Q “These are difficult decisions and we will treat everyone affected with respect,” chief executive {person} said in a statement.
Q “This is a hammer blow for families in the area,” said local MP {expert}.
# court
T Former {city} official jailed for {m} years over contracts fraud
T Ex-official sentenced over {city} contracts scheme
T {city} fraud case ends with {m}-year sentence
S The court heard that contracts worth £{n}m were steered to companies run by friends and relatives.
P A former procurement official in {city} has been jailed for {m} years for steering public contracts worth £{n}m to companies controlled by associates.
P The court heard that the scheme ran for more than five years and was uncovered after an internal audit flagged unusual payments.
P The judge said the offences had been “a sustained breach of public trust”.
P Two business owners who took part in the scheme received suspended sentences after pleading guilty.
P The council said it had since changed its procurement rules and would seek to recover the money.
P Prosecutors said the case was one of the largest of its kind in the region.
Q “Public money must be spent in the public interest, not for private gain,” said prosecutor {person}.
Q “My client accepts the verdict and is deeply sorry,” said defence lawyer {expert}.
"""


def _parse_pool(pool: str) -> tuple[_Topic, ...]:
    topics: list[_Topic] = []
    items: dict[str, list[str]] = {}
    key = ""

    def flush() -> None:
        if key:
            topics.append(
                _Topic(
                    key,
                    tuple(items["T"]),
                    tuple(items["S"]),
                    tuple(items["P"]),
                    tuple(items["Q"]),
                )
            )

    for line in pool.strip().splitlines():
        if line.startswith("# "):
            flush()
            key, items = line[2:].strip(), {"T": [], "S": [], "P": [], "Q": []}
        elif line.strip():
            items[line[0]].append(line[2:].strip())
    flush()
    return tuple(topics)


_TOPICS = _parse_pool(_POOL)


@dataclass(frozen=True, slots=True)
class Story:
    """A generated article: text plus the alternatives its edits use."""

    slug: str
    title: str
    alt_title: str
    standfirst: str
    byline: str
    paragraphs: tuple[str, ...]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-")


def make_story(rng: random.Random, serial: int) -> Story:
    """One coherent story; ``serial`` keeps slugs unique within a scenario."""
    topic = rng.choice(_TOPICS)
    person = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    expert = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    while expert == person:
        expert = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    org = f"{rng.choice(SURNAMES)} {rng.choice(('Industries', 'Group', 'Engineering', 'Foods'))}"
    m = rng.randint(12, 60)
    slots = {
        "city": rng.choice(CITIES),
        "person": person,
        "expert": expert,
        "org": org.replace("O'Neill", "O’Neill"),
        "n": str(rng.randint(12, 480)),
        "m": str(m),
        "k": str(rng.randint(2, m - 1)),
        "pct": str(rng.randint(3, 42)),
        "day": rng.choice(WEEKDAYS),
    }
    slots["person"] = slots["person"].replace("O'Neill", "O’Neill")
    slots["expert"] = slots["expert"].replace("O'Neill", "O’Neill")
    titles = rng.sample(topic.titles, 2)
    title, alt_title = (t.format(**slots) for t in titles)
    body = [p.format(**slots) for p in topic.paragraphs]
    quotes = [q.format(**slots) for q in topic.quotes]
    # Quotes go after the first and fourth paragraphs, as reporters tend to place them.
    body.insert(1, quotes[0])
    body.insert(4, quotes[1])
    return Story(
        slug=f"{_slugify(title)}-{serial}",
        title=title,
        alt_title=alt_title,
        standfirst=rng.choice(topic.standfirsts).format(**slots),
        byline=rng.choice(REPORTERS),
        paragraphs=tuple(body),
    )


# --- edits ----------------------------------------------------------------------


class EditKind(enum.StrEnum):
    HEADLINE = "headline"
    """Headline rewritten."""
    NUMBER = "number"
    """A number in the body corrected."""
    DROP_QUOTE = "drop_quote"
    """A quote paragraph removed."""
    UPDATE = "update"
    """An "Update:" paragraph appended."""
    TYPO = "typo"
    """A typo fixed (see :func:`with_typo`)."""


@dataclass(frozen=True, slots=True)
class Text:
    """The editable part of an article version."""

    title: str
    standfirst: str
    paragraphs: tuple[str, ...]


_NUMBER = re.compile(r"\b\d+\b")
_WORD = re.compile(r"\b[a-z]{6,}\b")

UPDATE_SENTENCES = (
    "A spokesperson said further details would be released later in the day.",
    "This article has been updated with comments from local officials.",
    "Officials confirmed the figures at a briefing on Thursday afternoon.",
    "The organisation has been approached for comment.",
    "A follow-up meeting has been scheduled for next week.",
)


def rewrite_headline(text: Text, alternative: str) -> Text:
    return Text(alternative, text.standfirst, text.paragraphs)


def correct_number(text: Text, rng: random.Random) -> Text:
    """Change the first number of some paragraph (a correction of a figure)."""
    candidates = [i for i, p in enumerate(text.paragraphs) if _NUMBER.search(p)]
    if not candidates:
        return add_update(text, rng, 0)
    i = rng.choice(candidates)
    match = _NUMBER.search(text.paragraphs[i])
    assert match is not None
    old = int(match.group())
    new = old + rng.choice((-1, 1)) * rng.randint(1, max(1, old // 4))
    if new <= 0 or new == old:
        new = old + 1
    para = text.paragraphs[i][: match.start()] + str(new) + text.paragraphs[i][match.end() :]
    paragraphs = text.paragraphs[:i] + (para,) + text.paragraphs[i + 1 :]
    return Text(text.title, text.standfirst, paragraphs)


def drop_quote(text: Text, rng: random.Random) -> Text:
    """Remove one paragraph that opens with a quotation mark."""
    quotes = [i for i, p in enumerate(text.paragraphs) if p.startswith("“")]
    if not quotes or len(text.paragraphs) < 3:
        return add_update(text, rng, 0)
    i = rng.choice(quotes)
    return Text(text.title, text.standfirst, text.paragraphs[:i] + text.paragraphs[i + 1 :])


def add_update(text: Text, rng: random.Random, serial: int) -> Text:
    """Append an update paragraph; ``serial`` makes repeated updates distinct."""
    sentence = rng.choice(UPDATE_SENTENCES)
    label = "Update" if serial == 0 else f"Update {serial + 1}"
    return Text(text.title, text.standfirst, (*text.paragraphs, f"{label}: {sentence}"))


def with_typo(text: Text, rng: random.Random) -> tuple[Text, bool]:
    """``text`` with two letters of one long word swapped; fixing it restores ``text``.

    Returns ``(typo_text, True)``, or ``(text, False)`` when no word qualifies.
    """
    candidates = [
        (i, m)
        for i, p in enumerate(text.paragraphs)
        for m in _WORD.finditer(p)
        if m.group()[2] != m.group()[3]
    ]
    if not candidates:
        return text, False
    i, match = rng.choice(candidates)
    word = match.group()
    typo = word[:2] + word[3] + word[2] + word[4:]
    para = text.paragraphs[i][: match.start()] + typo + text.paragraphs[i][match.end() :]
    return Text(
        text.title, text.standfirst, text.paragraphs[:i] + (para,) + text.paragraphs[i + 1 :]
    ), True


__all__ = [
    "EditKind",
    "Story",
    "Text",
    "add_update",
    "correct_number",
    "drop_quote",
    "make_story",
    "rewrite_headline",
    "with_typo",
]
