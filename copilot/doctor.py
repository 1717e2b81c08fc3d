"""`copilot doctor`: try every part for real and say what is wrong and how to fix it."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass

from copilot.errors import CopilotError
from copilot.llm.base import Message
from copilot.runtime import Runtime
from copilot.settings import Settings


@dataclass
class Check:
    """The outcome of one check."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON form."""
        return asdict(self)


def _data_dir(settings: Settings, _: Runtime) -> str:
    folder = settings.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as handle:
            handle.write(b"ok")
    except OSError as exc:
        raise CopilotError(
            f"COPILOT_DATA_DIR: cannot write to {folder} ({exc.strerror})",
            fix="set COPILOT_DATA_DIR to a folder you can write to",
        ) from exc
    return f"{folder} is writable"


def _tokeniser(_: Settings, __: Runtime) -> str:
    from copilot.tokens import ENCODING, count_tokens

    n = count_tokens("Reconcile last week's action items first.")
    return f"{ENCODING} counts offline ({n} tokens in a sample sentence)"


def _embedder(_: Settings, runtime: Runtime) -> str:
    emb = runtime.embedder
    a, b, c = emb.embed_documents(
        ["The buyer says our price is too high.", "The customer thinks it costs too much.", "Schedule the demo room."]
    )
    near = sum(x * y for x, y in zip(a, b, strict=True))
    far = sum(x * y for x, y in zip(a, c, strict=True))
    if not near > far:
        raise CopilotError(f"embedder {emb.name} gives meaningless vectors", fix="reinstall the embedding model")
    return f"{emb.name}, {len(a)} dimensions; similar sentences closer ({near:.2f} > {far:.2f})"


def _vector_store(settings: Settings, runtime: Runtime) -> str:
    from copilot.index.chroma import ChromaIndex, chroma_client

    client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
    name = f"doctor-{uuid.uuid4().hex[:8]}"
    probe = ChromaIndex(client, name)
    try:
        probe.upsert(["a", "b"], ["alpha", "beta"], [[1.0, 0.0], [0.0, 1.0]], [{"t": "x"}, {"t": "y"}])
        hits = probe.query([0.9, 0.1], 1)
        if not hits or hits[0].id != "a":
            raise CopilotError(
                "the vector store returned the wrong neighbour", fix="delete the chroma folder and re-ingest"
            )
    finally:
        client.delete_collection(name)
    where = settings.chroma_url or str(settings.chroma_path)
    chunks = runtime.index.count()
    return f"Chroma at {where} answers; knowledge index holds {chunks} chunks"


def _database(settings: Settings, _: Runtime) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    url = settings.resolved_database_url
    if url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except (SQLAlchemyError, ModuleNotFoundError) as exc:
        raise CopilotError(
            f"COPILOT_DATABASE_URL: cannot connect ({type(exc).__name__}: {str(exc).splitlines()[0][:160]})",
            fix="check the URL, that the server runs, or unset it to use SQLite",
        ) from exc
    shown = url.split("@")[-1] if "@" in url else url
    return f"{shown} answers"


def _model(settings: Settings, runtime: Runtime) -> str:
    model = runtime.chat_model
    started = time.monotonic()
    completion = model.complete(
        [Message("user", "Reply with one short sentence: what should a sales manager do before a 1-on-1?")],
        max_tokens=32,
        temperature=0.0,
    )
    if not completion.text.strip():
        raise CopilotError(f"model {model.name} answered with nothing", fix="check COPILOT_LLM_MODEL")
    took = time.monotonic() - started
    preview = " ".join(completion.text.split())[:60]
    return f"{settings.llm_backend}:{model.name} answered in {took:.1f} s: {preview!r}"


def _model_use(settings: Settings, _: Runtime) -> str:
    from copilot.model_use import plan

    return "; ".join(
        f"{u.label} {'USE the model' if u.on else 'curated'} ({u.reason})" for u in plan(settings).values()
    )


CHECKS: list[tuple[str, Callable[[Settings, Runtime], str]]] = [
    ("data folder", _data_dir),
    ("tokeniser", _tokeniser),
    ("embedder", _embedder),
    ("vector store", _vector_store),
    ("database", _database),
    ("language model", _model),
    ("model use", _model_use),
]


def run_checks(settings: Settings, runtime: Runtime | None = None) -> list[Check]:
    """Run every check; one failing never hides the others."""
    runtime = runtime or Runtime(settings)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    results = []
    for name, fn in CHECKS:
        started = time.monotonic()
        try:
            detail = fn(settings, runtime)
            results.append(Check(name, True, detail, seconds=time.monotonic() - started))
        except CopilotError as exc:
            results.append(Check(name, False, exc.message, exc.fix or "", time.monotonic() - started))
        except Exception as exc:  # a diagnostic must report any failure of the part it checks, not crash
            results.append(
                Check(
                    name,
                    False,
                    f"{type(exc).__name__}: {exc}",
                    "see the message; re-run with the part fixed",
                    time.monotonic() - started,
                )
            )
    return results
