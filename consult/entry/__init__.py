"""Staff data entry: answers from paper forms, phone calls and events, typed in on one page.

``routes`` is the blueprint (thin), ``forms`` the part of the page about the form itself (how the
answers came, who helped, when), ``services`` the checks and the storing (no request, no rendering).
"""
