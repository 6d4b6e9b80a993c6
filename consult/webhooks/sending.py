"""One HTTP POST of a webhook, to the address that was checked (consult/webhooks/addresses.py).

The standard library's http.client, with the connection opened to the checked IP address while the
request (the Host header) and the TLS handshake (SNI and certificate checks) still use the name
staff gave. Redirects are never followed: the signed body goes to the address staff gave, nowhere
else, so a 3xx is a failure like any other.
"""

from __future__ import annotations

import http.client
import socket
import ssl

from consult.webhooks.addresses import Target


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._pinned_ip = target.ip

    def connect(self):
        self.sock = socket.create_connection((self._pinned_ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        self._tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self._tls)
        self._pinned_ip = target.ip

    def connect(self):
        plain = socket.create_connection((self._pinned_ip, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(plain, server_hostname=self.host)


def post(target: Target, headers: dict[str, str], body: bytes, timeout: float) -> tuple[int | None, str | None]:
    """(status, None) when the receiver answered 2xx, (status or None, reason) when not."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException, ValueError) as error:
        return None, f"{error.__class__.__name__}: {error}"
    finally:
        connection.close()
    if 200 <= status < 300:
        return status, None
    return status, f"HTTP {status}"
