"""The roleplay eval: scripted rep lines labelled strong / medium / weak, played against the buyer and scored.

Run `python -m copilot.roleplay.evaluate [--split dev|heldout|all] [--model] [--json]`. It reports the mean
overall level per label, the strong-minus-weak margin per scenario, whether the score is reproducible (the
same transcript scored twice, and the same script played twice), and how often the buyer's words were
generated versus curated. Without --model the buyer speaks curated lines, so the run is fully deterministic.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel
from copilot.roleplay.checks import OUT_OF_ROLE
from copilot.roleplay.scenarios import scenario_from_kb
from copilot.roleplay.scoring import score_transcript
from copilot.roleplay.session import RoleplayResult, RoleplaySession

Label = Literal["strong", "medium", "weak"]
Split = Literal["dev", "heldout", "all"]
DEFAULT_INDEX = Path(__file__).resolve().parents[2] / "evals" / "roleplay" / "index.yaml"


class Script(BaseModel):
    """One labelled file of rep lines."""

    file: str
    scenario: str
    label: Label
    split: Literal["dev", "heldout"]


class ScriptRun(BaseModel):
    """What one script scored."""

    file: str
    scenario: str
    label: Label
    split: str
    outcome: str
    overall: float
    levels: dict[str, int]
    reproducible: bool
    buyer_turns: int
    curated_turns: int
    role_breaks: int = Field(description="Buyer turns whose final words coach, praise or step out of role.")


class SplitReport(BaseModel):
    """The numbers for one split."""

    split: Split
    scripts: int
    mean_overall: dict[str, float] = Field(description="Mean overall level by label.")
    margin: float = Field(description="Mean strong minus mean weak.")
    pairs: int = Field(description="Scenarios with both a strong and a weak script.")
    pairs_strong_higher: int = Field(description="Of those, where every strong script beats every weak one.")
    reproducible: bool
    curated_share: float = Field(description="Buyer turns whose words were curated, not generated.")
    role_breaks: int = Field(description="Buyer turns out of role, over all runs.")
    runs: list[ScriptRun]


def load_index(path: Path = DEFAULT_INDEX) -> list[Script]:
    """The labelled scripts, or KnowledgeBaseError naming the broken entry."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return [Script.model_validate(s) for s in raw.get("scripts", [])]
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise KnowledgeBaseError(f"cannot read the roleplay eval index: {exc}", path=str(path)) from None


def play(kb: KnowledgeBase, scenario_id: str, lines: Sequence[str], model: ChatModel | None = None) -> RoleplayResult:
    """Play rep lines against a scenario's buyer until the lines run out or the buyer ends it, then score."""
    session = RoleplaySession(kb, scenario_from_kb(kb, scenario_id), model)
    session.open()
    for line in lines:
        if session.ended:
            break
        session.rep_says(line)
    return session.finish()


def run_script(kb: KnowledgeBase, script: Script, root: Path, model: ChatModel | None) -> ScriptRun:
    """Play one script, then check the score is reproducible from the transcript and from a replay."""
    lines = [x for x in (root / script.file).read_text(encoding="utf-8").splitlines() if x.strip()]
    result = play(kb, script.scenario, lines, model)
    again = score_transcript(kb, result.scenario, result.turns, result.score.outcome)
    replay = play(kb, script.scenario, lines, None) if model is None else result
    same = again == result.score and replay.score == result.score
    breaks = sum(OUT_OF_ROLE.search(t.text) is not None for t in result.turns if t.speaker == "buyer")
    return script_run(script, result, reproducible=same, role_breaks=breaks)


def script_run(script: Script, result: RoleplayResult, *, reproducible: bool, role_breaks: int) -> ScriptRun:
    """What one played script gave: its score, and how the buyer's turns were made."""
    buyer = [t for t in result.turns if t.speaker == "buyer"]
    return ScriptRun(
        file=script.file,
        scenario=script.scenario,
        label=script.label,
        split=script.split,
        outcome=result.score.outcome,
        overall=result.score.overall,
        levels={c.criterion_id: c.level for c in result.score.scores},
        reproducible=reproducible,
        buyer_turns=len(buyer),
        curated_turns=sum(t.curated for t in buyer),
        role_breaks=role_breaks,
    )


def report(runs: list[ScriptRun], split: Split) -> SplitReport:
    """Summarise runs of one split."""
    chosen = [r for r in runs if split == "all" or r.split == split]
    means = {
        label: round(statistics.mean(r.overall for r in chosen if r.label == label), 2)
        for label in ("strong", "medium", "weak")
        if any(r.label == label for r in chosen)
    }
    scenarios = sorted({r.scenario for r in chosen})
    pairs = wins = 0
    for sc in scenarios:
        strong = [r.overall for r in chosen if r.scenario == sc and r.label == "strong"]
        weak = [r.overall for r in chosen if r.scenario == sc and r.label == "weak"]
        if strong and weak:
            pairs += 1
            wins += min(strong) > max(weak)
    buyer = sum(r.buyer_turns for r in chosen)
    return SplitReport(
        split=split,
        scripts=len(chosen),
        mean_overall=means,
        margin=round(means.get("strong", 0.0) - means.get("weak", 0.0), 2),
        pairs=pairs,
        pairs_strong_higher=wins,
        reproducible=all(r.reproducible for r in chosen),
        curated_share=round(sum(r.curated_turns for r in chosen) / buyer, 3) if buyer else 0.0,
        role_breaks=sum(r.role_breaks for r in chosen),
        runs=chosen,
    )


def evaluate(
    kb: KnowledgeBase,
    index: Path = DEFAULT_INDEX,
    model: ChatModel | None = None,
    splits: Sequence[Split] = ("dev", "heldout"),
) -> list[SplitReport]:
    """Run every script once and report each requested split."""
    runs = [run_script(kb, s, index.parent, model) for s in load_index(index)]
    return [report(runs, split) for split in splits]


def _print(reports: list[SplitReport]) -> None:
    for r in reports:
        means = "  ".join(f"{k} {v:.2f}" for k, v in r.mean_overall.items())
        print(f"[{r.split}] {r.scripts} scripts  mean overall: {means}  margin {r.margin:+.2f}")
        print(
            f"        strong > weak in {r.pairs_strong_higher}/{r.pairs} scenarios  reproducible {r.reproducible}"
            f"  curated buyer turns {r.curated_share:.0%}  out-of-role buyer turns {r.role_breaks}"
        )
        for run in r.runs:
            levels = " ".join(str(v) for v in run.levels.values())
            print(f"        {run.label:<6} {run.overall:4.2f} [{levels}] {run.outcome:<16} {run.file}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--split", choices=["dev", "heldout", "all", "both"], default="both")
    parser.add_argument("--model", action="store_true", help="Let the configured chat model phrase the buyer.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from copilot.records.reference import load_knowledge
    from copilot.settings import load_settings

    settings = load_settings()
    kb = load_knowledge(settings)
    model = None
    if args.model:
        from copilot.runtime import Runtime

        model = Runtime(settings).chat_model
    splits: list[Split] = ["dev", "heldout"] if args.split == "both" else [args.split]
    reports = evaluate(kb, args.index, model, splits)
    if args.json:
        print(json.dumps([r.model_dump() for r in reports], indent=2))
    else:
        _print(reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
