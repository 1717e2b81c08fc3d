"""Team files in the records: export (the format with the database-only sections), checks, read (YAML, JSON, CSV
with the line of every record), write, and rows (how a document maps onto the database inside one transaction).

The team file format itself, which the knowledge loader also reads from the knowledge folder (knowledge/demo_team/),
is copilot.knowledge.team_file: it sits in the knowledge layer because the loader, below records, validates it.
"""
