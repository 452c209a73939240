"""Notes: what a pipeline step changed in an answer, or doubted, with the article span it concerns."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NoteSpan(BaseModel):
    """A stretch of the article: text[start:end]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0, description="Start character offset in the article.")
    end: int = Field(ge=0, description="End character offset, exclusive.")


class Note(BaseModel):
    """One thing a step of the pipeline did to the answer (added, dropped, split, merged, changed a
    value) or doubted; the response's `warnings` are these notes' messages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable machine-readable code, e.g. 'event_dropped_unasserted'.")
    step: str = Field(description="The pipeline step that wrote it, e.g. 'modality' (README: How it works).")
    span: NoteSpan | None = Field(
        default=None, description="The article text the note is about (a sentence, a phrase), if any."
    )
    message: str = Field(description="What happened, for a person to read.")
