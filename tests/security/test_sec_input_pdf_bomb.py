"""A PDF that is small on disk but unpacks to hundreds of megabytes is refused, in bounded memory, losing nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from copilot.records.access import Actor
from copilot.runtime import Runtime
from copilot.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
MB = 1 << 20


def _stream(inflated: int) -> bytes:
    """A FlateDecode content stream: one line of text, then `inflated` bytes of spaces (about 1000:1)."""
    comp = zlib.compressobj(9)
    out = comp.compress(b"BT /F1 12 Tf 72 720 Td (Bomb) Tj ET\n")
    chunk = b" " * MB
    for _ in range(inflated // MB):
        out += comp.compress(chunk)
    return out + comp.flush()


def bomb_pdf(pages: int, inflated_per_page: int, text: str = "") -> bytes:
    """A valid PDF whose every page draws from its own compressed stream; `text` makes an ordinary PDF instead."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), font]
    for i in range(pages):
        if text:
            data, head = f"BT /F1 12 Tf 72 720 Td ({text} {i + 1}) Tj ET".encode(), b"<< /Length %d >>"
        else:
            data, head = _stream(inflated_per_page), b"<< /Length %d /Filter /FlateDecode >>"
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objs.append(head % len(data) + b"\nstream\n" + data + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


PROBE = """
import json, resource, sys
from pathlib import Path
from copilot.knowledge.loader import load_file
root = Path(sys.argv[1])
out = {}
for name in sys.argv[2:]:
    r = load_file(root / name, root)
    out[name] = [{"path": p.path, "severity": p.severity, "message": p.message, "fix": p.fix} for p in r.problems]
    out[name + ":items"] = len(r.items)
# VmHWM is this process's own peak: ru_maxrss would carry the forking parent's size across exec (a big pytest)
hwm = [line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:")]
out["peak_mb"] = int(hwm[0].split()[1]) // 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(out))
"""


def test_a_pdf_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    one = bomb_pdf(1, 400 * MB)  # one stream: ~400 KB on disk, 400 MB unpacked
    many = bomb_pdf(24, 16 * MB)  # 24 streams each under any per-stream cap, 384 MB together
    assert len(one) < MB and len(many) < MB
    (tmp_path / "one.pdf").write_bytes(one)
    (tmp_path / "many.pdf").write_bytes(many)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path), "one.pdf", "many.pdf"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,  # generous: the point is memory, and CI machines can be slow
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    for name in ("one.pdf", "many.pdf"):
        [problem] = out[name]
        assert problem["path"] == name and problem["severity"] == "error"
        assert "unpacks to more than 64 MB" in problem["message"] and "not read" in problem["message"]
        assert ".md or .txt" in problem["fix"]
        assert out[name + ":items"] == 0
    # before the cap one such file took 641 MB for 300 MB unpacked; the cap's budget is 64 MB of page content
    assert out["peak_mb"] < 300, out["peak_mb"]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    knowledge = tmp_path / "install" / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    monkeypatch.setenv("COPILOT_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("COPILOT_LLM_BACKEND", "fake")
    monkeypatch.setenv("COPILOT_EMBEDDING_BACKEND", "fake")
    return load_settings()


def test_a_pdf_bomb_upload_loses_nothing_indexed(settings: Settings, tmp_path: Path) -> None:
    """A good PDF is uploaded and indexed; a bomb under the same name is refused and the good one stays."""
    from ui import kb_ops
    from ui.context import UIContext

    mine = tmp_path / "mine"
    mine.mkdir()
    ctx = UIContext(Runtime(settings))
    try:
        (mine / "pricing.pdf").write_bytes(bomb_pdf(2, 0, text="Trade, never give"))
        first = kb_ops.upload(ctx, Actor.local_admin(), [str(mine / "pricing.pdf")], lambda f, t: None)
        assert first.kept == ["uploads/pricing.pdf"], first.problems
        good = (settings.uploads_dir / "pricing.pdf").read_bytes()
        chunks = {h.id for h in ctx.runtime.index.get(where={"source": "uploads/pricing.pdf"})}
        total = ctx.runtime.index.count()
        assert chunks

        (mine / "pricing.pdf").write_bytes(bomb_pdf(1, 200 * MB))
        second = kb_ops.upload(ctx, Actor.local_admin(), [str(mine / "pricing.pdf")], lambda f, t: None)
        assert second.rejected == ["uploads/pricing.pdf"]
        rows = second.problems.to_dict("records")
        assert any(r["file"] == "uploads/pricing.pdf" and "unpacks to more than" in r["message"] for r in rows)
        assert (settings.uploads_dir / "pricing.pdf").read_bytes() == good  # the good file is put back
        assert {h.id for h in ctx.runtime.index.get(where={"source": "uploads/pricing.pdf"})} == chunks
        assert ctx.runtime.index.count() == total
        assert "Trade, never give" in " ".join(
            h.text for h in ctx.runtime.index.get(where={"source": "uploads/pricing.pdf"})
        )
    finally:
        ctx.close()
