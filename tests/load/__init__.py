"""The load test (``make load``): two gunicorn servers on PostgreSQL and Redis, driven by locust.

Not part of ``make test``: tests/load/run.py says what it does. Only test_compare.py runs in the suite.
"""
