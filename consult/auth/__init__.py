"""Staff sign-in, roles and the decorators that guard staff routes."""
