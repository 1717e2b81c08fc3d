"""Whether a question's topic is covered by the knowledge base at all: its salient words, not its common ones."""

from __future__ import annotations

from copilot.embeddings.fake import FakeEmbedder
from copilot.index.memory import MemoryIndex
from copilot.retrieval.gaps import unknown_topic
from copilot.retrieval.keyword import terms
from copilot.retrieval.route import intents
from copilot.retrieval.search import Retriever
from copilot.retrieval.synonyms import normalise_phrases

HOLIDAY = "is the office closed between christmas and new year or do I need to book those days off?"


def test_common_words_of_the_base_do_not_dilute_the_words_it_never_uses() -> None:
    vocabulary = frozenset(terms("closed between new year need book those days off"))
    # nine content words, two unknown: under a quarter of them, so the question looks covered...
    assert unknown_topic(HOLIDAY, vocabulary) is None
    # ...but the base's common language says nothing about what the question is about
    common = frozenset(terms("need year new days book"))
    assert unknown_topic(HOLIDAY, vocabulary, common) == "office closed between christmas"
    # a question whose unknown words are few among its salient ones stays covered
    covered = "my rep books the next meeting but never the days after the new year planning call"
    assert unknown_topic(covered, frozenset(terms(covered)) - {"planning"}, common) is None


def test_the_topic_is_named_from_the_first_word_the_question_asks_about() -> None:
    vocabulary = frozenset(terms("limit take head per out when"))
    named = unknown_topic("what's the per-head limit when I take a client out to dinner?", vocabulary)
    assert named == "per-head limit when I take a client out to dinner"
    # who asks and how ("what's", "do we have") are not what is asked about
    assert unknown_topic("Do we have a mobile app?", frozenset()) == "mobile app"
    # a long question keeps to its unknown words
    long = "what is the approved list of things we normally send to customers ahead of the annual golf weekend?"
    named = unknown_topic(long, frozenset(terms(long)) - frozenset(terms("annual golf weekend")))
    assert named == "annual golf weekend"


def test_the_retriever_counts_how_many_public_items_use_a_term() -> None:
    embedder, index = FakeEmbedder(), MemoryIndex()
    texts = ["plan the call", "plan the demo", "plan the review", "price list"]
    metas: list[dict[str, str | bool]] = [{"item_id": f"i{n}", "title": "", "private": False} for n in range(3)]
    metas.append({"item_id": "secret", "title": "", "private": True})
    index.upsert([f"c{n}" for n in range(4)], texts, embedder.embed_documents(texts), metas)
    retriever = Retriever(embedder, index)
    assert retriever.common_terms(0.5) == frozenset({"plan"})  # three of three public items; "call" one of three
    assert "pric" not in retriever.vocabulary()  # a private item's words are not the base's


def test_a_free_trial_with_a_length_or_a_poc_is_a_free_pilot() -> None:
    for said in ("a free 60-day trial first", "a free two week trial", "let them trial it for free", "a free trial"):
        assert "free pilot" in normalise_phrases(said), said
    assert "pilot" in normalise_phrases("a 90 day POC before anything gets signed")
    assert "pilot" not in normalise_phrases("a free consultation on trial balances")


def test_the_buyers_words_typed_without_an_apostrophe_are_still_reported() -> None:
    assert "objection" in intents("they wont move forward unless we let them trial it for free")
    assert "objection" in intents("the CFO dont see why we need another tool")


def test_a_tool_the_buyers_team_made_itself_is_the_library_s_built_our_own() -> None:
    from copilot.retrieval.loose import unheld_words

    # the status-quo objection's buyer says "We built our own forecast sheet"; managers say it other ways
    for said in (
        "their homegrown spreadsheet",
        "they'll just build it in-house",
        "a home-made model",
        "built one ourselves",
    ):
        assert "built own" in " ".join(normalise_phrases(said).split()), said
    vocabulary = frozenset(terms("We built our own forecast sheet and it does the job. Our spreadsheet works fine."))
    assert unheld_words("The prospect says their homegrown spreadsheet does the job.", vocabulary) == []
    # "building" a plan or a case is not a tool the buyer made
    for said in ("my rep is building a business case", "we should build that into the plan", "I built one deck"):
        assert "built own" not in normalise_phrases(said), said
