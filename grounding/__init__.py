"""Grounding: tying what a model says to the article it read.

Pure functions over text, no Pydantic models and no I/O; `schemas` validators and the `service`
pipeline call them. Modules, in the order an answer meets them:
- `vocabulary`: the word lists (months, weekdays, titles, offices, pronouns), each written once;
- `folding`: case, diacritics, typographic marks and spacing folded away, offsets kept;
- `sentences`: sentence boundaries;
- `candidates`: what an article offers a model to copy (sentences aside): names, dates, offices, countries;
- `article`: one article prepared once for every check (`ArticleContext`);
- `spans`: locating a quote (exact, tolerant, fuzzy) and grounding a list of quotes;
- `names`: person-name matching and restoring a name as the article writes it;
- `countries`: any spelling of a country to one English short name;
- `dates`: a date phrase plus the publication date to a calendar date;
- `cues`: whether the passage an event cites reports a meeting at all;
- `offices`: who "The Prime Minister" of a government readout is, on its publication date.
"""
