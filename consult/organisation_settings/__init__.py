"""Admins' page for the organisation's name, logo, brand colour, footer links and return address.

- ``colours``: the contrast check that keeps white header text readable on the brand colour.
- ``forms``, ``services``, ``routes``: the page at /staff/organisation (admins only).

Everything else reads the settings through ``consult.organisation.organisation()``.
"""
