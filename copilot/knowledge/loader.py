"""Load and validate a knowledge-base folder so every problem names its file, line and fix, and good files still load."""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from copilot.errors import KnowledgeBaseError
from copilot.knowledge.schema import (
    CRITERION_ID,
    DOCUMENT_KINDS,
    INTERACTION_ID,
    CompetencyModelFile,
    FileInfo,
    FrontMatter,
    Guide,
    GuideSection,
    KnowledgeBase,
    KnowledgeItem,
    LearningCatalogFile,
    LineMap,
    MessagingFile,
    ObjectionsFile,
    Problem,
    QuestionBankFile,
    ResolvedCriterion,
    ScenariosFile,
    Severity,
    StructuredDocument,
)
from copilot.knowledge.team_file import TeamFile, validate_team_file
from copilot.knowledge.yaml_text import Loc, line_for
from copilot.knowledge.yaml_text import key_path as _key
from copilot.knowledge.yaml_text import parse_yaml as _parse_yaml

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# all page content of one PDF, unpacked (a 600 KB bomb once unpacked to 629 MB and took 1.24 GB of memory)
PDF_MAX_INFLATED_BYTES = 64 * 1024 * 1024
UPLOADS_PREFIX = "uploads/"  # how files uploaded to the data folder are named in problems, items and the index
YAML_SUFFIXES = {".yaml", ".yml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = YAML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES | PDF_SUFFIXES
ALL_KINDS = [*DOCUMENT_KINDS, "team"]
RECORD_CSVS = ("deals.csv", "targets.csv")  # beside a team file; see docs/records.md
_MAX_ERRORS_PER_FILE = 50
Document = StructuredDocument | TeamFile | Guide


@dataclass
class FileResult:
    """What one file contributed: its parsed document (None if invalid), items and problems."""

    info: FileInfo
    document: Document | None = None
    items: list[KnowledgeItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: LineMap = field(default_factory=dict)

    def add(
        self,
        message: str,
        fix: str,
        *,
        line: int | None = None,
        key: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record a problem in this file."""
        self.problems.append(_problem(self.info.path, message, fix, line=line, key=key, severity=severity))


@dataclass
class LoadResult:
    """A whole knowledge base: typed content, flattened items, every problem and per-file facts."""

    root: Path
    kb: KnowledgeBase
    items: list[KnowledgeItem]
    problems: list[Problem]
    files: list[FileInfo]
    teams: dict[str, TeamFile] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return not self.errors

    def item(self, item_id: str) -> KnowledgeItem:
        """The item with this id, or KnowledgeBaseError naming close matches."""
        for item in self.items:
            if item.id == item_id:
                return item
        close = difflib.get_close_matches(item_id, [i.id for i in self.items], n=3)
        raise KnowledgeBaseError(
            f"no item with id {item_id!r}",
            key=item_id,
            fix=f"did you mean {', '.join(close)}?" if close else "list ids with `copilot kb list`",
        )


# ---- reading bytes and text -----------------------------------------------------------------------


def _problem(
    path: str,
    message: str,
    fix: str,
    *,
    line: int | None = None,
    key: str | None = None,
    severity: Severity = "error",
) -> Problem:
    """Shorthand used by every check, so each one states message and fix side by side."""
    return Problem(path=path, line=line, key=key, message=message, fix=fix, severity=severity)


def _decode(rel: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 with a warning."""
    binary = _problem(
        rel,
        "this looks like a binary file, not text",
        "save it as UTF-8 text, or give it the extension of its real format",
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), [
                _problem(rel, "file is UTF-16 encoded; read it anyway", "save it as UTF-8", severity="warning")
            ]
        except UnicodeDecodeError:
            return None, [binary]
    if b"\x00" in raw[:65536]:
        return None, [binary]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None, [binary]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(3, len(text) // 50):
        return None, [binary]
    return text, [
        _problem(
            rel,
            "file is not valid UTF-8; read it as Windows-1252",
            "save it as UTF-8",
            line=bad_line,
            severity="warning",
        )
    ]


def _relative(path: Path, root: Path) -> str:
    """Path as shown in problems: relative to the root when it is inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


def _size(n: int) -> str:
    """Bytes in the unit people think in."""
    for unit, scale in (("MB", 1_048_576), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _slug(text: str) -> str:
    """Lowercase words joined by hyphens, as used in ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


# ---- turning validation errors into problems with a fix ----------------------------------------------


def _strip_annotation(ann: Any) -> Any:
    """The type inside Annotated[...] and Optional[...], to find which model a key path lands in."""
    while True:
        origin = get_origin(ann)
        if origin is Annotated:
            ann = get_args(ann)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(ann) if a is not type(None)]
            if len(args) != 1:
                return ann
            ann = args[0]
        else:
            return ann


def _model_at(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation found by following a key path through nested models, lists and dicts."""
    ann: Any = model
    for part in loc:
        ann = _strip_annotation(ann)
        origin = get_origin(ann)
        if origin is list and isinstance(part, int):
            ann = get_args(ann)[0]
        elif origin is dict:
            ann = get_args(ann)[1]
        elif isinstance(ann, type) and issubclass(ann, BaseModel) and part in ann.model_fields:
            ann = ann.model_fields[str(part)].annotation
        else:
            return None
    return _strip_annotation(ann)


def _owner(data: Any, loc: Loc) -> str | None:
    """Id of the innermost entry on the path, so a message can say which item is wrong."""
    owner = None
    for part in loc:
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            owner = data["id"]
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            break
    return owner


def _fix_for(err: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    """A concrete fix for one pydantic error."""
    kind = err["type"]
    name = str(loc[-1]) if loc else ""
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind == "missing":
        return f"add `{name}:` here (see docs/knowledge-formats.md)"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else ""
        return f"remove `{name}` or correct its spelling" + (f"; allowed keys here: {allowed}" if allowed else "")
    if kind == "literal_error":
        return f"use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        prefix = re.match(r"\^([a-z]+)-", pattern)
        if prefix:
            return f"use `{prefix.group(1)}-` followed by lowercase words joined by hyphens, e.g. {prefix.group(1)}-cfo"
        if pattern == CRITERION_ID:
            return "use `<interaction-id>.<slug>` in lowercase with hyphens, e.g. discovery-call.agenda"
        if pattern == INTERACTION_ID:
            return "use lowercase words joined by hyphens, e.g. discovery-call"
        return "use a value without spaces"
    if kind in ("too_short", "list_type") and "list" in str(err.get("msg", "")).lower():
        return "give a YAML list with at least one entry (lines starting with `- `)"
    if kind in ("string_too_short",):
        return "write some text here"
    if kind.startswith("int_") or kind in (
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
    ):
        return "use a whole number in the allowed range"
    if kind.startswith("date"):
        return "use a date written as YYYY-MM-DD"
    if kind == "string_type":
        return "write plain text here (quote it if YAML reads it as a number, date or yes/no)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "write a mapping of `key: value` lines here"
    if kind == "value_error":
        return "correct the value as the message says"
    return "correct the value to match the format in docs/knowledge-formats.md"


def _validation_problems(
    rel: str, exc: ValidationError, model: type[BaseModel], data: Any, lines: LineMap
) -> list[Problem]:
    """One problem per validation error, each with line, key, the item it belongs to and a fix."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False)[:_MAX_ERRORS_PER_FILE]:
        loc = tuple(err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown field {loc[-1]!r}"
        elif err["type"] == "missing":
            msg = f"missing required field {loc[-1]!r}"
        elif err["type"] == "string_pattern_mismatch":
            msg = f"{loc[-1]} {err['input']!r} does not follow the id convention"
        elif "input" in err and not isinstance(err["input"], (dict, list)):
            msg += f" (got {err['input']!r})"
        owner = _owner(data, loc)
        if owner:
            msg = f"in {owner}: {msg}"
        out.append(
            _problem(
                rel,
                msg,
                _fix_for(err, model, loc),
                line=line_for(lines, loc),
                key=_key(loc),
            )
        )
    return out


# ---- one file -----------------------------------------------------------------------------------------


def load_file(path: Path, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, prefix: str = "") -> FileResult:
    """Load one file under `root`; problems are returned, never raised, so callers can keep going.

    `prefix` goes in front of the path the file is known by (`uploads/` for files uploaded to the data folder).
    """
    path, root = Path(path), Path(root)
    rel = prefix + _relative(path, root)
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
            f"file is {_size(size)}, over the {_size(max_bytes)} limit; not read",
            "split it into smaller files, or raise the size limit if it really belongs in the knowledge base",
        )
        return result
    raw = resolved.read_bytes()
    info.sha256 = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        result.add("file is empty", "add content or delete the file", severity="warning")
        return result
    if suffix in PDF_SUFFIXES:
        _load_pdf(result, raw, path.stem)
    else:
        text, problems = _decode(rel, raw)
        result.problems += problems
        if text is None:
            return result
        if suffix in YAML_SUFFIXES:
            _load_yaml(result, text)
        elif suffix in MARKDOWN_SUFFIXES:
            _load_markdown(result, text, path.stem)
        else:
            _load_text(result, text, path.stem)
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


def _load_yaml(result: FileResult, text: str) -> None:
    """A structured file: parse, pick the schema by `kind`, validate."""
    rel = result.info.path
    data, lines, problems = _parse_yaml(rel, text)
    result.lines = lines
    result.problems += problems
    if data is None and problems:
        return
    kinds = ", ".join(ALL_KINDS)
    if not isinstance(data, dict):
        result.add(
            "the file must be a mapping that starts with `kind:` and `version:`",
            f"start the file with `kind: <one of {kinds}>` and `version: 1`",
            line=1,
        )
        return
    kind = data.get("kind")
    result.info.kind = kind if isinstance(kind, str) else None
    if kind is None:
        result.add("missing `kind:`", f"add `kind: <one of {kinds}>` at the top", line=1, key="kind")
        return
    model: type[BaseModel] | None = TeamFile if kind == "team" else DOCUMENT_KINDS.get(str(kind))
    if model is None:
        close = difflib.get_close_matches(str(kind), ALL_KINDS, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        result.add(
            f"unknown kind {kind!r}",
            f"{hint}use one of: {kinds}",
            line=lines.get(("kind",)),
            key="kind",
        )
        return
    try:
        document = model.model_validate(data)
    except ValidationError as exc:
        result.problems += _validation_problems(rel, exc, model, data, lines)
        return
    if isinstance(document, CompetencyModelFile):
        result.problems += _policy_problems(rel, document, lines)
    result.document = document  # type: ignore[assignment]


def _policy_problems(rel: str, doc: CompetencyModelFile, lines: LineMap) -> list[Problem]:
    """A criterion's policy overrides must still make sense combined with the file policy."""
    out = []
    for i, inter in enumerate(doc.interactions):
        for j, crit in enumerate(inter.criteria):
            try:
                crit.resolved_policy(doc.policy)
            except ValidationError as exc:
                loc: Loc = ("interactions", i, "criteria", j)
                out.append(
                    _problem(
                        rel,
                        f"in {crit.id}: {exc.errors()[0]['msg'].removeprefix('Value error, ')}",
                        "set breaches no higher than of_last",
                        line=line_for(lines, loc),
                        key=_key(loc),
                    )
                )
    return out


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _front_matter(result: FileResult, text: str) -> tuple[FrontMatter | None, list[str], int]:
    """Split optional `---` front matter from the body; returns (front matter, body lines, first body line)."""
    rel = result.info.path
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return FrontMatter(), lines, 1
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        result.add(
            "front matter starts with `---` on line 1 but is never closed",
            "add a line containing only `---` after the front matter",
            line=1,
        )
        return None, [], 1
    data, line_map, problems = _parse_yaml(rel, "\n".join(lines[1:end]), line_offset=1)
    result.lines = line_map
    result.problems += problems
    if problems:
        return None, [], 1
    try:
        front = FrontMatter.model_validate(data or {})
    except ValidationError as exc:
        result.problems += _validation_problems(rel, exc, FrontMatter, data, line_map)
        return None, [], 1
    return front, lines[end + 1 :], end + 2


def _load_markdown(result: FileResult, text: str, stem: str) -> None:
    """A Markdown guide or coaching note, split into one section per top- or second-level heading."""
    front, body, first_line = _front_matter(result, text)
    if front is None:
        return
    rel = result.info.path
    if not "\n".join(body).strip():
        result.add("no text after the front matter", "add the guide's text", severity="warning")
        return
    heads: list[tuple[int, int, str]] = []
    fenced = False
    for index, line in enumerate(body):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _HEADING.match(line)):
            heads.append((index, len(m.group(1)), m.group(2).strip()))
    top = [h for h in heads if h[1] == 1]
    title_head = heads[0] if heads and heads[0][1] == 1 and len(top) == 1 else None
    split_levels = {2} if title_head else {1, 2}
    splits = [h for h in heads if h[1] in split_levels and h is not title_head]
    doc_id = front.id or f"{'note' if front.type == 'coaching_note' else 'guide'}-{_slug(stem)}"
    first_split = splits[0][0] if splits else len(body)
    summary = "\n".join(line for i, line in enumerate(body[:first_split]) if not title_head or i != title_head[0])
    sections: list[GuideSection] = []
    used: dict[str, int] = {}
    for n, (index, _, heading) in enumerate(splits):
        end = splits[n + 1][0] if n + 1 < len(splits) else len(body)
        section_text = "\n".join(body[index + 1 : end]).strip()
        if not section_text:
            continue
        slug = _slug(heading)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        sections.append(GuideSection(id=f"{doc_id}#{slug}", title=heading, text=section_text, line=first_line + index))
    title = front.title or (title_head[2] if title_head else stem.replace("-", " ").replace("_", " ").capitalize())
    result.info.kind = "markdown"
    result.document = Guide(
        id=doc_id,
        title=title,
        type=front.type,
        source=rel,
        format="markdown",
        criteria=front.criteria,
        interaction=front.interaction,
        rep=front.rep,
        date=front.date,
        summary=summary.strip(),
        sections=sections,
    )


def _load_text(result: FileResult, text: str, stem: str) -> None:
    """A plain-text guide: one item, titled by its first line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), stem)
    result.info.kind = "text"
    result.document = Guide(
        id=f"guide-{_slug(stem)}",
        title=first[:120],
        type="guide",
        source=result.info.path,
        format="text",
        summary=text.strip(),
    )


def _load_pdf(result: FileResult, raw: bytes, stem: str) -> None:
    """A PDF guide: one section per page with text."""
    rel = result.info.path
    result.info.kind = "pdf"
    if not raw.startswith(b"%PDF-"):
        result.add(
            "not a PDF (the file does not start with %PDF-)",
            "export it again as PDF, or give it the extension of its real format",
        )
        return
    try:
        from pypdf import PdfReader, apply_configuration
        from pypdf.errors import LimitReachedError
    except ImportError:
        result.add("reading PDF needs pypdf 6 or later", "pip install 'pypdf>=6'")
        return
    too_big = (
        f"the PDF unpacks to more than {_size(PDF_MAX_INFLATED_BYTES)} of page content (a decompression bomb, "
        "or pages drawn as huge vector art); not read",
        "export the text as .md or .txt, or save the PDF again with text rather than drawings",
    )
    try:
        # pypdf's own limits, tightened to this budget: no single stream may unpack past it
        with apply_configuration(
            zlib_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            lzw_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            run_length_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            brotli_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            array_based_stream_maximum_output_length=PDF_MAX_INFLATED_BYTES,
            stream_decoding_work_maximum_length=PDF_MAX_INFLATED_BYTES,
        ):
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                result.add("the PDF is password-protected", "save an unprotected copy")
                return
            inflated = 0
            for page in reader.pages:  # all pages together too, before any text is parsed: many small bombs are one
                contents = page.get_contents()
                inflated += len(contents.get_data()) if contents is not None else 0
                if inflated > PDF_MAX_INFLATED_BYTES:
                    result.add(*too_big)
                    return
            pages = [(page.extract_text() or "").strip() for page in reader.pages]
            meta_title = reader.metadata.title if reader.metadata else None
    except LimitReachedError:
        result.add(*too_big)
        return
    except Exception as exc:  # pypdf raises many types on damaged files; each one is reported, none is hidden
        result.add(f"cannot read the PDF: {exc}", "export it again as PDF")
        return
    if not any(pages):
        result.add(
            "the PDF has no text layer (scanned images?)",
            "run OCR on it or export the text as .md or .txt",
            severity="warning",
        )
        return
    doc_id = f"guide-{_slug(stem)}"
    first_line = next((line.strip() for page in pages for line in page.splitlines() if line.strip()), stem)
    sections = [
        GuideSection(id=f"{doc_id}#page-{n}", title=f"page {n}", text=text) for n, text in enumerate(pages, 1) if text
    ]
    result.document = Guide(
        id=doc_id,
        title=str(meta_title or first_line)[:120],
        type="guide",
        source=rel,
        format="pdf",
        sections=sections,
    )


# ---- the whole folder -------------------------------------------------------------------------------------


def _discover(root: Path, problems: list[Problem]) -> list[Path]:
    """Files under root sorted by relative path; hidden entries are skipped and linked folders are not followed."""
    return sorted(_walk(root, problems), key=lambda p: _relative(p, root))


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
                        _problem(
                            _relative(sub, root),
                            "skipped a linked folder that points inside the "
                            "knowledge folder (its files load from their real place)",
                            "nothing to do, or remove the link",
                            severity="info",
                        )
                    )
                else:
                    problems.append(
                        _problem(
                            _relative(sub, root),
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
                    _problem(
                        result.info.path,
                        f"not loaded: a file uploaded in the web app has the same name (it is in {uploads})",
                        "rename or delete one of the two",
                        severity="warning",
                    )
                )
        results = [r for r in results if r.info.path not in shadowed] + uploaded
    for result in results:
        problems += result.problems
    kb, items = _assemble(results, problems)
    teams = {r.info.path: r.document for r in results if isinstance(r.document, TeamFile)}
    blocked = _blocked_targets(results)
    for result in results:
        problems += _reference_problems(result, kb, teams, blocked)
    order = {"error": 0, "warning": 1, "info": 2}
    problems.sort(key=lambda p: (p.path, p.line or 0, order[p.severity]))
    return LoadResult(root=root, kb=kb, items=items, problems=problems, files=[r.info for r in results], teams=teams)


def _assemble(results: list[FileResult], problems: list[Problem]) -> tuple[KnowledgeBase, list[KnowledgeItem]]:
    """Merge files into one knowledge base; on duplicate ids the first (in path order) wins and all places are told."""
    places: dict[str, list[KnowledgeItem]] = {}
    items: list[KnowledgeItem] = []
    for result in results:
        for item in result.items:
            places.setdefault(item.id, []).append(item)
            if len(places[item.id]) == 1:
                items.append(item)
        kept = {id(i) for i in items}
        result.info.item_ids = [i.id for i in result.items if id(i) in kept]
    for item_id, found in places.items():
        if len(found) < 2:
            continue
        where = [f"{i.source}:{i.line}" if i.line else i.source for i in found]
        for n, item in enumerate(found):
            others = ", ".join(w for m, w in enumerate(where) if m != n)
            problems.append(
                _problem(
                    item.source,
                    f"duplicate id {item_id!r}, also defined at {others}",
                    f"rename one of them: ids must be unique across the knowledge base (the one in {where[0]} is used)",
                    line=item.line,
                    key=item_id,
                )
            )
    kb = KnowledgeBase()
    for result in results:
        _add_document(kb, result.document, result.info.path)
    return kb, items


def _add_document(kb: KnowledgeBase, doc: Document | None, source: str) -> None:
    """Add one file's typed content to the knowledge base; the first definition of an id wins."""
    if isinstance(doc, CompetencyModelFile):
        if not kb.interactions:
            kb.policy = doc.policy
        for inter in doc.interactions:
            kb.interactions.setdefault(inter.id, inter)
            for crit in inter.criteria:
                kb.criteria.setdefault(
                    crit.id,
                    ResolvedCriterion(
                        id=crit.id,
                        interaction=inter.id,
                        interaction_title=inter.title,
                        category=inter.category,
                        title=crit.title,
                        description=crit.description,
                        tier=crit.tier,
                        levels=crit.levels,
                        policy=crit.resolved_policy(doc.policy),
                        source=source,
                    ),
                )
    elif isinstance(doc, MessagingFile):
        kb.company = kb.company or doc.company
        for target, entries in (
            (kb.personas, doc.personas),
            (kb.value_propositions, doc.value_propositions),
            (kb.differentiators, doc.differentiators),
            (kb.insights, doc.insights),
        ):
            for entry in entries:
                target.setdefault(entry.id, entry)  # type: ignore[arg-type]
    elif isinstance(doc, ObjectionsFile):
        for o in doc.objections:
            kb.objections.setdefault(o.id, o)
    elif isinstance(doc, LearningCatalogFile):
        for a in doc.activities:
            kb.activities.setdefault(a.id, a)
    elif isinstance(doc, QuestionBankFile):
        for q in doc.questions:
            kb.questions.setdefault(q.id, q)
    elif isinstance(doc, ScenariosFile):
        for sc in doc.scenarios:
            kb.scenarios.setdefault(sc.id, sc)
    elif isinstance(doc, Guide):
        kb.guides.setdefault(doc.id, doc)


_DEFINES = {
    "competency_model": ("criterion", "interaction"),
    "messaging": ("persona", "proof point"),
    "objections": ("objection",),
    "learning_catalog": ("activity",),
}


def _blocked_targets(results: list[FileResult]) -> dict[str, list[str]]:
    """Kinds of id whose defining file failed to load, so references to them are not reported one by one."""
    blocked: dict[str, list[str]] = {}
    for result in results:
        if not result.info.ok and result.info.kind in _DEFINES:
            for what in _DEFINES[result.info.kind]:
                blocked.setdefault(what, []).append(result.info.path)
    return blocked


class _RefCheck:
    """Reports references to ids that do not exist, with the closest real ids as the fix."""

    def __init__(self, result: FileResult, blocked: dict[str, list[str]]) -> None:
        self.result = result
        self.blocked = blocked
        self.unchecked: dict[str, int] = {}
        self.problems: list[Problem] = []

    def summary(self) -> list[Problem]:
        """The problems, plus one warning per kind of id that could not be checked because its file is broken."""
        for what, count in self.unchecked.items():
            broken = ", ".join(self.blocked[what])
            self.problems.append(
                _problem(
                    self.result.info.path,
                    f"{count} {what} reference(s) not checked because {broken} did not load",
                    f"fix the errors in {broken} first, then validate again",
                    severity="warning",
                )
            )
        return self.problems

    def check(
        self,
        loc: Loc,
        ref: str,
        known: set[str] | dict[str, Any],
        what: str,
        owner: str,
        severity: Severity = "error",
    ) -> None:
        if ref in known:
            return
        if what in self.blocked:
            self.unchecked[what] = self.unchecked.get(what, 0) + 1
            return
        close = difflib.get_close_matches(ref, list(known), n=3, cutoff=0.5)
        fix = f"did you mean {', '.join(close)}?" if close else f"use the id of an existing {what}"
        self.problems.append(
            _problem(
                self.result.info.path,
                f"in {owner}: unknown {what} {ref!r}",
                fix + f" (or add the {what})",
                line=line_for(self.result.lines, loc),
                key=_key(loc),
                severity=severity,
            )
        )


def _reference_problems(
    result: FileResult, kb: KnowledgeBase, teams: dict[str, TeamFile], blocked: dict[str, list[str]]
) -> list[Problem]:
    """Cross-file checks: every id a file mentions must exist somewhere in the knowledge base."""
    doc = result.document
    refs = _RefCheck(result, blocked)
    crit, persona = kb.criteria, kb.personas
    if isinstance(doc, MessagingFile):
        for i, vp in enumerate(doc.value_propositions):
            refs.check(("value_propositions", i, "persona"), vp.persona, persona, "persona", vp.id)
    elif isinstance(doc, ObjectionsFile):
        proof = kb.proof_point_ids()
        for i, o in enumerate(doc.objections):
            for p in o.phrasings:
                refs.check(("objections", i, "phrasings", p), p, persona, "persona", o.id)
            for j, p in enumerate(o.proof_points):
                refs.check(("objections", i, "proof_points", j), p, proof, "proof point", o.id)
            for j, c in enumerate(o.criteria):
                refs.check(("objections", i, "criteria", j), c, crit, "criterion", o.id)
    elif isinstance(doc, LearningCatalogFile):
        for i, a in enumerate(doc.activities):
            for j, c in enumerate(a.criteria):
                refs.check(("activities", i, "criteria", j), c, crit, "criterion", a.id)
    elif isinstance(doc, QuestionBankFile):
        for i, q in enumerate(doc.questions):
            refs.check(("questions", i, "criterion"), q.criterion, crit, "criterion", q.id)
    elif isinstance(doc, ScenariosFile):
        for i, sc in enumerate(doc.scenarios):
            refs.check(("scenarios", i, "persona"), sc.persona, persona, "persona", sc.id)
            for j, objection_id in enumerate(sc.objections):
                refs.check(("scenarios", i, "objections", j), objection_id, kb.objections, "objection", sc.id)
            for j, reaction in enumerate(sc.reactions):
                if reaction.objection:
                    where = ("scenarios", i, "reactions", j, "objection")
                    refs.check(where, reaction.objection, kb.objections, "objection", sc.id)
    elif isinstance(doc, Guide):
        for j, c in enumerate(doc.criteria):
            refs.check(("criteria", j), c, crit, "criterion", doc.id)
        if doc.interaction:
            refs.check(("interaction",), doc.interaction, kb.interactions, "interaction", doc.id)
        if doc.rep and teams:
            reps = {r.id for t in teams.values() for r in t.team.reps}
            refs.check(("rep",), doc.rep, reps, "rep", doc.id, severity="warning")
    elif isinstance(doc, TeamFile):
        broken = sorted({path for what in ("criterion", "activity") for path in blocked.get(what, [])})
        if not broken:
            return validate_team_file(doc, kb, path=result.info.path, lines=result.lines)
        return [
            *validate_team_file(doc, None, path=result.info.path, lines=result.lines),
            _problem(
                result.info.path,
                f"criteria, interactions and activities not checked because {', '.join(broken)} did not load",
                f"fix the errors in {', '.join(broken)} first, then validate again",
                severity="warning",
            ),
        ]
    return refs.summary()
