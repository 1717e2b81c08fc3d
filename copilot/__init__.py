"""Sales Coaching Copilot: an LLM coaching assistant grounded in the team's own methodology and records."""

__version__ = "0.1.0"
