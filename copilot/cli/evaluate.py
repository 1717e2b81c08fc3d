"""`copilot eval`: run the eval suites, write report.json / .md / .html, exit non-zero when a gate fails."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.cli.options import current_app
from copilot.cli.output import EXIT_FAILED, EXIT_OK, emit_json

ALL = ("prep", "retrieval", "ask", "review", "roleplay", "moves")


app = typer.Typer()


@app.command("eval")
def eval_cmd(
    ctx: typer.Context,
    suite: str = typer.Option(
        "all", "--suite", help="prep, retrieval, ask, review, roleplay, moves, all, or review-external (with --data)."
    ),
    data: Path = typer.Option(
        None,
        "--data",
        help="review-external: a CSV in AnnoMI-full.csv's format (else $COPILOT_ANNOMI_PATH, else the shared dev file).",
    ),
    backend: str = typer.Option(
        "configured", "--backend", help="configured (the COPILOT_LLM_* model, embedded by default) or none."
    ),
    report: Path = typer.Option(Path("reports/eval"), "--report", help="Folder for report.json/.md/.html."),
    update_baseline: bool = typer.Option(
        False, "--update-baseline", help="Commit these numbers as this backend's baseline (needs --reason)."
    ),
    reason: str = typer.Option(
        None, "--reason", help="Why the baseline changes; stored with the date and git revision, shown in reports."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Measure the advice (prep, retrieval, ask, review, roleplay) against thresholds and the baseline.

    With COPILOT_JUDGE_MODEL set, a judge also grades prep questions and roleplay feedback (never gated).
    """
    from evals.run import JUDGE_HOW, run_suites, write

    if suite == "review-external":
        raise typer.Exit(_external(data, report, as_json))
    if data is not None:
        raise typer.BadParameter("--data only goes with --suite review-external", param_hint="--data")
    if suite != "all" and suite not in ALL:
        raise typer.BadParameter(f"use one of {', '.join(ALL)}, all or review-external", param_hint="--suite")
    if backend not in ("configured", "none"):
        raise typer.BadParameter("use configured or none", param_hint="--backend")
    if update_baseline and not (reason or "").strip():
        raise typer.BadParameter(
            'say why the numbers should become the baseline, e.g. --reason "stricter open-question check"',
            param_hint="--reason",
        )
    if reason is not None and not update_baseline:
        raise typer.BadParameter("--reason only goes with --update-baseline", param_hint="--reason")
    application = current_app(ctx)
    s = application.settings
    name = "none" if backend == "none" else f"{s.llm_backend}:{s.llm_model or 'bundled'}"
    run = run_suites(application.runtime, list(ALL) if suite == "all" else [suite], backend=name)
    written = write(report, run, update_reason=reason.strip() if update_baseline and reason else None)
    results = run.results
    passed = all(r.passed for r in results)
    code = EXIT_OK if passed and (not update_baseline or written.baseline_updated) else EXIT_FAILED
    if as_json:
        emit_json(
            {
                "passed": passed,
                "reports": [str(p) for p in written.paths],
                "baseline": {
                    r.name: (e.as_meta() if (e := run.baselines.suites.get(r.name)) else None) for r in results
                },
                "baseline_update": written.baseline_message,
                "skipped": [{"what": x, "how": JUDGE_HOW} for x in run.skipped],
                "metrics": {
                    r.name: [m.as_dict() for m in r.metrics if m.split in ("dev", "heldout", "all")] for r in results
                },
            }
        )
    else:
        for r in results:
            for m in r.metrics:
                if m.mean is None:
                    continue
                flag = "" if m.passed else f"  FAIL: {m.reason}"
                typer.echo(f"{r.name:<10} {m.name:<24} {m.split:<9} n={m.n:<4} {m.mean:.3f}{flag}")
        for r in results:
            entry = run.baselines.suites.get(r.name)
            typer.echo(
                f"{r.name}: compared with the {entry.describe()}" if entry else f"{r.name}: no baseline for {name}"
            )
        if run.skipped:
            typer.echo(f"skipped (no judge configured): {', '.join(run.skipped)}; to turn them on, {JUDGE_HOW}")
        if written.baseline_message:
            typer.echo(written.baseline_message)
        typer.echo(f"reports: {', '.join(str(p) for p in written.paths)}")
        typer.echo("all gates pass" if passed else "a gated metric failed")
    raise typer.Exit(code)


def _external(data: Path | None, report: Path, as_json: bool) -> int:
    """`--suite review-external`: the review against expert labels on AnnoMI-format conversations."""
    import json

    from evals.external import annomi, review_external

    path = annomi.find_data(data)
    if path is None:
        typer.echo(f"no AnnoMI file found: {annomi.HOW}", err=True)
        return EXIT_FAILED
    result = review_external.run(path)
    report.mkdir(parents=True, exist_ok=True)
    lines = review_external.render(result)
    (report / "review-external.json").write_text(json.dumps(result.as_dict(), indent=2), encoding="utf-8")
    (report / "review-external.md").write_text("\n".join(["# Review, external", "", *lines, ""]), encoding="utf-8")
    if as_json:
        emit_json(result.as_dict())
    else:
        for line in lines:
            typer.echo(line)
        typer.echo("all gates pass" if result.passed else "a gated metric failed")
    return EXIT_OK if result.passed else EXIT_FAILED
