"""The `copilot` command line; an outer shell over the core, like the UI."""
