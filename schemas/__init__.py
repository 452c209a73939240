"""Pydantic models of the meeting-event service. Never imports the service."""

from schemas.events import SCHEMA_VERSION, TOPICS, Evidence, Location, MeetingEvent, Participant
from schemas.extraction import ArticleContext, LLMEvent, LLMExtraction

__all__ = [
    "SCHEMA_VERSION",
    "TOPICS",
    "ArticleContext",
    "Evidence",
    "LLMEvent",
    "LLMExtraction",
    "Location",
    "MeetingEvent",
    "Participant",
]
