"""Embedding: the council shows a consultation inside a frame on its own site.

``consult.site_origins`` checks the sites admins allow (organisation settings); ``framing`` decides which pages
may be framed and by whom (the Content-Security-Policy's frame-ancestors); ``cookies`` makes the
session cookie reach a cross-site frame; ``routes`` is the staff page with the code to copy.
"""
