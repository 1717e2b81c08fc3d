"""Prep-brief suite: each case is one rep's records; the brief must pick the right focus and root cause,
ask open specific questions, cite only what exists, and assign activities that fit."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from copilot.llm.base import ChatModel
from copilot.prep import prepare_brief
from copilot.prep.brief import render_markdown
from copilot.prep.questions import problem_with
from copilot.records import Actor, open_store
from copilot.settings import Settings
from evals.framework import CaseResult, MetricSpec, SuiteResult

CASES = Path(__file__).resolve().parents[1] / "prep" / "cases.yaml"
SPECS = [
    MetricSpec(
        "schema_valid", "Share of cases where a brief was produced and validated against the Brief schema.", 1.0
    ),
    MetricSpec(
        "focus_accuracy", "Share of cases whose first focus criterion is one of the case's expected focus ids.", 0.8
    ),
    MetricSpec("root_cause_accuracy", "Share of cases whose first root-cause category equals the expected one.", 0.6),
    MetricSpec("leave_with_rep_recall", "Share of expected self-correcting basics listed under 'leave with the rep'."),
    MetricSpec(
        "citation_integrity",
        "Share of cited ids that exist: the rep's own records (observations, sessions, action items, assignments) "
        "or knowledge-base ids (criteria, activities, questions). A citation to anything else is a defect.",
        1.0,
    ),
    MetricSpec("question_share", "Share of brief questions that are single questions ending with '?'.", 1.0),
    MetricSpec("open_share", "Share of diagnostic questions that are open (not yes/no, not advice in disguise).", 0.9),
    MetricSpec(
        "specific_share",
        "Share of diagnostic questions that are specific: whatever its source (model, records or question bank), a "
        "question must pass the open-question checks and share at least two content words with the evidence it "
        "cites or the criterion's title. Being curated does not make a question specific.",
        0.8,
    ),
    MetricSpec(
        "rep_specific_share",
        "Share of diagnostic questions that carry a span of this rep's records (four words in a row from an "
        "observation's evidence, a session's notes or agreements, or an action item) that no other rep's records "
        "hold, that the knowledge base (question bank, criteria) does not hold, and that no other rep's brief "
        "says: a question about this rep, not about the skill or a template.",
        0.75,
    ),
    MetricSpec(
        "priority_accuracy",
        "Share of cases whose first priority has the expected kind (retention, compliance, commitment; skill when "
        "the case expects none of these, so a false alarm fails).",
        0.8,
    ),
    MetricSpec(
        "history_respected",
        "Share of briefs that respect the rep's history: no activity assigned twice, none of the case's not_assigned "
        "activities, no not_focus criterion coached, no commitment asking for what the rep already did "
        "(no_commit_words).",
        1.0,
    ),
    MetricSpec(
        "claims_true",
        "Share of briefs whose root-cause rationale says 'reached the threshold before, then slipped' only where the "
        "latest counted observation of that criterion is below the threshold.",
        1.0,
    ),
    MetricSpec("diagnostic_count_ok", "Share of briefs with 4 to 8 diagnostic questions.", 1.0),
    MetricSpec(
        "assignment_fit",
        "Share of assigned activities that build the focus criterion and suit the expected root cause.",
        0.6,
    ),
    MetricSpec(
        "meeting_expectations",
        "Share of (case, meeting type) briefs that meet the case's expectations for that meeting: the kind of the "
        "first priority (lead) and what it names (lead_has), text the brief must and must not hold (has, has_not), "
        "what the diagnostic questions must ask about (asks_about) and must not say (questions_have_not, e.g. the "
        "rep's he/she quoted back to the rep as if the rep said it).",
        None,  # reported; dev cases p74-p77 list meetings now: gate it once the embedded-model baseline has its dev number
    ),
    MetricSpec(
        "reads_clean",
        "Share of rendered briefs (every case, every meeting type it names) without a defect a manager would stumble "
        "on: 'None' printed, a skill title glued into a sentence ('points to finds a key issue'), a section left "
        "with nothing under it, or the same line twice.",
        1.0,
    ),
    MetricSpec(
        "curated_fallback_share",
        "Share of diagnostic questions that came from the question bank "
        "(the model's were missing or rejected). Reported, not gated.",
        None,
        higher_is_better=False,
    ),
]


def _team_doc(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """All cases as one team file: one rep per case, dates resolved against each case's own today."""
    reps, observations, sessions = [], [], []
    for case in cases:
        today = dt.date.fromisoformat(str(case["today"]))
        rep_id = f"rep-{case['id']}"
        reps.append(
            {
                "id": rep_id,
                "name": case["rep"]["name"],
                "email": f"{case['id']}@eval.example",
                "profile": case["rep"].get("profile", "steady"),
                "start_date": str(today - dt.timedelta(days=int(case["rep"].get("start_days_ago", 400)))),
            }
        )
        for i, obs in enumerate(case.get("observations", [])):
            observations.append(
                {
                    "id": f"obs-{case['id']}-{i}",
                    "rep": rep_id,
                    "date": str(today - dt.timedelta(days=int(obs["days_ago"]))),
                    "interaction": obs["interaction"],
                    "observer": obs.get("observer", "manager"),
                    "scores": obs["scores"],
                    "evidence": obs.get("evidence", {}),
                }
            )
        for i, ses in enumerate(case.get("sessions", [])):
            items = [
                {
                    "id": f"ai-{case['id']}-{i}-{j}",
                    "text": a["text"],
                    "owner": a.get("owner", "rep"),
                    "due": str(today + dt.timedelta(days=int(a.get("due_in_days", 7)))),
                    "status": a.get("status", "open"),
                    **({"closed_on": str(today)} if a.get("status", "open") != "open" else {}),
                }
                for j, a in enumerate(ses.get("action_items", []))
            ]
            sessions.append(
                {
                    "id": f"ses-{case['id']}-{i}",
                    "rep": rep_id,
                    "kind": ses.get("kind", "one-on-one"),
                    "date": str(today - dt.timedelta(days=int(ses["days_ago"]))),
                    "duration_minutes": 30,
                    "notes": ses.get("notes", ""),
                    "agreements": ses.get("agreements", []),
                    "action_items": items,
                }
            )
    assignments = []
    for case in cases:
        today = dt.date.fromisoformat(str(case["today"]))
        for i, a in enumerate(case.get("assignments", [])):
            row = {
                "id": f"asg-{case['id']}-{i}",
                "rep": f"rep-{case['id']}",
                "activity": a["activity"],
                "assigned_on": str(today - dt.timedelta(days=int(a.get("assigned_days_ago", 14)))),
                "due": str(today + dt.timedelta(days=int(a.get("due_in_days", 7)))),
                "status": a.get("status", "assigned"),
            }
            if "completed_days_ago" in a:
                row["completed_on"] = str(today - dt.timedelta(days=int(a["completed_days_ago"])))
            assignments.append(row)
    return {
        "kind": "team",
        "version": 1,
        "anchor_date": "2026-11-20",
        "team": {
            "id": "team-eval",
            "name": "Eval team",
            "manager": {"id": "mgr-eval", "name": "Eval Manager", "email": "mgr@eval.example"},
            "reps": reps,
        },
        "observations": observations,
        "sessions": sessions,
        "assignments": assignments,
    }


def _deal_csvs(cases: list[dict[str, Any]], folder: Path) -> list[Path]:
    """The cases' deals and targets as the two CRM CSV exports a user imports (`copilot deals import`)."""
    deal_rows, target_rows = [], []
    for case in cases:
        today = dt.date.fromisoformat(str(case["today"]))
        for i, d in enumerate(case.get("deals", [])):
            deal_rows.append(
                {
                    "id": f"deal-{case['id']}-{i}",
                    "rep": f"rep-{case['id']}",
                    "name": d["name"],
                    "stage": d["stage"],
                    "amount": d["amount"],
                    "close_date": str(today + dt.timedelta(days=int(d["close_in_days"]))),
                    "category": d.get("category", "pipeline"),
                    "stage_since": str(today - dt.timedelta(days=int(d["stage_days_ago"]))),
                    "last_activity": str(today - dt.timedelta(days=int(d["activity_days_ago"])))
                    if "activity_days_ago" in d
                    else "",
                    "next_step": d.get("next_step", ""),
                    "evidence": d.get("evidence", ""),
                    "as_of": str(today),
                }
            )
        target_rows += [
            {"rep": f"rep-{case['id']}", "period": t["period"], "target": t["target"]} for t in case.get("targets", [])
        ]
    paths = []
    for name, rows in (("deals.csv", deal_rows), ("targets.csv", target_rows)):
        if rows:
            path = folder / name
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
            paths.append(path)
    return paths


CLEAN_DEFECTS = (
    (re.compile(r"\bNone\b"), "None printed"),
    (
        re.compile(r"\bpoints to (?:finds|asks|states|ties|opens|tells|qualifies|uses|shows|handles)\b"),
        "title glued in",
    ),
)


def reading_defects(markdown: str) -> list[str]:
    """What a manager would stumble on in a rendered brief."""
    found = [why for pattern, why in CLEAN_DEFECTS if pattern.search(markdown)]
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("## ") and (i + 1 >= len(lines) or not lines[i + 1].strip() or lines[i + 1].startswith("#")):
            found.append(f"empty section {line[3:]!r}")
    items = [x for x in lines if x.startswith("- ") and len(x) > 20]
    if len(items) != len(set(items)):
        found.append("a line said twice")
    return found


def meeting_problems(expected: dict[str, Any], brief: Any, markdown: str) -> list[str]:
    """Which of one meeting's expectations the brief misses."""
    out: list[str] = []
    first = brief.priorities[0] if brief.priorities else None
    if "lead" in expected and (first.kind if first else None) != expected["lead"]:
        out.append(f"lead is {first.kind if first else None}, expected {expected['lead']}")
    if expected.get("lead_has") and not (
        first and any(w.lower() in f"{first.title} {first.reason}".lower() for w in expected["lead_has"])
    ):
        out.append(f"first priority names none of {expected['lead_has']}")
    lowered = markdown.lower()
    out += [f"missing {w!r}" for w in expected.get("has", []) if w.lower() not in lowered]
    out += [f"holds {w!r}" for w in expected.get("has_not", []) if w.lower() in lowered]
    diag = [q.text for q in brief.questions if q.kind == "diagnostic"]
    out += [
        f"no question asks about {w!r}"
        for w in expected.get("asks_about", [])
        if not any(w.lower() in q.lower() for q in diag)
    ]
    for pattern in expected.get("questions_have_not", []):
        hit = next((q for q in brief.questions if re.search(pattern, q.text, re.I)), None)
        if hit:
            out.append(f"question matches {pattern!r}: {hit.text}")
    return out


def _grams(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _rep_texts(store: Any, admin: Any, rep_id: str) -> list[str]:
    texts = [t for o in store.observations(admin, rep_id) for t in o.evidence.values()]
    texts += [" ".join([x.notes, *x.agreements]) for x in store.sessions(admin, rep_id)]
    texts += [a.text for a in store.action_items(admin, rep_id)]
    return texts


def _own_spans(
    corpora: dict[str, set[tuple[str, ...]]],
    generic: set[tuple[str, ...]] = frozenset(),  # type: ignore[assignment]
) -> dict[str, set[tuple[str, ...]]]:
    """Per rep, the four-word spans of their records that no other rep's records hold and that are not `generic`
    (the knowledge base's own wording, which any brief may use)."""
    seen: dict[tuple[str, ...], int] = {}
    for grams in corpora.values():
        for g in grams:
            seen[g] = seen.get(g, 0) + 1
    return {rep: {g for g in grams if seen[g] == 1 and g not in generic} for rep, grams in corpora.items()}


def _kb_spans(kb: Any) -> set[tuple[str, ...]]:
    """The four-word spans of the question bank and the criteria: methodology wording, not any rep's records."""
    texts = [q.text for q in kb.questions.values()]
    for c in kb.criteria.values():
        texts.append(c.title)
        texts += [str(v) for v in c.levels.model_dump().values()]
    return set().union(*map(_grams, texts), set())


def rep_specific(questions: list[str], own: set[tuple[str, ...]], elsewhere: set[tuple[str, ...]]) -> list[bool]:
    """Per question: does it carry a span only this rep's records hold, one no other rep's brief also says?"""
    return [bool((_grams(q) & own) - elsewhere) for q in questions]


def _cited_texts(store: Any, admin: Any, rep_id: str) -> dict[str, str]:
    """Every record a question may cite, by id, with its words (so a question on a note is checked against it)."""
    out = {s.id: " ".join([s.notes, *s.agreements]) for s in store.sessions(admin, rep_id)}
    out |= {a.id: a.text for a in store.action_items(admin, rep_id)}
    out |= {o.id: " ".join(o.evidence.values()) for o in store.observations(admin, rep_id)}
    return out


def _claims_true(brief: Any, store: Any, admin: Any, rep_id: str) -> float | None:
    if not brief.root_cause:
        return None
    observations = [o for o in store.observations(admin, rep_id) if o.date <= brief.today]
    for cause in brief.root_cause:
        if "then slipped" not in cause.rationale:
            continue
        counted = [
            o
            for o in observations
            if cause.criterion_id in o.scores
            and o.observer != "self"
            and "roleplay" not in o.evidence.get(cause.criterion_id, "").lower()
        ]
        threshold = store.kb.criteria[cause.criterion_id].policy.threshold
        if counted and int(counted[-1].scores[cause.criterion_id]) >= threshold:
            return 0.0
    return 1.0


def _history_respected(expected: dict[str, Any], brief: Any) -> float:
    assigned = [a.activity_id for a in brief.assignments]
    if len(assigned) != len(set(assigned)) or set(assigned) & set(expected.get("not_assigned") or []):
        return 0.0
    if {f.criterion_id for f in brief.focus} & set(expected.get("not_focus") or []):
        return 0.0
    commits = " ".join(q.text.lower() for q in brief.questions if q.kind == "commitment")
    return 0.0 if any(w.lower() in commits for w in expected.get("no_commit_words") or []) else 1.0


def _score_case(
    case: dict[str, Any],
    brief: Any,
    record_ids: set[str],
    kb: Any,
    own: set[tuple[str, ...]] | None = None,
    elsewhere: set[tuple[str, ...]] = frozenset(),  # type: ignore[assignment]
    cited_texts: dict[str, str] | None = None,
) -> CaseResult:
    expected = case["expected"]
    values: dict[str, float | None] = {"schema_valid": 1.0}
    first = brief.focus[0].criterion_id if brief.focus else None
    values["focus_accuracy"] = float(first in expected["focus"]) if expected["focus"] else float(first is None)
    cause = brief.root_cause[0].category if brief.root_cause else None
    if expected.get("root_cause") is None:
        values["root_cause_accuracy"] = None
    else:
        values["root_cause_accuracy"] = float(cause == expected["root_cause"]) if brief.focus else 0.0
    want_leave = expected.get("leave_with_rep") or []
    got_leave = {x.criterion_id for x in brief.leave_with_rep}
    values["leave_with_rep_recall"] = sum(c in got_leave for c in want_leave) / len(want_leave) if want_leave else None
    known = record_ids | set(kb.criteria) | set(kb.activities) | set(kb.questions)
    values["citation_integrity"] = (
        sum(c in known for c in brief.citations) / len(brief.citations) if brief.citations else 1.0
    )
    qs = brief.questions
    values["question_share"] = sum(q.text.strip().endswith("?") for q in qs) / len(qs) if qs else 0.0
    diag = [q for q in qs if q.kind == "diagnostic"]
    evidence = {**(cited_texts or {}), **{e.id: e.text for f in brief.focus for e in f.evidence}}
    titles = {f.criterion_id: f.title for f in brief.focus}
    open_ok, specific_ok = [], []
    for q in diag:
        problem = problem_with(
            q.text, evidence.get(q.citations[0], "") if q.citations else "", titles.get(q.criterion_id, "")
        )
        open_ok.append(problem is None or problem.startswith("generic"))
        specific_ok.append(problem is None)
    values["open_share"] = sum(open_ok) / len(open_ok) if open_ok else 0.0
    values["specific_share"] = sum(specific_ok) / len(specific_ok) if specific_ok else 0.0
    if own is not None:
        mine = rep_specific([q.text for q in diag], own, elsewhere)
        values["rep_specific_share"] = sum(mine) / len(mine) if mine else 0.0
    first_kind = brief.priorities[0].kind if brief.priorities else None
    values["priority_accuracy"] = (
        float(first_kind == expected.get("priority", "skill")) if brief.focus or "priority" in expected else None
    )
    values["history_respected"] = _history_respected(expected, brief)
    values["diagnostic_count_ok"] = float(4 <= len(diag) <= 8)
    fits = [
        a.criterion_id in kb.activities[a.activity_id].criteria
        and expected["root_cause"] in kb.activities[a.activity_id].root_causes
        for a in brief.assignments
        if a.activity_id in kb.activities
    ]
    # nothing new assigned because an activity already under way builds the focus and suits the cause: that activity
    # is the assignment (assigning it again would be the duplicate the brief must not make)
    running = [
        a["activity"]
        for a in case.get("assignments") or []
        if a.get("status") != "done"
        and a["activity"] in kb.activities
        and any(f in kb.activities[a["activity"]].criteria for f in expected.get("focus") or [])
        and expected.get("root_cause") in kb.activities[a["activity"]].root_causes
    ]
    if expected.get("root_cause") is None:
        values["assignment_fit"] = None
    elif brief.assignments:
        values["assignment_fit"] = sum(fits) / len(brief.assignments)
    else:
        values["assignment_fit"] = 1.0 if running else 0.0
    values["curated_fallback_share"] = sum(q.source != "generated" for q in diag) / len(diag) if diag else None
    details = {
        "expected": expected,
        "focus": [f.criterion_id for f in brief.focus],
        "root_cause": cause,
        "questions": [f"[{q.source}] {q.text}" for q in diag],
        "commitments": [q.text for q in qs if q.kind == "commitment"],
        "priorities": [f"{p.kind}: {p.reason}" for p in brief.priorities],
        "rationale": [c.rationale for c in brief.root_cause],
        "assignments": [a.activity_id for a in brief.assignments],
        "notes": brief.notes,
    }
    return CaseResult(case["id"], case.get("split", "dev"), values, details)


def _score_meetings(case: dict[str, Any], brief: Any, store: Any, admin: Any, model: Any, result: CaseResult) -> None:
    """Every meeting type the case names, briefed as `copilot prep --meeting` does, against its expectations; and
    every rendered brief read for defects."""
    wanted: dict[str, Any] = case["expected"].get("meetings") or {}
    today = dt.date.fromisoformat(str(case["today"]))
    rendered = {"one-on-one": (brief, render_markdown(brief))}
    for meeting in wanted:
        if meeting not in rendered:
            other = prepare_brief(store, admin, f"rep-{case['id']}", store.kb, model, meeting=meeting, today=today)
            rendered[meeting] = (other, render_markdown(other))
    defects = {m: reading_defects(md) for m, (_, md) in rendered.items()}
    result.values["reads_clean"] = sum(not d for d in defects.values()) / len(defects)
    missed = {m: meeting_problems(exp or {}, rendered[m][0], rendered[m][1]) for m, exp in wanted.items()}
    result.values["meeting_expectations"] = sum(not p for p in missed.values()) / len(missed) if missed else None
    result.details["meetings"] = {m: p for m, p in missed.items() if p}
    result.details["reading_defects"] = {m: d for m, d in defects.items() if d}


def run(settings: Settings, model: ChatModel | None, *, cases_path: Path = CASES) -> SuiteResult:
    """Build a store holding every case's rep, prepare each brief, and score it."""
    cases = yaml.safe_load(cases_path.read_text(encoding="utf-8"))["cases"]
    results: list[CaseResult] = []
    with tempfile.TemporaryDirectory() as tmp:
        team_file = Path(tmp) / "team.yaml"
        team_file.write_text(yaml.safe_dump(_team_doc(cases), sort_keys=False), encoding="utf-8")
        store = open_store(settings.model_copy(update={"data_dir": Path(tmp), "database_url": ""}))
        admin = Actor.local_admin()
        store.load_team_file(admin, team_file, shift=False)
        for path in _deal_csvs(cases, Path(tmp)):
            store.import_deals_csv(admin, path)
        corpora = {
            case["id"]: set().union(*map(_grams, _rep_texts(store, admin, f"rep-{case['id']}")), set())
            for case in cases
        }
        own = _own_spans(corpora, _kb_spans(store.kb))
        briefs: dict[str, Any] = {}
        for case in cases:
            today = dt.date.fromisoformat(str(case["today"]))
            try:
                briefs[case["id"]] = prepare_brief(store, admin, f"rep-{case['id']}", store.kb, model, today=today)
            except Exception as exc:  # an eval records a crash as a failed case and goes on
                briefs[case["id"]] = f"{type(exc).__name__}: {exc}"
        said = {
            cid: set().union(*(_grams(q.text) for q in b.questions), set())
            for cid, b in briefs.items()
            if not isinstance(b, str)
        }
        for case in cases:
            rep_id, brief = f"rep-{case['id']}", briefs[case["id"]]
            if isinstance(brief, str):
                results.append(
                    CaseResult(case["id"], case.get("split", "dev"), {"schema_valid": 0.0}, {"error": brief})
                )
                continue
            elsewhere = set().union(*(g for cid, g in said.items() if cid != case["id"]), set())
            ids = {o.id for o in store.observations(admin, rep_id)} | {s.id for s in store.sessions(admin, rep_id)}
            ids |= {a.id for a in store.action_items(admin, rep_id)} | {a.id for a in store.assignments(admin, rep_id)}
            result = _score_case(
                case, brief, ids, store.kb, own[case["id"]], elsewhere, _cited_texts(store, admin, rep_id)
            )
            result.values["claims_true"] = _claims_true(brief, store, admin, rep_id)
            _score_meetings(case, brief, store, admin, model, result)
            results.append(result)
        store.close()
    return SuiteResult("prep", SPECS, results)
