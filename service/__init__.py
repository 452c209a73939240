"""The service: HTTP surface, serving stack, extraction pipeline and LLM side, in that import order.

- `service.api`: the FastAPI app factory, routes, dependencies, middleware, the /docs page.
- `service.serving`: what stands between the routes and the pipeline: the runtime that opens the
  stack, caller security and rate limits, admission, the result cache and the state replicas share.
- `service.pipeline`: one article in, events out: the extractor, its prompts, chunking and the
  steps that ground, check, add and drop events.
- `service.llm`: talking to the model: the injected clients, the HTTP transport, instructor, the
  llama.cpp grammar, answer salvage, and the embedded model server and its supervisor.
- `service.cli`: the command line (`python -m service`) and bulk extraction.
- `service.core`: settings, error types, metrics and logs, imported by every part.

Imports run one way: cli -> api -> serving -> pipeline -> llm, with `core` beside them all
(`tests/unit/service/test_layers.py` checks it).
"""
