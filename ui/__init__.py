"""The Gradio app: thin layout and handlers over the copilot core."""
