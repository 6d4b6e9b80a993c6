"""The webhook tests send to a receiver they start on 127.0.0.1, which the address rules refuse unless
the configuration allows private addresses: it is switched on here, the way a developer would with
WEBHOOK_ALLOW_PRIVATE_ADDRESSES=1. Tests of the refusal switch it off again themselves."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _local_receiver_allowed(app):
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True
