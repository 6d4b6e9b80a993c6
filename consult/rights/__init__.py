"""Residents' rights over their answers: asking for a copy, or for them to be deleted, with the
reference from their confirmation page (no account). Staff deal with each request.

``public_routes``: the residents' page (blueprint ``rights``); ``staff_routes``: the staff list and
each request (blueprint ``rights_requests``); ``services``: storing, finding and completing requests;
``copies``: one response as CSV or PDF, made by the results exports (consult.results.exports).
"""
