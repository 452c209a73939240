"""Readable reports of an eval run: report.md (the matrix) and report.html (matrix + every case)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

# (label, path into a cell summary, higher is better, format)
COLUMNS: list[tuple[str, tuple[str, ...], bool, str]] = [
    ("event F1", ("micro", "events", "f1"), True, "{:.2f}"),
    ("event P", ("micro", "events", "precision"), True, "{:.2f}"),
    ("event R", ("micro", "events", "recall"), True, "{:.2f}"),
    ("participant F1", ("micro", "participants", "f1"), True, "{:.2f}"),
    ("country acc", ("micro", "participant_country"), True, "{:.2f}"),
    ("date acc", ("micro", "date"), True, "{:.2f}"),
    ("city acc", ("micro", "city"), True, "{:.2f}"),
    ("loc. country acc", ("micro", "location_country"), True, "{:.2f}"),
    ("format acc", ("micro", "format"), True, "{:.2f}"),
    ("status acc", ("micro", "status"), True, "{:.2f}"),
    ("mode acc", ("micro", "mode"), True, "{:.2f}"),
    ("topics F1", ("micro", "topics", "f1"), True, "{:.2f}"),
    ("grounding", ("micro", "grounding"), True, "{:.2f}"),
    ("validity", ("validity",), True, "{:.2f}"),
    ("attempts", ("mean_attempts",), False, "{:.1f}"),
    ("prompt tok", ("mean_prompt_tokens",), False, "{:.0f}"),
    ("compl. tok", ("mean_completion_tokens",), False, "{:.0f}"),
    ("latency s (median)", ("median_latency_s",), False, "{:.1f}"),
]


def metric(summary: dict[str, Any], path: tuple[str, ...]) -> float | None:
    """Read one figure from a cell summary (None when not applicable)."""
    value: Any = summary
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def _best(cells: list[dict[str, Any]]) -> dict[str, float | None]:
    best: dict[str, float | None] = {}
    for label, path, higher, _ in COLUMNS:
        values = [v for c in cells if (v := metric(c["summary"], path)) is not None]
        best[label] = (max(values) if higher else min(values)) if values else None
    return best


def _fmt(value: float | None, fmt: str) -> str:
    return "–" if value is None else fmt.format(value)


def matrix_markdown(results: dict[str, Any]) -> str:
    """The prompt x model matrix as a Markdown table (best of each column in bold)."""
    cells = results["cells"]
    best = _best(cells)
    head = "| prompt | model | " + " | ".join(label for label, *_ in COLUMNS) + " |"
    sep = "|---|---|" + "---:|" * len(COLUMNS)
    lines = [head, sep]
    for c in cells:
        row = []
        for label, path, _, fmt in COLUMNS:
            v = metric(c["summary"], path)
            text = _fmt(v, fmt)
            row.append(f"**{text}**" if v is not None and v == best[label] and len(cells) > 1 else text)
        lines.append(f"| {c['prompt']} | {c['model']} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def _markdown(results: dict[str, Any]) -> str:
    parts = [
        f"# Eval run `{results['run_id']}`",
        "",
        f"Created {results['created']}; {len(results['cases'])} cases from `{results['cases_dir']}`; "
        f"wall time {results['wall_time_s']} s. Micro averages over cases; accuracies over aligned event pairs.",
        "",
        matrix_markdown(results),
        "",
        "## Errors and settings",
        "",
    ]
    for c in results["cells"]:
        s = c["summary"]
        parts.append(
            f"- **{c['prompt']} × {c['model']}**: errors {s['errors'] or 'none'}; "
            f"settings `{json.dumps(c['settings'], sort_keys=True)}`"
        )
    parts += ["", "## Per case (event F1 / participant F1 / date ok)", ""]
    head = "| case | " + " | ".join(f"{c['prompt']} × {c['model']}" for c in results["cells"]) + " |"
    parts += [head, "|---|" + "---|" * len(results["cells"])]
    for i, case in enumerate(results["cases"]):
        row = []
        for c in results["cells"]:
            r = c["cases"][i]
            if r["error"]:
                row.append(f"error: {r['error']['code']}")
                continue
            sc = r["score"]
            date = sc["accuracy"]["date"]
            row.append(
                f"{sc['events']['f1']:.2f} / {sc['participants']['f1']:.2f} / "
                f"{'–' if date['value'] is None else int(date['value'])}"
            )
        parts.append(f"| {case['case']} | " + " | ".join(row) + " |")
    parts += [
        "",
        "Open `report.html` for gold vs predicted events side by side and the evidence in the article.",
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
        ("format", ev.get("format", "–"), cls("format")),
        ("status", ev.get("status", "–"), cls("status")),
        (
            "mode",
            f"{ev.get('mode', '–')} {('(host ' + html.escape(ev['host']) + ')') if ev.get('host') else ''}",
            cls("mode"),
        ),
        ("topics", ", ".join(ev.get("topics", [])) or "–", ""),
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


def _case_section(case: dict[str, Any], index: int, cells: list[dict[str, Any]]) -> str:
    parts = [
        f'<h2 id="{html.escape(case["case"])}">{html.escape(case["case"])}</h2>',
        f"<p class=small>published {case['published'] or 'unknown'}</p>",
    ]
    for c in cells:
        row = c["cases"][index]
        sc = row["score"]
        head = f"{c['prompt']} × {c['model']}: "
        if row["error"]:
            head += f"error {row['error']['code']}"
        else:
            head += (
                f"event F1 {sc['events']['f1']:.2f}, participants F1 {sc['participants']['f1']:.2f}, "
                f"topics F1 {sc['topics']['f1']:.2f}, attempts {row['meta']['attempts']}, "
                f"{row['meta']['latency_ms'] / 1000:.1f} s"
            )
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
            body.append(
                "<div class=ev><div><b>gold</b>"
                + _event_html(g, wrong, set(pair["participants_missed"]), set())
                + "</div><div><b>predicted</b>"
                + _event_html(p, wrong, set(), set(pair["participants_extra"]))
                + (
                    f"<p class=small>topics missed: {', '.join(pair['topics_missed']) or '–'}; "
                    f"extra: {', '.join(pair['topics_extra']) or '–'}</p>"
                )
                + "</div></div>"
            )
        for pi, p in enumerate(row["prediction"]):
            if pi not in paired_pred:
                body.append(
                    "<div class=ev><div class=extra><b>no gold event: hallucinated</b></div><div><b>predicted</b>"
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


def _html(results: dict[str, Any]) -> str:
    cells = results["cells"]
    best = _best(cells)
    head = "<tr><th>prompt</th><th>model</th>" + "".join(
        f"<th>{html.escape(lbl)}</th>" for lbl, *_ in COLUMNS
    )
    rows = []
    for c in cells:
        tds = []
        for label, path, _, fmt in COLUMNS:
            v = metric(c["summary"], path)
            is_best = v is not None and v == best[label] and len(cells) > 1
            tds.append(f'<td class="num{" best" if is_best else ""}">{_fmt(v, fmt)}</td>')
        rows.append(f"<tr><td>{c['prompt']}</td><td>{html.escape(c['model'])}</td>{''.join(tds)}</tr>")
    toc = " · ".join(
        f'<a href="#{html.escape(c["case"])}">{html.escape(c["case"])}</a>' for c in results["cases"]
    )
    sections = "".join(_case_section(case, i, cells) for i, case in enumerate(results["cases"]))
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>Eval {html.escape(results['run_id'])}</title><style>{_CSS}</style></head><body>"
        f"<h1>Eval run <code>{html.escape(results['run_id'])}</code></h1>"
        f"<p class=small>{results['created']} · {len(results['cases'])} cases · wall time {results['wall_time_s']} s"
        " · micro averages; accuracies over aligned event pairs; best of each column in green</p>"
        f"<table>{head}</tr>{''.join(rows)}</table><p>Cases: {toc}</p>{sections}</body></html>"
    )


def write_reports(results: dict[str, Any], out_dir: Path) -> None:
    """Write report.md and report.html (self-contained: inline CSS, no scripts, no remote assets)."""
    (out_dir / "report.md").write_text(_markdown(results), encoding="utf-8")
    (out_dir / "report.html").write_text(_html(results), encoding="utf-8")
