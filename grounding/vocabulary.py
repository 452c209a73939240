"""Word lists, one per kind of word, shared by every module that needs them."""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "Sep" before "Sept": alternations built from these try them in this order.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

# Folded tokens that are never part of a person's name: offices, honorifics and the little words
# between them ("President Cường" names "Cường"; "Minister of Foreign Affairs" names nobody).
TITLE_WORDS = frozenset(
    {
        "president",
        "state",
        "vice",
        "prime",
        "minister",
        "pm",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sultan",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "he",
        "his",
        "her",
        "excellency",
        "majesty",
        "general",
        "secretary",
        "governor",
        "governor-general",
        "foreign",
        "deputy",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "head",
        "speaker",
        "senator",
        "ambassador",
        "of",
        "the",
        "and",
    }
)

# Offices as whole phrases, as written in news copy: the title vocabulary a model may choose from.
OFFICES = (
    "State President",
    "Vice President",
    "President",
    "Prime Minister",
    "Deputy Prime Minister",
    "PM",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Emir",
    "Sultan",
    "Premier",
    "Head of State",
    "Governor-General",
    "Secretary-General",
    "General Secretary",
    "Chairman",
    "Speaker",
    "Leader of the Nation",
    "Ambassador",
)

# Folded words that, starting a capitalised run, show it is not a name ("During Tuesday's talks").
NOT_NAME_STARTS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "the",
        "this",
        "that",
        "these",
        "those",
        "both",
        "during",
        "while",
        "as",
        "in",
        "on",
        "at",
        "last",
        "following",
        "our",
        "his",
        "her",
        "their",
        "photo",
        "then",
    }
)
