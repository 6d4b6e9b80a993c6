"""The public statements: the accessibility statement and the privacy notice, and security.txt.

- ``sections``: what each statement is made of (headings and staff hints are interface strings).
- ``defaults_en``, ``defaults_cy``: Consult's own words, shown until admins write theirs.
- ``services``: which words show in which language (staff's, Consult's, then English), and saving.
- ``text``: plain text as paragraphs and lists, never as markup.
- ``forms``, ``routes``: the admins' edit pages (the ``statements`` blueprint, /staff/statements).
- ``security_txt``: /.well-known/security.txt from the settings.

The public pages are views of the ``main`` blueprint.
"""
