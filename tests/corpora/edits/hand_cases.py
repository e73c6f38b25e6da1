"""Hand-written hard cases for the edits corpus (writes tests/corpora/edits/hand/).

Run from the repository root: ``python tests/corpora/edits/hand_cases.py``.
Gold links are written out by hand; ``eq`` lists in-order identical sentence
pairs, the rest are explicit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "hand"

FILLER = [
    ["The regional council met on Tuesday to discuss the flood defences.",
     "Members heard evidence from engineers and residents."],
    ["Work on the northern embankment began last spring.",
     "It was meant to be finished before the autumn rains."],
    ["Several families have already left the lower town.",
     "Others say they will stay until they are told to go."],
    ["A public meeting is planned for next week.",
     "The council has promised to publish the engineers' report in full."],
    ["Insurance companies have been asked to speed up claims.",
     "Many residents say they are still waiting for an answer."],
]


def art(title: str, paragraphs: list[list[str]], standfirst: str = "", byline: str = "") -> dict[str, Any]:
    return {"title": title, "standfirst": standfirst, "byline": byline, "paragraphs": paragraphs}


def eq(pairs: list[tuple[int, int]]) -> list[list[Any]]:
    return [[a, b, "equal"] for a, b in pairs]


def diag(n: int, skip: set[int] = frozenset(), shift_from: int | None = None, by: int = 0) -> list[list[Any]]:  # type: ignore[assignment]
    """Equal links i -> i (or i -> i + by from ``shift_from`` on), minus ``skip``."""
    out = []
    for i in range(n):
        if i in skip:
            continue
        j = i + by if shift_from is not None and i >= shift_from else i
        out.append([i, j, "equal"])
    return out


CASES: list[dict[str, Any]] = []


def case(cid: str, description: str, old: dict[str, Any], new: dict[str, Any], links: list[list[Any]], labels: list[str]) -> None:
    CASES.append({"id": f"hand-{cid}", "source": "hand", "description": description,
                  "old": old, "new": new, "gold": {"links": links, "labels": sorted(labels)}})


# 1. very short article, casualty figure corrected
case("short-number", "one-sentence article, casualty figure changed",
     art("Bus crash on coast road", [["Police said 3 people were hurt when a bus left the road near the harbour."]]),
     art("Bus crash on coast road", [["Police said 4 people were hurt when a bus left the road near the harbour."]]),
     [[0, 0, "edited"]], ["number", "lede"])

# 2. quote softened deep in the article
q_old = "\u201cWe were completely abandoned by the authorities,\u201d said one resident."
q_new = "\u201cWe felt let down by the authorities,\u201d said one resident."
case("quote-softened", "a quote softened in paragraph 4, nothing else",
     art("Flood town waits for help", FILLER[:3] + [[q_old]] + FILLER[3:]),
     art("Flood town waits for help", FILLER[:3] + [[q_new]] + FILLER[3:]),
     diag(11, skip={6}) + [[6, 6, "edited"]], ["quote"])

# 3. correction notice appended
case("correction-end", "correction notice appended at the end",
     art("Flood town waits for help", FILLER),
     art("Flood town waits for help", FILLER + [["Correction: An earlier version of this article said the meeting was on Monday."]]),
     diag(10), ["correction", "added", "number"])  # "Monday": dates count as numbers

# 4. near-duplicate sentences: the second one is edited
dup = [["The river rose by 2 metres on Monday, officials said."], FILLER[1],
       ["The river rose by 3 metres on Tuesday, officials said."], FILLER[2]]
dup_new = [dup[0], dup[1], ["The river rose by 4 metres on Tuesday, officials said."], dup[3]]
case("near-duplicates", "two near-identical sentences; only the second changes",
     art("River keeps rising", dup), art("River keeps rising", dup_new),
     diag(6, skip={3}) + [[3, 3, "edited"]], ["number"])

# 5. sentence split in the lede
s_old = [["The council approved the new budget on Monday, and the spending plan will take effect next year after a final review by auditors."]] + FILLER[1:3]
s_new = [["The council approved the new budget on Monday.", "The spending plan will take effect next year after a final review by auditors."]] + FILLER[1:3]
case("sentence-split", "the first sentence split in two",
     art("Budget approved", s_old), art("Budget approved", s_new),
     [[0, 0, "edited"], [0, 1, "edited"]] + [[i, i + 1, "equal"] for i in range(1, 5)], ["lede"])

# 6. the same, merged
case("sentence-merge", "two sentences merged into one",
     art("Budget approved", s_new), art("Budget approved", s_old),
     [[0, 0, "edited"], [1, 0, "edited"]] + [[i + 1, i, "equal"] for i in range(1, 5)], ["lede"])

# 7. a paragraph moved to the top
m_new = [FILLER[3]] + FILLER[:3] + FILLER[4:]
case("paragraph-to-top", "paragraph 4 moved to the top, unchanged",
     art("Flood town waits for help", FILLER), art("Flood town waits for help", m_new),
     [[0, 2, "equal"], [1, 3, "equal"], [2, 4, "equal"], [3, 5, "equal"], [4, 6, "equal"],
      [5, 7, "equal"], [6, 0, "moved"], [7, 1, "moved"], [8, 8, "equal"], [9, 9, "equal"]],
     ["moved"])

# 8. typography only
t_old = [["He called it \u201ca disaster\u201d \u2014 and said the council\u2019s plan had failed."], FILLER[0]]
t_new = [["He called it \"a disaster\" - and said the council's plan had failed."], FILLER[0]]
case("typography-only", "curly to straight quotes, em dash to hyphen: no edit",
     art("Critic attacks plan", t_old), art("Critic attacks plan", t_new), diag(3), [])

# 9. headline capitalisation (style) plus byline
case("headline-style", "headline recased, byline changed",
     art("Storm hits the coast", FILLER[:2], byline="By Staff Reporter"),
     art("Storm Hits The Coast", FILLER[:2], byline="By Ruth Calder"),
     diag(4), ["headline", "byline", "style"])

# 10. a list item edited, deep in the article
lst = [["\u2022 Roads closed in the northern districts"], ["\u2022 Ferries suspended until midday"], ["\u2022 Schools open as normal"]]
lst_new = [lst[0], ["\u2022 Ferries suspended until the evening"], lst[2]]
case("list-item", "one bulleted item edited in a list after the lede",
     art("What is open today", FILLER[:2] + lst + FILLER[2:3]),
     art("What is open today", FILLER[:2] + lst_new + FILLER[2:3]),
     diag(9, skip={5}) + [[5, 5, "edited"]], [])

# 11. very long article, one sentence removed in the middle
long_old = [p for _ in range(12) for p in FILLER]
long_old = [[f"{s[:-1]} (part {k})." for s in p] for k, p in enumerate(long_old)]
long_new = [p[:] for p in long_old]
long_new[30] = long_new[30][:1]
case("long-removal", "60-paragraph article, one sentence removed at paragraph 31",
     art("Flood inquiry: the full story", long_old), art("Flood inquiry: the full story", long_new),
     [[i, i if i < 61 else i - 1, "equal"] for i in range(120) if i != 61], ["removed", "number"])

# 12. a named person removed
n_old = [["Rescue teams worked through the night, said Amira Castell, who leads the volunteers."]] + FILLER[1:3]
n_new = [["Rescue teams worked through the night, said a spokesperson for the volunteers."]] + FILLER[1:3]
case("name-removed", "a named source replaced by an anonymous one",
     art("Rescue goes on", n_old), art("Rescue goes on", n_new),
     [[0, 0, "edited"]] + diag(5)[1:], ["name", "lede"])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for c in CASES:
        (OUT / f"{c['id']}.json").write_text(json.dumps(c, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} hand cases to {OUT}")


if __name__ == "__main__":
    main()
