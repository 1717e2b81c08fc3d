"""What people type: dates, levels, score lists, action specs, passwords and where the knowledge base is found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from copilot.errors import RecordsError
from copilot.records.inputs import new_id, parse_action_spec, parse_date, parse_evidence, parse_level, parse_scores
from copilot.records.passwords import check_password, hash_password
from copilot.records.reference import default_knowledge_dir
from copilot.settings import Settings

DUE = dt.date(2026, 11, 27)


def test_levels_by_number_or_name() -> None:
    assert [parse_level(v) for v in ("1", 2, "good", "Needs Work", "EXCELLENT", "not-present")] == [1, 2, 3, 2, 4, 1]
    with pytest.raises(RecordsError, match="outside the scale 1-4") as err:
        parse_level("0")
    assert "needs_work (2)" in str(err.value.fix)


def test_score_lists() -> None:
    assert parse_scores("demo.recap=3, demo.proof=needs_work") == {"demo.recap": 3, "demo.proof": 2}
    for bad, needle in (("", "no scores"), ("demo.recap", "criterion=level"), ("a=1,a=2", "scored twice")):
        with pytest.raises(RecordsError, match=needle):
            parse_scores(bad)
    assert parse_evidence(['demo.recap="said, so to recap"']) == {"demo.recap": "said, so to recap"}
    with pytest.raises(RecordsError, match="criterion=text"):
        parse_evidence(["no equals sign"])


def test_dates_name_the_format() -> None:
    assert parse_date("2026-11-20") == dt.date(2026, 11, 20)
    with pytest.raises(RecordsError, match="YYYY-MM-DD"):
        parse_date("20.11.2026", "--date")


def test_action_specs() -> None:
    spec = parse_action_spec("Run the drill 3 times;due=2026-11-30;owner=manager", DUE)
    assert (spec.text, spec.due, spec.owner) == ("Run the drill 3 times", dt.date(2026, 11, 30), "manager")
    assert parse_action_spec("Call back", DUE).owner == "rep" and parse_action_spec("Call back", DUE).due == DUE
    for bad, needle in (
        ("x;owner=boss", "rep or manager"),
        ("x;when=friday", "unknown part"),
        (";due=2026-11-30", "empty"),
    ):
        with pytest.raises(RecordsError, match=needle):
            parse_action_spec(bad, DUE)


def test_action_specs_read_days_and_owners_as_people_write_them() -> None:
    friday = dt.date(2026, 12, 11)
    days = {"friday": friday}
    read = dict(
        read_due=lambda words: days.get(words.lower()), deadline_in=lambda text: friday if "by Friday" in text else None
    )
    assert parse_action_spec("Call back;due=Friday", DUE, **read).due == friday  # type: ignore[arg-type]
    assert parse_action_spec("Call back by Friday", DUE, **read).due == friday  # type: ignore[arg-type]
    assert parse_action_spec("Call back by Friday;due=2026-12-20", DUE, **read).due == dt.date(2026, 12, 20)  # type: ignore[arg-type]
    assert parse_action_spec("I'll call back", DUE).owner == "manager"
    assert parse_action_spec("Call back;owner=me", DUE).owner == "manager"
    assert parse_action_spec("Call back;owner=Dana", DUE, rep_names=["Dana Okafor"]).owner == "rep"
    with pytest.raises(RecordsError, match="is not a date"):
        parse_action_spec("Call back;due=Friday", DUE)  # without a reader only dates are taken


def test_ids_are_unique_and_prefixed() -> None:
    ids = [new_id("obs") for _ in range(50)]
    assert len(set(ids)) == 50 and all(i.startswith("obs-") for i in ids)


def test_passwords() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("scrypt$") and check_password("correct horse battery", stored)
    assert not check_password("wrong", stored) and not check_password("x", None) and not check_password("x", "garbage")


def test_knowledge_dir_setting_wins_over_the_bundled_folder(tmp_path: Path) -> None:
    assert default_knowledge_dir(Settings(knowledge_dir=tmp_path)) == tmp_path
    assert (default_knowledge_dir(Settings()) / "methodology").is_dir()


def test_an_unknown_id_names_every_valid_one_when_the_list_is_short() -> None:
    from copilot.records.reference import suggest

    team = [f"rep-{name}" for name in ("ana", "ben", "cai", "dee", "eli", "fay")]
    assert suggest("rep-lucy", team, "reps").endswith(", ".join(team)), "a team of six is named whole"
    many = [f"crit-{i:02d}" for i in range(30)]
    listed = suggest("zzz", many, "criteria")
    assert "(30 in all)" in listed and "crit-29" not in listed and "did you mean" not in listed, (
        "a long list is cut and says how many it holds"
    )
