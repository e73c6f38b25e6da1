# ruff: noqa: B023  (copy() is a per-story closure, called only within its own iteration)
"""Deterministic generator of the labelled copies corpus.

Run ``python tests/corpora/copies/generate.py`` to rewrite ``corpus.jsonl`` and
``gold.json`` beside it (the test suite checks the committed files match).

For each of ``N_ORIGINALS`` original wire-style stories it writes derived copies
(gold kind in brackets):

* ``verbatim``: other chrome, debris, credit lines [verbatim]
* ``reordered``: paragraphs moved around [verbatim]
* ``edited``: a word changed here and there, new headline [verbatim]
* ``truncated``: the first 40-60% of the story [partial]
* ``excerpt``: three or four consecutive paragraphs inside another story [partial]
* ``paraphrase``: synonyms, clause reordering, merged sentences [rewrite]
* ``roundtrip``: literal machine-translation-like rewording, "French version"
  credit, "Source link -87" debris [rewrite]

and hard negatives [independent]: ``independent`` (same event and facts written
with other sentences, sometimes quoting the same statement) and ``twin`` (same
template, different story).
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from templates import FAMILIES, OPENERS

N_ORIGINALS = 112
SEED = 5
HERE = Path(__file__).resolve().parent

COUNTRIES = ["Norway", "Chile", "Kenya", "Poland", "Vietnam", "Peru", "Ghana", "Portugal", "Malaysia",
             "Colombia", "Hungary", "Morocco", "Thailand", "Ireland", "Uruguay", "Romania", "Egypt",
             "Finland", "Indonesia", "Tunisia", "Croatia", "Ecuador", "Senegal", "Austria", "Jordan",
             "Denmark", "Nigeria", "Greece", "Bolivia", "Slovakia"]
SYL = ["val", "dor", "ken", "mar", "sto", "lin", "bra", "vic", "tor", "pel", "ran", "kes", "mon",
       "dal", "fer", "gor", "hal", "nis", "ost", "rav", "sel", "tam", "ul", "zen", "ber", "cas"]
FIRST = ["Anna", "Piotr", "Maria", "David", "Leila", "Tomas", "Grace", "Omar", "Ines", "Jonas",
         "Amara", "Lucas", "Sofia", "Mateo", "Hana", "Karim", "Elena", "Felix", "Nadia", "Victor",
         "Rosa", "Ahmed", "Clara", "Ivan", "Mei", "Samuel", "Yara", "Pablo", "Irene", "Kofi"]
LAST = ["Novak", "Okafor", "Lindqvist", "Moreau", "Haddad", "Kovacs", "Santos", "Petrov", "Nguyen",
        "Mensah", "Ortega", "Berg", "Rossi", "Dimitriou", "Mwangi", "Silva", "Kowalski", "Farouk",
        "Jansen", "Reyes", "Tanaka", "Ibrahim", "Horvat", "Costa", "Nilsson", "Adeyemi", "Varga",
        "Lopes", "Sato", "Amrani"]
COMPANY_A = ["Nordlys", "Altavia", "Kestrel", "Brightwater", "Solenne", "Vantor", "Helix", "Orrin",
             "Meridian", "Tesseral", "Corvid", "Lumen", "Arcadia", "Pinnacle", "Quarry"]
COMPANY_B = ["Systems", "Group", "Holdings", "Telecom", "Motors", "Foods", "Energy", "Networks",
             "Pharma", "Retail"]
PRODUCTS = ["cloud services", "electric vehicles", "smartphones", "medical devices", "frozen foods",
            "wind turbines", "streaming subscriptions", "chips", "insurance policies", "batteries"]
WORKERS = ["rail workers", "teachers", "nurses", "dock workers", "bus drivers", "doctors",
           "airport staff", "postal workers"]
ROLES = ["transport minister", "mayor", "health minister", "state oil company chief", "central bank deputy"]
CUPS = ["national cup", "league title", "continental cup", "championship"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AGENCIES = {"Reuters": "Reuters", "AP": "Associated Press", "AFP": "AFP"}
OUTLETS = ["Daily Courier", "Morning Ledger", "Global Wire Digest", "NewsNow 24", "Northern Herald",
           "Capital Times", "Info Hub", "Worldview Post", "Metro Daily", "Evening Chronicle",
           "Le Journal Express", "Actu Monde", "Bay Observer", "Pacific Star"]


GENERIC = [
    "{person2} said more details would be released on {day_next}.",
    "Officials in {city} did not respond to requests for comment on {day}.",
    "The news was first reported by local media in {city} late on {day}.",
    "A spokesperson for {person} declined to give further details when contacted on {day}.",
    "Local television in {city} showed images of the scene throughout {day}.",
    "{person3}, an analyst based in {capital}, said the events of {day} were likely to have lasting consequences.",
    "Opposition figures in {country} called for an inquiry into how the situation had been handled.",
    "The story drew wide attention on social media in {country}, where it was among the most discussed topics on {day}.",
    "{person2} is expected to give a fuller account to lawmakers in {capital} next week.",
    "Residents of {city} interviewed on {day} said they were worried about what would happen next.",
    "Authorities in {country} said they would publish an official report within {ndays} weeks.",
    "Diplomats in {capital} said foreign governments were following developments in {city} closely.",
]


class Names:
    """Unique place, person, team and company names so stories never collide by accident."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make: object) -> str:
        assert callable(make)
        for _ in range(1000):
            v = str(make())
            if v not in self.used:
                self.used.add(v)
                return v
        raise RuntimeError("name pool exhausted")

    def place(self) -> str:
        r = self.rng
        return self._unique(lambda: "".join(r.sample(SYL, r.choice([2, 3]))).capitalize())

    def person(self) -> str:
        r = self.rng
        return self._unique(lambda: f"{r.choice(FIRST)} {r.choice(LAST) if r.random() < 0.4 else ''.join(r.sample(SYL, 2)).capitalize() + r.choice(['ov', 'sen', 'ez', 'i', 'a', 'ic'])}")

    def company(self) -> str:
        r = self.rng
        return self._unique(lambda: f"{r.choice(COMPANY_A)}{''.join(r.sample(SYL, 1))} {r.choice(COMPANY_B)}")


def slots(rng: random.Random, names: Names) -> dict[str, str]:
    """Every slot any family uses, drawn fresh (unique names, random figures)."""
    c1, c2 = rng.sample(COUNTRIES, 2)
    month = rng.randrange(12)
    return {
        "country": c1, "country2": c2, "capital": names.place(), "capital2": names.place(),
        "city": names.place(), "region": rng.choice(["Asia", "Europe", "North America", "Latin America"]),
        "person": names.person(), "person2": names.person(), "person3": names.person(),
        "company": names.company(), "product": rng.choice(PRODUCTS), "workers": rng.choice(WORKERS),
        "union": names.place() + " Workers", "role": rng.choice(ROLES),
        "team": names.place() + " United", "team2": names.place() + " City", "cup": rng.choice(CUPS),
        "day": rng.choice(DAYS), "day_next": rng.choice(DAYS), "month": MONTHS[month],
        "month_next": MONTHS[(month + 1) % 12], "month_day": f"{MONTHS[month]} {rng.randint(1, 28)}",
        "bp": str(rng.choice([25, 50, 75, 100])), "bp_small": str(rng.choice([15, 20, 25])),
        "rate": f"{rng.randint(2, 14)}.{rng.choice([0, 25, 5, 75])}", "infl": f"{rng.randint(4, 19)}.{rng.randint(1, 9)}",
        "nth": rng.choice(["third", "fourth", "fifth", "sixth", "seventh", "eighth"]),
        "currency": rng.choice(["krone", "peso", "zloty", "shilling", "dong", "cedi", "forint"]),
        "fx": f"{rng.randint(1, 6)}.{rng.randint(1, 9)}", "growth": f"{rng.randint(1, 9)}.{rng.randint(1, 9)}",
        "growth_prev": f"{rng.randint(1, 5)}.{rng.randint(0, 9)}",
        "mag": f"{rng.randint(5, 7)}.{rng.randint(1, 9)}", "mag_after": f"{rng.randint(4, 5)}.{rng.randint(1, 9)}",
        "dead": str(rng.randint(12, 480)), "hurt": str(rng.randint(50, 2000)), "km": str(rng.randint(8, 90)),
        "depth": str(rng.randint(5, 40)), "aftershocks": str(rng.randint(20, 140)),
        "ndays": str(rng.randint(2, 14)), "displaced": f"{rng.randint(2, 60)},{rng.randint(100, 999)}",
        "pct": str(rng.randint(6, 48)), "pct_offer": str(rng.randint(2, 5)),
        "money": f"{rng.randint(1, 40)}.{rng.randint(1, 9)}", "money_prev": f"{rng.randint(1, 30)}.{rng.randint(1, 9)}",
        "rev": str(rng.randint(20, 190)), "buyback": str(rng.choice([250, 500, 750, 1000, 1500])),
        "years": str(rng.randint(3, 15)), "deals": str(rng.randint(4, 19)), "assets": str(rng.randint(3, 25)),
        "fine": str(rng.randint(2, 60)), "users": str(rng.randint(2, 90)), "score": f"{rng.randint(2, 4)}-{rng.randint(0, 1)}",
        "crowd": f"{rng.randint(20, 90)},{rng.randint(100, 999)}", "year": str(rng.randint(1975, 2015)),
    }


def fill(template: str, s: dict[str, str]) -> str:
    return template.format(**s)


def write_story(rng: random.Random, family: str, s: dict[str, str],
                variants: list[int] | None = None, avoid_bg: set[int] | None = None,
                ) -> tuple[str, list[str], list[int], set[int]]:
    """Title and paragraphs for one story; returns the phrasing choices too."""
    fam = FAMILIES[family]
    facts = fam["facts"]
    assert isinstance(facts, list)
    if variants is None:
        variants = [rng.randrange(len(f)) for f in facts]
    sentences = [fill(str(f[v]) if isinstance(f, list) else f, s) for f, v in zip(facts, variants)]
    bg_pool = [i for i in range(len(fam["background"])) if i not in (avoid_bg or set())]
    avoid_bg = {i - 100 for i in (avoid_bg or set()) if i >= 100}
    bg = set(rng.sample(bg_pool, min(len(bg_pool), rng.randint(2, 3))))
    # Background sentences name this story's place so they are this story's text.
    bgs = [f"In {s['city']}, " + str(fam["background"][i]).format(**s)[0].lower()
           + str(fam["background"][i]).format(**s)[1:] if rng.random() < 0.5 else
           str(fam["background"][i]).format(**s)[:-1] + f", {s['person']} noted."
           for i in sorted(bg)]
    # Wire style: mostly one or two sentences per paragraph, 6-15 paragraphs.
    gen_pool = [i for i in range(len(GENERIC)) if i not in (avoid_bg or set())]
    gen = rng.sample(gen_pool, rng.randint(1, 6))
    bg |= {100 + i for i in gen}
    gens = [GENERIC[i].format(**s) for i in gen]
    units = sentences[:4] + bgs[:1] + sentences[4:] + gens + bgs[1:]
    paragraphs: list[str] = []
    i = 0
    while i < len(units):
        if i > 0 and rng.random() < 0.2 and i + 1 < len(units):
            paragraphs.append(units[i] + " " + units[i + 1])
            i += 2
        else:
            paragraphs.append(units[i])
            i += 1
    while len(paragraphs) < 6:
        paragraphs.append(f"Further details were not immediately available from {s['city']} officials, {s['person2']} said.")
    title = fill(rng.choice(OPENERS[family]), s)
    return title, paragraphs, variants, bg


# ---- transformations -----------------------------------------------------------------

SYNONYMS = {
    "said": "stated", "told": "informed", "reporters": "journalists", "raised": "increased",
    "strong": "robust", "about": "around",
    "people": "individuals", "company": "firm", "government": "administration", "began": "started",
    "announced": "unveiled", "searching": "looking", "collapsed": "fallen", "killed": "left dead",
    "demand": "appetite", "warned": "cautioned", "priority": "main concern",
    "later": "subsequently", "meeting": "talks", "increase": "hike", "price": "cost", "prices": "costs",
    "help": "assist", "helped": "aided", "houses": "homes", "officials": "authorities", "largest": "biggest",
    "months": "months", "pressure": "strain", "struggling": "battling", "higher": "increased",
    "already": "by now", "several": "a number of", "sharply": "steeply", "quickly": "rapidly",
    "would": "will", "well": "far", "main": "principal", "cut": "reduced", "proud": "delighted",
    "spectators": "fans", "victory": "win", "beat": "defeated", "scored": "netted", "jailed": "imprisoned",
    "early": "initially", "planned": "scheduled", "released": "made public", "details": "particulars",
    "respond": "reply", "requests": "demands", "comment": "remarks", "first": "initially", "reported": "revealed",
    "local": "regional", "media": "press", "late": "toward the end of", "declined": "refused", "give": "provide",
    "further": "additional", "showed": "displayed", "images": "pictures", "scene": "site", "analyst": "expert",
    "likely": "probable", "lasting": "long-term", "consequences": "effects", "called": "pressed",
    "inquiry": "investigation", "handled": "managed", "attention": "interest", "wide": "broad",
    "among": "one of", "discussed": "debated", "expected": "due", "fuller": "more complete", "account": "explanation",
    "lawmakers": "legislators", "worried": "concerned", "happen": "occur", "publish": "release",
    "official": "formal", "following": "tracking", "developments": "events", "closely": "carefully",
    "rescue": "relief", "teams": "crews", "toll": "count", "rise": "climb", "statement": "declaration",
    "profit": "earnings", "quarterly": "three-month", "shares": "stock", "trading": "dealings",
    "forecast": "projection", "outlook": "guidance", "court": "tribunal", "prison": "jail", "sentenced": "condemned",
    "lawyer": "attorney", "verdict": "ruling", "appeal": "challenge", "workers": "employees", "pay": "wages",
    "offer": "proposal", "union": "labour union", "data": "information", "customers": "clients",
    "hackers": "attackers", "breach": "intrusion", "investigation": "probe", "visit": "trip", "talks": "discussions",
    "agreements": "accords", "signed": "concluded", "relations": "ties", "cooperation": "collaboration",
    "summit": "high-level meeting", "inflation": "price growth", "borrowing": "lending", "households": "families",
}
ROUNDTRIP = [
    (r"\bsolid as a rock\b", "rock in stone"), (r"\brock solid\b", "in the concrete"), (r"\bsaid\b", "declared"),
    (r"\btold reporters\b", "declared to the journalists"), (r"\bpercent\b", "per cent"),
    (r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", r"this \1"),
    (r"\bdespite\b", "in spite of"), (r"\babout\b", "approximately"), (r"\bofficials\b", "the officials"),
    (r"\bwhile\b", "whereas"), (r"\bafter\b", "following"), (r"\bhad\b", "has"), (r"\bthe company\b", "the society"),
    (r"\bshares\b", "the titles"), (r"\bstrike\b", "movement of strike"), (r"\bpolicymakers\b", "the deciders"),
    (r"\bgovernment\b", "executive"), (r"\bbillion\b", "milliards"),
    (r"\bits\b", "his"), (r"\bwhich\b", "who"), (r"\bpeople\b", "persons"), (r"\bcould\b", "could well"),
    (r"\band\b", "as well as"), (r"\bwas\b", "was found"), (r"\bwere\b", "have been"), (r"\bwith\b", "with the"),
    (r"\bmore than\b", "more of"), (r"\bbecause\b", "since"), (r"\bin front of\b", "before"),
    (r"\bnext week\b", "the next week"), (r"\bresidents\b", "the inhabitants"), (r"\bdid not\b", "have not"),
    (r"\bwould\b", "should"), (r"\bfor comment\b", "for a commentary"), (r"\bthe news\b", "the information"),
    (r"\bannounced\b", "made known"), (r"\bbegan\b", "commenced"), (r"\bexpected\b", "awaited"),
    (r"\bofficial\b", "officious"), (r"\bstatement\b", "press release"), (r"\btold\b", "indicated to"),
]


def _syn(w: str, rng: random.Random) -> str:
    core = w.rstrip(".,;:")
    tail = w[len(core):]
    return SYNONYMS.get(core, core) + tail if rng.random() < 0.9 else w


def paraphrase(rng: random.Random, pars: list[str]) -> list[str]:
    out: list[str] = []
    for p in pars:
        sents = re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", p)
        new: list[str] = []
        for s in sents:
            m = re.match(r"^(.*), (\w[\w .'-]{2,40}?) (said|told [\w ]+?)\.$", s)
            if m and not m.group(1).startswith('"'):
                s = f"{m.group(2)} {m.group(3)} that {m.group(1)[0].lower()}{m.group(1)[1:]}."
            else:
                # Clause reordering: "A, B." -> "B, A."
                parts = s.rstrip(".").split(", ", 1)
                if len(parts) == 2 and not s.startswith('"') and rng.random() < 0.7:
                    s = f"{parts[1][0].upper()}{parts[1][1:]}, {parts[0][0].lower()}{parts[0][1:]}."
            words = [_syn(w, rng) for w in s.split(" ")]
            words = [w for w in words if w not in ("also", "already", "however", "still") or rng.random() < 0.3]
            s = " ".join(words)
            if new and rng.random() < 0.35:
                new[-1] = new[-1].rstrip(".") + ", and " + s[0].lower() + s[1:]
            else:
                new.append(s)
        out.append(" ".join(new))
    return out


def roundtrip(rng: random.Random, pars: list[str]) -> list[str]:
    out = []
    for p in pars:
        for pat, rep in ROUNDTRIP:
            if rng.random() < 0.9:
                p = re.sub(pat, rep, p)
        p = re.sub(r"\b([A-Z][a-z]+)'s ([a-z]+)", r"the \2 of \1", p)
        if rng.random() < 0.15:
            p = p.rstrip(".") + ". the question."
        out.append(p)
    return out


def light_edit(rng: random.Random, pars: list[str]) -> list[str]:
    out = []
    for p in pars:
        if rng.random() < 0.3:
            p = re.sub(r"\bsaid\b", "added", p, count=1) if " said" in p else p.replace(" the ", " this ", 1)
        out.append(p)
    return out


def chrome(rng: random.Random, pars: list[str], outlet: str) -> list[str]:
    head = rng.choice([[], ["Share this article"], ["Advertisement"], ["Listen: this article is read aloud"]])
    foot = rng.choice([["Read more: the week's top stories"], ["Click here to subscribe to our newsletter"],
                       ["Source link -87"], [f"© 2024 {outlet}. All rights reserved."],
                       ["Follow us on social media for more updates"], []])
    return head + pars + foot


def dateline(agency: str, city: str, par: str) -> str:
    return f"{city.upper()} ({agency}) – {par}"


# ---- corpus ------------------------------------------------------------------------------

def main(out_dir: Path = HERE) -> None:
    rng = random.Random(SEED)
    names = Names(rng)
    docs: list[dict[str, object]] = []
    pairs: list[dict[str, object]] = []
    clusters: list[dict[str, object]] = []
    base = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
    next_id = [1]

    def add(outlet: str, title: str, pars: list[str], first_seen: datetime,
            published: datetime | None, role: str) -> int:
        aid = next_id[0]
        next_id[0] += 1
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        host = re.sub(r"[^a-z0-9]+", "", outlet.lower())
        docs.append({"article_id": aid, "outlet": outlet, "url": f"https://{host}.example/{aid}/{slug}",
                     "title": title, "paragraphs": pars, "first_seen": first_seen.isoformat(),
                     "published": published.isoformat() if published else None, "role": role})
        return aid

    families = list(FAMILIES)
    for n in range(N_ORIGINALS):
        family = families[n % len(families)]
        s = slots(rng, names)
        title, pars, variants, bg = write_story(rng, family, s)
        agency = rng.random() < 0.5
        outlet = rng.choice(list(AGENCIES)) if agency else rng.choice(OUTLETS)
        published = base + timedelta(hours=9 * n)
        crawl_late = rng.random() < 0.15
        first_seen = published + (timedelta(hours=5) if crawl_late else timedelta(minutes=rng.randint(3, 30)))
        orig_pars = [dateline(outlet, s["city"], pars[0])] + pars[1:] if agency else pars
        src = add(outlet, title, orig_pars, first_seen, published, "original")
        members = [src]
        other_outlets = [o for o in OUTLETS if o != outlet]

        def copy(kind_name: str, gold: str, new_title: str, new_pars: list[str], hours: float) -> None:
            o = rng.choice(other_outlets)
            credited = rng.random() < 0.6
            body = list(new_pars)
            if credited:
                name = AGENCIES.get(outlet, outlet)
                style = rng.randrange(3)
                if style == 0 and agency:
                    body[0] = dateline(outlet, s["city"], body[0])
                elif style == 1 and agency:
                    body.append(f"{name} contributed to this report.")
                else:
                    body.append(f"This article first appeared in {name}.")
            fs = published + timedelta(hours=hours)
            if crawl_late and kind_name == "verbatim":
                fs = published + timedelta(hours=2)  # seen before the late-crawled original
            pub_choice = rng.random()
            pub = None if pub_choice < 0.4 else (fs - timedelta(minutes=10) if pub_choice < 0.85 else fs - timedelta(days=20))
            aid = add(o, new_title, chrome(rng, body, o), fs, pub, kind_name)
            pairs.append({"a": aid, "b": src, "kind": gold, "variant": kind_name, "credited": credited})
            members.append(aid)

        k = len(pars)
        copy("verbatim", "verbatim", title, pars, rng.uniform(1, 8))
        shuffled = pars[:]
        i, j = rng.sample(range(1, k), 2)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
        copy("reordered", "verbatim", title, shuffled, rng.uniform(1, 8))
        copy("edited", "verbatim", title.replace(" ", "  ", 1) + " - update", light_edit(rng, pars), rng.uniform(1, 8))
        cut = max(3, int(k * rng.uniform(0.4, 0.6)))
        copy("truncated", "partial", title, pars[:cut] + ["Read more"], rng.uniform(1, 8))
        # Excerpt: 3-4 consecutive paragraphs inside a different, new story.
        fs2 = slots(rng, names)
        ftitle, fpars, _, _ = write_story(rng, families[(n + 3) % len(families)], fs2)
        start = rng.randrange(0, k - 3)
        take = pars[start:start + rng.choice([3, 4])]
        mixed = fpars[:3] + take + fpars[3:]
        copy("excerpt", "partial", ftitle, mixed, rng.uniform(2, 10))
        copy("paraphrase", "rewrite", title.replace("raises", "lifts"), paraphrase(rng, pars), rng.uniform(1, 10))
        rt = roundtrip(rng, pars) + [
            f"(Report {s['person2']}, French version {names.person()}, edited by {names.person()})"]
        copy("roundtrip", "rewrite", title, rt, rng.uniform(2, 12))
        clusters.append({"source": src, "members": members})

        # Hard negatives.
        facts = FAMILIES[family]["facts"]
        assert isinstance(facts, list)
        other_var = [(v + 1 + rng.randrange(len(f) - 1)) % len(f) for v, f in zip(variants, facts)]
        if rng.random() < 0.5:  # quote the same statement, as independent reporters do
            q = next((ix for ix, f in enumerate(facts) if str(f[0]).startswith('"') or '\\"' in str(f[0])), None)
            if q is not None:
                other_var[q] = variants[q]
        ititle, ipars, _, _ = write_story(rng, family, s, other_var, avoid_bg=bg)
        iid = add(rng.choice(other_outlets), ititle, ipars, published + timedelta(hours=rng.uniform(0.5, 6)),
                  None, "independent")
        pairs.append({"a": iid, "b": src, "kind": "independent", "variant": "independent", "credited": False})
        ts = slots(rng, names)
        ttitle, tpars, _, _ = write_story(rng, family, ts, variants)
        tid = add(rng.choice(other_outlets), ttitle, tpars, published + timedelta(hours=rng.uniform(0.5, 6)),
                  None, "twin")
        pairs.append({"a": tid, "b": src, "kind": "independent", "variant": "twin", "credited": False})

    with open(out_dir / "corpus.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    with open(out_dir / "gold.json", "w", encoding="utf-8") as f:
        json.dump({"pairs": pairs, "clusters": clusters}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
