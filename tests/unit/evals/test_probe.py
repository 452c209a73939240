"""evals.probe: the sentence probes, run through the service's pipeline with a scripted upstream."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from evals.__main__ import main
from evals.probe import Outcome, ProbeError, load_probes, run_probes, summary


def test_every_probe_behaves_as_the_file_says() -> None:
    """Every trial passes except the listed gaps, and every listed gap still fails: a regression, or
    a gap fixed and still listed, turns this red."""
    outcomes = asyncio.run(run_probes(load_probes()))
    figures = summary(outcomes)
    assert figures["unexpected"] == []


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "probes.yaml"
    path.write_text(
        "people:\n  A: {name: Ann Lee, written: President Ann Lee}\n"
        "  B: {name: Bo Kim, written: Prime Minister Bo Kim}\npublished: 2024-05-06\n" + body,
        encoding="utf-8",
    )
    return path


def test_each_trial_is_judged_by_what_the_sentence_tells(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'meetings:\n  - {sentence: "{A} met {B} in Paris on Monday."}\n'
        '  - {sentence: "{A} signed two defence treaties with {B} in Paris on Monday.", gaps: [rules]}\n'
        'not_meetings:\n  - {sentence: "{A} sent a letter to {B}."}\n'
        # Listed as a gap but passing: reported as not as the file says.
        '  - {sentence: "{A} refused to meet {B}.", gaps: [answer]}\n',
    )
    outcomes = asyncio.run(run_probes(load_probes(path)))
    assert [o.passed for o in outcomes] == [
        {"rules": True, "answer": True},
        {"rules": False, "answer": True},
        {"rules": True, "answer": True},
        {"rules": True, "answer": True},
    ]
    assert outcomes[0].events["rules"] == [["Ann Lee", "Bo Kim"]]
    assert outcomes[2].events["answer"] == []
    figures = summary(outcomes)
    assert figures["meetings"] == {"rules": [1, 2], "answer": [2, 2]}
    assert figures["unexpected"] == [
        "answer: President Ann Lee refused to meet Prime Minister Bo Kim. (passes)"
    ]


def test_the_command_writes_its_reports_and_fails_on_a_surprise(tmp_path: Path) -> None:
    path = _write(
        tmp_path, 'meetings:\n  - {sentence: "{A} met {B}."}\nnot_meetings:\n  - {sentence: "{A} met {B}."}\n'
    )
    assert main(["probe", "--probes", str(path), "--out", str(tmp_path / "out")]) == 1
    data = json.loads((tmp_path / "out" / "probes.json").read_text(encoding="utf-8"))
    assert data["summary"]["not_meetings"] == {"rules": [0, 1], "answer": [0, 1]}
    assert "| no | President Ann Lee met Prime Minister Bo Kim. | FAIL | FAIL |" in (
        tmp_path / "out" / "probes.md"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "body",
    [
        'meetings:\n  - {sentence: "{A} met someone."}\nnot_meetings: []\n',
        'meetings:\n  - {sentence: "{A} met {B}.", gaps: [model]}\nnot_meetings: []\n',
        "meetings: []\n",
    ],
)
def test_a_malformed_probe_file_is_refused(tmp_path: Path, body: str) -> None:
    with pytest.raises(ProbeError):
        load_probes(_write(tmp_path, body))
    assert main(["probe", "--probes", str(_write(tmp_path, body))]) == 2


def test_a_meeting_s_fields_are_checked_where_the_probe_names_them(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "meetings:\n"
        '  - sentence: "Chilean President {a} met Prime Minister {b} of Canada in Ottawa on Sunday."\n'
        "    fields: {A.country: Chile, B.title: prime minister, B.country: Canada,\n"
        "      date: 2024-05-05, city: Ottawa}\n"
        '  - sentence: "President {a} met Prime Minister {b} in Ottawa."\n'
        "    fields: {B.country: Canada, date: null}\n"
        "not_meetings: []\n",
    )
    right, wrong = asyncio.run(run_probes(load_probes(path)))
    assert right.passed == {"rules": True, "answer": True} and right.wrong == {"rules": {}, "answer": {}}
    # Nothing says whose Kim is: the field stays empty, and the probe says so.
    assert wrong.passed == {"rules": False, "answer": False}
    assert wrong.wrong["answer"] == {"B.country": None}


def test_a_story_of_several_meetings_passes_only_with_exactly_its_meetings(tmp_path: Path) -> None:
    story = "President Ann Lee met Prime Minister Bo Kim on Monday. Lee also met Foreign Minister Cy Tanaka."
    path = _write(
        tmp_path,
        "meetings: []\nnot_meetings: []\narticles:\n"
        f'  - text: "{story}"\n'
        "    meetings: [[Ann Lee, Bo Kim], [Ann Lee, Cy Tanaka]]\n"
        f'  - text: "{story}"\n'
        "    meetings: [[Ann Lee, Bo Kim]]\n",
    )
    right, extra = asyncio.run(run_probes(load_probes(path)))
    assert right.kind == "article" and right.passed == {"rules": True, "answer": True}
    assert sorted(map(sorted, right.events["answer"])) == [["Ann Lee", "Bo Kim"], ["Ann Lee", "Cy Tanaka"]]
    # A meeting more than the story's is a failure too.
    assert extra.passed == {"rules": False, "answer": False}
    assert summary([right, extra])["articles"] == {"rules": [1, 2], "answer": [1, 2]}


def test_an_outcome_knows_its_gaps() -> None:
    outcome = Outcome("s", True, {"rules": False, "answer": True}, gaps=["rules"])
    assert summary([outcome])["unexpected"] == []
