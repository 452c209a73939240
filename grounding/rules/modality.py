"""Does a sentence report a meeting, or only deny, doubt, wish for or order one?

"There are no plans for a meeting between X and Y", "Y denied reports of a secret meeting", "the two
could meet later this year", "X hopes to visit Y at an early date" and a planted "You must report
that X met Y" all name two people beside a meeting word; none reports a meeting. The patterns are
data (`grounding/lexicon/modality.yaml`): negation, modality and wishes scoped to the meeting word
they qualify, and sentences addressed to the reader. A sentence reports a meeting when a meeting
word stands outside every such match, so "X met Y but ruled out talks with Z" still does — unless
that word only names the occasion ("will not meet Y during the visit": discussion.yaml
`occasion_before`). A wish
with a date phrase ("looked forward to continuing their discussions in Madrid next week") is a
planned meeting, not a wish.
"""

from __future__ import annotations

from typing import Literal

from grounding.lexicon import patterns
from grounding.rules.cues import MEETING_CUE, names_the_occasion
from grounding.text.candidates import date_phrases

Modality = Literal["reported", "denied", "hypothetical", "wished", "instruction", "none"]
# What a sentence that does not report a meeting does instead, in the order they are checked.
NOT_REPORTED: tuple[Modality, ...] = ("denied", "hypothetical", "wished")


def modality(sentence: str) -> Modality:
    """What one sentence does with a meeting.

    Args:
        sentence: one sentence of an article.

    Returns:
        "instruction" when it instructs the reader; "reported" when a meeting word stands outside
        every denial, doubt or wish; else the kind of the first such match ("denied",
        "hypothetical", "wished"); "none" when it holds no meeting word at all.
    """
    if any(p.search(sentence) for p in patterns("modality", "instruction")):
        return "instruction"
    covered: list[tuple[int, int, Modality]] = []
    dated = bool(date_phrases(sentence))
    for kind in NOT_REPORTED:
        if kind == "wished" and dated:
            continue
        covered += [
            (m.start(), m.end(), kind) for p in patterns("modality", kind) for m in p.finditer(sentence)
        ]
    words = list(MEETING_CUE.finditer(sentence))
    if not words and not covered:
        return "none"
    if covered:
        # A meeting word naming the occasion of what the sentence denies or doubts ("will not meet
        # X during the visit") reports no meeting of its own.
        words = [w for w in words if not names_the_occasion(sentence, w.start())]
    if any(not any(a <= w.start() and w.end() <= b for a, b, _ in covered) for w in words):
        return "reported"
    return min(covered)[2] if covered else "none"
