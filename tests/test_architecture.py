"""Dependencies point inward: the core never imports gradio, and nothing builds a client at import time."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import copilot
from copilot import prompts


def test_core_imports_without_gradio_or_model_loading() -> None:
    modules = [m.name for m in pkgutil.walk_packages(copilot.__path__, "copilot.")]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = [m for m in ('gradio', 'llama_cpp', 'onnxruntime', 'chromadb') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported at module import time: {out.stdout.strip()}"


def test_every_prompt_renders() -> None:
    assert prompts.names(), "no prompt files found"
    from copilot.tokens import ContextPiece

    samples = {
        "company": "Acme",
        "pieces": [ContextPiece("obj-x", "A passage.")],
        "example_id": "obj-x",
        "rep_name": "Marcus",
        "count": 5,
        "focus": [
            {
                "criterion_id": "c",
                "title": "T",
                "cause": "skill",
                "rationale": "r",
                "evidence": [{"id": "obs-1", "text": "no agenda"}],
            }
        ],
        "buyer": {
            "persona_title": "CFO",
            "industry": "Logistics",
            "company_size": "600 staff",
            "disposition": "Sceptical",
            "deal_context": "Late stage",
            "difficulty": "tough",
            "seller_company": "Acme",
        },
        "turn": {
            "kind": "push_back",
            "reason": "a feature list",
            "rep_said": "We have dashboards.",
            "concern": "It costs too much.",
            "fact": "",
            "example": "I didn't ask for a tour.",
            "max_words": 30,
            "history": [{"speaker": "Buyer", "text": "It costs too much."}],
        },
    }
    for name in prompts.names():
        text = prompts.render(name, **samples)
        assert text.strip() and "{{" not in text and "{%" not in text, name


def test_import_layers_hold() -> None:
    """The contracts in pyproject.toml [tool.importlinter]: layers, gradio only in pages, no cycles."""
    import contextlib
    import io
    from pathlib import Path

    from importlinter.cli import lint_imports

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = lint_imports(
            config_filename=str(Path(__file__).resolve().parents[1] / "pyproject.toml"),
            no_cache=True,
            show_timings=False,
            verbose=False,
        )
    report = out.getvalue()
    assert code == 0, report[report.find("Broken contracts") :] or report
