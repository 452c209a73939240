"""Is each returned value supported by the article? The scorer's own rules, and the example-leak check.

A value is **supported** when the article holds it, read by rules written here and nowhere in the
service (the judge shares no code with the judged):
- a participant's `name`: every token of the name is a word of the article;
- `title`: every word of it that is not a country or a little word ("of", "the") occurs in one
  sentence of the article that names the person (any sentence when the article never names them);
- a participant's `country` and `location.country`: the article names the country or its people
  ("Vietnam", "Vietnamese", "the UAE"); a location country also when the event's city is one the
  scorer's short city table places in it;
- `host`: a participant of the event whose name is supported;
- `date_text`, `location.city`, `location.venue`: the phrase occurs in the article;
- `date`: its `date_text` occurs in the article, or the article writes that day ("5 June", "June 5");
- each topic: a cue of that topic (`TOPIC_CUES`) occurs in the event's passage: from the paragraph
  of its first evidence quote up to the next paragraph that another returned event cites (else the
  end of the article); an event without located evidence has no passage;
- each outcome: the phrase occurs in the article, or at least 80 % of its content words occur in one
  sentence of it.
Enumerated labels (`format`, `status`, `mode`) are judged by accuracy, not support; evidence by the
grounding figure. A value may also carry its own provenance: a field `span` ([start, end], or
{start, end} as the service writes it) on a participant, topic or outcome object, or an event's
`provenance` entry for the field with a `span`, counts as supported when that span lies inside the
article.

An **example leak** is a returned value that equals a value of a prompt's worked example (its
output's strings, e.g. "agreement on green hydrogen") and that the article does not support by the
rules above, or a topic list equal to an example's when one of those topics is unsupported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evals.textnorm import country_key, fold, name_tokens

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_LITTLE = frozenset({"of", "the", "and", "for", "to", "on", "in", "a", "an", "de", "s"})
_MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
SUPPORT_FIELDS = (
    "name",
    "title",
    "participant_country",
    "host",
    "date",
    "date_text",
    "city",
    "location_country",
    "venue",
    "topics",
    "outcomes",
)

# Words that show a topic was spoken of, as stems (folded, matched at a word start).
TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "trade": ("trade", "tariff", "export", "import", "commerce", "commercial", "market access"),
    "investment": ("invest",),
    "energy": ("energy", "oil", "gas", "electric", "power", "nuclear", "hydrogen", "renewable", "lng"),
    "agriculture": ("agricultur", "farm", "food", "grain", "fisher", "crop"),
    "transport": ("transport", "rail", "aviation", "airline", "shipping", "port", "road", "logistic"),
    "security": ("security", "terror", "peace", "conflict", "war", "stabil", "nuclear weapon"),
    "defense": ("defen", "military", "arms", "weapon", "army", "navy", "troop"),
    "education": ("education", "universit", "student", "school", "academic", "scholarship"),
    "science_technology": (
        "scien",
        "technolog",
        "research",
        "innovat",
        "digital",
        "space",
        "cyber",
        "artificial intelligence",
    ),
    "culture": ("cultur", "arts", "artist", "heritage", "people-to-people", "sport", "film", "music"),
    "tourism": ("touris", "travel"),
    "health": ("health", "medic", "pandemic", "covid", "vaccin", "disease", "hospital"),
    "migration": ("migra", "refugee", "visa", "asylum", "diaspora"),
    "environment": ("environment", "climate", "emission", "biodivers", "green", "pollution", "forest"),
    "multilateral": (
        "united nations",
        "un ",
        "g20",
        "g7",
        "asean",
        "nato",
        "multilateral",
        "wto",
        "brics",
        "european union",
        "african union",
        "apec",
        "summit",
        "international",
        "global",
    ),
    "regional_issues": ("region", "peninsula", "middle east", "gaza", "ukraine", "indo-pacific", "neighbour"),
}

# Capital and large cities by country (ISO alpha-2), for a location country derived from its city.
_CITY_COUNTRY: dict[str, str] = {
    "washington": "US",
    "new york": "US",
    "london": "GB",
    "moscow": "RU",
    "beijing": "CN",
    "tokyo": "JP",
    "seoul": "KR",
    "hanoi": "VN",
    "ha noi": "VN",
    "new delhi": "IN",
    "paris": "FR",
    "berlin": "DE",
    "brussels": "BE",
    "canberra": "AU",
    "wellington": "NZ",
    "ottawa": "CA",
    "dublin": "IE",
    "rome": "IT",
    "madrid": "ES",
    "kyiv": "UA",
    "ankara": "TR",
    "cairo": "EG",
    "riyadh": "SA",
    "abu dhabi": "AE",
    "doha": "QA",
    "tehran": "IR",
    "jakarta": "ID",
    "phnom penh": "KH",
    "bangkok": "TH",
    "manila": "PH",
    "nairobi": "KE",
    "pretoria": "ZA",
    "brasilia": "BR",
    "mexico city": "MX",
    "buenos aires": "AR",
    "dushanbe": "TJ",
    "astana": "KZ",
    "tashkent": "UZ",
    "geneva": "CH",
    "vienna": "AT",
    "warsaw": "PL",
    "islamabad": "PK",
    "dhaka": "BD",
    "singapore": "SG",
    "kuala lumpur": "MY",
}


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def _contains_phrase(haystack_folded: str, phrase: str) -> bool:
    needle = fold(phrase)
    if not needle:
        return False
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack_folded) is not None


@dataclass
class Article:
    """What the support rules read of one article, computed once."""

    text: str
    published: dt.date | None = None
    folded: str = field(init=False)
    words: frozenset[str] = field(init=False)
    sentences: list[str] = field(init=False)
    countries: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.words = frozenset(_words(self.text))
        self.sentences = [fold(s) for s in _SENTENCE_END.split(self.text) if s.strip()]
        self.countries = frozenset(_countries_named(self.text))

    def span_ok(self, span: Any) -> bool:
        """A [start, end] (or {"start", "end"}, as the service writes spans) inside the article."""
        if isinstance(span, dict):
            span = [span.get("start"), span.get("end")]
        return (
            isinstance(span, list | tuple)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
            and 0 <= span[0] < span[1] <= len(self.text)
        )


def _countries_named(text: str) -> set[str]:
    """Country keys the article names, by name or demonym; only capitalised runs ("in" is no India)."""
    found: set[str] = set()
    tokens = re.findall(r"[^\W\d_][\w.'’]*", text)
    for i in range(len(tokens)):
        for n in (1, 2, 3):
            gram = tokens[i : i + n]
            if len(gram) < n or not gram[0][:1].isupper():
                continue
            joined = " ".join(gram).removesuffix("’s").removesuffix("'s")
            for phrase in {joined, joined.rstrip(".’'")}:
                if len(phrase) < 4 and not phrase.replace(".", "").isupper():
                    continue
                key = country_key(phrase)
                if len(key) == 2 and key.isupper():
                    found.add(key)
    return found


def _title_words(title: str) -> list[str]:
    return [w for w in _words(title) if w not in _LITTLE and len(country_key(w)) != 2]


def _title_supported(title: str, name: str, art: Article) -> bool:
    words = _title_words(title)
    if not words:
        return True  # nothing but a country: the country field is judged on its own
    tokens = name_tokens(name)
    naming = [s for s in art.sentences if any(t in _WORD_RE.findall(s) for t in tokens)] or art.sentences
    return any(all(re.search(r"(?<!\w)" + re.escape(w), s) for w in words) for s in naming)


def _date_written(day: dt.date, art: Article) -> bool:
    month = _MONTHS[day.month - 1]
    forms = (
        rf"\b{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month[:3]}",
        rf"\b{month[:3]}[a-z]*\.?\s+{day.day}\b",
    )
    return day.isoformat() in art.folded or any(re.search(f, art.folded) for f in forms)


def _outcome_supported(outcome: str, art: Article) -> bool:
    if _contains_phrase(art.folded, outcome):
        return True
    words = [w for w in _words(outcome) if w not in _LITTLE and len(w) > 2]
    if not words:
        return False
    return any(
        sum(1 for w in words if re.search(r"(?<!\w)" + re.escape(w), s)) >= 0.8 * len(words)
        for s in art.sentences
    )


def _topic_supported(topic: str, passage: str) -> bool:
    folded = " " + fold(passage) + " "
    return any(re.search(r"(?<!\w)" + re.escape(cue), folded) for cue in TOPIC_CUES.get(topic, ()))


def _starts(event: dict[str, Any], text: str) -> list[int]:
    """Where the event's evidence lies in the article (its offsets, else where the quote occurs)."""
    out = []
    for ev in event.get("evidence") or []:
        if not isinstance(ev, dict):
            continue
        start, quote = ev.get("start"), ev.get("quote") or ""
        if isinstance(start, int) and text[start : start + len(quote)] == quote:
            out.append(start)
        elif quote and (at := text.find(quote)) >= 0:
            out.append(at)
    return sorted(out)


def event_passage(event: dict[str, Any], others: list[dict[str, Any]], text: str) -> str:
    """The article text an event's topics may come from (module docstring)."""
    mine = _starts(event, text)
    if not mine:
        return ""
    begin = text.rfind("\n", 0, mine[0]) + 1
    first_line_end = text.find("\n", mine[-1])
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    later = [s for o in others for s in _starts(o, text) if s >= first_line_end]
    end = text.rfind("\n", 0, min(later)) + 1 if later else len(text)
    return text[begin : max(end, first_line_end)]


def _own_span(value: Any, event: dict[str, Any], key: str, art: Article) -> bool:
    """The value's own provenance: a `span` on the object, or the event's `provenance[key]`."""
    if isinstance(value, dict) and art.span_ok(value.get("span")):
        return True
    prov = (event.get("provenance") or {}).get(key)
    return isinstance(prov, dict) and art.span_ok(prov.get("span"))


def _text_of(value: Any, key: str) -> str | None:
    if isinstance(value, dict):
        v = value.get(key) or value.get("text") or value.get("quote")
        return v if isinstance(v, str) else None
    return value if isinstance(value, str) else None


def event_support(
    event: dict[str, Any], art: Article, others: list[dict[str, Any]] | None = None
) -> dict[str, list[int]]:
    """Per field: [unsupported, total] over the non-null values of one returned event.

    Args:
        event: the event (response shape).
        art: its article.
        others: the other events of the same answer (they bound the event's passage for topics).
    """
    out: dict[str, list[int]] = {f: [0, 0] for f in SUPPORT_FIELDS}
    for fieldname, _, ok in judged_values(event, art, others):
        out[fieldname][1] += 1
        out[fieldname][0] += int(not ok)
    return out


def judged_values(
    event: dict[str, Any], art: Article, others: list[dict[str, Any]] | None = None
) -> list[tuple[str, Any, bool]]:
    """Each non-null value of one returned event, judged by the rules above.

    Args:
        event: the event (response shape).
        art: its article.
        others: the other events of the same answer (they bound the event's passage for topics).

    Returns:
        (field, value, supported) for every value, in the event's order.
    """
    out: list[tuple[str, Any, bool]] = []

    def judge(fieldname: str, ok: bool, value: Any = None) -> None:
        out.append((fieldname, value, bool(ok)))

    people = event.get("participants") or []
    supported_names: list[str] = []
    for i, p in enumerate(people):
        name = p.get("name") or ""
        name_ok = _own_span(p, event, f"participants.{i}.name", art) or (
            bool(name_tokens(name)) and all(t in art.words for t in name_tokens(name))
        )
        judge("name", name_ok, name)
        if name_ok:
            supported_names.append(name)
        if p.get("title"):
            judge(
                "title",
                _own_span(p.get("title_span"), event, f"participants.{i}.title", art)
                or _title_supported(p["title"], name, art),
                p["title"],
            )
        if p.get("country"):
            judge(
                "participant_country",
                _own_span(p.get("country_span"), event, f"participants.{i}.country", art)
                or country_key(p["country"]) in art.countries,
                p["country"],
            )
    if event.get("host"):
        host_tokens = set(name_tokens(event["host"]))
        judge(
            "host",
            any(host_tokens and host_tokens <= set(name_tokens(n)) for n in supported_names),
            event["host"],
        )
    date_text = event.get("date_text")
    if date_text:
        judge(
            "date_text",
            _own_span(None, event, "date_text", art) or _contains_phrase(art.folded, date_text),
            date_text,
        )
    if event.get("date"):
        try:
            day = dt.date.fromisoformat(str(event["date"]))
        except ValueError:
            judge("date", False, event["date"])
        else:
            judge(
                "date",
                _own_span(None, event, "date", art)
                or bool(date_text and _contains_phrase(art.folded, date_text))
                or _date_written(day, art),
                event["date"],
            )
    loc = event.get("location") or {}
    city = loc.get("city")
    city_ok = False
    if city:
        city_ok = _own_span(None, event, "location.city", art) or _contains_phrase(art.folded, city)
        judge("city", city_ok, city)
    if loc.get("country"):
        key = country_key(loc["country"])
        judge(
            "location_country",
            _own_span(None, event, "location.country", art)
            or key in art.countries
            or (city_ok and _CITY_COUNTRY.get(fold(city or "")) == key),
            loc["country"],
        )
    if loc.get("venue"):
        judge(
            "venue",
            _own_span(None, event, "location.venue", art) or _contains_phrase(art.folded, loc["venue"]),
            loc["venue"],
        )
    passage = event_passage(event, others or [], art.text)
    for j, topic in enumerate(event.get("topics") or []):
        text = _text_of(topic, "topic") or ""
        judge("topics", _own_span(topic, event, f"topics.{j}", art) or _topic_supported(text, passage), text)
    for j, outcome in enumerate(event.get("outcomes") or []):
        text = _text_of(outcome, "outcome") or ""
        judge(
            "outcomes", _own_span(outcome, event, f"outcomes.{j}", art) or _outcome_supported(text, art), text
        )
    return out


@dataclass(frozen=True)
class ExampleValues:
    """The strings and topic lists of the prompts' worked examples (what an answer must not copy)."""

    strings: frozenset[str] = frozenset()
    topic_sets: tuple[frozenset[str], ...] = ()

    @classmethod
    def load(cls, folder: Path) -> ExampleValues:
        """Read every `*.yaml` prompt file under `folder` (recursively) for its examples' outputs."""
        strings: set[str] = set()
        topic_sets: list[frozenset[str]] = []
        for path in sorted(folder.rglob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for example in doc.get("examples") or []:
                output = example.get("output") or {}
                for event in output.get("events") or []:
                    topics = [t for t in event.get("topics") or [] if isinstance(t, str)]
                    if len(topics) >= 2:
                        topic_sets.append(frozenset(topics))
                    for value in _leaves(event):
                        if isinstance(value, str) and len(fold(value)) >= 4:
                            strings.add(fold(value))
        return cls(frozenset(strings), tuple(dict.fromkeys(topic_sets)))


def _leaves(value: Any) -> Iterable[Any]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


_LABELS = frozenset(
    {
        "in_person",
        "phone",
        "video",
        "occurred",
        "planned",
        "visit",
        "third_party",
        "multilateral",
        *TOPIC_CUES,
    }
)


def example_leaks(
    event: dict[str, Any], art: Article, examples: ExampleValues, others: list[dict[str, Any]] | None = None
) -> list[str]:
    """The values of one returned event that only a prompt's worked example holds: equal to one of
    the examples' values and not supported by the article (`judged_values`, the rules of the
    unsupported figure), so a country the article gives by its demonym is not a leak."""
    judged = judged_values(event, art, others)
    leaks = [
        value
        for _, value, ok in judged
        if not ok and isinstance(value, str) and value not in _LABELS and fold(value) in examples.strings
    ]
    topics = frozenset(t for t in event.get("topics") or [] if isinstance(t, str))
    if topics and topics in examples.topic_sets and any(f == "topics" and not ok for f, _, ok in judged):
        leaks.append("topics=" + ",".join(sorted(topics)))
    return leaks
