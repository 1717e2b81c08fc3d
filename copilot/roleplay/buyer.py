"""The simulated buyer's words: the model phrases the move code chose, sentence by sentence, each one checked.

Sentences stream to the terminal only after they pass the checks. A first sentence that fails is regenerated
once; if that fails too, the curated line is used. When the shown sentences do not carry the move (an
objection, a fact), the curated line completes the turn, and the turn is labelled `model+curated`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from copilot import prompts
from copilot.errors import ModelError
from copilot.knowledge.schema import KnowledgeBase
from copilot.llm.base import ChatModel, Message
from copilot.retrieval.keyword import terms
from copilot.roleplay.checks import MAX_SENTENCES, MAX_WORDS, sentence_problem, turn_problem
from copilot.roleplay.leaks import card_texts, leak_problem
from copilot.roleplay.lines import concern_line, curated_line
from copilot.roleplay.models import BuyerMove, LineSource, Scenario, Turn
from copilot.roleplay.proof import GENERIC
from copilot.roleplay.specifics import say_step

Sink = Callable[[str], None]
CURATED_ONLY = frozenset({"open", "stay_in_role", "clarify_request"})
"""Moves whose words never come from the model: the opening is the scenario's, the rest answer hostile input."""
MAX_TOKENS = 70
HISTORY_TURNS = 2
QUOTE_CHARS = 600
_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s)|\n+")
_LABEL = re.compile(r"^\s*(buyer|customer|cfo|cro|me)\s*:\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’«» "


@dataclass
class BuyerLine:
    """A buyer turn's words, who wrote them, why generated lines were rejected, and how long it took."""

    text: str
    source: LineSource
    problems: list[str] = field(default_factory=list)
    first_piece_s: float | None = None
    seconds: float = 0.0


def _emit(sink: Sink | None, text: str) -> None:
    if sink is not None and text:
        sink(text)


def _emit_words(sink: Sink | None, text: str, lead: str = "") -> None:
    """Curated text goes out word by word, so the terminal looks the same whoever wrote the line."""
    for i, word in enumerate(text.split(" ")):
        _emit(sink, (lead if i == 0 else " ") + word)


def _tidy(sentence: str) -> str:
    """A generated sentence without speaker labels, wrapping quotes or stray whitespace."""
    sentence = _LABEL.sub("", " ".join(sentence.split()))
    return sentence.strip(_QUOTES)


def _sentences(pieces: Iterator[str]) -> Iterator[str]:
    """Whole sentences from streamed pieces; a blank line ends the turn; a tail without a full stop must be long."""
    buffer, said, newlines = "", False, 0
    for piece in pieces:
        buffer += piece
        while (found := _END.search(buffer)) is not None:
            sentence, buffer = buffer[: found.end()], buffer[found.end() :]
            if sentence.strip():
                said, newlines = True, len(sentence) - len(sentence.rstrip("\n"))
                yield sentence
                continue
            newlines += sentence.count("\n")
            if said and newlines >= 2:
                return  # a blank line after speech: the model has moved on to something else
    tail = buffer.strip()
    if tail.endswith((".", "!", "?")) or len(tail.split()) >= 3:
        yield tail if tail.endswith((".", "!", "?")) else tail + "."


class Buyer:
    """Plays one scenario's buyer: phrases moves with the model if there is one, and always stays in role."""

    def __init__(
        self, kb: KnowledgeBase, scenario: Scenario, model: ChatModel | None, *, temperature: float = 0.5
    ) -> None:
        self.kb = kb
        self.scenario = scenario
        self.model = model
        self.temperature = temperature
        persona = kb.personas.get(scenario.persona)
        about = [*persona.cares_about, *persona.typical_concerns] if persona else []
        self.scene = set(
            terms(
                " ".join(
                    [scenario.industry, scenario.deal_context, scenario.disposition, scenario.persona_title, *about]
                )
            )
        )
        self.card = card_texts(
            disposition=scenario.disposition,
            deal_context=scenario.deal_context,
            brief=scenario.brief,
            persona_title=scenario.persona_title,
            extra=about,
        )
        self.short_title = kb.personas[scenario.persona].id.removeprefix("persona-").split("-")[0] if persona else None
        self.system = prompts.render(
            "roleplay_buyer_system.md",
            buyer={
                "persona_title": scenario.persona_title,
                "industry": scenario.industry,
                "company_size": scenario.company_size,
                "disposition": scenario.disposition,
                "deal_context": scenario.deal_context,
                "difficulty": scenario.difficulty,
                "seller_company": kb.company.name if kb.company else "the vendor",
            },
        )

    def warm_up(self) -> None:
        """Read the system prompt into the model's cache while the rep reads the card (errors surface later)."""
        if self.model is None:
            return
        try:
            self.model.complete([Message("system", self.system), Message("user", "Hello.")], max_tokens=1)
        except ModelError:
            return

    def _concern_words(self, objection_id: str | None) -> list[str]:
        """Every way this persona voices the objection, and its title: any of them carries the move."""
        objection = self.kb.objections.get(objection_id or "")
        if objection is None:
            return []
        return [objection.title, *objection.phrasings.get(self.scenario.persona, [])]

    def _messages(self, move: BuyerMove, turns: Sequence[Turn], example: str) -> list[Message]:
        """The system prompt and this turn's instruction; the rep's words are quoted as data, never as orders."""
        rep = next((t.text for t in reversed(turns) if t.speaker == "rep"), "")
        earlier = [t for t in turns[:-1]][-HISTORY_TURNS:]
        quote = lambda text: text[:QUOTE_CHARS].replace('"', "'")  # noqa: E731
        turn = {
            "kind": move.kind,
            "reason": move.reason,
            "rep_said": quote(rep),
            "concern": concern_line(self.kb, self.scenario, move.objection_id, len(turns) // 2),
            "fact": move.fact or "",
            "step": say_step(move.specifics) or "the step they proposed",
            "offer": move.specifics.get("offer", ""),
            "example": example,
            "max_words": MAX_WORDS // 2,
            "history": [
                {"speaker": "Buyer" if t.speaker == "buyer" else "Salesperson", "text": quote(t.text)} for t in earlier
            ],
        }
        return [Message("system", self.system), Message("user", prompts.render("roleplay_buyer_turn.md", turn=turn))]

    def _generate(
        self,
        messages: list[Message],
        move: BuyerMove,
        rep_text: str,
        sink: Sink | None,
        temperature: float,
        scene: set[str],
    ) -> tuple[str, str | None, float | None]:
        """Stream one attempt: the sentences shown, why it stopped early (if it did), time to the first piece."""
        assert self.model is not None
        shown: list[str] = []
        problem: str | None = None
        started, first = time.perf_counter(), None
        tough = self.scenario.difficulty == "tough"
        stream = self.model.stream(messages, max_tokens=MAX_TOKENS, temperature=temperature)

        def timed() -> Iterator[str]:
            nonlocal first
            for piece in stream:
                if first is None:
                    first = time.perf_counter() - started
                yield piece

        try:
            for raw in _sentences(timed()):
                sentence = _tidy(raw)
                if not sentence:
                    continue
                problem = sentence_problem(sentence, move, rep_text, tough, scene) or self.leak(sentence)
                if problem is None and len(" ".join([*shown, sentence]).split()) > MAX_WORDS:
                    problem = "too long" if not shown else None
                    break
                if problem is not None:
                    break
                _emit(sink, (" " if shown else "") + sentence)
                shown.append(sentence)
                if len(shown) >= MAX_SENTENCES:
                    break
        except ModelError as exc:
            problem = f"model failed: {exc.message}"
        finally:
            close = getattr(stream, "close", None)
            if callable(close):
                close()
        return " ".join(shown), problem, first

    def leak(self, text: str) -> str | None:
        """Why a line would speak the prompt, the persona description or the card, or None."""
        return leak_problem(text, self.card, self.scenario.persona_title, self.short_title)

    def speak(self, move: BuyerMove, turns: Sequence[Turn], *, sink: Sink | None = None) -> BuyerLine:
        """The buyer's words for a move, streamed to `sink` as they are accepted."""
        started = time.perf_counter()
        said = [t.text for t in turns if t.speaker == "buyer"]
        curated = curated_line(self.kb, self.scenario, move, len(turns), said)
        if self.model is None or move.kind in CURATED_ONLY:
            _emit_words(sink, curated)
            return BuyerLine(curated, "curated", seconds=time.perf_counter() - started)
        rep_text = next((t.text for t in reversed(turns) if t.speaker == "rep"), "")
        anchor = " ".join([curated, move.fact or "", *self._concern_words(move.objection_id)])
        messages = self._messages(move, turns, curated)
        scene = {t for t in self.scene | set(terms(f"{anchor} {rep_text}")) if len(t) >= 4} - GENERIC
        problems: list[str] = []
        first: float | None = None
        for attempt in range(2):
            shown, problem, first_piece = self._generate(
                messages, move, rep_text, sink, self.temperature + 0.2 * attempt, scene
            )
            first = first if first is not None else first_piece
            if shown:
                final = turn_problem(shown, move, anchor) or ("said before" if shown in said else None)
                if final is None:
                    return BuyerLine(shown, "model", problems, first, time.perf_counter() - started)
                problems.append(final)
                _emit_words(sink, curated, lead=" ")
                both = f"{shown} {curated}"
                return BuyerLine(both, "model+curated", problems, first, time.perf_counter() - started)
            problems.append(problem or "no sentence generated")
        _emit_words(sink, curated)
        return BuyerLine(curated, "curated", problems, first, time.perf_counter() - started)
