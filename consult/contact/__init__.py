"""How people want to hear about the results (the NHS Accessible Information Standard).

Anyone can say how they want to hear back (easy read, large print, Welsh or another language,
audio, British Sign Language, braille, email, post) and leave contact details if they choose;
staff who run the consultation get the list for when the results are published.

- ``formats``: the words for each format, for residents (standard and easy read) and for staff.
- ``forms``: the residents' form and its checks.
- ``services``: storing a request (kept apart from the answers when the consultation is
  anonymous), marking it done, deleting contact details once the results have gone out, and pure
  functions for counts and the CSV rows.
- ``routes``: the ``contact`` blueprint (residents); ``staff_routes``: the ``contact_requests``
  blueprint, the staff list beside the results.
"""
