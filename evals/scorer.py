"""Field-level scoring of predicted meeting events against gold, with one-to-one event alignment.

Works on plain dicts in the service's response shape, so it scores any producer (this service over
HTTP, in process, a peer system's output). It shares no code with the service it judges.
Conventions, stated once:
- strict (the headline): a predicted event is a true positive only when its participant set equals
  a gold event's (same size, every person matched by `names_match`); one-to-one.
- lenient (second figure): events align one-to-one on participant overlap; any shared participant
  makes a true positive. Participant and topic counts are taken over lenient pairs.
- precision with nothing predicted is 1.0 when nothing was to be found, else 0.0 (and likewise for
  recall with nothing to find); F1 is 0.0 when precision + recall is 0;
- field accuracies (date, city, ...) are computed over strict pairs only; a case with no strict
  pair has no accuracy for them (None), and micro averages pool the pairs of all cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from evals.textnorm import country_key, fold, name_tokens

NAME_THRESHOLD = 85.0
ACCURACY_FIELDS = (
    "participant_country",
    "date",
    "city",
    "location_country",
    "format",
    "status",
    "mode",
)
PRF_FIELDS = ("events_strict", "events", "participants", "topics")


def names_match(a: str, b: str) -> bool:
    """Same person? Diacritics- and case-insensitive, titles ignored, surname-tolerant, fuzzy.

    "President Cường" matches "Lương Cường"; "Rakhmon" matches "Rahmon"; "Putin" does not match
    "Rahmon". The shorter name's tokens must each match a token of the longer one.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return all(any(fuzz.ratio(s, t) >= NAME_THRESHOLD for t in long_) for s in short)


def _same_text(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return fold(a).replace(" ", "").replace("-", "") == fold(b).replace(" ", "").replace("-", "")


def _same_country(a: str | None, b: str | None) -> bool:
    return (country_key(a) if a else None) == (country_key(b) if b else None)


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another count."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> dict[str, float]:
        """Precision, recall, F1 under the module's conventions."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if self.fp == 0 else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f1}


def _match_people(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Optimal one-to-one matching of participants by name."""
    if not gold or not pred:
        return []
    sim = np.array([[1.0 if names_match(g["name"], p["name"]) else 0.0 for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(-sim)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if sim[r, c] > 0]


def participant_overlap(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """F1 of the two events' participant lists: the alignment affinity of two events."""
    g, p = gold.get("participants", []), pred.get("participants", [])
    m = len(_match_people(g, p))
    return 2 * m / (len(g) + len(p)) if g or p else 0.0


def align(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """Lenient alignment: optimal one-to-one pairing of gold and predicted events on participant overlap.

    Returns:
        (gold index, predicted index, overlap) for each aligned pair; pairs with no shared
        participant are not aligned (the prediction is a false positive, the gold event a miss).
    """
    if not gold or not pred:
        return []
    sim = np.array([[participant_overlap(g, p) for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(-sim)
    return [(int(r), int(c), float(sim[r, c])) for r, c in zip(rows, cols, strict=True) if sim[r, c] > 0]


def same_participants(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The strict rule: both events name the same set of people (surname-tolerant)."""
    g, p = gold.get("participants", []), pred.get("participants", [])
    return len(g) == len(p) > 0 and len(_match_people(g, p)) == len(g)


def align_strict(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Strict alignment: one-to-one pairs of events with equal participant sets, as many as possible."""
    if not gold or not pred:
        return []
    sim = np.array([[1.0 if same_participants(g, p) else 0.0 for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(-sim)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if sim[r, c] > 0]


@dataclass
class CaseScore:
    """Every count of one case, so that each aggregate figure traces back to the cases."""

    case: str
    events_strict: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    participants: Counts = field(default_factory=Counts)
    topics: Counts = field(default_factory=Counts)
    accuracy: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in ACCURACY_FIELDS})
    grounded: list[int] = field(default_factory=lambda: [0, 0])
    ok: bool = True
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Flat integer counts: what the bootstrap resamples and every micro figure is computed from."""
        out: dict[str, int] = {}
        for name in PRF_FIELDS:
            c: Counts = getattr(self, name)
            out.update({f"{name}.tp": c.tp, f"{name}.fp": c.fp, f"{name}.fn": c.fn})
        for key, (correct, total) in self.accuracy.items():
            out.update({f"{key}.correct": correct, f"{key}.total": total})
        out.update({"grounding.correct": self.grounded[0], "grounding.total": self.grounded[1]})
        out.update({"success.correct": int(self.ok), "success.total": 1})
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with the derived P/R/F1 and accuracies."""
        out: dict[str, Any] = {"case": self.case, "ok": self.ok, "pairs": self.pairs}
        for name in PRF_FIELDS:
            c: Counts = getattr(self, name)
            out[name] = {"tp": c.tp, "fp": c.fp, "fn": c.fn, **c.prf()}
        out["accuracy"] = {
            k: {"correct": v[0], "total": v[1], "value": (v[0] / v[1] if v[1] else None)}
            for k, v in self.accuracy.items()
        }
        g, t = self.grounded
        out["grounding"] = {"grounded": g, "total": t, "value": (g / t if t else None)}
        out["counts"] = self.counts()
        return out


def _topic_counts(gold: list[str], pred: list[str]) -> Counts:
    gs, ps = set(gold), set(pred)
    return Counts(tp=len(gs & ps), fp=len(ps - gs), fn=len(gs - ps))


def _field_checks(g: dict[str, Any], p: dict[str, Any]) -> dict[str, bool]:
    gl, pl = g.get("location") or {}, p.get("location") or {}
    return {
        "date": g.get("date") == p.get("date"),
        "city": _same_text(gl.get("city"), pl.get("city")),
        "location_country": _same_country(gl.get("country"), pl.get("country")),
        "format": g.get("format") == p.get("format"),
        "status": g.get("status") == p.get("status"),
        "mode": g.get("mode") == p.get("mode"),
    }


def score_case(
    case: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    text: str | None = None,
    ok: bool = True,
) -> CaseScore:
    """Score one article's predicted events against its gold events.

    Args:
        case: the case id (for tracing).
        gold: gold events (response shape).
        pred: predicted events (response shape); [] for a failed request.
        text: the article, to check that evidence quotes occur verbatim at their offsets.
        ok: False when the request failed (counts against the success rate).

    Returns:
        The case's counts and per-pair differences.
    """
    s = CaseScore(case, ok=ok)
    strict = align_strict(gold, pred)
    s.events_strict = Counts(tp=len(strict), fp=len(pred) - len(strict), fn=len(gold) - len(strict))
    strict_set = set(strict)
    for gi, pi in strict:
        g, p = gold[gi], pred[pi]
        for key, good in _field_checks(g, p).items():
            s.accuracy[key][0] += int(good)
            s.accuracy[key][1] += 1
        gp, pp = g.get("participants", []), p.get("participants", [])
        country_ok = [
            _same_country(gp[a].get("country"), pp[b].get("country")) for a, b in _match_people(gp, pp)
        ]
        s.accuracy["participant_country"][0] += sum(country_ok)
        s.accuracy["participant_country"][1] += len(country_ok)

    pairs = align(gold, pred)
    s.events = Counts(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    matched_g = {g for g, _, _ in pairs}
    matched_p = {p for _, p, _ in pairs}
    for gi, pi, overlap in pairs:
        g, p = gold[gi], pred[pi]
        gp, pp = g.get("participants", []), p.get("participants", [])
        people = _match_people(gp, pp)
        s.participants.add(Counts(tp=len(people), fp=len(pp) - len(people), fn=len(gp) - len(people)))
        s.topics.add(_topic_counts(g.get("topics", []), p.get("topics", [])))
        checks = _field_checks(g, p)
        s.pairs.append(
            {
                "gold": gi,
                "pred": pi,
                "overlap": overlap,
                "strict": (gi, pi) in strict_set,
                "wrong": sorted(k for k, good in checks.items() if not good),
                "participants_missed": [
                    gp[i]["name"] for i in range(len(gp)) if i not in {a for a, _ in people}
                ],
                "participants_extra": [
                    pp[j]["name"] for j in range(len(pp)) if j not in {b for _, b in people}
                ],
                "topics_missed": sorted(set(g.get("topics", [])) - set(p.get("topics", []))),
                "topics_extra": sorted(set(p.get("topics", [])) - set(g.get("topics", []))),
            }
        )
    for i, g in enumerate(gold):
        if i not in matched_g:
            s.participants.fn += len(g.get("participants", []))
            s.topics.fn += len(set(g.get("topics", [])))
    for j, p in enumerate(pred):
        if j not in matched_p:
            s.participants.fp += len(p.get("participants", []))
            s.topics.fp += len(set(p.get("topics", [])))
    for p in pred:
        for ev in p.get("evidence", []):
            s.grounded[1] += 1
            start, end, quote = ev.get("start"), ev.get("end"), ev.get("quote", "")
            good = start is not None and end is not None and bool(quote)
            if good and text is not None:
                good = text[start:end] == quote
            s.grounded[0] += int(good)
    return s


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(scores: list[CaseScore]) -> dict[str, Any]:
    """Micro (pooled counts) and macro (mean of per-case values) averages over cases.

    Args:
        scores: one CaseScore per case.

    Returns:
        {"micro": {...}, "macro": {...}} with P/R/F1 per PRF field, accuracy per field, grounding.
    """
    micro: dict[str, Any] = {}
    macro: dict[str, Any] = {}
    for name in PRF_FIELDS:
        total = Counts()
        for s in scores:
            total.add(getattr(s, name))
        micro[name] = total.prf()
        per_case = [getattr(s, name).prf() for s in scores]
        macro[name] = {k: _mean([c[k] for c in per_case]) for k in ("precision", "recall", "f1")}
    for key in ACCURACY_FIELDS:
        correct = sum(s.accuracy[key][0] for s in scores)
        total_n = sum(s.accuracy[key][1] for s in scores)
        micro[key] = correct / total_n if total_n else None
        macro[key] = _mean([s.accuracy[key][0] / s.accuracy[key][1] for s in scores if s.accuracy[key][1]])
    g = sum(s.grounded[0] for s in scores)
    t = sum(s.grounded[1] for s in scores)
    micro["grounding"] = g / t if t else None
    macro["grounding"] = _mean([s.grounded[0] / s.grounded[1] for s in scores if s.grounded[1]])
    return {"micro": micro, "macro": macro}
