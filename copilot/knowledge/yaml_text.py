"""YAML with the line of every key, refusing nesting and alias expansion that would exhaust the stack or memory.

The one parser and the one set of located-YAML helpers (key paths, their lines, a problem at a key path), shared
by the knowledge loader, the team-file checks and team imports (`copilot team load`, `copilot import`), so every
file refuses the same hostile input, reports duplicate keys, and names the same line for the same key path.
"""

from __future__ import annotations

from typing import Any

import yaml

from copilot.knowledge.schema import LineMap, Problem, Severity

Loc = tuple[str | int, ...]
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster, same results
MAX_DEPTH = 64  # lists and mappings inside each other; real files stay under 10
MAX_NODES = 1_000_000  # values once aliases are expanded: a few KB of `*alias` lists once expanded to billions
_MAX_WALK = 200_000  # keys whose lines are recorded


def shape_problem(rel: str, text: str, loader: type = SAFE_LOADER, line_offset: int = 0) -> Problem | None:
    """Scan the events (libyaml's parser keeps no recursion) before building nodes, which recurse per level.

    Deep nesting crashed the process (100,000 `[` overflowed the C stack) and an alias bomb filled memory.
    """
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # [values inside, anchor]
    seen = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([1, event.anchor])
                seen += 1
                if len(stack) > MAX_DEPTH:
                    return _refuse(
                        rel,
                        f"lists and mappings are nested more than {MAX_DEPTH} deep; not read",
                        "flatten it: the formats in docs/knowledge-formats.md and docs/records.md nest a few levels at most",
                        event,
                        line_offset,
                    )
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                count, anchor = stack.pop()
                if anchor:
                    sizes[anchor] = count
                if stack:
                    stack[-1][0] += count
                continue
            if isinstance(event, yaml.AliasEvent):
                n = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                n = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            else:
                continue
            seen += n
            if stack:
                stack[-1][0] += n
            if seen > MAX_NODES:
                return _refuse(
                    rel,
                    f"the YAML expands to more than {MAX_NODES:,} values once its aliases (*name) are expanded "
                    "(an alias bomb?); not read",
                    "write the values out instead of repeating aliases, or split the file",
                    event,
                    line_offset,
                )
    except yaml.YAMLError:
        return None  # a syntax error: the parser proper reports it with its line
    return None


def _refuse(rel: str, message: str, fix: str, event: yaml.Event, offset: int) -> Problem:
    line = event.start_mark.line + 1 + offset if event.start_mark else None
    return Problem(path=rel, line=line, message=message, fix=fix)


def parse_yaml(
    rel: str, text: str, line_offset: int = 0, *, loader: type = SAFE_LOADER
) -> tuple[Any, LineMap, list[Problem]]:
    """Parse one YAML document and map each key path to its line, reporting syntax errors and duplicate keys."""
    refused = shape_problem(rel, text, loader, line_offset)
    if refused is not None:
        return None, {}, [refused]
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.constructor.SafeConstructor().construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        detail = " ".join(x for x in (exc.context, exc.problem) if x)
        return (
            None,
            {},
            [
                Problem(
                    path=rel,
                    message=f"malformed YAML: {detail}",
                    fix="fix the YAML syntax on this line: check indentation, a missing `:` or `-`, or quote a value "
                    "that contains `: ` or starts with a special character",
                    line=line,
                )
            ],
        )
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path=rel, message=f"malformed YAML: {exc}", fix="fix the YAML syntax")]
    lines: LineMap = {}
    problems: list[Problem] = []
    if node is not None:
        _walk_nodes(rel, node, (), lines, problems, line_offset, [0])
    return data, lines, problems


def _walk_nodes(
    rel: str,
    node: yaml.Node,
    loc: Loc,
    lines: LineMap,
    problems: list[Problem],
    offset: int,
    count: list[int],
) -> None:
    """Record the line of every key and list entry; duplicate keys are errors because YAML keeps only the last."""
    count[0] += 1
    if count[0] > _MAX_WALK or len(loc) > MAX_DEPTH:
        return
    lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in first:
                problems.append(
                    Problem(
                        path=rel,
                        message=f"key {key!r} appears twice in the same mapping (first on line {first[key]}); "
                        "YAML would silently keep only the last",
                        fix="remove or rename one of them",
                        line=line,
                        key=key_path((*loc, key)),
                    )
                )
            first.setdefault(key, line)
            lines.setdefault((*loc, key), line)
            _walk_nodes(rel, value_node, (*loc, key), lines, problems, offset, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk_nodes(rel, child, (*loc, index), lines, problems, offset, count)


def key_path(loc: Loc) -> str:
    """Dotted key path with list indexes, e.g. interactions[0].criteria[2].levels."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_for(lines: LineMap, loc: Loc) -> int | None:
    """Line of the deepest located key on the path (a missing key is reported where its parent is)."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def located(path: str, lines: LineMap, loc: Loc, message: str, fix: str, *, severity: Severity = "error") -> Problem:
    """A problem at a key path, with its line when known and the key path as `key`."""
    return Problem(
        path=path, line=line_for(lines, loc), key=key_path(loc) or None, message=message, fix=fix, severity=severity
    )
