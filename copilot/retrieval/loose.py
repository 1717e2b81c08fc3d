"""Answers for a question the knowledge base matches only loosely: say what it lacks, then point at the nearest thing.

Search always finds something nearest. A gap no skill describes ("goes blank whenever a buyer mentions a
competitor") still lands on some criterion, and a buyer's words no objection holds ("they need to think about it")
still rank some objection first; composed whole, either reads like a confident answer to a question nobody asked.
When the evidence is thin, the answer says so in its first sentence, names the nearest item in a line and the
first thing to try if it fits, and stops there. How thin is measured, not listed: for a gap, how close the skill's
own lines are and how many of its words the skill uses (copilot.retrieval.assign.LOOSE_OWN, LOOSE_KEYWORD); for an
objection, how close the buyer's words are to the words the library records buyers saying (BUYER_VOICE).
"""

from __future__ import annotations

import re

from copilot.knowledge.schema import KnowledgeBase
from copilot.retrieval.assign import gap_text, ranked, reading, written_for
from copilot.retrieval.gaps import ASKERS, FUNCTION_WORDS, GAPS, no_activity
from copilot.retrieval.keyword import query_terms, terms
from copilot.retrieval.profiles import vector_cosine
from copilot.retrieval.route import BUYER_SAYS
from copilot.retrieval.search import Result, Retriever
from copilot.retrieval.synonyms import normalise_phrases

# Cosine between a question in the buyer's voice and the closest line the routed objection records buyers saying
# (its title and phrasings) below which the library has no entry for what this buyer said. Set on the dev
# questions and on paraphrases tried by hand, with a thin margin: the dev objection questions and the paraphrases
# of objections the library holds came out at 0.27 or more; "think about it", "sleep on it", "you're too small",
# "show me a reference" at 0.23 or less. Some words no objection holds still clear it (docs/ask.md).
BUYER_VOICE = 0.25
# Buyer voice from which the buyer's words are a clear paraphrase of the objection whatever words they use; below it,
# words of the buyer's no public passage uses (nor their synonyms) are what the buyer raised and the library never
# speaks of ("only vendors on our approved supplier list" came out at 0.43 against "We don't commit to multi-year
# deals with new vendors", and 0.46-0.47 against another objection after rewording, "their preferred vendor panel";
# held paraphrases that use a word the base lacks, "Google Sheet", "insists", 0.56 and up).
SUBSTANCE_VOICE = 0.5
QUOTE = 90  # characters of the question quoted back, so the answer stays a pointer


def quote(text: str) -> str:
    """The asker's words, trimmed to QUOTE characters at a word boundary."""
    said = " ".join(text.split()).rstrip("?.!, ")
    return said if len(said) <= QUOTE else said[: QUOTE - 3].rsplit(" ", 1)[0] + "..."


def buyer_voice(question: str, objection_id: str, retriever: Retriever, kb: KnowledgeBase) -> float:
    """How close the question is to what the library records buyers saying for this objection: its title and
    phrasings only, not the seller's talk track or handling path, which share words with any objection question."""
    o = kb.objections[objection_id]
    lines = [o.title, *[p for said in o.phrasings.values() for p in said]]
    docs = retriever.embedder.embed_documents(lines)
    # the question as written and, when a domain phrase is in it, as search reads it ("sign-off from a buying group"
    # is "approval from a committee"): the embedder does not know every phrase the synonym map does
    said = {question, " ".join(normalise_phrases(question).split())}
    return max(vector_cosine(retriever.embedder.embed_query(q), v) for q in said for v in docs)


_ASKING = re.compile(r"^\s*(?:how|what|any|is there|should|can|could|do)\b", re.I)


def buyer_words(question: str) -> str:
    """What the buyer said, as the question reports it: from where the reported words start, without the sentences
    that ask what to do about it ("What do I say?", ", how do I answer?")."""
    said = BUYER_SAYS.search(question)
    text = question[said.start() :] if said else question
    sentences = re.split(
        r"(?<=[.?!])\s+|,\s+(?=(?:how|what)\s+(?:do|does|should|can|could|would)\s+(?:i|we|my|she|he|they)\b)",
        text.strip(),
        flags=re.I,
    )
    return " ".join([sentences[0], *[s for s in sentences[1:] if not _ASKING.search(s)]]).rstrip(",")


_DETERMINER = frozenset(
    ["a", "an", "the", "their", "our", "your", "its", "his", "her", "this", "that", "these", "those"]
)


def unheld_words(question: str, vocabulary: frozenset[str]) -> list[str]:
    """The things the buyer names (a word a determiner opens, one word between at most: "their approved supplier
    list", "a formal RFP") that no public passage mentions, nor any synonym of them, as stemmed terms: the substance
    of an objection the library does not hold. A verb or a turn of phrase the base does not use ("will revolt",
    "what they set aside") is how the buyer says it, not what about."""
    # a domain phrase is read as the word the files use ("a buying group" is a committee), as search reads it
    words = re.findall(r"[\w'\u2019-]+", normalise_phrases(buyer_words(question)))
    # each stem with the word it came from: synonyms are looked up on the word, since stemming a stem again changes
    # it ("committee" -> "committe" -> "committ", which no passage has)
    named = {
        t: w
        for i, w in enumerate(words)
        if _DETERMINER & {x.lower() for x in words[max(0, i - 2) : i]}
        for t in terms(w)
        if t not in FUNCTION_WORDS and len(t) > 2 and not t.isdigit()
    }
    return [t for t, w in named.items() if t not in vocabulary and not any(q in vocabulary for q in query_terms(w))]


def unheld_term(question: str, objection_id: str, kb: KnowledgeBase) -> bool:
    """Whether the buyer asks for a commercial term a coaching knowledge base does not keep (copilot.retrieval.gaps:
    "net-120 payment terms", "a cap on the renewal price") that the objection routed to neither holds nor names in its
    title: its talk track answers something else the buyer did not say."""
    said = buyer_words(question)
    o = kb.objections[objection_id]
    own = " ".join([o.title, o.answer, *o.handling_path, *[p for lines in o.phrasings.values() for p in lines]])
    for gap in (g for g in GAPS if g.buyer_term):
        found = gap.asks.search(said)
        if found and not gap.holds.search(own) and not (set(terms(found.group(0))) - ASKERS) & set(terms(o.title)):
            return True
    return False


def unheld_substance(question: str, objection_id: str, retriever: Retriever, kb: KnowledgeBase) -> bool:
    """Whether the buyer's words are not the objection the question was routed to: not close to anything the library
    records buyers saying for it (BUYER_VOICE), not close enough to be a paraphrase (SUBSTANCE_VOICE) while naming
    something the knowledge base never speaks of, or asking for a commercial term it does not keep (unheld_term)."""
    voice = buyer_voice(question, objection_id, retriever, kb)
    if voice < BUYER_VOICE or unheld_term(question, objection_id, kb):
        return True
    return voice < SUBSTANCE_VOICE and bool(unheld_words(question, retriever.vocabulary()))


def related_objection(text: str, retriever: Retriever, kb: KnowledgeBase) -> str | None:
    """An objection the text names by the topic the library files it under, when its title says the same word
    ("mentions a competitor": category competitor, "A competitor does this for less"). A word shared with a title
    alone is too weak: "time", "problem", "sign" and "much" are in titles, and gaps use them about anything."""
    words = set(terms(text))
    where = {"$and": [{"private": False}, {"type": "objection"}]}
    for r in retriever.search(text, k=3, where=where):
        o = kb.objections.get(r.item_id)
        if o is None or not o.criteria:
            continue
        topic = set(terms(o.category.replace("_", " ")))
        if topic and topic <= words and topic <= set(terms(o.title)):
            return o.id
    return None


def loose(question: str, found: Result, retriever: Retriever, kb: KnowledgeBase) -> bool:
    """Whether the skill a gap landed on is only a loose match: its evidence is thin (assign.gap_criterion marks it),
    or the gap names what the library holds as an objection and the skill is not one that objection is handled by
    ("locks up when a buyer brings up a competitor" landing on listening). An activity written for the very
    situation (assign.written_for) settles it either way."""
    if written_for(question, retriever, kb, found.item_id, reading(question).cause) is not None:
        return False
    if found.metadata.get("loose"):
        return True
    objection = related_objection(gap_text(question), retriever, kb)
    return objection is not None and found.item_id not in kb.objections[objection].criteria


def loose_assignment(question: str, retriever: Retriever, kb: KnowledgeBase) -> tuple[str, list[str]]:
    """What to assign when the gap only loosely matches the skill it lands on: no skill or activity describes it.
    When an objection's title names the gap ("mentions a competitor"), the skill that objection lists and the
    activity to start with are the nearest real thing, in one line; otherwise the skill it landed on is no better
    than any other (cold calls landed on a manager's one-on-one skill), so nothing is pointed at."""
    gap = gap_text(question)
    objection = related_objection(gap, retriever, kb)
    if objection is None:
        return no_activity(gap), []
    criterion = kb.objections[objection].criteria[0]
    c = kb.criteria[criterion]
    first = next(iter(ranked(kb, criterion, reading(question).cause)), None)
    text = f'The knowledge base holds no skill or learning activity for this gap ("{quote(gap)}"). Nearest, a loose '
    text += f"match: the objection {kb.objections[objection].title} [{objection}], handled by {c.title} [{criterion}]"
    cited = [objection, criterion]
    if first is not None:
        text += f"; if it fits, start with {first.title} [{first.id}] ({first.kind.replace('_', ' ')}, "
        text += f"{first.duration_minutes} min)"
        cited.append(first.id)
    return text + ". Ask enablement to add one for the gap itself.", cited


def objection_path(kb: KnowledgeBase) -> tuple[str, str | None]:
    """The interaction the library's objections are coached under (the one their criteria belong to most often)
    and the lesson that teaches its whole path, if the catalog has one."""
    counts: dict[str, int] = {}
    for o in kb.objections.values():
        for cid in o.criteria:
            if cid in kb.criteria:
                iid = kb.criteria[cid].interaction
                counts[iid] = counts.get(iid, 0) + 1
    if not counts:
        return "", None
    iid = max(counts, key=lambda i: (counts[i], i))
    own = {c.id for c in kb.criteria_of(iid)}
    lessons = [a for a in kb.activities.values() if a.kind == "lesson" and own <= set(a.criteria)]
    return iid, min(lessons, key=lambda a: (a.duration_minutes, a.id)).id if lessons else None


# Words any buyer's request uses ("we want...", "they need...", "first"): shared with a title, they say nothing about
# what the request is.
_ANY_REQUEST = frozenset(terms("want need use get have make first work say tell going sign"))


def _titled(question: str, objection_id: str | None, kb: KnowledgeBase) -> str | None:
    """The objection, when its title shares a word (or a synonym) with the buyer's words ("the timing is bad because
    of a reorg" and "Now is not a good time"): near enough to point at, not to answer with."""
    if objection_id is None:
        return None
    asked = set(query_terms(buyer_words(question))) - FUNCTION_WORDS - _ANY_REQUEST
    return objection_id if asked & set(terms(kb.objections[objection_id].title)) else None


def loose_objection(
    question: str, retriever: Retriever, kb: KnowledgeBase, routed: str | None = None
) -> tuple[str, list[str]]:
    """The answer when no objection in the library is what this buyer said: no talk track; an objection whose title
    names the topic, if one does (the one the question was `routed` to, or one whose title says the topic the
    library files it under); and the path every objection is handled by, from the competency model."""
    text = f'The knowledge base has no objection for this ("{quote(buyer_words(question))}") and no talk track for it.'
    cited: list[str] = []
    related = _titled(question, routed, kb) or related_objection(question, retriever, kb)
    if related is not None:
        text += f" Nearest, a loose match: {kb.objections[related].title} [{related}]."
        cited.append(related)
    iid, lesson = objection_path(kb)
    if not iid:
        return text, cited
    if related is None:  # the path's steps in full; with a related objection, its own path is one command away
        text += " Use the path for any objection: "
        text += "; ".join(c.title.lower() for c in kb.criteria_of(iid))
    else:
        text += " Or use the path for any objection"
    if lesson is not None:
        text += f" ({kb.activities[lesson].title} [{lesson}], {kb.activities[lesson].duration_minutes} min)"
        cited.append(lesson)
    cited.append(iid)
    return text + ".", cited
