"""Which fact the buyer tells when asked: the scenario's facts, matched to the topic of the rep's question.

Facts are written in the scenario file in the buyer's own words (budget, timing, decision, what they compare
against, what burned them, what matters most). A guarded fact is told only once the rep has acknowledged the
concern and has not pressed; until then the buyer holds it back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from copilot.knowledge.schema import FACT_TOPICS, KnowledgeBase, ScenarioFact
from copilot.retrieval.keyword import terms
from copilot.roleplay.models import Scenario
from copilot.roleplay.proof import GENERIC

TOPIC_CUES: dict[str, re.Pattern[str]] = {
    "burned": re.compile(
        r"\b(ever before|before that|last time|went wrong|gone wrong|go wrong|burn(ed|t)?|happened|previous(ly)?|in the past|"
        r"bad experience|fail(ed|ure)?|shelfware|regret|bitten|stopped using|"
        r"(the|your) last (\w+ )?(implementation|rollout|vendor|tool|project|evaluation|one)|"
        r"(bought|tried|used|ran|rolled out|had) (\w+ ){0,2}before|did\b[^?.]{0,60}\bwork out)\b",
        re.IGNORECASE,
    ),
    "decision": re.compile(
        r"\b(who|(?<!you )decides?|(gets?|got|is|was|be|been|are|were) decided|decision|deciding|sign(s|ed)? off|sign-off|approv(e|es|al)|committee|board|boss|"
        r"stakeholders?|involved|signature|sits on|leadership team|(?<!your )(?<!my )(?<!our )(?<!their )owns?|driving|drives|comes? from|behind (the|that|this)|"
        r"approv\w*|exceptions?|in the room|push on|focus on|back(ing)? (you|it|this|us|the \w+)|sponsor\w*|champion\w*|"
        r"(he|she)(?= (would|will|might|needs?|wants?|cares?|asks?|expects?)\b)|(he|she)'d|(your|whose) (own )?call|whose|"
        r"final (say|call|word|yes|decision|sign-?off|approval)|how much (weight|influence|sway|say|pull)|lean(s|ing)? on|(call|say|decision|sign-off|signature) (sits?|rests?|lies|lands?|falls?) with|last word|go(es)? (any )?higher|above your head|"
        r"(your|the|their) (controller|cfo|ceo|coo|cro|cto|cio|vp|dpo|boss|director|procurement( team)?|legal( team)?|"
        r"finance team)(?= (would|will|might|needs?|wants?|cares?|asks?|expects?|look for|push)\b))\b",
        re.IGNORECASE,
    ),
    "compare": re.compile(
        r"\b(compar(e|ed|ing|ison)|alternatives?|instead|other vendors?|competitors?|versus|vs|against|options?|"
        r"quot(e|ed|es|ing)|add-on|currently use|spreadsheet|hire|analyst|otherwise|plan b|fall-?back|up against|(how|what) do you (do|handle|manage|run|combine|track|use)|"
        r"hosting|host|vendors? do)\b",
        re.IGNORECASE,
    ),
    "timing": re.compile(
        r"\b(when(?= (do|does|did|is|are|was|were|will|would|can|could|should|might|exactly|we|you)\b)|timeline|timing|deadline|dates?|freeze|freezes|calendar|how soon|start|by when|schedule|"
        r"how often|urgen(t|cy)|why now|in a hurry|rush|"
        r"planning|cycle|go live|next few (weeks|months)|how long (would|will|should) (it|a|an|the|this|that|we|you)|how long (does|do|did|will|would) [^?.]{0,40}\btake\b(?! (you|me|us|your)\b)|turn-?around|turn (\w+ ){0,2}around|(by|until|before|in|after) (january|february|march|april|may|june|july|august|september|october|november|december|next (year|quarter)|the new (year|quarter)))\b",
        re.IGNORECASE,
    ),
    "budget": re.compile(
        r"\b(budget(s|ed)?|spend|afford|price|pricing|licen[cs]es?|subscriptions?|what (it|that|this|the \w+) (would|will|does|did|'d|'ll) run(?! on)|"
        r"(would|will|does|did) (it|that|this|the \w+) run (you|us|them)|"
        r"costs?|set aside|money|fund(ed|ing)?|allocat\w*|line item|(set |fixed )?amount|pot|envelope|"
        r"invest(ment)?|pay|pays|paying|paid|pencil+(ed)? in|earmark\w*|ring-?fenced)\b",
        re.IGNORECASE,
    ),
    "priorities": re.compile(
        r"\b(most|matters?|priority|priorities|fix|goals?|important|care|problem|worr(y|ies)|hours|"
        r"good enough|what would it take|cost you|keeps you|biggest|broken|struggle|time|hours|keeping you|up at night|on your mind|how long|how much time|"
        r"how many hours|how close|how accurate|(will|would|do|did) you (decide|judge|measure|know)|judge|criteria|success|accura\w*|look like|need to (see|show)|have to show|take it seriously|"
        r"hold (\w+ ){0,2}to|what (number|target|bar)|worth (it|fixing|reading)|want (it|the \w+) to answer|need to answer|comes? in during|late changes?)\b",
        re.IGNORECASE,
    ),
}
"""Words that say what a question asks about; ties go to the earlier topic (the more specific one)."""
WEAK_CUE = re.compile(r"who|comes? from|behind (the|that|this)", re.IGNORECASE)
"""Words that only say a person or a source is asked about: beside money they count half, so 'Who pays for it?' and
'Where would the money come from?' ask about budget, while 'Who approves the spend?' still asks who decides."""
CAUSE_CUE = re.compile(r"driving|drives|behind (the|that|this)", re.IGNORECASE)
"""Words that ask what is behind something: beside another topic they count half, since what they point at is the
topic ('What's driving the urgency?' asks about timing), while alone ('Who's driving this?') they ask who decides."""


ASKS = re.compile(
    r"^\W*((so|and|but|ok(ay)?|right|well|also|just|out of curiosity|can i ask|may i ask|could you tell me)\W+)*"
    r"(?P<ask>when(?= (do|does|did|is|are|was|were|will|would|can|could|should|might|exactly)\b)|how soon|how often|by when|"
    r"what(')?s (the|their|your|his|her|\w+'s) (deadline|timeline|date|cut-?off)|who|whose|how much)\b",
    re.IGNORECASE,
)
"""The question word that says what is asked ('How soon does the hosting need to be settled?' asks when, whatever
it is about): it outweighs one other topic the question names."""
ASKED_TOPIC = {"when": "timing", "how soon": "timing", "how often": "timing", "by when": "timing", "who": "decision"}
ASKED_TOPIC |= {"whose": "decision", "how much": "budget"}  # "what's (their) deadline/timeline/date" asks when


EXPERIENCE = re.compile(
    r"(^|,)\W*((so|and|but|ok(ay)?|right|well|also|just)\W+)*(has|have|had|did|was|were)\b[^?]*"
    r"\b(ever|before|at some point|in the past|a time|one time)\b",
    re.IGNORECASE,
)
"""A yes/no question in the past or the experiential perfect ('Has a connector ever taken more than it promised?',
'Have you been locked into a long contract before?', 'did a purchase go badly at some point?') asks what happened
to them before: what burned them, whatever else it names."""

ASKED_SUBJECT = re.compile(
    r"^\W*((so|and|but|ok(ay)?|right|well|also|just)\W+)*(is|are|was|were|does|do|did|has|have)\s+"
    r"(?P<subject>(the |your |that |this )?[\w-]+)\b(?! you\b)",
    re.IGNORECASE,
)
"""The subject of a yes/no question ('Is cost something you have to worry about…?'): the topic it names is asked."""

SUBORDINATE = re.compile(r"(?<=\w)\s*,?\s+\b(before|after|once|until|unless|if|so that)\b\s+(?!not\b)[^?.,;]*", re.I)
"""A clause after the question's main verb that only sets the scene ('who else weighs in before you spend money on
it?', 'what would you do if we weren't in the picture?'): its words do not say what is asked when the main clause
names a topic of its own (they count half)."""


ELSEWHERE = re.compile(
    r"\b(instead|rather|otherwise|(?<!who )(?<!whom )(?<!someone )(?<!somebody )(?<!anyone )(?<!anybody )else)\b|"
    r"\bif (you|we|they|it|this|that) (didn't|don't|doesn't|did not|do not|weren't|wasn't|never|went without)\b|"
    r"\b(kept|keep|keeping|stuck|stick|sticking|carr(y|ied|ying)) (on|going|with)\b|"
    r"\b(kept|keep|keeping|leave|left) (things|it|everything)\b|\bas (they|it|things) (are|is|stand)\b|"
    r"\bon your own\b|\b(bought|buy|buying|did|do|doing) nothing\b",
    re.IGNORECASE,
)
"""The question puts the money or the cost on the other road ('where would that money go instead?', 'if you kept
going on your own, what does that cost you?'): what it asks about is the alternative, not the budget."""
SHOPPING = re.compile(
    r"\b(what|who|which|anyone|anybody|anything|any ?one|any ?body)( \w+)? else\b[^?.]{0,30}\b(looking at|look at|considering|"
    r"evaluating|weighing|talking (to|with)|speaking (to|with)|meeting|seeing|on the (list|table)|in the (running|mix|frame))|"
    r"\b(looking at|considering|evaluating|talking to|speaking (to|with))\b[^?.]{0,15}\b(anyone|anybody|others?|"
    r"other (vendors?|tools?|options?|providers?|suppliers?)|alternatives?)\b|\bshort-?list\b",
    re.IGNORECASE,
)
"""The question asks who or what else the buyer is looking at ('What else are you looking at right now?', 'Are you
talking to anyone else?'): the alternative, whatever person or process word it carries ('who else' is not who
decides here)."""
AMOUNT_ASKED = re.compile(r"\bhow much (is|are|was|can|could|would|will|do|does|have|has)\b", re.IGNORECASE)
"""'How much can you put toward this?', 'How much is there?': with no other topic named, an amount of money."""


LEADING = re.compile(
    r"^\W*(before|after|once|until|unless|assuming|now that|if|supposing|say|when it comes to)\b[^?.,;]*,\s*",
    re.IGNORECASE,
)
"""The same scene set before the question ('Before we talk about how long, who else has to be convinced?', 'If money
did have to move mid-year, who'd have to agree?')."""


def cue_counts(question: str) -> dict[str, float]:
    """How strongly the question names each fact topic; the question word's own topic counts one cue more; a
    scene-setting clause after the main verb counts half when the main clause names a topic of its own."""
    main = LEADING.sub("", SUBORDINATE.sub("", question))
    if main != question and main.strip() and any(rx.search(main) for rx in TOPIC_CUES.values()):
        scene = [m.group(0) for rx in (SUBORDINATE, LEADING) for m in rx.finditer(question)]
        side = _counts(" ".join(scene))
        counts = {t: n + side[t] / 2 for t, n in _counts(main).items()}
    else:
        counts = _counts(question)
    money = bool(TOPIC_CUES["budget"].search(question)) or bool(COST_ASK.search(question))
    if (money and ELSEWHERE.search(question)) or SHOPPING.search(question):
        # the money is what the other road would take, or the other roads are what is asked about: the alternative
        # outweighs every other topic it names
        counts["compare"] = max(counts.values()) + 1.0
    return counts


def _counts(question: str) -> dict[str, float]:
    """Cue counts of one stretch of the question (see cue_counts)."""
    money = bool(TOPIC_CUES["budget"].search(question))
    named = {topic for topic, rx in TOPIC_CUES.items() if rx.search(question)}

    def weight(topic: str, cue: str) -> float:
        if money and WEAK_CUE.fullmatch(cue):
            return 0.5
        return 0.5 if named - {topic} and CAUSE_CUE.fullmatch(cue) else 1.0

    counts = {topic: sum(weight(topic, m.group(0)) for m in rx.finditer(question)) for topic, rx in TOPIC_CUES.items()}
    for sentence in re.split(r"(?<=[.!?])\s+", question):
        asked = ASKS.search(sentence)
        word = asked.group("ask").lower() if asked else ""
        topic = "timing" if word.startswith("what") else ASKED_TOPIC.get(word)  # 'what's legal's deadline'
        if topic and counts.get(topic) and not (topic == "decision" and money):
            counts[topic] += 1.0
        subject = ASKED_SUBJECT.match(sentence)
        if subject:  # 'Is cost something you worry about?': the yes/no question is about what it names first
            for t, rx in TOPIC_CUES.items():
                if t != "priorities" and rx.search(subject.group("subject")):
                    counts[t] += 1.0
        if EXPERIENCE.search(sentence):
            counts["burned"] += 2.0
        if AMOUNT_ASKED.search(sentence) and not any(counts.values()):
            counts["budget"] += 1.0
    return counts


def question_topic(question: str | None) -> str | None:
    """The fact topic a rep's question asks about, or None when it names none."""
    if not question:
        return None
    counts = cue_counts(question)
    best = max(counts, key=lambda t: (counts[t], -list(TOPIC_CUES).index(t)))
    return best if counts[best] else None


def persona_facts(scenario: Scenario, kb: KnowledgeBase) -> list[ScenarioFact]:
    """A scenario without facts of its own speaks from the persona: what they care about and worry about."""
    persona = kb.personas.get(scenario.persona)
    if persona is None:
        return []
    return [ScenarioFact(topic="priorities", says=f"What matters most to me is {c}.") for c in persona.cares_about] + [
        ScenarioFact(topic="burned", says=f"What worries me is {c}.") for c in persona.typical_concerns
    ]


COST_ASK = re.compile(
    r"\bcost(s|ing)? (you|your|them|the (team|business|company))\b|"
    r"\bcost of (a |an |the |each |every )?(miss|missed|missing|late|bad|wrong|problem|error|delay|slip)|"
    r"\bset (you|them|the (team|business|company)) back\b",
    re.IGNORECASE,
)
"""A question about what the problem costs the buyer (not what the product costs)."""
COST_FACT = re.compile(r"\bcost(s|ing)?\b|\blos(e|es|t|ing)\b", re.IGNORECASE)
"""A fact that names what something costs the buyer: it answers a cost question whatever its topic."""


def costs_buyer(fact: ScenarioFact) -> bool:
    """The fact says what the problem costs the buyer; a budget fact ('I don't know what it costs') is about our price."""
    return fact.topic != "budget" and bool(COST_FACT.search(fact.says))


def no_cost_number(scenario: Scenario, kb: KnowledgeBase, question: str | None) -> bool:
    """Asked what the problem costs them, and no fact puts a number or a loss on it: there is no exact figure yet."""
    pool = list(scenario.facts) or persona_facts(scenario, kb)
    return bool(COST_ASK.search(question or "")) and not any(costs_buyer(f) for f in pool)


SIZE_ASK = re.compile(r"\bhow (many|big|large)\b|\bhead ?count\b|\bsize of (the|your)\b|\b(revenue|turnover)\b", re.I)
"""A question after how big the buyer's own company is: its people, its customers, its revenue."""
SIZE_WORDS = frozenset(
    terms(
        "how what many big large size sized headcount head count people employees staff organisation organization org "
        "firm group total overall across whole altogether roughly about approximately around actually really "
        "currently today now these days there here over work working have has revenue turnover wise use users seats "
        "sales doing bring annual annually talk talking cover covered involve involved"
    )
) | {"what"}  # "what's" keeps its word
"""Words a question about the company's size carries besides what it counts ('How many people work there today?')."""
_NUMBER = re.compile(
    r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|"
    r"million|billion|dozen|half|third)\b",
    re.IGNORECASE,
)


def company_line(scenario: Scenario) -> str | None:
    """What the buyer says about their own company when asked how big it is: the card's counts (people, customers,
    revenue) in their words. A buyer knows their own business; only what the card does not hold is 'I'd have to check'."""
    parts = [x.strip() for x in re.split(r"[;,]\s+", scenario.company_size) if _NUMBER.search(x)]  # not 1,200
    return f"We're {', '.join(parts)}." if parts else None


def asks_company_size(scenario: Scenario, question: str | None) -> bool:
    """A question after how big the company is ('How many people work there?', 'What's the headcount?') whose every
    other word the card's counts hold: 'How many of your reps open the CRM daily?' asks something the card does not."""
    line = company_line(scenario)
    asked = SIZE_ASK.search(question or "")
    if question is None or line is None or asked is None:
        return False
    # from the size question on, to the end of its sentence ('Thanks. Before anything else, how big is …?')
    rest = re.split(r"(?<=[.!?])\s+", question[asked.start() :])[0]
    return not (_content(rest) - _content(line) - SIZE_WORDS)


SITUATION = frozenset({"decision", "timing", "budget", "compare", "burned"})
"""Fact topics about the buyer's own situation (who decides, when, the money, what they use, what went wrong before),
as against what would satisfy them (`priorities`): asked after an answer such a question still asks to understand, not
whether the answer landed."""


COUNT_ASK = re.compile(r"\bhow (many|often)\b|\bwhat (percentage|share|proportion)\b", re.IGNORECASE)
"""A question after a number: only a fact that holds one answers it."""


SPECIFIC_ASK = re.compile(
    r"\b(which|how many|how often|how big|what (kind|sort|type|version|percentage|share|size|system|platform|"
    r"provider|software|stack)s?)\b|\bor\b[^?]*\?\s*$",
    re.IGNORECASE,
)
"""A question after one particular thing (which one, how many, this or that), not an open 'tell me more'."""


_ACRONYM = re.compile(r"\b[A-Z]{2,4}\b")


def _content(text: str) -> set[str]:
    """Content words, acronyms ('EU', 'CRM') kept whatever their length."""
    acronyms = {w.lower() for w in _ACRONYM.findall(text)}
    return ({w for w in terms(text) if len(w) > 2} - GENERIC) | acronyms


def holds_no_fact(scenario: Scenario, kb: KnowledgeBase, question: str | None, concern: set[str]) -> bool:
    """A question after one particular thing that names no fact topic and that no fact answers: the buyer does not
    have it to hand and says so, rather than telling something unrelated.

    A fact answers it when it shares two of its words; what matters to the buyer (their need, the concern's own facts)
    answers it when it shares one, or when both name the live concern (`concern`): 'Which regions do you need client
    data kept in?' and 'Client data … has to stay in the EU'.
    """
    if not question or not SPECIFIC_ASK.search(question) or any(cue_counts(question).values()):
        return False
    asked = _content(question)
    pool = list(scenario.facts) or persona_facts(scenario, kb)
    if COUNT_ASK.search(question):
        pool = [f for f in pool if _NUMBER.search(f.says)]  # 'How many managers run a review?': a count, or nothing
    for f in pool:
        shared = asked & _content(f.says)
        own = f.topic == "priorities" and (shared or (asked & concern and _content(f.says) & concern))
        if len(shared) >= 2 or own:
            return False
    return True


CONDITION_ASK = re.compile(
    r"\bwhat (would|will) (it|you) (need|take|want|have to|require|expect)s?\b"
    r"(\s+(to|from us|from it|in writing)\b)?(\s+(see|hear|have|be|get))?"
    r"|\bwhat would (have to|need to) (be true|change|happen)\b"
    r"|\bwhat would (convince|satisfy|reassure|settle|get|make) you\b",
    re.IGNORECASE,
)
"""A question after the buyer's condition ('What would you need to see to be comfortable with longer than a year?',
'What would it take?'): what would settle the live concern, not a fact about their situation. The frame itself
('need to see', 'take') is no content to match a fact on."""


def condition_ask(question: str | None) -> bool:
    """The question asks what would settle a concern: its frame, past a scene-setting clause."""
    return bool(question and CONDITION_ASK.search(question))


def condition_content(question: str) -> set[str]:
    """The content words of a condition question past its frame: what the condition is about ('longer', 'year')."""
    return _content(CONDITION_ASK.sub(" ", question))


PARTY_CONDITION_ASK = re.compile(
    r"\bwhat (would|will) (?P<party>(your|the) (\w+ )?\w+|procurement|legal|finance|he|she|they) (need|want|require|"
    r"expect|have to|look for)s?\b|\bwhat would (convince|satisfy|reassure|settle) (?P<party2>(your|the) (\w+ )?\w+|"
    r"procurement|legal|finance|him|her|them)\b",
    re.IGNORECASE,
)
"""A question after what someone on the buyer's side would need ('What would procurement want written into the
contract?', 'What would the COO need to hear?'): the buyer's condition answers it when that condition names the
same person; otherwise it asks who decides and what they weigh (the decision fact)."""
SECOND_ASK = re.compile(r"(,|\band\b|\balso\b)\s+(who|whom|whose|when|where|which|how|why)\b", re.IGNORECASE)
"""A second question past the condition's frame ('..., and when does next year's budget get set?'): a fact asked."""


ROLES = {
    "cfo": {"cfo", "finance", "controller", "treasurer"},
    "ceo": {"ceo", "founder", "president"},
    "coo": {"coo", "operations", "ops"},
    "cro": {"cro"},
    "ciso": {"ciso", "security", "infosec"},
    "procurement": {"procurement", "purchasing", "sourcing"},
    "legal": {"legal", "counsel", "lawyer", "lawyers"},
}
"""The people on a buying committee and the words that name each ('the VP of finance' and 'the CFO' both sit in
finance's chair)."""
_PRONOUNS = {"he", "she", "they", "him", "her", "them"}


def _roles(words: set[str]) -> set[str]:
    """The committee roles the (stemmed) words name, plus the words themselves (a name or title no role covers)."""
    return words | {role for role, names in _ROLE_STEMS.items() if words & names}


_ROLE_STEMS = {role: {stem for name in names for stem in _content(name)} for role, names in ROLES.items()}


def party_condition(question: str | None, condition: str) -> bool:
    """The question asks what a named person or team on the buyer's side would need, and the buyer's condition names
    them: 'What would procurement want before a longer term?' and 'Procurement would only look at a longer term …'.
    A pronoun's person is the one the question names before it ('If the VP of finance is the hardest to convince,
    what would she need to see?'), and a title names their chair ('VP of finance' is finance's, as the CFO is)."""
    m = PARTY_CONDITION_ASK.search(question or "")
    if m is None:
        return False
    named = (m.group("party") or m.group("party2") or "").lower()
    party = _content((question or "")[: m.start()]) if named in _PRONOUNS else _content(named)
    return bool(_roles(party) & _roles(_content(condition)))


def fact_answers_condition(
    scenario: Scenario, kb: KnowledgeBase, question: str, concern: set[str] | None = None
) -> bool:
    """Past its frame the question asks a second thing ('..., and when does next year's budget get set?'), names a
    fact topic, or shares two content words with a fact: then the fact, not a condition, is the answer. Whose
    condition it is matters too: 'What would your controller need to see?' asks after someone else's (the decision
    fact), so the frame is only the buyer's own ('you', 'it'). What follows the frame may name the live concern
    itself (`concern`, its words): 'What would it take for you to be ok with the price?' asks what would settle the
    price, not what the budget is, whatever topic the concern's own words cue."""
    rest = CONDITION_ASK.sub(" ", question)
    rest = PARTY_CONDITION_ASK.sub(" ", rest)
    if SECOND_ASK.search(rest):
        return True
    if concern and set(terms(rest)) & concern:
        return False
    if any(cue_counts(rest).values()):
        return True
    asked = condition_content(question)
    pool = list(scenario.facts) or persona_facts(scenario, kb)
    return any(len(asked & _content(f.says)) >= 2 for f in pool)


CONTEXT_CLAUSE = re.compile(r"^\W*(once|if|when|after|assuming|now that|supposing)\b[^,?]*,\s*(?=\w)", re.IGNORECASE)
"""A leading clause that sets the scene ('Once it works, how would you pay for it?'): the question is what follows."""


def asked_words(question: str) -> set[str]:
    """The content words of what is asked, past a leading clause that only sets the scene."""
    asked = CONTEXT_CLAUSE.sub("", question)
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2}\b", asked)}
    return {w for w in terms(asked) if len(w) > 2 or w in acronyms} - GENERIC


def fact_score(
    pool: list[ScenarioFact], fact: ScenarioFact, counts: dict[str, float], question: str, asked: set[str]
) -> float:
    """How well a fact answers the question: its topic's cue words twice, the words it shares with the question once.

    A topic's only cue word that a fact of another topic holds, with another word of the question, and no fact of the cue's own topic does, names what that fact is
    about: 'board' in 'What's the first thing the board will ask you?' counts for 'My first board meeting is in seven
    weeks', not for who decides.
    """
    said = set(terms(fact.says))
    cue = counts.get(fact.topic, 0)

    def about(f: ScenarioFact, words: set[str]) -> bool:
        """The fact holds the cue word and another word of the question: it is what the question is about."""
        held = set(terms(f.says))
        return words <= held and bool((asked - words) & held)

    for topic, rx in TOPIC_CUES.items():
        if counts.get(topic, 0) > 1:
            continue  # named more than once, the topic is what is asked
        for m in rx.finditer(question):
            words = set(terms(m.group(0))) - GENERIC
            if not words or any(words <= set(terms(f.says)) for f in pool if f.topic == topic):
                continue
            holders = [f for f in pool if f.topic != topic and about(f, words)]
            if not holders:
                continue
            if topic == fact.topic:
                cue -= 1.0  # a word of another fact's, not this topic's
            elif fact in holders:
                cue += 1.0
    return 2 * max(cue, 0.0) + len(asked & said)


MEANING_WEIGHT = 4.0
"""How much the question's closeness in meaning to a fact counts next to its cue words (each worth 2): enough to
choose between facts the cue words leave close, not enough to overturn a topic the question names twice."""
MEANING_FLOOR = 0.2
"""Below this cosine a question and a fact are unrelated, and closeness says nothing."""


def meaning(question: str, facts: Sequence[ScenarioFact]) -> list[float]:
    """How close the question (past a scene-setting clause) is in meaning to each fact, by the reader's embedder
    (cosine, 0 below MEANING_FLOOR): 'Is there another way you'd spend that money?' is closest to the fact that
    names the other way, not to the one that names the money."""
    if not question or not facts:
        return [0.0] * len(facts)
    from copilot.reader.moves import rep_reader  # the one reader's embedder, loaded once per process

    asked = CONTEXT_CLAUSE.sub("", question) or question
    vectors = rep_reader().cache.vectors([asked, *(f.says for f in facts)])
    sims = vectors[1:] @ vectors[0]
    return [max(0.0, float(x) - MEANING_FLOOR) / (1 - MEANING_FLOOR) for x in sims]


TOLD_WORDS = 2
"""Words of the question a fact already told must share to be what the question asks about again."""


def pick_fact(
    scenario: Scenario,
    kb: KnowledgeBase,
    question: str | None,
    objection_id: str | None,
    used: list[str],
    *,
    earned: bool,
) -> tuple[ScenarioFact | None, str | None]:
    """The fact that answers the question (its topic first, unused first), and the topic asked; None if held back.

    The fact returned may be one already told (the caller decides what to say instead of telling it twice).
    """
    pool = list(scenario.facts) or persona_facts(scenario, kb)
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2}\b", question or "")}  # 'EU', 'US', 'AI' are words
    asked = {w for w in terms(question or "") if len(w) > 2 or w in acronyms} - GENERIC  # not 'it' from "it's"
    counts = cue_counts(question or "")
    order = list(TOPIC_CUES)
    # the topic's words count twice, words shared with the fact once; more shared words break ties between topics
    matched = asked_words(question or "")
    close = meaning(question or "", pool)
    scored = [
        (fact_score(pool, f, counts, question or "", matched), len(matched & set(terms(f.says))), f, near)
        for f, near in zip(pool, close, strict=True)
    ]
    scored.sort(
        key=lambda x: (
            -(x[0] + MEANING_WEIGHT * x[3]),
            -x[1],
            order.index(x[2].topic) if x[2].topic in order else len(order),
        )
    )
    # with no topic word in the question, one word shared with a fact ('make this work' and 'stopped working') is
    # chance; it takes two to say what the question is about
    top = max((x[0] for x in scored), default=0)
    topic = scored[0][2].topic if top >= 2 or (top and any(counts.values())) else None
    objection = kb.objections.get(objection_id or "")
    wanted = set(terms(" ".join([objection.title, *objection.handling_path]))) if objection else set()

    cost_ask = bool(COST_ASK.search(question or ""))
    # a fact already told that shares two of the question's own words is what it asks about ('How close did it land
    # last quarter?' after 'Last quarter the model landed within eight percent…'): another fact on the topic that
    # shares none is no answer
    told_match = max((len(set(terms(f.says)) & asked) for f in pool if f.says in used), default=0)

    def rank(f: ScenarioFact) -> tuple[int, float, int, int, int, int]:
        costs = 0 if cost_ask and costs_buyer(f) and f.says not in used else 1
        return (costs, *_rank(f))

    def _rank(f: ScenarioFact) -> tuple[float, int, int, int, int]:
        on_topic = 0 if topic and f.topic == topic else 1
        fresh = 0 if f.says not in used else 1
        said = set(terms(f.says))
        overlap = -(2 * len(said & asked) + len(said & wanted))  # the question's own words count most
        if topic is None:
            # a question that names no topic gets what matters to them most, unless a fact shares its words
            shared = -len(set(terms(f.says)) & asked)
            return (shared, 0 if f.topic == "priorities" else 1, fresh, overlap, FACT_TOPICS.index(f.topic))
        named = (
            0 if counts.get(f.topic) else 1
        )  # another topic the question names ('a ceiling in your budget, or the comparison?')
        # a fact not yet told that shares the question's own words ('your controller') answers it better than one
        # on the topic that was told already
        shares = fresh == 0 and bool(said & asked)
        first = (0 if shares else named) if fresh == 0 and on_topic else on_topic
        if fresh == 0 and told_match >= TOLD_WORDS and not said & asked:
            first = 1
        return (first, fresh, on_topic, overlap, FACT_TOPICS.index(f.topic))

    for fact in sorted(pool, key=rank):
        if fact.guarded and not (earned and topic == fact.topic):
            if topic and fact.topic == topic and counts.get(topic):
                return None, topic  # asked straight at what they hold back: not yet
            continue  # a guarded fact is told only when asked about, once earned
        if topic and fact.topic != topic and fact.says in used:
            continue
        if topic and fact.topic != topic and not counts.get(fact.topic) and not set(terms(fact.says)) & asked:
            continue  # a fact on a topic the question does not name, sharing none of its words, does not answer it
        return fact, topic
    return None, topic
