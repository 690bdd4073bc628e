"""Renderers: ``Comparison`` -> output. They know nothing about files or the CLI."""
