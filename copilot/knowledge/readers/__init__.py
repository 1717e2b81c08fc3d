"""One reader per file format: structured YAML, Markdown, plain text and PDF, each filling in a FileResult."""
