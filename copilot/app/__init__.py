"""The application layer: one App per process and the use cases the CLI and the web app both call."""

from copilot.app.core import App, InFlight, ModelChoice

__all__ = ["App", "InFlight", "ModelChoice"]
