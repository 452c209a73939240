"""`python -m evals run|compare|rescore|ablate|report|merge|probe ...`: the eval harness's command line."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys
from pathlib import Path

from evals.ablation import STEPS, ablate
from evals.cases import default_sets, load_set
from evals.compare import RULE, compare, parse_pair
from evals.merge import MergeError, merge_runs
from evals.peers import PEERS
from evals.probe import PROBES_FILE, ProbeError, load_probes, markdown, run_probes, save, summary
from evals.replay import ANSWERS_FILE
from evals.report import ablation_markdown, write_reports
from evals.results import load_results, rescore
from evals.runner import EMBEDDED_MODELS, RUNS_DIR, RunConfig, default_peer_model, run_eval, save_run


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run prompts x models over the cases and write results + reports")
    run.add_argument(
        "--prompt", action="append", dest="prompts", help="prompt version (repeatable); default v1"
    )
    run.add_argument(
        "--model",
        action="append",
        dest="models",
        help=f"{' | '.join(EMBEDDED_MODELS)} (embedded) or a remote model name with --base-url (repeatable)",
    )
    run.add_argument(
        "--peer",
        action="append",
        dest="peers",
        choices=PEERS,
        default=[],
        help="also run a peer baseline on the same upstream and cases (repeatable); needs .[peers]",
    )
    run.add_argument(
        "--peer-model",
        default=None,
        help="model the peers run on (default: the service's default embedded model, or the first --model "
        "with --base-url)",
    )
    run.add_argument("--base-url", default=None, help="OpenAI-compatible base URL for remote models")
    run.add_argument("--api-key", default=None, help="key for --base-url (else LLM_API_KEY)")
    run.add_argument("--service-url", default=None, help="score a running service over HTTP instead")
    run.add_argument(
        "--cases",
        type=Path,
        action="append",
        default=None,
        help="a case set: folder of gold *.json (+ articles); repeatable, each reported separately "
        "(default: evals/gold/seeds and evals/gold/dev)",
    )
    run.add_argument("--out", type=Path, default=None, help="run folder (default evals/runs/<timestamp>)")
    run.add_argument(
        "--case-budget-s",
        type=float,
        default=None,
        help="seconds one case may take (service cells and peers alike) before it counts as an error, "
        "code case_timeout (default: no limit)",
    )
    run.add_argument(
        "--record",
        action="store_true",
        help="record every model answer into <out>/llm_answers.jsonl.gz (what `ablate` replays)",
    )
    run.add_argument(
        "--skip-step",
        action="append",
        dest="skip_steps",
        choices=STEPS,
        default=[],
        help="switch a post-processing step off (repeatable; SERVICE_SKIP_STEPS)",
    )
    run.add_argument(
        "--timing-from",
        type=Path,
        default=None,
        help="a live run whose answers this run replays (--record into a folder holding its "
        "llm_answers.jsonl.gz): replayed cases take its seconds",
    )
    abl = sub.add_parser(
        "ablate",
        help="replay a recorded run with each post-processing step off; adds the table to its report",
    )
    abl.add_argument("run", type=Path, help="run folder recorded with --record")
    abl.add_argument("--step", action="append", dest="steps", choices=STEPS, help="only these steps")
    abl.add_argument("--base-url", default=None, help="upstream of the run's remote model cells")
    res = sub.add_parser(
        "rescore",
        help="score a run's stored predictions again with the current scorer and gold; rewrite its reports",
    )
    res.add_argument("run", type=Path)
    res.add_argument("--out", type=Path, default=None, help="write the rescored run here (default: in place)")
    cmp_ = sub.add_parser(
        "compare",
        help="per-figure deltas between two runs; exit 1 on a regression outside the noise",
        description=f"Per set and cell: A -> B, B - A and its 95% interval. Rule: {RULE}.",
    )
    cmp_.add_argument("run_a", type=Path, help="baseline run folder (or results.json)")
    cmp_.add_argument("run_b", type=Path, help="candidate run folder (or results.json)")
    cmp_.add_argument(
        "--pair",
        dest="pairs",
        action="append",
        default=None,
        metavar="PROMPT:MODEL=PROMPT:MODEL",
        help="compare A's cell with B's (repeatable), e.g. v2:qwen05=v7:qwen05 for a new prompt "
        "against the default; default: cells of the same prompt and model",
    )
    rep = sub.add_parser("report", help="rewrite report.md/report.html of a run from its results.json")
    rep.add_argument("run", type=Path)
    mrg = sub.add_parser(
        "merge", help="join runs made separately on the same cases (e.g. one model per process) into one run"
    )
    mrg.add_argument("runs", type=Path, nargs="+", help="run folders (or results.json), in cell order")
    mrg.add_argument("--out", type=Path, required=True, help="folder of the merged run")
    prb = sub.add_parser(
        "probe",
        help="run the sentence probes (English forms of a meeting and of none) through the pipeline; "
        "exit 1 when a trial disagrees with the file's known gaps",
    )
    prb.add_argument("--probes", type=Path, default=PROBES_FILE, help="probe file (YAML)")
    prb.add_argument("--out", type=Path, default=None, help="also write probes.json and probes.md here")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.command == "run":
        out = args.out or RUNS_DIR / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        config = RunConfig(
            prompts=args.prompts or ["v1"],
            # Peers alone (e.g. to merge with model runs made elsewhere) need no model cell.
            models=args.models
            or ([] if args.peers else ["default"] if args.service_url else [default_peer_model()]),
            base_url=args.base_url,
            service_url=args.service_url,
            api_key=args.api_key,
            peers=tuple(args.peers),
            peer_model=args.peer_model,
            case_budget_s=args.case_budget_s,
            answers=out / ANSWERS_FILE if args.record else None,
            skip_steps=frozenset(args.skip_steps),
            timing_from=args.timing_from,
        )
        sets = [load_set(folder) for folder in (args.cases or default_sets())]
        results = asyncio.run(run_eval(config, sets, out))
        save_run(results, out)
        from evals.report import matrix_markdown

        for case_set in results["sets"]:
            print(f"\n## {case_set['name']}\n\n" + matrix_markdown(results, case_set["name"]))
        print(f"\nwrote {out}/results.json, report.md, report.html")
        return 0
    if args.command == "ablate":
        results = load_results(args.run)
        steps = tuple(args.steps or STEPS)
        results["ablation"] = asyncio.run(ablate(results, args.run, steps, args.base_url))
        save_run(results, args.run, register=False)
        print(ablation_markdown(results))
        return 0
    if args.command == "rescore":
        out = args.out or args.run
        save_run(rescore(load_results(args.run)), out, register=out != args.run)
        print(f"rescored {args.run} -> {out}")
        return 0
    if args.command == "report":
        write_reports(load_results(args.run), args.run)
        return 0
    if args.command == "probe":
        try:
            outcomes = asyncio.run(run_probes(load_probes(args.probes)))
        except ProbeError as e:
            print(f"bad probe file: {e}", file=sys.stderr)
            return 2
        if args.out is not None:
            save(outcomes, args.out)
        print(markdown(outcomes))
        return 1 if summary(outcomes)["unexpected"] else 0
    if args.command == "merge":
        try:
            merged = merge_runs([load_results(r) for r in args.runs], args.out.name)
        except MergeError as e:
            print(f"cannot merge: {e}", file=sys.stderr)
            return 2
        save_run(merged, args.out)
        print(f"wrote {args.out}/results.json, report.md, report.html ({len(merged['cells'])} cells)")
        return 0
    try:
        run_a, run_b = load_results(args.run_a), load_results(args.run_b)
    except FileNotFoundError as e:
        print(f"no results.json: {e.filename}", file=sys.stderr)
        return 2
    try:
        pairs = [parse_pair(p) for p in args.pairs] if args.pairs else None
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 2
    lines, regressions = compare(run_a, run_b, pairs)
    print("\n".join(lines))
    if regressions:
        print(f"\n{len(regressions)} regression(s) outside the noise ({RULE}):")
        print("\n".join(f"  {r}" for r in regressions))
        return 1
    print("\nno regression")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
