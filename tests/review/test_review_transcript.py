"""Transcript parsing: every format, timestamps, encodings and the bad inputs the issue lists."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from copilot.errors import CopilotError
from copilot.review.transcript import TranscriptError, detect_format, parse_transcript

VTT = """WEBVTT

NOTE recorded on the Tuesday pipeline call

1
00:00:01.000 --> 00:00:04.500
<v Dana>How did the Keller demo go?</v>

2
00:00:05.000 --> 00:01:02.250
<v Sam>Better than last time. They asked about pricing twice.

3
00:01:03.000 --> 00:01:06.000
<v Dana>What did you tell them?</v>
"""

SRT = """1
00:00:00,500 --> 00:00:03,000
Ana: Thanks for joining today.

2
00:00:03,200 --> 00:00:09,900
Leo: Happy to. We have about forty reps
across two regions.
"""


def test_plain_text_labels_and_continuation_lines() -> None:
    text = "Dana: How did the call go?\nSam: It went fine.\nThey liked the demo.\n\nDana: Good."
    t = parse_transcript(text, "call.txt")
    assert t.format == "text"
    assert [u.speaker for u in t.utterances] == ["Dana", "Sam", "Dana"]
    assert t.utterances[1].text == "It went fine. They liked the demo."
    assert t.speakers == ["Dana", "Sam"]
    assert t.utterances[2].line == 5


def test_plain_text_with_bracketed_timestamps_gets_start_and_end() -> None:
    text = "[00:00:02] Maya: Morning.\n[00:00:05] Luis: Morning!\n[00:01:10] Maya: Let's start."
    t = parse_transcript(text)
    assert [u.start for u in t.utterances] == [2.0, 5.0, 70.0]
    assert [u.end for u in t.utterances] == [5.0, 70.0, None]
    assert t.has_timestamps
    assert any("next one starts" in a for a in t.assumptions)


def test_speaker_label_with_role_in_parentheses_is_kept() -> None:
    t = parse_transcript("Dana (Manager): Hi.\nSam (Rep): Hello.")
    assert t.speakers == ["Dana (Manager)", "Sam (Rep)"]


def test_webvtt_voice_tags_and_timestamps() -> None:
    t = parse_transcript(VTT, "review.vtt")
    assert t.format == "vtt"
    assert [u.speaker for u in t.utterances] == ["Dana", "Sam", "Dana"]
    assert t.utterances[1].start == 5.0
    assert t.utterances[1].end == pytest.approx(62.25)
    assert "</v>" not in t.utterances[0].text


def test_webvtt_is_detected_without_an_extension() -> None:
    assert detect_format(VTT) == "vtt"
    assert parse_transcript(VTT).format == "vtt"


def test_srt_name_prefixes_multiline_cues_and_comma_milliseconds() -> None:
    t = parse_transcript(SRT)
    assert t.format == "srt"
    assert [u.speaker for u in t.utterances] == ["Ana", "Leo"]
    assert t.utterances[1].text == "Happy to. We have about forty reps across two regions."
    assert (t.utterances[1].start, t.utterances[1].end) == (3.2, 9.9)


def test_vtt_cue_without_speaker_is_given_to_the_previous_speaker() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\nDana: Hi there.\n\n00:03.500 --> 00:05.000\nAnyone else joining?\n"
    t = parse_transcript(vtt)
    assert [u.speaker for u in t.utterances] == ["Dana", "Dana"]
    assert any("previous cue's speaker" in a for a in t.assumptions)


def test_json_list_with_optional_times() -> None:
    data = [
        {"speaker": "Nina", "text": "What does that cost you?", "start": 1.5, "end": 3.0},
        {"speaker": "Omar", "text": "Ramp time, mainly.", "start": "00:00:03.2", "end": "00:00:05"},
        {"speaker": "Nina", "text": "How are you tracking it?"},
    ]
    t = parse_transcript(json.dumps(data))
    assert t.format == "json"
    assert (t.utterances[1].start, t.utterances[1].end) == (3.2, 5.0)
    assert t.utterances[2].start is None
    assert not t.has_timestamps


def test_json_item_without_speaker_names_the_item_and_fix() -> None:
    with pytest.raises(TranscriptError) as err:
        parse_transcript('[{"text": "hello"}]', "t.json")
    assert "item 0" in str(err.value) and "speaker" in (err.value.fix or "")


def test_bytes_with_utf8_bom_and_mixed_cp1252_lines() -> None:
    assert parse_transcript("\ufeffAna: café\nLeo: ok".encode("utf-8-sig")).utterances[0].text == "café"
    mixed = "Ana: naïve question\n".encode() + "Leo: the price is 50€ – too high\n".encode("cp1252")
    t = parse_transcript(mixed)
    assert t.utterances[1].text == "the price is 50€ – too high"
    assert any("Windows-1252" in a and "line 2" in a for a in t.assumptions)


def test_empty_input_is_an_error_with_a_fix() -> None:
    for empty in ("", "   \n\n", b""):
        with pytest.raises(TranscriptError) as err:
            parse_transcript(empty, "empty.txt")
        assert "empty" in err.value.message
        assert err.value.fix


def test_no_speaker_labels_error_tells_how_to_label() -> None:
    with pytest.raises(CopilotError) as err:
        parse_transcript("we talked about pricing\nthen about the rollout plan\n")
    assert "no speaker labels" in err.value.message
    assert "prefix each line with `Name:`" in (err.value.fix or "")


def test_subtitles_without_any_speaker_name_the_fix() -> None:
    with pytest.raises(TranscriptError) as err:
        parse_transcript("WEBVTT\n\n00:01.000 --> 00:02.000\nhello there\n")
    assert "voice tags" in (err.value.fix or "")


def test_one_speaker_is_best_effort_with_an_assumption() -> None:
    t = parse_transcript("Kyle: We are the leading platform.\nKyle: Everyone loves the dashboards.")
    assert t.speakers == ["Kyle"]
    assert any("only one speaker" in a for a in t.assumptions)


def test_lines_before_the_first_label_are_skipped_and_reported() -> None:
    t = parse_transcript("Weekly 1:1 notes\nDana: Hi.\nSam: Hello.")
    assert len(t.utterances) == 2
    assert any("before the first speaker label" in a for a in t.assumptions)


def test_a_date_line_at_the_top_is_read_not_reported_as_skipped() -> None:
    t = parse_transcript("Date: 2026-12-03\nDana: Hi.\nSam: Hello.")
    assert t.date == dt.date(2026, 12, 3) and len(t.utterances) == 2
    assert not any("before the first speaker label" in a for a in t.assumptions), t.assumptions
    t = parse_transcript("Date: 2026-12-03\nWeekly 1:1 notes\nDana: Hi.\nSam: Hello.")
    assert any("1 line(s) before the first speaker label were skipped (lines 2–2)" in a for a in t.assumptions)


def test_ordinary_colons_inside_text_do_not_create_speakers() -> None:
    t = parse_transcript("Dana: The plan: two calls.\nSam: Next steps: send the deck.\nnext steps: book it")
    assert t.speakers == ["Dana", "Sam"]
    assert t.utterances[1].text.endswith("next steps: book it")
