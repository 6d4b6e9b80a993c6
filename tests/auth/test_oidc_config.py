"""The identity provider's settings, read from the environment by consult/config.py."""

from __future__ import annotations

import pytest

from consult import config

ALL = ("OIDC_ISSUER", "OIDC_DISCOVERY_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SCOPES", "OIDC_ROLES_CLAIM",
       "OIDC_ADMIN_VALUES", "OIDC_EDITOR_VALUES", "OIDC_ANALYST_VALUES", "OIDC_PROVIDER_NAME", "OIDC_BUTTON_LABEL")
ENTRA = "https://login.microsoftonline.com/0b3a7c2e-1111-2222-3333-444455556666/v2.0"


@pytest.fixture
def environ(monkeypatch):
    for name in ALL:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        return config.load({"SECRET_KEY": "x"})

    return set_env


def test_off_unless_an_issuer_is_set(environ):
    loaded = environ()
    assert loaded["OIDC_ISSUER"] == "" and loaded["OIDC_ROLE_VALUES"] == {"admin": (), "editor": (), "analyst": ()}


def test_entra_settings(environ):
    loaded = environ(OIDC_ISSUER=ENTRA, OIDC_CLIENT_ID="client", OIDC_CLIENT_SECRET="secret",
                     OIDC_ADMIN_VALUES="Consult.Admin", OIDC_EDITOR_VALUES=" Consult.Editor , Comms Team ,",
                     OIDC_PROVIDER_NAME="Contoso")
    assert loaded["OIDC_DISCOVERY_URL"] == f"{ENTRA}/.well-known/openid-configuration"
    assert loaded["OIDC_ROLE_VALUES"] == {"admin": ("Consult.Admin",), "editor": ("Consult.Editor", "Comms Team"),
                                          "analyst": ()}
    assert (loaded["OIDC_ROLES_CLAIM"], loaded["OIDC_SCOPES"]) == ("roles", "openid email profile")
    assert loaded["OIDC_PROVIDER_NAME"] == "Contoso"


def test_okta_with_its_own_discovery_address_and_groups(environ):
    loaded = environ(OIDC_ISSUER="https://contoso.okta.com/oauth2/default", OIDC_CLIENT_ID="c", OIDC_CLIENT_SECRET="s",
                     OIDC_DISCOVERY_URL="https://contoso.okta.com/oauth2/default/.well-known/openid-configuration",
                     OIDC_ROLES_CLAIM="groups", OIDC_SCOPES="openid email profile groups",
                     OIDC_ANALYST_VALUES="Consult Analysts")
    assert loaded["OIDC_ROLES_CLAIM"] == "groups" and loaded["OIDC_SCOPES"] == "openid email profile groups"


@pytest.mark.parametrize("values, message", [
    ({"OIDC_CLIENT_SECRET": "s", "OIDC_ADMIN_VALUES": "a"}, "OIDC_CLIENT_ID"),
    ({"OIDC_CLIENT_ID": "c", "OIDC_ADMIN_VALUES": "a"}, "OIDC_CLIENT_SECRET"),
    ({"OIDC_CLIENT_ID": "c", "OIDC_CLIENT_SECRET": "s"}, "OIDC_ADMIN_VALUES"),
    ({"OIDC_CLIENT_ID": "c", "OIDC_CLIENT_SECRET": "s", "OIDC_ADMIN_VALUES": "a", "OIDC_SCOPES": "email"}, "openid"),
    ({"OIDC_ISSUER": "http://login.example.net", "OIDC_CLIENT_ID": "c", "OIDC_CLIENT_SECRET": "s",
      "OIDC_ADMIN_VALUES": "a"}, "https://"),
])
def test_incomplete_or_unsafe_settings_stop_the_app_starting(environ, values, message):
    with pytest.raises(ValueError, match=message):
        environ(**{"OIDC_ISSUER": ENTRA, **values})
