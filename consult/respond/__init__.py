"""Residents answering a consultation. Works with no JavaScript; htmx only makes it smoother."""
