"""Documents on a consultation's start page: PDF, Word and OpenDocument files staff attach.

- ``checks``: what a file must be (by its bytes) and what makes a PDF hard to read (pikepdf);
- ``services``: adding, replacing and removing them (the file store's "documents" area);
- ``listing``: the links residents see, "Title (PDF, 1.2 MB)", each with its easy-read version;
- ``routes``: the staff page (editors) and serving the files (nosniff, as a download).
"""

DOCUMENTS = "documents"  # the file store's area (consult/storage.py)
