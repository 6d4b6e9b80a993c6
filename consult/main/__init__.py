"""Home, accessibility statement and health check."""
