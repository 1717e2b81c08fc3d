"""Misspelt words of a question are read as the knowledge base spells them, and only those."""

from copilot.retrieval.keyword import stem
from copilot.retrieval.spelling import correct, distance, reading

SPELLINGS = frozenset(
    [
        "customers",
        "customer",
        "objection",
        "objections",
        "negotiation",
        "discount",
        "discounts",
        "already",
        "forecasting",
        "contract",
        "contact",
        "office",
        "stock",
        "doesn't",
    ]
)
# how many items use each stemmed term: every word here is common except the rare "stock"
ITEMS = {stem(w.replace("'", "")): 10 for w in SPELLINGS} | {"stock": 1}


def test_a_dropped_added_or_swapped_letter_is_read_as_the_base_spells_it() -> None:
    assert reading("custmers", SPELLINGS, ITEMS) == "customers"
    assert reading("objecton", SPELLINGS, ITEMS) == "objection"
    assert reading("allready", SPELLINGS, ITEMS) == "already"
    assert reading("negociations", SPELLINGS, ITEMS) == "negotiation"  # a long word: two edits


def test_words_the_base_holds_short_words_and_words_with_no_neighbour_are_left() -> None:
    assert reading("customer", SPELLINGS, ITEMS) is None
    assert reading("doesnt", SPELLINGS, ITEMS) is None  # a contraction without its apostrophe
    assert reading("cust", SPELLINGS, ITEMS) is None
    assert reading("appexchange", SPELLINGS, ITEMS) is None
    assert reading("vesting", SPELLINGS, ITEMS) is None


def test_a_guess_is_not_made() -> None:
    assert reading("contarct", SPELLINGS, ITEMS) is None  # contract and contact are equally near
    assert reading("officer", SPELLINGS, ITEMS) is None  # another form of a word, not a slip
    assert reading("stack", SPELLINGS, ITEMS) is None  # a changed letter in a short word; a rare word
    assert reading("discoumt", SPELLINGS, ITEMS) is None


def test_the_question_is_rewritten_and_what_was_read_is_said() -> None:
    read, said = correct("Custmers keep raising the same objecton", SPELLINGS, ITEMS)
    assert read == "Customers keep raising the same objection"
    assert said == ['"Custmers" as "customers"', '"objecton" as "objection"']
    assert correct("what is our parental leave", SPELLINGS, ITEMS) == ("what is our parental leave", [])


def test_distance_counts_a_swap_as_one_edit() -> None:
    assert distance("contarct", "contract", 1) == 1
    assert distance("stack", "stock", 1) == 1
    assert distance("stack", "stock", 1, substitute=False) == 2
