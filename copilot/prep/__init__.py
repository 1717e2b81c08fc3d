"""The manager's 1-on-1 prep brief: decided by code from records and the knowledge base, phrased by the model."""

from copilot.prep.brief import prepare_brief, render_markdown
from copilot.prep.models import MEETINGS, Brief

__all__ = ["MEETINGS", "Brief", "prepare_brief", "render_markdown"]
