"""Sign-in limits per address (the real client's, behind TRUSTED_PROXIES proxies) and per account.

Addresses are set on the test client's environ (REMOTE_ADDR, X-Forwarded-For), as a WSGI server
and a reverse proxy would set them.
"""

from __future__ import annotations

import pytest

from consult import create_app
from consult.extensions import limiter
from tests.auth.support import EMAILS, PASSWORD, is_sent_to_sign_in
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

PROXY = "10.0.0.1"
HELD = "Too many tries to sign in with this email address"


def app_like(app, **overrides):
    """Another app on the same database and instance, as create_app(**overrides) would build it."""
    settings = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "INSTANCE_PATH",
                                                 "TESTING", "RATELIMIT_ENABLED", "PASSWORD_HASH_CHEAP")}
    made = create_app(**settings, **overrides)
    limiter.reset()
    return made


def browser(app, address: str, forwarded_for: str | None = None) -> Resident:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if forwarded_for is not None:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Resident(client)


def attempt(person: Resident, email: str, password: str):
    return person.submit(person.get("/staff/sign-in"), {"email": email, "password": password})


def signed_in(page) -> bool:
    return page.status == 200 and page.path == "/staff/"


def guess_from_many_addresses(app, email: str, times: int = 10) -> None:
    for number in range(times):
        page = attempt(browser(app, f"192.0.2.{number + 1}"), email, f"guess {number}")
        assert page.status == 422, f"guess {number + 1}: {page.status}"


# Behind a reverse proxy --------------------------------------------------------------------------


def test_behind_one_trusted_proxy_each_client_is_counted_apart(app, staff):
    proxied = app_like(app, TRUSTED_PROXIES=1)
    attacker = browser(proxied, PROXY, forwarded_for="203.0.113.5")
    for number in range(10):
        assert attempt(attacker, EMAILS["editor"], f"guess {number}").status == 422
    assert attempt(attacker, EMAILS["editor"], f"guess {number}").status == 429
    # Someone else, through the same proxy, with their own account and password, is not held up.
    colleague = browser(proxied, PROXY, forwarded_for="198.51.100.7")
    assert signed_in(attempt(colleague, EMAILS["analyst"], PASSWORD))


def test_only_the_proxys_own_entry_is_trusted(app, staff):
    proxied = app_like(app, TRUSTED_PROXIES=1)
    # The proxy appends the address it saw; whatever the client wrote before that is not believed.
    for number in range(10):
        person = browser(proxied, PROXY, forwarded_for=f"198.51.100.{number + 1}, 203.0.113.5")
        assert attempt(person, EMAILS["editor"], f"guess {number}").status == 422
    person = browser(proxied, PROXY, forwarded_for="198.51.100.99, 203.0.113.5")
    assert attempt(person, EMAILS["analyst"], PASSWORD).status == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(app, staff):
    # The default (0): X-Forwarded-For is whatever the client wrote, so it cannot buy more tries.
    for number in range(10):
        person = browser(app, PROXY, forwarded_for=f"198.51.100.{number + 1}")
        assert attempt(person, EMAILS["editor"], f"guess {number}").status == 422
    person = browser(app, PROXY, forwarded_for="198.51.100.99")
    assert attempt(person, EMAILS["analyst"], PASSWORD).status == 429


def test_trusted_proxies_must_be_a_whole_number(app, monkeypatch):
    from consult import config

    monkeypatch.setenv("TRUSTED_PROXIES", "yes")
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        config.load({"INSTANCE_PATH": app.instance_path, "SECRET_KEY": "x"})
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert config.load({"INSTANCE_PATH": app.instance_path, "SECRET_KEY": "x"})["TRUSTED_PROXIES"] == 2
    monkeypatch.delenv("TRUSTED_PROXIES")
    assert config.load({"INSTANCE_PATH": app.instance_path, "SECRET_KEY": "x"})["TRUSTED_PROXIES"] == 0


# Per account -------------------------------------------------------------------------------------


def test_guessing_one_account_from_many_addresses_is_limited_for_that_account(app, staff):
    guess_from_many_addresses(app, EMAILS["editor"])
    # The eleventh try at this account, from yet another address, is not even checked.
    held = attempt(browser(app, "192.0.2.200"), EMAILS["editor"], PASSWORD)
    assert held.status == 429
    assert HELD in held.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert "Try again in 1 minute." in held.text()
    assert_well_formed(held)
    # The email is compared as it is stored: other spellings of it are the same account.
    shouting = attempt(browser(app, "192.0.2.201"), "  Editor@Example.ORG ", PASSWORD)
    assert shouting.status == 429
    # Another account, from another address, signs in as usual.
    assert signed_in(attempt(browser(app, "192.0.2.202"), EMAILS["analyst"], PASSWORD))


def test_one_address_guessing_one_account_does_not_stop_another_account(app, staff):
    attacker = browser(app, "203.0.113.5")
    for number in range(10):
        assert attempt(attacker, EMAILS["editor"], f"guess {number}").status == 422
    assert attempt(attacker, EMAILS["editor"], PASSWORD).status == 429
    assert signed_in(attempt(browser(app, "198.51.100.7"), EMAILS["admin"], PASSWORD))


def test_accounts_that_do_not_exist_are_limited_the_same_way(app, staff):
    # Otherwise the limit would tell a stranger which email addresses have accounts.
    guess_from_many_addresses(app, "nobody@example.org")
    held = attempt(browser(app, "192.0.2.200"), "nobody@example.org", "guess")
    assert held.status == 429 and HELD in held.text()


def test_the_owner_still_signs_in_from_a_browser_they_used_before(app, staff):
    owner = browser(app, "198.51.100.7")
    assert signed_in(attempt(owner, EMAILS["editor"], PASSWORD))
    owner.submit(owner.get("/staff/"))  # sign out
    assert is_sent_to_sign_in(owner.client.get("/staff/"))

    guess_from_many_addresses(app, EMAILS["editor"], times=9)  # the owner's sign-in was the first try
    assert attempt(browser(app, "192.0.2.200"), EMAILS["editor"], PASSWORD).status == 429
    # Their own browser is counted on its own, even from another address (a train, home).
    owner.client.environ_base["REMOTE_ADDR"] = "198.51.100.8"
    assert signed_in(attempt(owner, EMAILS["editor"], PASSWORD))


def test_a_browser_used_before_has_a_limit_of_its_own(app, staff):
    owner = browser(app, "198.51.100.7")
    assert signed_in(attempt(owner, EMAILS["editor"], PASSWORD))
    for number in range(10):
        owner.client.environ_base["REMOTE_ADDR"] = f"198.51.100.{number + 10}"
        assert attempt(owner, EMAILS["editor"], f"guess {number}").status == 422
    owner.client.environ_base["REMOTE_ADDR"] = "198.51.100.99"
    assert attempt(owner, EMAILS["editor"], PASSWORD).status == 429
    # Its count for this account is not the account's count: a new browser is not held.
    assert signed_in(attempt(browser(app, "192.0.2.1"), EMAILS["editor"], PASSWORD))


def test_a_known_browser_for_one_account_is_a_stranger_to_another(app, staff):
    owner = browser(app, "198.51.100.7")
    assert signed_in(attempt(owner, EMAILS["editor"], PASSWORD))
    guess_from_many_addresses(app, EMAILS["analyst"])
    owner.client.environ_base["REMOTE_ADDR"] = "198.51.100.8"
    assert attempt(owner, EMAILS["analyst"], PASSWORD).status == 429


def test_a_forged_known_browser_cookie_counts_for_nothing(app, staff):
    from consult.auth.attempts import COOKIE

    guess_from_many_addresses(app, EMAILS["editor"])
    stranger = browser(app, "192.0.2.200")
    stranger.client.set_cookie(COOKIE, "not-a-signed-value")
    assert attempt(stranger, EMAILS["editor"], PASSWORD).status == 429


def test_the_known_browser_cookie_holds_no_email_and_is_http_only(app, staff):
    from consult.auth.attempts import COOKIE

    owner = browser(app, "198.51.100.7")
    page = owner.get("/staff/sign-in")
    response = owner.client.post("/staff/sign-in", data={
        "csrf_token": page.soup.find("input", attrs={"name": "csrf_token"})["value"],
        "email": EMAILS["editor"], "password": PASSWORD})
    assert response.status_code == 303
    header = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith(f"{COOKIE}="))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=" in header
    assert "editor" not in header.lower() and "example" not in header.lower()


def test_the_held_message_is_shown_in_the_chosen_language(app, staff):
    guess_from_many_addresses(app, EMAILS["editor"])
    person = browser(app, "192.0.2.200")
    page = person.submit(person.get("/staff/sign-in?lang=cy"), {"email": EMAILS["editor"], "password": PASSWORD})
    assert page.status == 429 and '<html lang="cy"' in page.html
    assert_well_formed(page)


def test_ending_a_kiosk_counts_towards_the_same_account_limit(app, signed_in, demo, staff):
    # The kiosk's "end" form checks a staff password too: it must not be a way round the limit.
    from tests.kiosk.support import post_form, start_kiosk

    device = start_kiosk(signed_in, demo["id"], role="editor")
    guess_from_many_addresses(app, EMAILS["admin"])
    held = post_form(device, device.get("/kiosk/end"), "/kiosk/end", {"email": EMAILS["admin"], "password": PASSWORD})
    assert held.status == 429 and HELD in held.text()
    assert_well_formed(held)
