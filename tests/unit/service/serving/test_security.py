"""service.serving.security: the per-caller token bucket."""

from __future__ import annotations

import pytest

from service.core.errors import RateLimited
from service.serving.security import RateLimiter


def test_token_bucket_refills() -> None:
    limiter = RateLimiter(per_minute=60, burst=1)
    limiter.check("k", now=0.0)
    with pytest.raises(RateLimited, match="too many") as caught:
        limiter.check("k", now=0.5)
    assert caught.value.headers == {"Retry-After": "1"}
    limiter.check("other", now=0.5)  # its own bucket
    limiter.check("k", now=1.01)


def test_idle_buckets_are_evicted() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)  # an empty bucket refills in 2 s
    for caller in ("a", "b", "c"):
        limiter.check(caller, now=0.0)
    assert len(limiter) == 3
    limiter.check("a", now=1.5)  # not idle long enough: nothing evicted
    assert len(limiter) == 3
    limiter.check("d", now=3.0)  # b and c idle for 3 s (full again): evicted; a (1.5 s) stays
    assert len(limiter) == 2
    # An evicted caller starts again from a full bucket: exactly what it would have had.
    limiter.check("b", now=3.0)
    limiter.check("b", now=3.0)
    with pytest.raises(RateLimited):
        limiter.check("b", now=3.0)
