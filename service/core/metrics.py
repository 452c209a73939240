"""Prometheus metrics, in a registry of the app's own (so tests can build many apps)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    """The service's own metrics; HTTP request metrics come from the instrumentator."""

    def __init__(self, registry: CollectorRegistry | None = None):
        self.registry = registry or CollectorRegistry()
        self.llm_latency = Histogram(
            "llm_call_seconds",
            "Latency of one upstream LLM HTTP call",
            ["outcome"],
            registry=self.registry,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160),
        )
        self.attempts = Histogram(
            "extract_attempts",
            "LLM answers per extraction (validation re-asks included)",
            registry=self.registry,
            buckets=(1, 2, 3, 4, 5, 8),
        )
        self.transport_attempts = Histogram(
            "extract_transport_attempts",
            "Upstream HTTP calls per extraction (transport retries included)",
            registry=self.registry,
            buckets=(1, 2, 3, 4, 5, 8, 12),
        )
        self.dropped_events = Counter(
            "extract_dropped_events",
            "Events left out of partial answers (invalid on every attempt)",
            registry=self.registry,
        )
        self.notes = Counter(
            "extract_notes",
            "Notes the pipeline steps wrote (a change to an answer, or a doubt), by code and step",
            ["code", "step"],
            registry=self.registry,
        )
        self.tokens = Counter("llm_tokens", "Tokens spent upstream", ["kind"], registry=self.registry)
        self.cache = Counter("extract_cache", "Result cache lookups", ["result"], registry=self.registry)
        self.outcomes = Counter(
            "extract_outcomes", "Extractions by outcome code", ["outcome"], registry=self.registry
        )
        self.shared_state_errors = Counter(
            "shared_state_errors",
            "Redis operations that failed (SERVICE_REDIS_URL); Redis is then bypassed for a while",
            ["op"],
            registry=self.registry,
        )

    def observe_llm_call(self, seconds: float, outcome: str) -> None:
        """Record one upstream call."""
        self.llm_latency.labels(outcome=outcome).observe(seconds)
