"""A manager asking what to assign for a gap gets the activities the catalog lists for that skill, the kind that fits
the gap first, each with why and how long, not the one activity that ranked first."""

from __future__ import annotations

import re
import shutil

import pytest

from copilot.knowledge.schema import KnowledgeBase
from copilot.records.reference import load_knowledge
from copilot.retrieval.ask import ask
from copilot.retrieval.assign import Reading, compose_assignment, gap_text, named_activity, ranked, reading
from copilot.retrieval.route import intents
from copilot.retrieval.search import Result, Retriever
from copilot.settings import load_settings

DISCOUNTING = "My rep keeps discounting in the first call, what should I assign?"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(load_settings())


@pytest.mark.parametrize(
    "question",
    [
        DISCOUNTING,
        "What can I give her to practise?",
        "I end my 1-on-1s without commitments. What could I practise?",
        "What should I have him work on?",
        "The buyer keeps saying it's too expensive and my rep caves; what drill should I assign?",  # not the objection
        "Our messaging falls flat in his demos. What exercise would help?",  # not the value propositions
    ],
)
def test_asking_what_to_assign_is_routed_to_activities_before_anything_the_gap_mentions(question: str) -> None:
    assert intents(question)[0] == "activity"


def test_the_gap_is_searched_without_the_asking_clause() -> None:
    assert gap_text(DISCOUNTING) == "My rep keeps discounting in the first call,"
    assert gap_text("What should I assign?") == "What should I assign?"  # nothing else to search with


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        (DISCOUNTING, "skill"),
        ("A new rep has no idea what a good demo looks like. What should I give him?", "knowledge"),
        ("She gets nervous and goes quiet when the CFO joins. What should I assign?", "confidence"),
        ("He rambles whenever he explains our value. Which drill?", "messaging"),
    ],
)
def test_the_question_s_own_words_say_which_root_cause_it_reads_as(question: str, cause: str) -> None:
    assert reading(question).cause == cause


def test_the_kind_that_fits_the_gap_comes_first(kb: KnowledgeBase) -> None:
    assert ranked(kb, "negotiation.trades", "skill")[0].id == "act-drill-if-then-trades"
    assert ranked(kb, "negotiation.trades", "knowledge")[0].kind == "lesson"
    assert ranked(kb, "objection-handling.checks", "confidence")[0].kind == "roleplay"
    skill = ranked(kb, "demo.tailored", "skill")  # no drill for it: the roleplay, not a lesson
    assert skill[0].kind == "roleplay" and "skill" in skill[0].root_causes


def test_an_assignment_names_the_first_activity_with_why_and_how_long_then_the_others(kb: KnowledgeBase) -> None:
    text, cited = compose_assignment(kb, "negotiation.trades", reading(DISCOUNTING))
    joined = "\n".join(text)
    first = re.search(r"Assign first: \*\*(.+?)\*\* \[(act-[\w-]+)\] \((\w[\w ]*), (\d+) min\)", joined)
    assert first is not None and first.group(2) == "act-drill-if-then-trades" and first.group(4) == "15"
    assert "Why: it fits skill gaps" in joined and "How: " in joined
    listed = set(re.findall(r"\[(act-[\w-]+)\]", joined))
    assert cited[0] == "negotiation.trades" and listed == {c for c in cited if c.startswith("act-")}
    assert {a.id for a in kb.activities_for("negotiation.trades")} <= listed  # every one the catalog has for it
    assert "start elsewhere" in joined  # the cause was assumed: it says where to start instead


def test_an_answer_for_a_gap_the_question_names_does_not_hedge(kb: KnowledgeBase) -> None:
    text, _ = compose_assignment(kb, "negotiation.trades", Reading("confidence", "nervous"))
    joined = "\n".join(text)
    assert 'the question says "nervous"' in joined and "start elsewhere" not in joined
    assert "act-drill-if-then-trades" not in joined.split("Also in the catalog")[0]  # a rehearsal leads instead


def test_an_activity_written_for_the_situation_goes_first_when_it_fits_the_cause(kb: KnowledgeBase) -> None:
    read = Reading("confidence", "nervous", written_for="act-rehearse-and-lead")
    text, cited = compose_assignment(kb, "discovery-call.next-steps", read)
    assert cited[1] == "act-rehearse-and-lead" and "its own description is the situation" in "\n".join(text)
    assert ranked(kb, "discovery-call.next-steps", "confidence")[0].id != "act-rehearse-and-lead"  # else not first


def test_a_question_naming_an_activity_is_about_that_activity(kb: KnowledgeBase) -> None:
    assert named_activity("How long does the if-then trade drill take?", kb) == "act-drill-if-then-trades"
    assert named_activity(DISCOUNTING, kb) is None


@pytest.mark.parametrize(
    "question",
    [
        "My newer managers don't know how to run a pipeline review. What should they study?",
        "What's in our catalog for a rep who never checks that an answer landed?",
        "How do I coach a rep who rushes past the buyer's concerns?",
        "She never books a dated next step. What should she practise?",
        "Which drill should my reps do for that?",
    ],
)
def test_asking_what_to_study_or_how_to_coach_a_rep_with_a_gap_is_an_assignment_question(question: str) -> None:
    assert intents(question)[0] == "activity"


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        ("Nobody ever taught him how we run a negotiation. What should I assign?", "knowledge"),
        ("She panics and agrees to whatever procurement asks. What should I assign?", "confidence"),
        ("He gets flustered when the CFO joins the call. What drill?", "confidence"),
        ("My new rep goes blank whenever a buyer mentions a competitor. What should she practise?", "confidence"),
        ("He reads the pitch word for word and sounds robotic. What should I assign?", "messaging"),
        ("My new rep jumps straight into the pitch. What should I assign?", "skill"),  # being new is not a cue
        ("What should I read before my first pipeline review?", "knowledge"),  # a meeting not run yet
    ],
)
def test_everyday_words_for_nerves_not_knowing_and_scripts_say_the_cause(question: str, cause: str) -> None:
    assert reading(question).cause == cause


def test_an_assignment_asks_the_question_that_tests_the_reading_and_closes_with_a_commitment(kb: KnowledgeBase) -> None:
    text, cited = compose_assignment(kb, "negotiation.trades", Reading("knowledge", "never been taught"))
    joined = "\n".join(text)
    diagnostic = kb.questions_for("negotiation.trades", "diagnostic", "knowledge")[0]
    commitment = kb.questions_for("negotiation.trades", "commitment")[0]
    assert diagnostic.text in joined and commitment.text in joined
    assert cited[-2:] == [diagnostic.id, commitment.id]


# ------------------------------------------------------------------ with the bundled embedder (integration)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Retriever, KnowledgeBase]:
    """The methodology and learning files (all a skill's profile is read from), ingested with the bundled embedder."""
    from copilot.index.memory import MemoryIndex
    from copilot.retrieval.ingest import ingest
    from copilot.runtime import build_embedder

    root = tmp_path_factory.mktemp("knowledge")
    for part in ("methodology", "learning"):
        shutil.copytree(load_settings().resolved_knowledge_dir / part, root / part)
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"), embedding_backend="minilm", knowledge_dir=root)
    embedder, index = build_embedder(settings), MemoryIndex()
    ingest(root, embedder, index)
    return Retriever(embedder, index), load_knowledge(settings)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "criterion", "first"),
    [
        # words no level descriptor uses; the whole question matches nothing above the relevance floor
        (
            "My one-on-ones finish with a vague 'sounds good' and nothing counted or dated. What could I practise?",
            "one-on-one.agreements",
            {"act-self-review-one-on-one", "act-roleplay-coaching-conversation"},
        ),
        # a knowledge gap about an interaction the question names: its lesson or model, not another meeting's
        (
            "A new hire can't describe what a strong first call with a prospect looks like. What should I give them?",
            "discovery-call",
            {"act-lesson-discovery-map", "act-model-discovery-call"},
        ),
        (
            "My rep offers a discount before the buyer even asks for one. What should I assign?",
            "negotiation.trades",
            {"act-drill-if-then-trades"},
        ),
        # a behaviour placed in a named meeting: that meeting's own version of the skill, not the discovery call's
        (
            "My rep talks over the buyer in demos. What should I assign?",
            "demo.engagement",
            {"act-drill-demo-checkins", "act-roleplay-demo"},
        ),
        # a skill the named meeting has no version of stays where it is
        (
            "My rep keeps discounting in the first call, what should I assign?",
            "negotiation.trades",
            {"act-drill-if-then-trades"},
        ),
    ],
)
def test_a_gap_in_a_manager_s_words_gets_its_skill_s_activities_the_right_kind_first(
    embedded: tuple[Retriever, KnowledgeBase], question: str, criterion: str, first: set[str]
) -> None:
    retriever, kb = embedded
    result = ask(question, retriever, None, kb=kb)
    assert result.source == "curated" and result.citations[0].startswith(criterion)
    assert next(c for c in result.citations if c in kb.activities) in first
    assert set(result.citations) <= {r.item_id for r in result.retrieved}  # cites only what it read


@pytest.mark.integration
def test_a_gap_no_skill_describes_gets_a_plain_answer_not_padding(embedded: tuple[Retriever, KnowledgeBase]) -> None:
    retriever, kb = embedded
    result = ask("What course should I assign a rep whose PowerPoint slides are cluttered?", retriever, None, kb=kb)
    assert result.answer.startswith("The knowledge base holds no learning activity for this gap")
    assert result.citations == [] and len(result.answer) < 400


class _FarRetriever:
    """Finds only passages far from any question (what search returns for a fact the knowledge base lacks)."""

    def search(self, query: str, *, k: int = 5, **_: object) -> list[Result]:
        return [Result("obj-contract-length", "c", "Contract", "objection", 0.2, "a term", "s", {"_cosine": 0.2})]

    def spellings(self) -> frozenset[str]:
        return frozenset()

    def term_items(self) -> dict[str, int]:
        return {}


def test_a_fact_the_knowledge_base_lacks_is_named_even_when_nothing_retrieved_is_close(kb: KnowledgeBase) -> None:
    question = "What's our refund policy if a customer cancels after three months?"
    result = ask(question, _FarRetriever(), None, kb=kb)  # type: ignore[arg-type]
    assert result.answer.startswith("The knowledge base does not hold refund or cancellation terms")
