"""service.security: the per-caller token bucket."""

from __future__ import annotations

import pytest

from service.errors import RateLimited
from service.security import RateLimiter


def test_token_bucket_refills() -> None:
    limiter = RateLimiter(per_minute=60, burst=1)
    limiter.check("k", now=0.0)
    with pytest.raises(RateLimited, match="too many") as caught:
        limiter.check("k", now=0.5)
    assert caught.value.headers == {"Retry-After": "1"}
    limiter.check("other", now=0.5)  # its own bucket
    limiter.check("k", now=1.01)
