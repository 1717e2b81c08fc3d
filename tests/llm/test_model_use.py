"""The eval measure decides which features ask the model; a setting overrides it; doctor and the header say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copilot.errors import ConfigError
from copilot.model_use import MEASURES, plan, summary
from copilot.settings import MODEL_FEATURES, load_settings


def _baseline(tmp_path: Path, share: float) -> Path:
    path = tmp_path / "baseline.json"
    entry = {"prep": {"metrics": {"curated_fallback_share@all": share}}}
    path.write_text(json.dumps({"llamacpp:bundled": entry}), encoding="utf-8")
    return path


def test_every_setting_value_names_a_measured_feature() -> None:
    assert set(MEASURES) == set(MODEL_FEATURES)


def test_a_backend_replaced_in_most_cases_is_not_asked(tmp_path: Path) -> None:
    uses = plan(load_settings(), baseline=_baseline(tmp_path, 0.97))
    assert not uses["prep_questions"].on and "97%" in uses["prep_questions"].reason
    # not measured for ask, but every measure of this backend says "replaced in most cases"
    assert not uses["ask"].on and not uses["roleplay_buyer"].on


def test_a_backend_whose_output_is_kept_writes(tmp_path: Path) -> None:
    uses = plan(load_settings(), baseline=_baseline(tmp_path, 0.2))
    assert uses["prep_questions"].on and uses["ask"].on


def test_an_unmeasured_capable_backend_writes(tmp_path: Path) -> None:
    s = load_settings(llm_backend="openai", llm_model="gpt-4o-mini")
    assert all(u.on for u in plan(s, baseline=_baseline(tmp_path, 0.97)).values())


def test_the_setting_overrides_the_measure(tmp_path: Path) -> None:
    base = _baseline(tmp_path, 0.97)
    assert all(u.on for u in plan(load_settings(model_features="all"), baseline=base).values())
    assert not any(u.on for u in plan(load_settings(model_features="none"), baseline=base).values())
    some = plan(load_settings(model_features="ask, prep_questions"), baseline=base)
    assert some["ask"].on and some["prep_questions"].on and not some["roleplay_buyer"].on


def test_an_unknown_feature_is_a_clear_error() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(model_features="prep,ask")
    assert "COPILOT_MODEL_FEATURES" in str(err.value) and "prep_questions" in str(err.value)


def test_the_committed_baseline_keeps_the_embedded_model_from_prep_questions() -> None:
    uses = plan(load_settings())
    assert not uses["prep_questions"].on, uses["prep_questions"].reason
    assert "curated (model not asked): prep questions" in summary(load_settings())


def test_doctor_and_header_say_which_features_use_the_model() -> None:
    from copilot.doctor import _model_use
    from copilot.runtime import Runtime
    from ui.handlers import status_markdown

    s = load_settings(model_features="ask")
    line = _model_use(s, Runtime(s))
    assert "ask answers USE the model" in line and "prep questions curated" in line
    assert "model writes ask answers" in status_markdown(Runtime(s))


def test_prep_on_the_embedded_default_never_loads_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import copilot.runtime
    from copilot.cli.main import main

    def refuse(_: object) -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(copilot.runtime, "build_chat_model", refuse)
    assert main(["team", "load"]) == 0
    assert main(["prep", "--rep", "rep-marcus-bell", "--meeting", "pipeline-review"]) == 0
