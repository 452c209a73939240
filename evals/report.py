"""Readable reports of an eval run: report.md (matrices per case set) and report.html (plus charts and cases).

Every figure is shown per case set (seeds, dev, ...), never pooled, with its 95 % bootstrap interval.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from evals.bootstrap import FIGURES
from evals.charts import figure_chart, grid_colour
from evals.scorer import ACCURACY_FIELDS
from evals.support import SUPPORT_FIELDS

# Figures shown in the matrix, each with its interval; the first is the headline.
MATRIX_FIGURES = (
    "event_f1_strict",
    "event_p_strict",
    "event_r_strict",
    "event_f1",
    "participant_f1",
    "participant_country",
    "date",
    "city",
    "location_country",
    "format",
    "status",
    "mode",
    "topics_f1",
    "grounding",
    "success_rate",
)
# Every field of an event, over strict pairs, and what no article supports (lower is better there).
FIELD_FIGURES = (
    *ACCURACY_FIELDS,
    "topics_p_strict",
    "topics_r_strict",
    "outcomes_p",
    "outcomes_r",
    "outcomes_f1",
    "unsupported",
    "example_leaks",
)
# Dev beside test: the figures of the generalisation table.
GAP_FIGURES = (
    "event_f1_strict",
    "event_r_strict",
    "participant_f1",
    "participant_title",
    "participant_country",
    "date",
    "city",
    "topics_p_strict",
    "topics_r_strict",
    "outcomes_p",
    "outcomes_r",
    "unsupported",
    "success_rate",
)
# Held-out sets are reported in aggregate only: no per-case table, grid or case pages (evals/README.md).
HELD_OUT = frozenset({"test", "test2", "test3", "test4"})
HELD_OUT_NOTE = (
    "Held out: reported in aggregate only, never case by case (evals/README.md); the per-case rows "
    "stay in results.json for the intervals and `compare`."
)
# Figures drawn in the chart.
CHART_FIGURES = ("event_f1_strict", "event_f1", "participant_f1", "date", "city", "success_rate")
# (label, path into a set summary, format): cost columns, no interval.
COST_COLUMNS: list[tuple[str, tuple[str, ...], str]] = [
    ("s/article", ("seconds_per_article",), "{:.1f}"),
    ("attempts", ("mean_attempts",), "{:.1f}"),
    ("prompt tok", ("mean_prompt_tokens",), "{:.0f}"),
    ("compl. tok", ("mean_completion_tokens",), "{:.0f}"),
]


def metric(summary: dict[str, Any], path: tuple[str, ...]) -> float | None:
    """Read one figure from a set summary (None when not applicable)."""
    value: Any = summary
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def figure(summary: dict[str, Any], name: str) -> tuple[float | None, list[float] | None]:
    """A figure's value and 95 % interval from a set summary."""
    f = summary.get("figures", {}).get(name) or {}
    return f.get("value"), f.get("ci")


def _fmt(value: float | None, fmt: str = "{:.2f}") -> str:
    return "–" if value is None else fmt.format(value)


def _with_ci(value: float | None, ci: list[float] | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def cell_label(cell: dict[str, Any]) -> str:
    """How a matrix row is named: prompt × model, or peer:<name> × model."""
    return f"{cell['prompt']} × {cell['model']}"


def matrix_markdown(results: dict[str, Any], set_name: str) -> str:
    """One case set's cell matrix as a Markdown table: figures with [95 % interval], best value in bold."""
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    summaries = [c["sets"][set_name]["summary"] for c in cells]
    best = {
        n: max((v for s in summaries if (v := figure(s, n)[0]) is not None), default=None)
        for n in MATRIX_FIGURES
    }
    head = "| prompt | model | " + " | ".join(FIGURES[n][0] for n in MATRIX_FIGURES)
    head += " | " + " | ".join(label for label, *_ in COST_COLUMNS) + " |"
    sep = "|---|---|" + "---:|" * (len(MATRIX_FIGURES) + len(COST_COLUMNS))
    lines = [head, sep]
    for c, s in zip(cells, summaries, strict=True):
        row = []
        for n in MATRIX_FIGURES:
            v, ci = figure(s, n)
            text = _with_ci(v, ci)
            row.append(f"**{text}**" if v is not None and v == best[n] and len(cells) > 1 else text)
        row += [_fmt(metric(s, path), fmt) for _, path, fmt in COST_COLUMNS]
        lines.append(f"| {c['prompt']} | {c['model']} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def fields_markdown(results: dict[str, Any], set_name: str) -> str:
    """Every field of one set, per cell: accuracies over strict pairs, topics and outcomes P/R,
    unsupported values and example leaks (the share of returned values)."""
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    lines = [
        "| prompt | model | " + " | ".join(FIGURES[n][0] for n in FIELD_FIGURES) + " | leaked values |",
        "|---|---|" + "---:|" * (len(FIELD_FIGURES) + 1),
    ]
    for c in cells:
        summary = c["sets"][set_name]["summary"]
        row = [_with_ci(*figure(summary, n)) for n in FIELD_FIGURES]
        leaks = [v for r in c["sets"][set_name]["cases"] for v in r["score"].get("leaks", [])]
        row.append(str(len(leaks)))
        lines.append(f"| {c['prompt']} | {c['model']} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def unsupported_markdown(results: dict[str, Any], set_name: str) -> str:
    """Share of returned values no article supports, per field and cell (`evals/support.py`)."""
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    fields = list(SUPPORT_FIELDS)
    lines = ["| prompt | model | " + " | ".join(fields) + " |", "|---|---|" + "---:|" * len(fields)]
    for c in cells:
        by_field: dict[str, list[int]] = {f: [0, 0] for f in fields}
        for r in c["sets"][set_name]["cases"]:
            for f, v in (r["score"].get("unsupported") or {}).items():
                if f in by_field:
                    by_field[f][0] += v["unsupported"]
                    by_field[f][1] += v["total"]
        row = [f"{b / t:.2f} ({b}/{t})" if t else "–" for b, t in by_field.values()]
        lines.append(f"| {c['prompt']} | {c['model']} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def gap_markdown(results: dict[str, Any], dev: str = "dev", test: str = "test") -> str | None:
    """Dev beside test for every cell that ran both: each figure as dev → test and the gap (test − dev)."""
    cells = [c for c in results["cells"] if dev in c["sets"] and test in c["sets"]]
    if not cells:
        return None
    lines = [
        "| prompt | model | " + " | ".join(FIGURES[n][0] for n in GAP_FIGURES) + " | s/article |",
        "|---|---|" + "---|" * (len(GAP_FIGURES) + 1),
    ]
    for c in cells:
        a, b = c["sets"][dev]["summary"], c["sets"][test]["summary"]
        row = []
        for n in GAP_FIGURES:
            va, vb = figure(a, n)[0], figure(b, n)[0]
            gap = "" if va is None or vb is None else f" ({vb - va:+.2f})"
            row.append(f"{_fmt(va)} → {_fmt(vb)}{gap}")
        row.append(
            f"{_fmt(metric(a, ('seconds_per_article',)), '{:.1f}')} → "
            f"{_fmt(metric(b, ('seconds_per_article',)), '{:.1f}')}"
        )
        lines.append(f"| {c['prompt']} | {c['model']} | " + " | ".join(row) + " |")
    strict = [
        f"- **{cell_label(c)}** strict event F1: dev {_with_ci(*figure(c['sets'][dev]['summary'], 'event_f1_strict'))}, "
        f"test {_with_ci(*figure(c['sets'][test]['summary'], 'event_f1_strict'))}"
        for c in cells
    ]
    return "\n".join(lines) + "\n\n" + "\n".join(strict)


def ablation_markdown(results: dict[str, Any]) -> str | None:
    """The ablation table: strict event F1 and unsupported values with each step switched off."""
    ablation = results.get("ablation")
    if not ablation:
        return None
    parts = []
    for cell in ablation["cells"]:
        sets = list(cell["rows"][0]["sets"])
        head = (
            "| step switched off | "
            + " | ".join(f"{n} strict F1 | {n} Δ | {n} unsupported | {n} Δ" for n in sets)
            + " | answers asked live |"
        )
        lines = [
            f"**{cell['prompt']} × {cell['model']}** (replayed from `{ablation['answers']}`)",
            "",
            head,
            "|---|" + "---:|" * (4 * len(sets) + 1),
        ]
        base = cell["rows"][0]["sets"]
        for row in cell["rows"]:
            out = []
            for n in sets:
                f, u = row["sets"][n]["event_f1_strict"], row["sets"][n]["unsupported"]
                bf, bu = base[n]["event_f1_strict"], base[n]["unsupported"]
                out += [
                    _with_ci(f, row["sets"][n].get("event_f1_strict_ci")),
                    "" if f is None or bf is None or row is cell["rows"][0] else f"{f - bf:+.3f}",
                    _fmt(u),
                    "" if u is None or bu is None or row is cell["rows"][0] else f"{u - bu:+.3f}",
                ]
            lines.append(f"| {row['step']} | " + " | ".join(out) + f" | {row.get('asked', 0)} |")
        parts.append("\n".join(lines))
    return (
        "Each row replays the same recorded model answers through the pipeline with one step switched "
        "off (`SERVICE_SKIP_STEPS`); Δ is against the first row (every step on). A step helps where "
        "switching it off lowers strict F1 or raises unsupported values.\n\n" + "\n\n".join(parts)
    )


def _tag_text(t: dict[str, Any], tag: str) -> str:
    if tag == "negative":
        return f"no event on {t['no_event']} of {t['cases']}"
    parts = [f"F1 {_fmt(t['event_f1_strict'])}"]
    if tag == "multi" and t.get("event_r_strict") is not None:
        parts.append(f"R {_fmt(t['event_r_strict'])}")
    if t.get("unsupported") is not None:
        parts.append(f"unsupp. {_fmt(t['unsupported'])}")
    if tag == "planned":
        parts.append(f"status {_fmt(t['status'])}")
    if tag == "relative_date":
        parts.append(f"date {_fmt(t['date'])}")
    return ", ".join(parts) + f" (n={t['cases']})"


def tags_markdown(results: dict[str, Any], set_name: str) -> str | None:
    """Per-tag figures of one set: strict F1 per tag, status accuracy on planned, no-event count on negatives."""
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    tags = sorted({t for c in cells for t in c["sets"][set_name]["summary"].get("by_tag", {})})
    if not tags:
        return None
    lines = ["| prompt | model | " + " | ".join(tags) + " |", "|---|---|" + "---|" * len(tags)]
    for c in cells:
        by_tag = c["sets"][set_name]["summary"].get("by_tag", {})
        lines.append(
            f"| {c['prompt']} | {c['model']} | "
            + " | ".join(_tag_text(by_tag[t], t) if t in by_tag else "–" for t in tags)
            + " |"
        )
    return "\n".join(lines)


def error_types(rows: list[dict[str, Any]]) -> Counter[str]:
    """What went wrong in a cell's cases, by kind (over the cases' scored pairs)."""
    kinds: Counter[str] = Counter()
    for r in rows:
        if r["error"]:
            kinds[f"request failed ({r['error']['code']})"] += 1
        sc = r["score"]
        kinds["missed event"] += sc["events"]["fn"]
        kinds["spurious event"] += sc["events"]["fp"]
        for pair in sc["pairs"]:
            if not pair.get("strict", True):
                kinds["participants differ"] += 1
                continue
            for field in pair["wrong"]:
                kinds[f"wrong {field}"] += 1
    return Counter({k: v for k, v in kinds.items() if v})


def errors_markdown(results: dict[str, Any], set_name: str) -> str:
    """The most common error types of each cell on one set."""
    lines = []
    for c in results["cells"]:
        if set_name not in c["sets"]:
            continue
        top = error_types(c["sets"][set_name]["cases"]).most_common(5)
        lines.append(f"- **{cell_label(c)}**: " + (", ".join(f"{k} {v}" for k, v in top) or "none"))
    return "\n".join(lines)


def _markdown(results: dict[str, Any]) -> str:
    parts = [
        f"# Eval run `{results['run_id']}`",
        "",
        f"Created {results['created']}; wall time {results['wall_time_s']} s. Each case set is scored on its own. "
        "Figures are micro averages with a 95 % bootstrap interval over cases [low, high]. Strict event F1: "
        "a predicted event counts only when its participants equal the gold event's; lenient: any shared "
        "participant. Field accuracies over strict pairs. Unsupported values: the share of returned "
        "values the article does not hold (`evals/support.py`).",
    ]
    gap = gap_markdown(results)
    if gap:
        parts += ["", "## Generalisation: dev → test (gap)", "", gap]
    ablation = ablation_markdown(results)
    if ablation:
        parts += ["", "## Ablation: each post-processing step switched off", "", ablation]
    for case_set in results["sets"]:
        name = case_set["name"]
        parts += [
            "",
            f"## Set `{name}` ({len(case_set['cases'])} cases, `{case_set['dir']}`)",
            "",
            matrix_markdown(results, name),
            "",
            f"### `{name}`: every field (strict pairs) and unsupported values",
            "",
            fields_markdown(results, name),
            "",
            f"### `{name}`: unsupported values by field (unsupported/returned)",
            "",
            unsupported_markdown(results, name),
        ]
        tags = tags_markdown(results, name)
        if tags:
            parts += ["", f"### `{name}` by tag", "", tags]
        parts += ["", f"### `{name}`: most common errors", "", errors_markdown(results, name)]
        if name in HELD_OUT:
            parts += ["", HELD_OUT_NOTE]
            continue
        parts += ["", f"### `{name}` per case (strict event F1 / participant F1 / date ok)", ""]
        cells = [c for c in results["cells"] if name in c["sets"]]
        parts += [
            "| case | " + " | ".join(cell_label(c) for c in cells) + " |",
            "|---|" + "---|" * len(cells),
        ]
        for i, case in enumerate(case_set["cases"]):
            row = []
            for c in cells:
                r = c["sets"][name]["cases"][i]
                if r["error"]:
                    row.append(f"error: {r['error']['code']}")
                    continue
                sc = r["score"]
                date = sc["accuracy"]["date"]
                strict = sc.get("events_strict", sc["events"])
                row.append(
                    f"{strict['f1']:.2f} / {sc['participants']['f1']:.2f} / "
                    f"{'–' if date['value'] is None else int(date['value'])}"
                )
            parts.append(f"| {case['case']} | " + " | ".join(row) + " |")
    parts += ["", "## Settings", ""]
    for c in results["cells"]:
        errors = {n: s["summary"]["errors"] for n, s in c["sets"].items() if s["summary"]["errors"]}
        parts.append(
            f"- **{cell_label(c)}**: errors {errors or 'none'}; settings `{json.dumps(c['settings'], sort_keys=True)}`"
        )
    parts += [
        "",
        "Open `report.html` for the charts, the case × cell grid and gold vs predicted events side by side.",
    ]
    return "\n".join(parts) + "\n"


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1500px}
table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ccc;padding:4px 7px;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.best{background:#c8f0c8;font-weight:600}.bad{background:#ffd9d9}.miss{color:#a00}.extra{color:#a60}
.ok{color:#070}details{margin:6px 0 14px}summary{cursor:pointer;font-weight:600}
.article{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:10px;max-height:420px;overflow:auto}
mark{background:#ffe58a}mark.gold{background:#bde3ff}mark.both{background:#d4c4ff}.ev{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.small{color:#666;font-size:12px}code{background:#f3f3f3;padding:1px 3px}
td.cell{text-align:center;font-variant-numeric:tabular-nums}td.err{background:#ddd;color:#555}
svg text{font:11px system-ui,sans-serif}
"""


def _event_html(ev: dict[str, Any], wrong: set[str], missed: set[str], extra: set[str]) -> str:
    def cls(field: str) -> str:
        return ' class="bad"' if field in wrong else ""

    people = "<br>".join(
        f'<span class="{"miss" if p["name"] in missed else "extra" if p["name"] in extra else ""}">'
        f"{html.escape(p['name'])}</span> <span class=small>{html.escape(p.get('title') or '')}"
        f" · {html.escape(p.get('country') or '–')}</span>"
        for p in ev.get("participants", [])
    )
    loc = ev.get("location") or {}
    rows = [
        ("participants", people, ""),
        (
            "date",
            f"{ev.get('date') or '–'} <span class=small>({html.escape(ev.get('date_text') or '')})</span>",
            cls("date"),
        ),
        ("city", html.escape(loc.get("city") or "–"), cls("city")),
        ("country", html.escape(loc.get("country") or "–"), cls("location_country")),
        ("venue", html.escape(loc.get("venue") or "–"), ""),
        ("format", html.escape(str(ev.get("format") or "–")), cls("format")),
        ("status", html.escape(str(ev.get("status") or "–")), cls("status")),
        (
            "mode",
            f"{html.escape(str(ev.get('mode') or '–'))} {('(host ' + html.escape(ev['host']) + ')') if ev.get('host') else ''}",
            cls("mode"),
        ),
        ("topics", html.escape(", ".join(ev.get("topics", []))) or "–", ""),
        ("outcomes", "<br>".join(html.escape(o) for o in ev.get("outcomes", [])) or "–", ""),
    ]
    return "<table>" + "".join(f"<tr><th>{k}</th><td{c}>{v}</td></tr>" for k, v, c in rows) + "</table>"


def _article_html(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> str:
    spans: list[tuple[int, int, str]] = []
    for events, kind in ((gold, "gold"), (pred, "pred")):
        for ev in events:
            for q in ev.get("evidence", []):
                if q.get("start") is not None and q.get("end") is not None:
                    spans.append((q["start"], q["end"], kind))
    # Mark character by character so overlapping gold/predicted spans both show.
    marks = [""] * len(text)
    for start, end, kind in spans:
        for i in range(max(0, start), min(len(text), end)):
            marks[i] = "both" if marks[i] and marks[i] != kind else kind
    out: list[str] = []
    current = ""
    for ch, m in zip(text, marks, strict=True):
        if m != current:
            if current:
                out.append("</mark>")
            if m:
                cls = {"gold": "gold", "pred": "", "both": "both"}[m]
                out.append(
                    f'<mark class="{cls}" title="{m} evidence">'
                    if cls
                    else '<mark title="predicted evidence">'
                )
            current = m
        out.append(html.escape(ch))
    if current:
        out.append("</mark>")
    return '<div class="article">' + "".join(out) + "</div>"


def _case_section(set_name: str, case: dict[str, Any], index: int, cells: list[dict[str, Any]]) -> str:
    anchor = html.escape(f"{set_name}-{case['case']}")
    parts = [
        f'<h3 id="{anchor}">{html.escape(case["case"])}</h3>',
        f"<p class=small>set {html.escape(set_name)} · published {case['published'] or 'unknown'}"
        f" · tags {html.escape(', '.join(case.get('tags', [])) or '–')}</p>",
    ]
    for c in cells:
        row = c["sets"][set_name]["cases"][index]
        sc = row["score"]
        strict = sc.get("events_strict", sc["events"])
        head = f"{cell_label(c)}: "
        if row["error"]:
            head += f"error {row['error']['code']}"
        else:
            head += (
                f"event F1 strict {strict['f1']:.2f}, lenient {sc['events']['f1']:.2f}, participants F1 "
                f"{sc['participants']['f1']:.2f}, topics F1 {sc['topics']['f1']:.2f}"
            )
            if row.get("seconds") is not None:
                head += f", {row['seconds']:.1f} s"
        body = []
        if row["error"]:
            body.append(
                f"<p class=bad>{html.escape(row['error']['code'])}: {html.escape(row['error']['detail'])}</p>"
            )
        pairs = {p["gold"]: p for p in sc["pairs"]}
        paired_pred = {p["pred"] for p in sc["pairs"]}
        for gi, g in enumerate(case["gold"]):
            pair = pairs.get(gi)
            if pair is None:
                body.append(
                    "<div class=ev><div><b>gold</b>"
                    + _event_html(g, set(), set(), set())
                    + "</div><div class=miss><b>missed: no predicted event</b></div></div>"
                )
                continue
            p = row["prediction"][pair["pred"]]
            wrong = set(pair["wrong"])
            verdict = (
                "strict match" if pair.get("strict", True) else "participants differ: lenient match only"
            )
            body.append(
                "<div class=ev><div><b>gold</b>"
                + _event_html(g, wrong, set(pair["participants_missed"]), set())
                + f"</div><div><b>predicted</b> <span class=small>({verdict})</span>"
                + _event_html(p, wrong, set(), set(pair["participants_extra"]))
                + (
                    f"<p class=small>topics missed: {html.escape(', '.join(pair['topics_missed'])) or '–'}; "
                    f"extra: {html.escape(', '.join(pair['topics_extra'])) or '–'}</p>"
                )
                + "</div></div>"
            )
        for pi, p in enumerate(row["prediction"]):
            if pi not in paired_pred:
                body.append(
                    "<div class=ev><div class=extra><b>no gold event: spurious</b></div><div><b>predicted</b>"
                    + _event_html(p, set(), set(), set())
                    + "</div></div>"
                )
        body.append(
            "<p class=small>Article: <mark class=gold>gold evidence</mark> "
            "<mark>predicted evidence</mark> <mark class=both>both</mark></p>"
        )
        body.append(_article_html(case["text"], case["gold"], row["prediction"]))
        parts.append(f"<details><summary>{html.escape(head)}</summary>{''.join(body)}</details>")
    return "".join(parts)


def _matrix_html(results: dict[str, Any], set_name: str) -> str:
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    summaries = [c["sets"][set_name]["summary"] for c in cells]
    best = {
        n: max((v for s in summaries if (v := figure(s, n)[0]) is not None), default=None)
        for n in MATRIX_FIGURES
    }
    head = "<tr><th>prompt</th><th>model</th>" + "".join(
        f"<th>{html.escape(FIGURES[n][0])}</th>" for n in MATRIX_FIGURES
    )
    head += "".join(f"<th>{html.escape(label)}</th>" for label, *_ in COST_COLUMNS) + "</tr>"
    rows = []
    for c, s in zip(cells, summaries, strict=True):
        tds = []
        for n in MATRIX_FIGURES:
            v, ci = figure(s, n)
            is_best = v is not None and v == best[n] and len(cells) > 1
            interval = (
                f"<br><span class=small>[{ci[0]:.2f}, {ci[1]:.2f}]</span>" if ci and v is not None else ""
            )
            tds.append(f'<td class="num{" best" if is_best else ""}">{_fmt(v)}{interval}</td>')
        tds += [f'<td class="num">{_fmt(metric(s, path), fmt)}</td>' for _, path, fmt in COST_COLUMNS]
        rows.append(
            f"<tr><td>{html.escape(c['prompt'])}</td><td>{html.escape(c['model'])}</td>{''.join(tds)}</tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _grid_html(results: dict[str, Any], set_name: str, cases: list[dict[str, Any]]) -> str:
    """Case × cell grid coloured by strict event F1 (grey: the request failed)."""
    cells = [c for c in results["cells"] if set_name in c["sets"]]
    head = (
        "<tr><th>case</th><th>tags</th>"
        + "".join(f"<th>{html.escape(cell_label(c))}</th>" for c in cells)
        + "</tr>"
    )
    rows = []
    for i, case in enumerate(cases):
        tds = []
        for c in cells:
            r = c["sets"][set_name]["cases"][i]
            if r["error"]:
                tds.append(f'<td class="cell err" title="{html.escape(r["error"]["code"])}">err</td>')
                continue
            f1 = r["score"].get("events_strict", r["score"]["events"])["f1"]
            tds.append(f'<td class="cell" style="background:{grid_colour(f1)}">{f1:.2f}</td>')
        anchor = html.escape(f"{set_name}-{case['case']}")
        rows.append(
            f'<tr><td><a href="#{anchor}">{html.escape(case["case"])}</a></td>'
            f"<td class=small>{html.escape(', '.join(case.get('tags', [])))}</td>{''.join(tds)}</tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _md_table_html(md: str) -> str:
    """A small Markdown table (as built above) rendered as HTML."""
    lines = [ln for ln in md.splitlines() if ln.startswith("|")]
    out = []
    for i, ln in enumerate(lines):
        if i == 1:
            continue
        cells = [html.escape(x.strip()) for x in ln.strip("|").split("|")]
        tag = "th" if i == 0 else "td"
        out.append("<tr>" + "".join(f"<{tag}>{x}</{tag}>" for x in cells) + "</tr>")
    return f"<table>{''.join(out)}</table>"


def _html(results: dict[str, Any]) -> str:
    body = [
        f"<h1>Eval run <code>{html.escape(results['run_id'])}</code></h1>",
        f"<p class=small>{results['created']} · wall time {results['wall_time_s']} s · each case set scored on its "
        "own · micro averages with 95 % bootstrap intervals over cases · strict event F1: participants must "
        "equal the gold event's; lenient: any shared participant · accuracies over strict pairs · best of each "
        "column in green</p>",
    ]
    gap = gap_markdown(results)
    if gap:
        body += ["<h2>Generalisation: dev → test (gap)</h2>", _md_table_html(gap)]
    ablation = ablation_markdown(results)
    if ablation:
        body += [
            "<h2>Ablation: each post-processing step switched off</h2>",
            "".join(_md_table_html(block) for block in ablation.split("\n\n") if block.startswith("|")),
        ]
    for case_set in results["sets"]:
        name = case_set["name"]
        cells = [c for c in results["cells"] if name in c["sets"]]
        series = [
            (cell_label(c), [figure(c["sets"][name]["summary"], n) for n in CHART_FIGURES]) for c in cells
        ]
        body += [
            f"<h2>Set <code>{html.escape(name)}</code> · {len(case_set['cases'])} cases "
            f"<span class=small>({html.escape(case_set['dir'])})</span></h2>",
            _matrix_html(results, name),
            "<h3>Headline figures with 95 % intervals</h3>",
            figure_chart([FIGURES[n][0] for n in CHART_FIGURES], series),
        ]
        body += [
            "<h3>Every field (strict pairs) and unsupported values</h3>",
            _md_table_html(fields_markdown(results, name)),
        ]
        tags = tags_markdown(results, name)
        if tags:
            body += ["<h3>By tag</h3>", _md_table_html(tags)]
        errors = "".join(
            f"<li>{html.escape(line.removeprefix('- ').replace('**', ''))}</li>"
            for line in errors_markdown(results, name).splitlines()
        )
        body.append(f"<h3>Most common errors</h3><ul>{errors}</ul>")
        if name in HELD_OUT:
            body.append(f"<p>{html.escape(HELD_OUT_NOTE)}</p>")
            continue
        body += [
            "<h3>Case × cell: strict event F1</h3>",
            "<p class=small>red 0 → green 1; grey: the request failed. Click a case for its details.</p>",
            _grid_html(results, name, case_set["cases"]),
            "<h3>Cases</h3>",
            "".join(_case_section(name, case, i, cells) for i, case in enumerate(case_set["cases"])),
        ]
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>Eval {html.escape(results['run_id'])}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )


def write_reports(results: dict[str, Any], out_dir: Path) -> None:
    """Write report.md and report.html (self-contained: inline CSS and SVG, no scripts, no remote assets)."""
    (out_dir / "report.md").write_text(_markdown(results), encoding="utf-8")
    (out_dir / "report.html").write_text(_html(results), encoding="utf-8")
