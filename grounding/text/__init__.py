"""General text utilities over English news copy: folding, sentences, spans, names, countries,
cities, dates, candidates and language. Nothing here knows about meetings, and nothing here imports
`grounding.rules` (see `grounding`'s docstring for the module map)."""
