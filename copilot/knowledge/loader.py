"""Load and validate a knowledge-base folder so every problem names its file, line and fix, and good files still load.

This module finds the files and runs each through its reader (copilot.knowledge.readers), then assembles the
knowledge base (assemble) and checks cross-references (references); decoding, diagnostics and results hold the rest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.assemble import assemble
from copilot.knowledge.decoding import decode, readable_size, relative
from copilot.knowledge.diagnostics import problem
from copilot.knowledge.readers.markdown import load_markdown
from copilot.knowledge.readers.pdf import load_pdf
from copilot.knowledge.readers.structured import load_yaml
from copilot.knowledge.readers.text import load_text
from copilot.knowledge.references import blocked_targets, reference_problems
from copilot.knowledge.results import FileResult, LoadResult
from copilot.knowledge.schema import FileInfo, Guide, Problem
from copilot.knowledge.team_file import TeamFile, validate_team_file

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
UPLOADS_PREFIX = "uploads/"  # how files uploaded to the data folder are named in problems, items and the index
YAML_SUFFIXES = {".yaml", ".yml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = YAML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES | PDF_SUFFIXES
RECORD_CSVS = ("deals.csv", "targets.csv")  # beside a team file; see docs/records.md


def load_file(path: Path, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, prefix: str = "") -> FileResult:
    """Load one file under `root`; problems are returned, never raised, so callers can keep going.

    `prefix` goes in front of the path the file is known by (`uploads/` for files uploaded to the data folder).
    """
    path, root = Path(path), Path(root)
    rel = prefix + relative(path, root)
    info = FileInfo(path=rel, ok=False)
    result = FileResult(info=info)
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        result.add(
            f"file is outside the knowledge folder (it resolves to {resolved})",
            "copy the file into the knowledge folder instead of linking to it",
        )
        return result
    if not resolved.is_file():
        result.add("file not found or not a regular file", "check the path, or remove the broken link")
        return result
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        result.add(
            f"skipped: {suffix or 'files without an extension'} is not a supported format",
            "convert it to YAML (.yaml), Markdown (.md), text (.txt) or PDF (.pdf), or move it out of the folder",
            severity="info",
        )
        return result
    size = resolved.stat().st_size
    info.size = size
    if size > max_bytes:
        result.add(
            f"file is {readable_size(size)}, over the {readable_size(max_bytes)} limit; not read",
            "split it into smaller files, or raise the size limit if it really belongs in the knowledge base",
        )
        return result
    raw = resolved.read_bytes()
    info.sha256 = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        result.add("file is empty", "add content or delete the file", severity="warning")
        return result
    if suffix in PDF_SUFFIXES:
        load_pdf(result, raw, path.stem)
    else:
        text, problems = decode(rel, raw)
        result.problems += problems
        if text is None:
            return result
        if suffix in YAML_SUFFIXES:
            load_yaml(result, text)
        elif suffix in MARKDOWN_SUFFIXES:
            load_markdown(result, text, path.stem)
        else:
            load_text(result, text, path.stem)
    if result.document is not None and not any(p.severity == "error" for p in result.problems):
        if not isinstance(result.document, TeamFile):
            result.items = (
                result.document.items()
                if isinstance(result.document, Guide)
                else result.document.items(rel, result.lines)
            )
        info.ok = True
    else:
        result.document = None
    info.item_ids = [item.id for item in result.items]
    return result


def load_team_file(path: Path) -> TeamFile:
    """Read and validate one team file, raising KnowledgeBaseError with the line of the first problem."""
    result = load_file(path, path.parent)
    problems = list(result.problems)
    if isinstance(result.document, TeamFile):
        problems += validate_team_file(result.document, None, path=result.info.path, lines=result.lines)
    errors = [p for p in problems if p.severity == "error"]
    if errors or not isinstance(result.document, TeamFile):
        first = (
            errors[0]
            if errors
            else Problem(path=str(path), message="not a team file", fix="start the file with `kind: team`")
        )
        raise KnowledgeBaseError(first.message, path=str(path), line=first.line, key=first.key, fix=first.fix)
    return result.document


def _discover(root: Path, problems: list[Problem]) -> list[Path]:
    """Files under root sorted by relative path; hidden entries are skipped and linked folders are not followed."""
    return sorted(_walk(root, problems), key=lambda p: relative(p, root))


def _walk(root: Path, problems: list[Problem]) -> Iterator[Path]:
    """Every file os.walk finds, reporting linked folders instead of following them."""
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith(".") or name == "__pycache__":
                continue
            if sub.is_symlink():
                target = sub.resolve()
                if target.is_relative_to(real_root):
                    problems.append(
                        problem(
                            relative(sub, root),
                            "skipped a linked folder that points inside the "
                            "knowledge folder (its files load from their real place)",
                            "nothing to do, or remove the link",
                            severity="info",
                        )
                    )
                else:
                    problems.append(
                        problem(
                            relative(sub, root),
                            f"linked folder points outside the knowledge folder ({target}); not loaded",
                            "copy the folder into the knowledge folder instead of linking to it",
                        )
                    )
                continue
            kept.append(name)
        dirs[:] = kept
        has_yaml = any(n.endswith((".yaml", ".yml")) for n in files)
        for name in sorted(files):
            if name.startswith(".") or (name in RECORD_CSVS and has_yaml):
                continue  # a team's deals and targets beside its file: records `copilot team load` reads
            yield here / name


def load_knowledge_base(root: Path, *, uploads: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load every file under root; invalid files contribute nothing, valid ones load, and all problems are listed.

    `uploads` is a second folder (files enablement uploaded, kept in the data folder) whose files join the knowledge
    base as `uploads/<name>`, checked together with the rest; a missing uploads folder is simply empty.
    """
    root = Path(root)
    if not root.exists():
        raise KnowledgeBaseError(
            "knowledge folder not found",
            path=str(root),
            fix="pass the folder that holds your knowledge files, e.g. knowledge/",
        )
    if not root.is_dir():
        raise KnowledgeBaseError(
            "expected a folder, got a file",
            path=str(root),
            fix="pass the knowledge folder, or use load_file() for a single file",
        )
    problems: list[Problem] = []
    results = [load_file(path, root, max_bytes=max_bytes) for path in _discover(root, problems)]
    if uploads is not None and Path(uploads).is_dir():
        uploaded = [
            load_file(path, uploads, max_bytes=max_bytes, prefix=UPLOADS_PREFIX)
            for path in _discover(Path(uploads), problems)
        ]
        shadowed = {r.info.path for r in uploaded}
        for result in results:
            if result.info.path in shadowed:
                problems.append(
                    problem(
                        result.info.path,
                        f"not loaded: a file uploaded in the web app has the same name (it is in {uploads})",
                        "rename or delete one of the two",
                        severity="warning",
                    )
                )
        results = [r for r in results if r.info.path not in shadowed] + uploaded
    for result in results:
        problems += result.problems
    kb, items = assemble(results, problems)
    teams = {r.info.path: r.document for r in results if isinstance(r.document, TeamFile)}
    blocked = blocked_targets(results)
    for result in results:
        problems += reference_problems(result, kb, teams, blocked)
    order = {"error": 0, "warning": 1, "info": 2}
    problems.sort(key=lambda p: (p.path, p.line or 0, order[p.severity]))
    return LoadResult(root=root, kb=kb, items=items, problems=problems, files=[r.info for r in results], teams=teams)
