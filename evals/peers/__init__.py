"""Peer baselines scored on the same cases and the same upstream model as the service.

- `instructor`: what a user gets from a short instructor script (plain response model, no grounding,
  no grammar, no date resolution, no normalisation);
- `langextract`: Google's LangExtract through its OpenAI-compatible provider, its extractions mapped
  to events (see `evals.peers.langextract_peer`).

Each peer answers one case as (events in the response shape, meta, error): the runner scores it
exactly as it scores the service.
"""

from __future__ import annotations

from evals.peers.common import PEERS, PeerConfig, open_peer

__all__ = ["PEERS", "PeerConfig", "open_peer"]
