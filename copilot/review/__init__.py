"""Transcript review: parse a call or 1-on-1, tag each turn's act and measure it, with no model involved.

Tagger evaluation lives in copilot.review.evaluate (not imported here so `python -m` runs it cleanly).
"""

from copilot.review.actions import ActionItem, Reconciliation, extract_action_items, find_reconciliations
from copilot.review.acts import ACTS, Act, ActTag, tag_transcript, tag_utterance
from copilot.review.measures import ReviewMeasures, ReviewMetrics, SpeakerStats, measure, review_transcript
from copilot.review.quality import CoachingQuality, QualityPart, coaching_quality
from copilot.review.roles import Kind, RoleAssignment, RoleError, assign_roles
from copilot.review.transcript import Transcript, TranscriptError, Utterance, parse_transcript

__all__ = [
    "ACTS",
    "Act",
    "ActTag",
    "ActionItem",
    "CoachingQuality",
    "Kind",
    "QualityPart",
    "Reconciliation",
    "ReviewMeasures",
    "ReviewMetrics",
    "RoleAssignment",
    "RoleError",
    "SpeakerStats",
    "Transcript",
    "TranscriptError",
    "Utterance",
    "assign_roles",
    "coaching_quality",
    "extract_action_items",
    "find_reconciliations",
    "measure",
    "parse_transcript",
    "review_transcript",
    "tag_transcript",
    "tag_utterance",
]
