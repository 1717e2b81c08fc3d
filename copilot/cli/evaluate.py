"""`copilot eval`: run the eval suites, write report.json / .md / .html, exit non-zero when a gate fails."""

from __future__ import annotations

from pathlib import Path

import typer

from copilot.cli.output import EXIT_FAILED, EXIT_OK, emit_json

ALL = ("prep", "retrieval", "review", "roleplay")


def register(app: typer.Typer) -> None:
    """Attach the command."""

    @app.command("eval")
    def eval_cmd(
        suite: str = typer.Option("all", "--suite", help="prep, retrieval, review, roleplay or all."),
        backend: str = typer.Option(
            "configured", "--backend", help="configured (the COPILOT_LLM_* model, embedded by default) or none."
        ),
        report: Path = typer.Option(Path("reports/eval"), "--report", help="Folder for report.json/.md/.html."),
        update_baseline: bool = typer.Option(False, "--update-baseline", help="Commit these numbers as the baseline."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Measure the advice (prep, retrieval, review, roleplay) against thresholds and the baseline.

        With COPILOT_JUDGE_MODEL set, an OpenAI-compatible judge also grades the prep questions (reported, not gated).
        """
        from copilot.cli.main import settings
        from copilot.runtime import Runtime
        from evals.run import run_suites, write

        if suite != "all" and suite not in ALL:
            raise typer.BadParameter(f"use one of {', '.join(ALL)} or all", param_hint="--suite")
        if backend not in ("configured", "none"):
            raise typer.BadParameter("use configured or none", param_hint="--backend")
        s = settings()
        name = "none" if backend == "none" else f"{s.llm_backend}:{s.llm_model or 'bundled'}"
        results = run_suites(Runtime(s), list(ALL) if suite == "all" else [suite], backend=name)
        paths = write(report, results, backend=name, update_baseline=update_baseline)
        passed = all(r.passed for r in results)
        if as_json:
            emit_json(
                {
                    "passed": passed,
                    "reports": [str(p) for p in paths],
                    "metrics": {
                        r.name: [m.as_dict() for m in r.metrics if m.split in ("dev", "heldout", "all")]
                        for r in results
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
            typer.echo(f"reports: {', '.join(str(p) for p in paths)}")
            typer.echo("all gates pass" if passed else "a gated metric failed")
        raise typer.Exit(EXIT_OK if passed else EXIT_FAILED)
