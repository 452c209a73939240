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
  Participant title and country are compared per matched person of a strict pair: a title is
  right when its words, countries and little words ("of", "the") left out, equal the gold's
  ("Prime Minister of India" = "Prime Minister"); null is right only against null.
- topics_strict and outcomes are P/R/F1 over strict pairs. An outcome matches a gold outcome (one
  to one, in order) when it lies over the gold outcome's span (`outcome_spans` of the gold event:
  the outcome's own `span`, or the place the article writes it, overlaps it), or when at least 60 %
  of the content words of the shorter of the two phrases occur in the other.
- unsupported values and example leaks: `evals/support.py` (rules stated there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from evals.support import SUPPORT_FIELDS, Article, ExampleValues, event_support, example_leaks
from evals.textnorm import country_key, fold, name_tokens

NAME_THRESHOLD = 85.0
ACCURACY_FIELDS = (
    "participant_country",
    "participant_title",
    "host",
    "date",
    "city",
    "location_country",
    "venue",
    "format",
    "status",
    "mode",
)
PRF_FIELDS = ("events_strict", "events", "participants", "topics", "topics_strict", "outcomes")
_LITTLE = frozenset({"of", "the", "and", "for", "to", "on", "in", "a", "an", "with", "at"})
OUTCOME_WORD_SHARE = 0.6


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


def _same_venue(a: str | None, b: str | None) -> bool:
    """Same venue, or one names the other in full ("Downing Street" in "No 10 Downing Street")."""
    if a is None or b is None:
        return a is None and b is None
    fa, fb = (fold(v).removeprefix("the ").replace(" ", "") for v in (a, b))
    return bool(fa and fb) and (fa in fb or fb in fa)


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


def _is_country(phrase: str) -> bool:
    key = country_key(phrase)
    return len(key) == 2 and key.isupper()


def _title_key(title: str | None) -> tuple[str, ...] | None:
    if title is None:
        return None
    # A country's dotted abbreviation is one word ("U.S." = "US"), left out as any country's name.
    undotted = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", ""), title)
    words = re.findall(r"[^\W_]+", fold(undotted))
    kept: list[str] = []
    i = 0
    while i < len(words):
        # The longest country name written from here ("United States", "South Korea's"), with
        # the possessive's "s" after it: the module docstring leaves countries out of a title.
        sizes = range(min(4, len(words) - i), 0, -1)
        size = next((n for n in sizes if _is_country(" ".join(words[i : i + n]))), 0)
        if size:
            i += size + (i + size < len(words) and words[i + size] == "s")
            continue
        if words[i] not in _LITTLE:
            kept.append(words[i])
        i += 1
    return tuple(kept)


def same_title(gold: str | None, pred: str | None) -> bool:
    """The scorer's title rule (module docstring)."""
    return _title_key(gold) == _title_key(pred)


def _content_words(phrase: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", fold(phrase)) if w not in _LITTLE and len(w) > 2}


def _outcome_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("outcome") or value.get("text") or value.get("quote") or "")
    return str(value)


def _outcome_span(value: Any, text: str | None) -> tuple[int, int] | None:
    if isinstance(value, dict) and isinstance(value.get("span"), list | tuple) and len(value["span"]) == 2:
        return int(value["span"][0]), int(value["span"][1])
    phrase = _outcome_text(value)
    if text and phrase:
        at = fold(text).find(fold(phrase))
        if at >= 0 and len(fold(text)) == len(text):  # folding kept the offsets
            return at, at + len(phrase)
    return None


def outcomes_match(gold: str, gold_span: tuple[int, int] | None, pred: Any, text: str | None) -> bool:
    """The scorer's outcome rule (module docstring)."""
    span = _outcome_span(pred, text)
    if gold_span and span and span[0] < gold_span[1] and gold_span[0] < span[1]:
        return True
    a, b = _content_words(gold), _content_words(_outcome_text(pred))
    if not a or not b:
        return False
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    return len(short & other) >= OUTCOME_WORD_SHARE * len(short)


def _outcome_counts(g: dict[str, Any], p: dict[str, Any], text: str | None) -> Counts:
    golds = list(g.get("outcomes") or [])
    spans: list[tuple[int, int] | None] = [None] * len(golds)
    for i, sp in enumerate(g.get("outcome_spans") or []):
        if i < len(golds) and isinstance(sp, dict) and sp.get("start") is not None:
            spans[i] = (int(sp["start"]), int(sp["end"]))
    preds = list(p.get("outcomes") or [])
    used: set[int] = set()
    tp = 0
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            if pi not in used and outcomes_match(str(gold), spans[gi], pred, text):
                used.add(pi)
                tp += 1
                break
    return Counts(tp=tp, fp=len(preds) - tp, fn=len(golds) - tp)


@dataclass
class CaseScore:
    """Every count of one case, so that each aggregate figure traces back to the cases."""

    case: str
    events_strict: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    participants: Counts = field(default_factory=Counts)
    topics: Counts = field(default_factory=Counts)
    topics_strict: Counts = field(default_factory=Counts)
    outcomes: Counts = field(default_factory=Counts)
    # field -> [unsupported, total] over every returned value (evals/support.py)
    support: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in SUPPORT_FIELDS})
    leaks: list[str] = field(default_factory=list)
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
        for key, (bad, total) in self.support.items():
            out.update({f"unsupported.{key}.correct": bad, f"unsupported.{key}.total": total})
        bad = sum(v[0] for v in self.support.values())
        total = sum(v[1] for v in self.support.values())
        out.update({"unsupported.correct": bad, "unsupported.total": total})
        out.update({"leaks.correct": len(self.leaks), "leaks.total": total})
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
        out["unsupported"] = {k: {"unsupported": v[0], "total": v[1]} for k, v in self.support.items()}
        out["leaks"] = self.leaks
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
        "venue": _same_venue(gl.get("venue"), pl.get("venue")),
        "format": g.get("format") == p.get("format"),
        "status": g.get("status") == p.get("status"),
        "mode": g.get("mode") == p.get("mode"),
        "host": (g.get("host") is None and p.get("host") is None)
        or (g.get("host") is not None and p.get("host") is not None and names_match(g["host"], p["host"])),
    }


def score_case(
    case: str,
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    text: str | None = None,
    ok: bool = True,
    examples: ExampleValues | None = None,
) -> CaseScore:
    """Score one article's predicted events against its gold events.

    Args:
        case: the case id (for tracing).
        gold: gold events (response shape).
        pred: predicted events (response shape); [] for a failed request.
        text: the article, to check that evidence quotes occur verbatim at their offsets.
        ok: False when the request failed (counts against the success rate).
        examples: the prompts' worked-example values, for the leak check (none checked when None).

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
        title_ok = [same_title(gp[a].get("title"), pp[b].get("title")) for a, b in _match_people(gp, pp)]
        s.accuracy["participant_title"][0] += sum(title_ok)
        s.accuracy["participant_title"][1] += len(title_ok)
        s.topics_strict.add(_topic_counts(g.get("topics", []), p.get("topics", [])))
        s.outcomes.add(_outcome_counts(g, p, text))
    for i, g in enumerate(gold):
        if i not in {gi for gi, _ in strict}:
            s.topics_strict.fn += len(set(g.get("topics", [])))
            s.outcomes.fn += len(g.get("outcomes", []))
    for j, p in enumerate(pred):
        if j not in {pi for _, pi in strict}:
            s.topics_strict.fp += len(set(p.get("topics", [])))
            s.outcomes.fp += len(p.get("outcomes", []))
    if text is not None:
        art = Article(text)
        for j, p in enumerate(pred):
            others = pred[:j] + pred[j + 1 :]
            for key, (bad, total) in event_support(p, art, others).items():
                s.support[key][0] += bad
                s.support[key][1] += total
            if examples is not None:
                s.leaks += example_leaks(p, art, examples, others)

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
    bad = sum(v[0] for s in scores for v in s.support.values())
    total_v = sum(v[1] for s in scores for v in s.support.values())
    micro["unsupported"] = bad / total_v if total_v else None
    micro["unsupported_by_field"] = {
        f: (sum(s.support[f][0] for s in scores) / n if (n := sum(s.support[f][1] for s in scores)) else None)
        for f in SUPPORT_FIELDS
    }
    micro["example_leaks"] = sum(len(s.leaks) for s in scores)
    macro["grounding"] = _mean([s.grounded[0] / s.grounded[1] for s in scores if s.grounded[1]])
    return {"micro": micro, "macro": macro}
