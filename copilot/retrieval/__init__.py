"""Turning knowledge items into indexed chunks, and finding the right ones again."""
