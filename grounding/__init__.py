"""Grounding: tying what a model says to the article it read.

Pure functions over text, no Pydantic models and no I/O; `schemas` validators and the `service`
pipeline call them. Three parts, and one module that joins them:

- `grounding.text`: general text utilities. They know English text (sentences, names, dates,
  countries, cities) but nothing of meetings: any extraction task over news copy could use them.
- `grounding.rules`: the meeting-detection rules. They read text through `grounding.text` and
  decide what reports a meeting, between whom, when and where. Rules import text utilities, never
  the reverse (a test holds the line), so the utilities stay reusable and the rules stay in one
  place to audit.
- `grounding.lexicon`: the English language knowledge both use, as data (`lexicon/*.yaml`: word
  lists, patterns, tables, office-holders with dates and sources), read once and checked at
  start-up (`check_lexicon`). Code holds no English word list; a test keeps it so.
- `grounding.article`: one article prepared once for every check (`ArticleContext`); it joins text
  utilities (folding, names, spans) and one rule (who a bare office phrase means), so it sits
  above both.

Modules, in the order an answer meets them:
- `text.folding`: case, diacritics, typographic marks and spacing folded away, offsets kept;
- `text.sentences`: sentence and line (paragraph) boundaries, the paragraph around a quote, the lead lines;
- `text.language`: whether an article is English (share of function words);
- `text.candidates`: what an article offers a model to copy: names, dates, offices, countries; titles;
- `text.spans`: locating a quote (exact, tolerant, fuzzy) and grounding a list of quotes;
- `text.names`: person-name matching, surnames in a passage, a name restored as the article writes it;
- `text.countries`: any spelling of a country to one English short name;
- `text.gazetteer`: the world's cities (GeoNames): is a name a city, and in which country;
- `text.dates`: a date phrase plus the publication date to a calendar date;
- `article`: the article as validation context (`ArticleContext`);
- `rules.offices`: who "The Prime Minister" of a government readout is, on its publication date;
- `rules.cues`: whether the passage an event cites reports a meeting; call or video; met together;
- `rules.modality`: sentences that deny, doubt, wish for or order a meeting rather than report one;
- `rules.places`: countries an article names as places; the city or country a sentence gives as where;
- `rules.missed_paragraphs`: paragraphs reporting a meeting with a titled person no event names
  (the paragraphs a second question asks about);
- `rules.other_occasions`: another meeting of a pair found, recalled in passing or announced;
- `rules.counterparts`: the principal's counterparts one sentence each, listed engagements, the
  subject an event left out, the readout's lead person;
- `lexicon`: the loader and checker of `lexicon/*.yaml`.
"""
