"""Home, the accessibility statement and privacy notice, security.txt and health check."""
