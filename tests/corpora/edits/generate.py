"""Generate the synthetic part of the edits corpus (tests/corpora/edits/generated/).

Run from the repository root::

    python tests/corpora/edits/generate.py [--count 240] [--seed 4]

Each case is a realistic article built from templates (bank.py), copied,
and changed by one to three edits of known kinds (rewrite, number, name,
quote, sentence/paragraph added/removed/replaced, moves, splits, merges,
typo and style fixes, typography noise, correction notices, headline,
standfirst and byline changes). The generator tracks every sentence's
identity through the edits, so gold sentence links and gold labels come from
bookkeeping, not from newsdelta's heuristics. Output is deterministic for a
given seed.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bank  # noqa: E402

HERE = Path(__file__).resolve().parent


@dataclass
class Sent:
    uid: int
    text: str
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    """uids of the old sentences this one comes from (empty: new)."""
    moved: bool = False


@dataclass
class Doc:
    title: Sent
    standfirst: Sent
    byline: str
    paragraphs: list[list[Sent]]


class Gen:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.uid = 0
        self.used_names: set[str] = set()

    def number(self) -> str:
        r = self.rnd
        kind = r.randrange(6)
        if kind == 0:
            return str(r.randrange(3, 99))
        if kind == 1:
            return f"{r.randrange(1, 99)},{r.randrange(0, 999):03d}"
        if kind == 2:
            return f"${r.randrange(1, 99)}.{r.randrange(1, 9)} million"
        if kind == 3:
            return f"{r.randrange(2, 40)}%"
        if kind == 4:
            return f"\u00a3{r.randrange(2, 900)},000"
        return str(r.randrange(100, 999))

    def fill(self, template: str, avoid_names: set[str] | None = None) -> Sent:
        r = self.rnd
        names: list[str] = []
        numbers: list[str] = []
        quotes: list[str] = []
        avoid = avoid_names or set()

        def pick(pool: list[str]) -> str:
            choices = [x for x in pool if x not in avoid] or pool
            return r.choice(choices)

        def sub(m: re.Match[str]) -> str:
            slot = m.group(1)
            if slot == "P":
                v = pick(bank.PEOPLE)
                names.append(v)
            elif slot == "O":
                v = pick(bank.ORGS)
                names.append(v)
            elif slot == "L":
                v = pick(bank.PLACES)
                names.append(v)
            elif slot == "N":
                v = self.number()
                numbers.append(v)
            elif slot == "D":
                v = r.choice(bank.WEEKDAYS)
                numbers.append(v)
            else:
                v = r.choice(bank.QUOTES)
                quotes.append(v)
            return v

        text = re.sub(r"\{(\w)\}", sub, template)
        self.uid += 1
        return Sent(self.uid, text, names, numbers, quotes, [self.uid])

    def sentence(self, avoid: set[str] | None = None, exclude: set[str] | None = None) -> Sent:
        pool = [t for t in bank.TEMPLATES if t not in (exclude or set())]
        return self.fill(self.rnd.choice(pool), avoid)

    def article(self, n_paragraphs: int) -> Doc:
        r = self.rnd
        templates = bank.TEMPLATES[:]
        r.shuffle(templates)
        paragraphs: list[list[Sent]] = []
        for _ in range(n_paragraphs):
            k = r.choice([1, 1, 2, 2, 2, 3, 3, 4])
            para = []
            for _ in range(k):
                if not templates:
                    templates = bank.TEMPLATES[:]
                    r.shuffle(templates)
                para.append(self.fill(templates.pop()))
            paragraphs.append(para)
        title = self.fill(r.choice(bank.TITLES))
        standfirst = self.fill(r.choice(bank.STANDFIRSTS))
        return Doc(title, standfirst, r.choice(bank.BYLINES), paragraphs)


# --- edits: each mutates (old, new) and returns extra gold flags -------------


def _all(doc: Doc) -> list[tuple[int, int, Sent]]:
    return [(p, k, s) for p, para in enumerate(doc.paragraphs) for k, s in enumerate(para)]


class Edits:
    def __init__(self, gen: Gen) -> None:
        self.g = gen
        self.r = gen.rnd
        self.lede_hit = False
        self.flags: set[str] = set()

    def mark_lede(self, *indices: int) -> None:
        if any(i < 2 for i in indices):
            self.lede_hit = True

    def _pick(self, new: Doc, cond: Any = None) -> tuple[int, int, Sent] | None:
        cands = [t for t in _all(new) if not t[2].moved and (cond is None or cond(t[2]))]
        return self.r.choice(cands) if cands else None

    def rewrite(self, old: Doc, new: Doc) -> bool:
        def ok(s: Sent) -> bool:
            return sum(1 for w in bank.SYNONYMS if re.search(rf"\b{w}\b", s.text)) >= 1

        t = self._pick(new, ok)
        if not t:
            return False
        p, _, s = t
        words = [w for w in bank.SYNONYMS if re.search(rf"\b{w}\b", s.text)]
        for w in self.r.sample(words, min(len(words), self.r.randint(1, 3))):
            s.text = re.sub(rf"\b{w}\b", bank.SYNONYMS[w], s.text, count=1)
        self.mark_lede(p, self._old_para(old, s))
        return True

    def _old_para(self, old: Doc, s: Sent) -> int:
        for p, _, o in _all(old):
            if o.uid in s.origin:
                return p
        return 99

    def number(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new, lambda s: any(not n.endswith("day") for n in s.numbers))
        if not t:
            return False
        p, _, s = t
        i = next(i for i, n in enumerate(s.numbers) if not n.endswith("day"))
        value = self.g.number()
        while value == s.numbers[i]:
            value = self.g.number()
        s.text = s.text.replace(s.numbers[i], value, 1)
        s.numbers[i] = value
        self.mark_lede(p, self._old_para(old, s))
        return True

    def name(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new, lambda s: any(n in bank.PEOPLE for n in s.names))
        if not t:
            return False
        p, _, s = t
        i = next(i for i, n in enumerate(s.names) if n in bank.PEOPLE)
        present = {n for _, _, x in _all(new) for n in x.names} | set(new.standfirst.names)
        value = self.r.choice([x for x in bank.PEOPLE if x not in present])
        s.text = s.text.replace(s.names[i], value, 1)
        s.names[i] = value
        self.mark_lede(p, self._old_para(old, s))
        return True

    def quote(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new, lambda s: bool(s.quotes))
        if not t:
            return False
        p, _, s = t
        q = s.quotes[0]
        words = q.split()
        k = self.r.randrange(1, len(words))
        altered = " ".join(words[:k] + [self.r.choice(["really", "simply", "now", "still"])] + words[k:])
        s.text = s.text.replace(q, altered, 1)
        s.quotes[0] = altered
        self.mark_lede(p, self._old_para(old, s))
        return True

    def add_sentence(self, old: Doc, new: Doc) -> bool:
        p = self.r.randrange(len(new.paragraphs))
        para = new.paragraphs[p]
        s = self.g.sentence(exclude={x.text for _, _, x in _all(new)})
        s.origin = []
        para.insert(self.r.randrange(len(para) + 1), s)
        self.mark_lede(p)
        return True

    def remove_sentence(self, old: Doc, new: Doc) -> bool:
        cands = [(p, k) for p, para in enumerate(new.paragraphs) if len(para) > 1 for k in range(len(para))]
        if not cands:
            return False
        p, k = self.r.choice(cands)
        s = new.paragraphs[p].pop(k)
        self.mark_lede(p, self._old_para(old, s))
        return True

    def replace_sentence(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new)
        if not t:
            return False
        p, k, s = t
        fresh = self.g.sentence(exclude={x.text for _, _, x in _all(new)})
        fresh.origin = []
        new.paragraphs[p][k] = fresh
        self.mark_lede(p, self._old_para(old, s))
        return True

    def add_paragraph(self, old: Doc, new: Doc) -> bool:
        p = self.r.randrange(len(new.paragraphs) + 1)
        para = []
        for _ in range(self.r.randint(1, 3)):
            s = self.g.sentence(exclude={x.text for _, _, x in _all(new)})
            s.origin = []
            para.append(s)
        new.paragraphs.insert(p, para)
        self.mark_lede(p)
        return True

    def remove_paragraph(self, old: Doc, new: Doc) -> bool:
        if len(new.paragraphs) < 2:
            return False
        p = self.r.randrange(len(new.paragraphs))
        para = new.paragraphs.pop(p)
        self.mark_lede(p, *(self._old_para(old, s) for s in para))
        return True

    def move_paragraph(self, old: Doc, new: Doc) -> bool:
        if len(new.paragraphs) < 4:
            return False
        src = self.r.randrange(len(new.paragraphs))
        para = new.paragraphs.pop(src)
        dst = self.r.choice([i for i in range(len(new.paragraphs) + 1) if abs(i - src) > 1] or [0])
        if any(s.moved or s.text != self._old_text(old, s) for s in para):
            new.paragraphs.insert(src, para)
            return False
        for s in para:
            s.moved = True
        new.paragraphs.insert(dst, para)
        return True

    def _old_text(self, old: Doc, s: Sent) -> str:
        for _, _, o in _all(old):
            if o.uid in s.origin:
                return o.text
        return ""

    def move_sentence(self, old: Doc, new: Doc) -> bool:
        if len(new.paragraphs) < 4:
            return False
        cands = [(p, k) for p, para in enumerate(new.paragraphs) if len(para) > 1 for k in range(len(para))]
        if not cands:
            return False
        p, k = self.r.choice(cands)
        s = new.paragraphs[p][k]
        if s.moved or s.text != self._old_text(old, s):
            return False
        new.paragraphs[p].pop(k)
        q = self.r.choice([i for i in range(len(new.paragraphs)) if abs(i - p) > 1])
        s.moved = True
        new.paragraphs[q].insert(self.r.randrange(len(new.paragraphs[q]) + 1), s)
        return True

    def split_paragraph(self, old: Doc, new: Doc) -> bool:
        cands = [p for p, para in enumerate(new.paragraphs) if len(para) > 1]
        if not cands:
            return False
        p = self.r.choice(cands)
        para = new.paragraphs[p]
        k = self.r.randrange(1, len(para))
        new.paragraphs[p : p + 1] = [para[:k], para[k:]]
        return True

    def merge_paragraphs(self, old: Doc, new: Doc) -> bool:
        if len(new.paragraphs) < 2:
            return False
        p = self.r.randrange(len(new.paragraphs) - 1)
        new.paragraphs[p : p + 2] = [new.paragraphs[p] + new.paragraphs[p + 1]]
        return True

    def split_sentence(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new, lambda s: ", " in s.text.rstrip(".")[10:] and not s.quotes and len(s.origin) == 1)
        if not t:
            return False
        p, k, s = t
        body = s.text.rstrip(".")
        cut = body.index(", ", 10)
        first, rest = body[:cut] + ".", body[cut + 2 :]
        second = "It " + rest + "." if not rest[:1].isupper() else rest + "."
        a = Sent(s.uid, first, [n for n in s.names if n in first], [n for n in s.numbers if n in first], [], s.origin)
        self.g.uid += 1
        b = Sent(self.g.uid, second, [n for n in s.names if n in second], [n for n in s.numbers if n in second], [], s.origin)
        new.paragraphs[p][k : k + 1] = [a, b]
        self.mark_lede(p, self._old_para(old, s))
        return True

    def typo(self, old: Doc, new: Doc) -> bool:
        cands = []
        for _, _, s in _all(new):
            for word in bank.TYPOS:
                if re.search(rf"\b{word}\b", s.text) and not s.quotes and s.text == self._old_text(old, s):
                    cands.append((s, word))
        if not cands:
            return False
        s, word = self.r.choice(cands)
        for _, _, o in _all(old):
            if o.uid in s.origin:
                o.text = re.sub(rf"\b{word}\b", bank.TYPOS[word], o.text, count=1)
        self.flags.add("typo")
        return True

    def style(self, old: Doc, new: Doc) -> bool:
        def ok(s: Sent) -> bool:
            return bool(re.search(r"[a-z], [a-z]", s.text)) and s.text == self._old_text(old, s)

        t = self._pick(new, ok)
        if not t:
            return False
        _, _, s = t
        s.text = re.sub(r"([a-z]), ([a-z])", r"\1 \2", s.text, count=1)
        self.flags.add("style")
        return True

    def typography(self, old: Doc, new: Doc) -> bool:
        t = self._pick(new, lambda s: "\u201c" in s.text or "\u2019" in s.text or " " in s.text)
        if not t:
            return False
        _, _, s = t
        s.text = s.text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
        if s.text == self._old_text(old, s):
            s.text = s.text.replace(" ", "\u00a0", 1)
        return True

    def correction(self, old: Doc, new: Doc) -> bool:
        note = self.g.fill(self.r.choice(bank.CORRECTIONS))
        note.origin = []
        if self.r.random() < 0.5:
            new.paragraphs.append([note])
        else:
            new.paragraphs.insert(0, [note])
            self.mark_lede(0)
        self.flags.add("correction")
        return True

    def headline(self, old: Doc, new: Doc) -> bool:
        fresh = self.g.fill(self.r.choice([t for t in bank.TITLES]))
        if fresh.text == new.title.text:
            return False
        new.title = fresh
        return True

    def standfirst(self, old: Doc, new: Doc) -> bool:
        fresh = self.g.fill(self.r.choice(bank.STANDFIRSTS))
        if fresh.text == new.standfirst.text:
            return False
        new.standfirst = fresh
        return True

    def byline(self, old: Doc, new: Doc) -> bool:
        options = [b for b in bank.BYLINES if b != new.byline]
        new.byline = self.r.choice(options)
        return True


EDIT_KINDS = [
    "rewrite", "number", "name", "quote", "add_sentence", "remove_sentence", "replace_sentence",
    "add_paragraph", "remove_paragraph", "move_paragraph", "move_sentence", "split_paragraph",
    "merge_paragraphs", "split_sentence", "typo", "style", "typography", "correction",
    "headline", "standfirst", "byline",
]


def _fold(text: str) -> str:
    table = {"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u00a0": " "}
    return " ".join("".join(table.get(c, c) for c in text).split())


def gold_for(old: Doc, new: Doc, edits: Edits) -> dict[str, Any]:
    old_s = [s for para in old.paragraphs for s in para]
    new_s = [s for para in new.paragraphs for s in para]
    index_old = {s.uid: i for i, s in enumerate(old_s)}
    links: list[list[Any]] = []
    for j, s in enumerate(new_s):
        for uid in s.origin:
            if uid not in index_old:
                continue
            i = index_old[uid]
            if s.moved:
                kind = "moved"
            elif _fold(old_s[i].text) == _fold(s.text) and len(s.origin) == 1 and sum(
                1 for x in new_s if uid in x.origin
            ) == 1:
                kind = "equal"
            else:
                kind = "edited"
            links.append([i, j, kind])
    labels: set[str] = set()
    if _fold(old.title.text) != _fold(new.title.text):
        labels.add("headline")
    if _fold(old.standfirst.text) != _fold(new.standfirst.text):
        labels.add("standfirst")
    if old.byline != new.byline:
        labels.add("byline")
    if edits.lede_hit:
        labels.add("lede")

    def quotes(doc: Doc) -> Counter[str]:
        c: Counter[str] = Counter()
        for s in [doc.title, doc.standfirst, *(x for para in doc.paragraphs for x in para)]:
            c.update(q.lower() for q in s.quotes)
        return c

    def numbers(doc: Doc) -> Counter[str]:
        c: Counter[str] = Counter()
        for s in [doc.title, doc.standfirst, *(x for para in doc.paragraphs for x in para)]:
            c.update(s.numbers)
        return c

    def names(doc: Doc) -> set[str]:
        return {n for s in [doc.standfirst, *(x for para in doc.paragraphs for x in para)] for n in s.names}

    if quotes(old) != quotes(new):
        labels.add("quote")
    if numbers(old) != numbers(new):
        labels.add("number")
    if names(old) != names(new):
        labels.add("name")
    labels |= edits.flags
    linked_old = {i for i, _, _ in links}
    linked_new = {j for _, j, _ in links}
    if len(linked_new) < len(new_s):
        labels.add("added")
    if len(linked_old) < len(old_s):
        labels.add("removed")
    if any(k == "moved" for _, _, k in links):
        labels.add("moved")
    return {"links": links, "labels": sorted(labels)}


def serialise(doc: Doc) -> dict[str, Any]:
    return {
        "title": doc.title.text,
        "standfirst": doc.standfirst.text,
        "byline": doc.byline,
        "paragraphs": [[s.text for s in para] for para in doc.paragraphs],
    }


def make_case(gen: Gen, n: int) -> dict[str, Any]:
    r = gen.rnd
    size = r.choice([1, 2, 3, 5, 6, 8, 10, 12, 15, 20, 30, 45])
    base = gen.article(size)
    if r.random() < 0.1:  # a list in the middle of the article
        items = [[gen.fill(item)] for item in r.sample(bank.LIST_ITEMS, 3)]
        at = r.randrange(len(base.paragraphs) + 1)
        base.paragraphs[at:at] = items
    if r.random() < 0.15 and len(base.paragraphs) > 2:  # near-duplicate sentences
        s = base.paragraphs[0][0]
        twin = gen.fill(s.text.replace("{", "(").replace("}", ")"))
        twin.text = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), s.text, count=1)
        twin.numbers = [x for x in re.findall(r"\d+", twin.text)] if twin.text != s.text else s.numbers[:]
        twin.numbers = s.numbers[:] if twin.text == s.text else _renumber(s, twin.text)
        twin.names, twin.quotes = s.names[:], s.quotes[:]
        base.paragraphs[-1].append(twin)
    old = copy.deepcopy(base)
    new = copy.deepcopy(base)
    edits = Edits(gen)
    applied: list[str] = []
    want = r.choice([1, 1, 1, 2, 2, 3])
    tries = 0
    while len(applied) < want and tries < 20:
        tries += 1
        kind = r.choice(EDIT_KINDS)
        if kind in applied:
            continue
        if getattr(edits, kind)(old, new):
            applied.append(kind)
    gold = gold_for(old, new, edits)
    return {
        "id": f"gen-{n:04d}",
        "source": "generated",
        "description": "edits: " + ", ".join(applied),
        "edits": applied,
        "old": serialise(old),
        "new": serialise(new),
        "gold": gold,
    }


def _renumber(s: Sent, text: str) -> list[str]:
    out = []
    for n in s.numbers:
        if n in text:
            out.append(n)
        else:
            m = re.search(r"\d+", n)
            out.append(n.replace(m.group(0), str(int(m.group(0)) + 1), 1) if m else n)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=240)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--out", type=Path, default=HERE / "generated")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    gen = Gen(rnd)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("gen-*.json"):
        old.unlink()
    for n in range(args.count):
        case = make_case(gen, n)
        path = args.out / f"{case['id']}.json"
        path.write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.count} cases to {args.out}")


if __name__ == "__main__":
    main()
