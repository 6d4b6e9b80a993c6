"""Printed documents: the paper questionnaires (easy read and large print) as tagged PDFs.

- ``pdf``: turns one language's HTML into a PDF/UA-1 file, loading only our own files, and fails
  loudly on any WeasyPrint error (a picture without alt text, a file it could not load).
- ``cache``: keeps the bytes of each PDF until what it shows changes.
- ``questionnaire``: gathers the texts of one consultation in one language and register, and
  renders them with ``templates/pdf/``.
- ``routes``: the ``printing`` blueprint that serves the PDFs.
"""
