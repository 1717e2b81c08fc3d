"""Reads JSON while it is still being written: each string value is reported, with its path, as soon as it closes.

Streaming structured output only pays off if the caller can show pieces before the whole object parses; this
scanner is fed the text deltas and reports `(("questions", 0, "text"), "What …?")` the moment that string's closing
quote arrives. It never decides validity: the complete text is still parsed and validated afterwards, and input it
cannot follow (prose, a broken object) only makes it stop reporting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Path = tuple[str | int, ...]
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERAL_CHARS = set("0123456789+-.eEtruefalsn")


@dataclass
class _Frame:
    """One open object or array: where the next value goes and what token is expected next."""

    kind: str  # "object" or "array"
    key: str | int | None = None
    expect: str = "value"  # object: key, colon, value, comma; array: value, comma


@dataclass
class PartialJsonScanner:
    """Feed text pieces; get back every string value completed by them, with its path from the root."""

    stack: list[_Frame] = field(default_factory=list)
    started: bool = False
    done: bool = False
    broken: bool = False
    _in_string: bool = False
    _string_is_key: bool = False
    _buffer: list[str] = field(default_factory=list)
    _escape: str | None = None  # None, "" just after a backslash, or the hex digits of a \\u escape so far
    _surrogate: int | None = None
    _in_literal: bool = False

    def feed(self, text: str) -> list[tuple[Path, str]]:
        """Consume one piece of the answer; return the string values it completed, in order."""
        found: list[tuple[Path, str]] = []
        for ch in text:
            if self.done or self.broken:
                break
            if self._in_string:
                self._string_char(ch, found)
            elif self._in_literal and ch in _LITERAL_CHARS:
                continue
            else:
                self._in_literal = False
                self._structural(ch)
        return found

    def _path(self) -> Path:
        return tuple(f.key for f in self.stack if f.key is not None)

    def _string_char(self, ch: str, found: list[tuple[Path, str]]) -> None:
        if self._escape is not None:
            self._escape_char(ch)
        elif ch == "\\":
            self._escape = ""
        elif ch == '"':
            self._in_string = False
            self._close_string(found)
        else:
            self._flush_surrogate()
            self._buffer.append(ch)

    def _escape_char(self, ch: str) -> None:
        if self._escape == "":
            if ch == "u":
                self._escape = "u"
                return
            self._flush_surrogate()
            self._buffer.append(_ESCAPES.get(ch, ch))
            self._escape = None
            return
        assert self._escape is not None
        self._escape += ch
        if len(self._escape) < 5:
            return
        try:
            code = int(self._escape[1:], 16)
        except ValueError:
            self.broken = True
            return
        self._escape = None
        if 0xD800 <= code < 0xDC00:
            self._flush_surrogate()
            self._surrogate = code
        elif 0xDC00 <= code < 0xE000 and self._surrogate is not None:
            self._buffer.append(chr(0x10000 + ((self._surrogate - 0xD800) << 10) + (code - 0xDC00)))
            self._surrogate = None
        else:
            self._flush_surrogate()
            self._buffer.append(chr(code))

    def _flush_surrogate(self) -> None:
        if self._surrogate is not None:
            self._buffer.append("\ufffd")  # a lone surrogate: what a lenient decoder shows
            self._surrogate = None

    def _close_string(self, found: list[tuple[Path, str]]) -> None:
        self._flush_surrogate()
        value = "".join(self._buffer)
        self._buffer = []
        top = self.stack[-1]
        if self._string_is_key:
            top.key, top.expect = value, "colon"
            return
        found.append((self._path(), value))
        self._after_value()

    def _after_value(self) -> None:
        top = self.stack[-1]
        top.expect = "comma"

    def _structural(self, ch: str) -> None:
        if ch.isspace():
            return
        if not self.started:
            if ch in "{[":
                self.started = True
                self.stack.append(_Frame("object" if ch == "{" else "array", expect="key" if ch == "{" else "value"))
                if ch == "[":
                    self.stack[-1].key = 0
            return  # prose or a code fence before the JSON: skip it
        top = self.stack[-1]
        if top.kind == "object":
            self._in_object(top, ch)
        else:
            self._in_array(top, ch)

    def _in_object(self, top: _Frame, ch: str) -> None:
        if top.expect == "key":
            if ch == '"':
                self._open_string(is_key=True)
            elif ch == "}" and top.key is None:
                self._close_container()
            else:
                self.broken = True
        elif top.expect == "colon":
            if ch == ":":
                top.expect = "value"
            else:
                self.broken = True
        elif top.expect == "value":
            self._value_start(ch)
        elif ch == ",":
            top.expect = "key"
        elif ch == "}":
            self._close_container()
        else:
            self.broken = True

    def _in_array(self, top: _Frame, ch: str) -> None:
        if top.expect == "value":
            if ch == "]" and top.key == 0:
                self._close_container()
            else:
                self._value_start(ch)
        elif ch == ",":
            assert isinstance(top.key, int)
            top.key += 1
            top.expect = "value"
        elif ch == "]":
            self._close_container()
        else:
            self.broken = True

    def _value_start(self, ch: str) -> None:
        if ch == '"':
            self._open_string(is_key=False)
        elif ch == "{":
            self.stack.append(_Frame("object", expect="key"))
        elif ch == "[":
            self.stack.append(_Frame("array", key=0, expect="value"))
        elif ch in _LITERAL_CHARS:
            self._in_literal = True
            self._after_value()
        else:
            self.broken = True

    def _open_string(self, *, is_key: bool) -> None:
        self._in_string, self._string_is_key, self._buffer = True, is_key, []

    def _close_container(self) -> None:
        self.stack.pop()
        if not self.stack:
            self.done = True
        else:
            self._after_value()
