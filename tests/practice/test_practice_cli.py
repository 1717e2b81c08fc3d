"""`copilot reviews`, `copilot certify` (and friends) end to end: JSON for scripts, one-line errors with the fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copilot.cli.main import main
from evals.labels import agreement, load

TODAY = "2026-11-20"
MANAGER = "mgr-jordan-reyes"
REP = "rep-dana-okafor"
SCENARIO = "sc-security-review-gate"
LINES = [
    "That's a standard requirement for us. Which data and which regulations are in scope for you?",
    "We host in the EU or the US, and your data stays in the region you choose. Is anything else in the data flow "
    "you need confirmed?",
    "Could we book a review of the DPA and the SSO setup with you on Wednesday at 10?",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    """Exit code, parsed JSON (or text) on stdout, and stderr."""
    code = main(list(args))
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out), out.err
    except json.JSONDecodeError:
        return code, out.out, out.err


@pytest.fixture
def attempt(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """The demo team loaded and one roleplay of Dana's, scored by the AI."""
    assert run(capsys, "team", "load", "--today", TODAY, "--json")[0] == 0
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join(LINES), encoding="utf-8")
    code, result, err = run(
        capsys, "roleplay", "--scenario", SCENARIO, "--rep", REP, "--rep-lines", str(lines), "--no-model",
        "--today", TODAY, "--as", REP, "--json",
    )  # fmt: skip
    assert code == 0, err
    return str(result["attempt_id"])


def test_a_manager_reviews_an_ai_score_and_the_labels_reach_the_eval_suite(
    attempt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, queue, _ = run(capsys, "reviews", "queue", "--as", MANAGER, "--json")
    assert code == 0 and queue[0]["id"] == attempt and not queue[0]["approved"]
    code, shown, _ = run(capsys, "reviews", "show", attempt, "--as", MANAGER, "--json")
    crit = shown["criteria"][0]["criterion"]
    ai = shown["criteria"][0]["ai_level"]
    new = 4 if ai < 4 else 3
    assert code == 0 and shown["version"] == 0 and shown["criteria"][0]["evidence"]
    code, done, _ = run(
        capsys, "reviews", "approve", attempt, "--version", "0", "--set", f"{crit}={new}", "--reason", "heard it",
        "--as", MANAGER, "--json",
    )  # fmt: skip
    assert code == 0 and done["version"] == 1 and done["criteria"][0]["level"] == new
    code, _, err = run(capsys, "reviews", "approve", attempt, "--version", "0", "--as", MANAGER)
    assert code == 2 and "changed since you opened it" in err and f"{crit} {ai}→{new}" in err
    code, _, err = run(capsys, "reviews", "approve", attempt, "--version", "1", "--as", REP)
    assert code == 2 and "may not approve their own score" in err
    code, _, err = run(capsys, "reviews", "approve", attempt, "--version", "1", "--set", f"{crit}=5", "--as", MANAGER)
    assert code == 2 and "outside the scale" in err and "fix:" in err
    code, report, _ = run(capsys, "reviews", "report", "--as", MANAGER, "--json")
    by = {c["criterion"]: c for c in report["criteria"]}
    assert code == 0 and by[crit]["changed"] == 1 and by[crit]["rate"] == 1.0
    out = tmp_path / "labels.yaml"
    code, receipt, _ = run(capsys, "reviews", "export", "-o", str(out), "--json")
    assert code == 0 and receipt["changed"] == 1
    labels = load(out)
    assert {(x.criterion, x.ai_level, x.human_level) for x in labels} >= {(crit, ai, new)}
    overall = agreement(labels)[-1]
    assert overall.criterion == "all" and overall.n == len(labels) and overall.exact == round(1 - 1 / len(labels), 3)


def test_enablement_defines_a_certification_and_a_rep_passes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "team", "load", "--today", TODAY, "--json")[0] == 0
    code, _, _ = run(
        capsys, "user", "add", "enb-ana", "--name", "Ana", "--email", "ana@example.com", "--role", "enablement",
        "--no-password",
    )  # fmt: skip
    assert code == 0
    code, _, err = run(capsys, "certify", "define", "gate", "--title", "Gate", "--scenario", SCENARIO, "--as", MANAGER)
    assert code == 2 and "only enablement" in err and "--team" in err
    code, cert, _ = run(
        capsys, "certify", "define", "gate", "--title", "Security gate", "--scenario", SCENARIO, "--level", "1",
        "--require", "objection-handling.advances=2", "--attempts", "2", "--due", "2026-12-31", "--as", "enb-ana",
        "--json",
    )  # fmt: skip
    assert code == 0 and cert["version"] == 1 and cert["rules"]["levels"] == {"objection-handling.advances": 2}
    code, listed, _ = run(capsys, "certify", "list", "--as", REP, "--json")
    assert code == 0 and [c["id"] for c in listed] == ["gate"]
    code, mine, _ = run(capsys, "certify", "status", "gate", "--as", REP, "--today", TODAY, "--json")
    assert code == 0 and [(s["rep_id"], s["status"]) for s in mine] == [(REP, "not_started")]
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join(LINES), encoding="utf-8")
    code, _, err = run(
        capsys, "roleplay", "--scenario", SCENARIO, "--rep", REP, "--rep-lines", str(lines), "--no-model",
        "--today", TODAY, "--as", REP, "--json",
    )  # fmt: skip
    assert code == 0, err
    code, mine, _ = run(capsys, "certify", "status", "gate", "--as", REP, "--today", TODAY, "--json")
    assert mine[0]["status"] == "passed" and mine[0]["scenarios"][0]["passed_by"]
    code, text, _ = run(capsys, "certify", "status", "--as", MANAGER, "--today", TODAY)
    assert code == 0 and "rep-dana-okafor      PASSED" in text and "NOT STARTED" in text
    code, summary, _ = run(capsys, "certify", "summary", "--as", "enb-ana", "--today", TODAY, "--json")
    assert code == 0 and summary[0]["counts"]["passed"] == 1
    code, _, err = run(capsys, "certify", "status", "--as", "enb-ana")
    assert code == 2 and "summary" in err
    code, _, err = run(capsys, "certify", "define", "gate", "--title", "x", "--scenario", "sc-nope", "--as", "enb-ana")
    assert code == 2 and "unknown scenario" in err
    code, versions, _ = run(capsys, "certify", "show", "gate", "--json")
    assert code == 0 and [v["version"] for v in versions] == [1]


def test_the_scorecard_carries_the_override_share_and_the_certification_counts(
    attempt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "certify", "define", "gate", "--title", "Gate", "--scenario", SCENARIO, "--json")
    run(capsys, "reviews", "approve", attempt, "--version", "0", "--json")
    code, card, _ = run(capsys, "scorecard", "--today", TODAY, "--json")
    assert code == 0 and card["practice"]["reviews"]["subjects"] == 1 and card["practice"]["reviews"]["changed"] == 0
    assert card["practice"]["certifications"][0]["counts"]["not_started"] >= 5
    code, text, _ = run(capsys, "scorecard", "--today", TODAY)
    assert "AI scores changed by a human: 0 of" in text and "Certifications (reps per state):" in text
    code, mine, _ = run(capsys, "scorecard", "--today", TODAY, "--as", REP, "--json")
    assert code == 0 and mine["practice"] == {"reviews": None, "certifications": [], "agreement": [], "drills": []}


def test_two_managers_calibrate_on_one_roleplay_and_see_their_disagreement(
    attempt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for uid, role in (("enb-ana", "enablement"), ("mgr-mia", "manager")):
        code, _, err = run(
            capsys, "user", "add", uid, "--name", uid, "--email", f"{uid}@example.com", "--role", role, "--no-password"
        )
        assert code == 0, err
    code, session, _ = run(capsys, "calibrate", "start", attempt, "--title", "Gate call", "--as", "enb-ana", "--json")
    assert code == 0 and session["participants"] == ["mgr-jordan-reyes", "mgr-mia"]
    crits = session["criteria"]
    sid = session["id"]
    jordan = ",".join(f"{c}=3" for c in crits)
    mia = ",".join(f"{c}={2 if i == 0 else 3}" for i, c in enumerate(crits))
    code, mine, _ = run(capsys, "calibrate", "score", sid, "--levels", jordan, "--as", MANAGER, "--json")
    assert code == 0 and mine["results"]["raters"] == 1
    code, blind, _ = run(capsys, "calibrate", "show", sid, "--as", "mgr-mia", "--json")
    assert blind["results"] is None and blind["submitted"] == [MANAGER] and blind["transcript"]
    code, text, _ = run(capsys, "calibrate", "show", sid, "--as", "mgr-mia")
    assert "score every criterion" in text and "consensus" not in text
    code, done, _ = run(capsys, "calibrate", "score", sid, "--levels", mia, "--as", "mgr-mia", "--json")
    first = done["results"]["criteria"][0]
    assert first["spread"] == 1 and first["levels"] == {MANAGER: 3, "mgr-mia": 2}
    code, text, _ = run(capsys, "calibrate", "show", sid, "--as", MANAGER)
    assert "agreement (Krippendorff's alpha, ordinal)" in text and "spread 1" in text
    code, _, err = run(capsys, "calibrate", "close", sid, "--as", MANAGER)
    assert code == 2 and "may not close" in err
    code, closed, _ = run(capsys, "calibrate", "close", sid, "--agreed", f"{crits[0]}=3", "--as", "enb-ana", "--json")
    assert code == 0 and closed["status"] == "closed" and closed["results"]["criteria"][0]["agreed"] == 3
    out = tmp_path / "calibration.yaml"
    code, receipt, _ = run(capsys, "calibrate", "export", "-o", str(out), "--as", "enb-ana", "--json")
    assert code == 0 and receipt["labels"] == len(crits)
    assert {x.source for x in load(out)} == {"calibration"}
    code, points, _ = run(capsys, "calibrate", "agreement", "--as", MANAGER, "--json")
    assert code == 0 and points[0]["raters"] == 2
    code, card, _ = run(capsys, "scorecard", "--today", TODAY, "--as", "enb-ana", "--json")
    assert card["practice"]["agreement"][0]["session_id"] == sid


def test_a_rep_drills_daily_and_the_manager_sees_the_frequency(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "team", "load", "--today", TODAY, "--json")[0] == 0
    code, item, _ = run(capsys, "drill", "today", "--rep", REP, "--today", TODAY, "--as", REP, "--json")
    assert code == 0 and item["why"] and item["prompt"]
    answer = (
        "That's a fair question, budgets are finite. What are you comparing it with? Most of our customers see "
        "forecast accuracy within five percent by their second quarter. Does that change the picture? Could we "
        "review the business case with finance on Thursday?"
    )
    for day in ("2026-11-19", TODAY):
        code, said, err = run(
            capsys, "drill", "say", "--rep", REP, "--item", "obj-too-expensive", "--text", answer, "--today", day,
            "--as", REP, "--json",
        )  # fmt: skip
        assert code == 0, err
    assert said["score"]["score"] == 1.0 and said["progress"]["streak"] == 2
    code, text, _ = run(
        capsys, "drill", "say", "--rep", REP, "--text", "um like basically yes", "--today", TODAY, "--as", REP
    )
    assert code == 0 and "MISS length" in text and "MISS filler words" in text and "the messaging guide:" in text
    code, _, err = run(capsys, "drill", "say", "--rep", REP, "--today", TODAY, "--as", REP)
    assert code == 2 and "--text or --file" in err
    code, _, err = run(capsys, "drill", "say", "--rep", "rep-marcus-bell", "--text", "x", "--as", REP)
    assert code == 2 and "may not" in err
    code, habit, _ = run(capsys, "drill", "progress", "--rep", REP, "--today", TODAY, "--json")
    assert habit["total"] == 3 and habit["repetitions"]["obj-too-expensive"] == 2
    code, rows, _ = run(capsys, "drill", "frequency", "--today", TODAY, "--as", MANAGER, "--json")
    dana = next(r for r in rows if r["rep_id"] == REP)
    assert code == 0 and dana["drills"] == 3 and dana["days"] == 2
    code, text, _ = run(capsys, "scorecard", "--today", TODAY, "--as", MANAGER)
    assert "Daily drills, last 28 days" in text and "Dana Okafor" in text
