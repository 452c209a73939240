"""Meeting-detection rules: what a sentence reports (cues, modality), who (offices, counterparts),
when and where (other occasions, places), and what the first answer missed (missed paragraphs).
They read text through `grounding.text` and their English through `grounding.lexicon` (see
`grounding`'s docstring for the module map)."""
