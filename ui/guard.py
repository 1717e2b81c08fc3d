"""Core errors become readable messages in the page (what went wrong and the fix), never stack traces."""

from __future__ import annotations

import functools
import html
import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import gradio as gr

from copilot.errors import AccessDenied, CopilotError, KnowledgeBaseError, ModelError, RecordsError

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("copilot.ui")

TITLES: list[tuple[type[CopilotError], str]] = [
    (AccessDenied, "Not allowed"),
    (ModelError, "The language model failed"),
    (KnowledgeBaseError, "Knowledge base"),
    (RecordsError, "Could not save or read the records"),
    (CopilotError, "Something needs fixing"),
]


def message_for(err: CopilotError) -> str:
    """The error as one HTML paragraph: the message, then the fix on its own line."""
    text = html.escape(err.message, quote=False)
    return f"{text}<br><b>Fix:</b> {html.escape(err.fix, quote=False)}" if err.fix else text


def to_gr_error(err: BaseException) -> gr.Error:
    """A gr.Error for any failure: copilot errors keep their message and fix; anything else says where to look."""
    if isinstance(err, gr.Error):
        return err
    if isinstance(err, CopilotError):
        title = next(t for cls, t in TITLES if isinstance(err, cls))
        return gr.Error(message_for(err), title=title, duration=None, print_exception=False)
    log.exception("unexpected error in a UI handler")
    return gr.Error(
        f"{type(err).__name__}: {html.escape(str(err)[:300], quote=False)}<br><b>Fix:</b> try again; "
        "if it keeps happening, the details are in the server log",
        title="Unexpected error",
        duration=None,
        print_exception=False,
    )


def guard(fn: F) -> F:
    """Wrap a handler (plain or generator) so errors reach the page as gr.Error; inputs stay as typed."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from fn(*args, **kwargs)
            except Exception as err:
                raise to_gr_error(err) from None

        return stream  # type: ignore[return-value]

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as err:
            raise to_gr_error(err) from None

    return call  # type: ignore[return-value]
