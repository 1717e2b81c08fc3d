"""Optional judge metrics: an OpenAI-compatible model grades the prep questions (here) and the roleplay feedback
(evals/judge_feedback.py) with fixed rubric steps, several samples and a majority vote, and its agreement with the
deterministic labels is reported beside it.

Never gated, and never the embedded model: a 135M model grading its own output would measure nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
from pydantic import BaseModel, Field, ValidationError

from copilot.errors import ConfigError, CopilotError, ModelError
from copilot.llm.base import ChatModel, Message
from copilot.prep.questions import problem_with
from copilot.settings import Settings
from evals.framework import CaseResult, MetricSpec, SuiteResult

if TYPE_CHECKING:
    import openai


TEMPERATURE = 0.7  # several samples are only worth voting over when they can differ
MAX_TOKENS = 200
EMBEDDED = re.compile(r"\.gguf$|smollm2", re.IGNORECASE)
PROMPTS = Path(__file__).resolve().parent / "prompts"
_QUESTION = re.compile(r"^\[(?P<source>[^\]]+)\] (?P<text>.*)$", re.DOTALL)

T = TypeVar("T", bound=BaseModel)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)


def prompt_names() -> list[str]:
    """Every judge rubric shipped with the evals."""
    return sorted(p.name for p in PROMPTS.glob("*.md"))


def render(name: str, **variables: Any) -> str:
    """A judge rubric from evals/prompts, rendered strictly (a missing variable fails loudly)."""
    return _environment().from_string((PROMPTS / name).read_text(encoding="utf-8")).render(**variables).strip()


SPECS = [
    MetricSpec(
        "judge_usable",
        "Per diagnostic prep question: 1 when the judge's majority verdict is usable (single, open, not leading, "
        "not advice), 0 when it is not; no case when the samples reached no majority. Reported, not gated.",
    ),
    MetricSpec(
        "deterministic_usable",
        "The same questions under the deterministic label the prep suite's open_share uses: 1 when "
        "copilot.prep.questions.problem_with finds no problem other than 'generic'. Shown beside judge_usable.",
    ),
    MetricSpec(
        "judge_agreement",
        "Per diagnostic prep question: 1 when the judge's majority verdict equals the deterministic label, 0 when "
        "it differs or the samples reached no majority. Reported, not gated.",
    ),
    MetricSpec(
        "judge_decided",
        "Per diagnostic prep question: 1 when more than half of the judge's samples gave the same verdict.",
    ),
]


class QuestionGrade(BaseModel):
    """The judge's answer for one question, one field per rubric step."""

    single: bool = Field(description="Step 1: one question ending with '?'.")
    open: bool = Field(description="Step 2: not answerable with yes, no or one word.")
    not_leading: bool = Field(description="Step 3: does not suggest its answer.")
    not_advice: bool = Field(description="Step 4: not an instruction phrased as a question.")
    usable: bool = Field(description="Step 5: steps 1-4 all true.")


@dataclass
class Verdict:
    """Every sample's vote (None = an answer that was not valid JSON for the rubric) and their majority."""

    votes: list[bool | None]
    majority: bool | None


def majority(votes: Sequence[bool | None]) -> bool | None:
    """The verdict more than half of all samples gave; None when none did (ties and invalid answers count)."""
    for verdict in (True, False):
        if sum(v is verdict for v in votes) * 2 > len(votes):
            return verdict
    return None


def refuse_embedded(model: ChatModel) -> None:
    """Raise ConfigError when the judge would be the embedded llama.cpp model (or the bundled SmolLM2 served)."""
    from copilot.llm.llamacpp import LlamaCppChatModel  # no llama.cpp import happens until a model is loaded

    if isinstance(model, LlamaCppChatModel) or EMBEDDED.search(model.name):
        raise ConfigError(
            "COPILOT_JUDGE_MODEL",
            f"the embedded model ({model.name}) cannot be the judge",
            fix="point COPILOT_JUDGE_BASE_URL and COPILOT_JUDGE_MODEL at an OpenAI-compatible endpoint serving "
            "a stronger model, or unset COPILOT_JUDGE_MODEL to skip judge metrics",
        )


class Judge:
    """Grades text with a fixed rubric, `samples` times; callers vote over the samples."""

    def __init__(self, model: ChatModel, *, samples: int = 3) -> None:
        refuse_embedded(model)
        self.model = model
        self.samples = samples

    @property
    def temperature(self) -> float:
        """Sampling temperature: votes only mean something when samples can differ; one sample is greedy."""
        return TEMPERATURE if self.samples > 1 else 0.0

    def ask(self, prompt: str, schema: type[T], *, max_tokens: int = MAX_TOKENS) -> list[T | None]:
        """One answer per sample, parsed into `schema`; None for an answer that is not such JSON (an invalid vote).

        An endpoint that fails (down, bad key, unknown model) raises: a broken judge must not look like disagreement.
        """
        answers: list[T | None] = []
        for _ in range(self.samples):
            try:
                completion = self.model.complete(
                    [Message("user", prompt)],
                    max_tokens=max_tokens,
                    temperature=self.temperature,
                    json_schema=schema.model_json_schema(),
                )
            except ModelError as exc:
                raise ModelError(
                    f"the judge ({self.model.name}) failed: {exc.message}",
                    fix="check COPILOT_JUDGE_BASE_URL, COPILOT_JUDGE_API_KEY and COPILOT_JUDGE_MODEL, "
                    "or unset COPILOT_JUDGE_MODEL to skip judge metrics",
                ) from exc
            except CopilotError as exc:  # e.g. the adapter's ConfigError naming COPILOT_LLM_* for a rejected key
                raise ConfigError(
                    "COPILOT_JUDGE_MODEL",
                    f"the judge endpoint refused the request ({exc})",
                    fix="check COPILOT_JUDGE_BASE_URL, COPILOT_JUDGE_API_KEY and COPILOT_JUDGE_MODEL",
                ) from exc
            text = completion.text
            start, end = text.find("{"), text.rfind("}")
            try:
                answers.append(schema.model_validate_json(text[start : end + 1]))
            except ValidationError:
                answers.append(None)
        return answers

    def grade_question(self, question: str) -> Verdict:
        """Ask `samples` times and vote on `usable`."""
        answers = self.ask(render("judge_question.md", question=question), QuestionGrade)
        votes = [a.usable if a is not None else None for a in answers]
        return Verdict(votes, majority(votes))


def build_judge(settings: Settings, client: openai.OpenAI | None = None) -> Judge | None:
    """The judge the settings name, or None when COPILOT_JUDGE_MODEL is empty; `client` injects an openai.OpenAI."""
    if not settings.judge_model:
        return None
    if EMBEDDED.search(settings.judge_model):
        raise ConfigError(
            "COPILOT_JUDGE_MODEL",
            f"{settings.judge_model!r} is the embedded model, which cannot be the judge",
            fix="name a model an OpenAI-compatible endpoint serves (COPILOT_JUDGE_BASE_URL), or unset it",
        )
    from copilot.llm.openai_compat import OpenAIChatModel

    if client is None:
        import openai

        client = openai.OpenAI(
            base_url=settings.judge_base_url or None,
            api_key=settings.judge_api_key or settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
    model = OpenAIChatModel(client, model=settings.judge_model, json_mode=settings.llm_json_mode)
    return Judge(model, samples=settings.judge_samples)


def deterministic_usable(question: str) -> bool:
    """The prep suite's open label: no problem, or only 'generic' (which needs the evidence to decide)."""
    problem = problem_with(question, "", "")
    return problem is None or problem.startswith("generic")


def judge_prep(prep: SuiteResult, judge: Judge) -> SuiteResult:
    """Grade every diagnostic question of the prep suite's briefs; one case per question, in its case's split."""
    cases = []
    for case in prep.cases:
        for i, shown in enumerate(case.details.get("questions", [])):
            found = _QUESTION.match(shown)
            source, text = (found["source"], found["text"]) if found else ("?", shown)
            label = deterministic_usable(text)
            verdict = judge.grade_question(text)
            values: dict[str, float | None] = {
                "judge_usable": None if verdict.majority is None else float(verdict.majority),
                "deterministic_usable": float(label),
                "judge_agreement": float(verdict.majority is label),
                "judge_decided": float(verdict.majority is not None),
            }
            details = {"question": text, "source": source, "deterministic": label, "votes": verdict.votes}
            cases.append(CaseResult(f"{case.id}#q{i + 1}", case.split, values, details))
    notes = [f"judge: {judge.model.name}, {judge.samples} sample(s) per question at temperature {judge.temperature}"]
    return SuiteResult("judge-prep", SPECS, cases, notes=notes)
