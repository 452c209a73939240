"""Pydantic models of the meeting-event service and their validators (which call `grounding`).

Never imports `service`.
"""
