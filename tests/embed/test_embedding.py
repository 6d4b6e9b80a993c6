"""Embedding on the organisation's own site (consult/embed): the allow-list admins keep, the headers
each kind of page gets, the session cookie a cross-site frame needs, and the staff page with the code."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry
from consult.models.organisation import OrganisationSettings
from consult.site_origins import check_origins, stored_origins
from tests.auth.support import is_sent_to_sign_in
from tests.html_checks import assert_well_formed

COUNCIL = "https://www.glanhafren.example.gov.uk"
OTHER = "http://localhost:8123"
SETTINGS = "/staff/organisation"


def _allow(app, *origins: str) -> None:
    with app.app_context():
        row = db.session.get(OrganisationSettings, 1) or OrganisationSettings(id=1, name="Glan Hafren Council")
        row.embed_origins = list(origins)
        db.session.add(row)
        db.session.commit()


def _frame_ancestors(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split("; ") if part.startswith("frame-ancestors"))


# The allow-list ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "kept"), [
    ("https://www.example.gov.uk", "https://www.example.gov.uk"),
    ("  HTTPS://WWW.Example.gov.uk/  ", "https://www.example.gov.uk"),
    ("https://www.example.gov.uk:443", "https://www.example.gov.uk"),
    ("https://intranet.example.gov.uk:8443", "https://intranet.example.gov.uk:8443"),
    ("https://xn--cyngor-gwynedd-abc.cymru", "https://xn--cyngor-gwynedd-abc.cymru"),
    ("http://localhost:8000", "http://localhost:8000"),
    ("http://127.0.0.1:5001/", "http://127.0.0.1:5001"),
])
def test_an_origin_is_kept_as_browsers_write_it(app, typed, kept):
    with app.test_request_context():
        assert check_origins(typed).origins == (kept,)
        assert check_origins(typed).problems == ()


@pytest.mark.parametrize("typed", [
    "www.example.gov.uk",                       # no scheme
    "http://www.example.gov.uk",                # plain http to another machine
    "https://www.example.gov.uk/consultations",  # a path
    "https://www.example.gov.uk/?q=1",
    "https://www.example.gov.uk#top",
    "https://user:secret@www.example.gov.uk",
    "javascript:alert(1)",
    "data:text/html,hello",
    "https://*.example.gov.uk",                 # wildcards
    "*",
    "https://www.example.gov.uk;script-src",    # a policy injection
    "https://www.example.gov.uk'",
    "'self'",
    "'none'",
    "https://intranet",                         # no dot: not a public site
    "https://www.example.gov.uk:0",
    "https://www.example.gov.uk:99999",
    "https://-bad-.example.gov.uk",
    "ftp://www.example.gov.uk",
    "https://" + "a" * 250 + ".uk",
])
def test_hostile_or_wrong_input_is_refused_with_a_reason(app, typed):
    with app.test_request_context():
        checked = check_origins(typed)
        assert checked.origins == ()
        assert checked.problems and all(checked.problems)


def test_spaces_and_commas_separate_sites_and_repeats_go(app):
    with app.test_request_context():
        checked = check_origins("https://a.example.gov.uk, https://b.example.gov.uk\nhttps://A.example.gov.uk/")
        assert checked.origins == ("https://a.example.gov.uk", "https://b.example.gov.uk")
        # A space inside an address makes two words, and the second is no site.
        assert check_origins("https://a.example.gov.uk /path").problems


def test_too_many_sites_are_refused(app):
    with app.test_request_context():
        many = "\n".join(f"https://site{number}.example.gov.uk" for number in range(21))
        assert check_origins(many).problems == ("List at most 20 sites",)


def test_a_stored_list_is_checked_again_before_it_reaches_a_header():
    assert stored_origins(["https://a.example.gov.uk", "https://x.example.gov.uk; script-src *", 7, None,
                           "https://a.example.gov.uk"]) == ("https://a.example.gov.uk",)
    assert stored_origins("https://a.example.gov.uk") == ()
    assert stored_origins(None) == ()


def test_admin_saves_the_sites_and_the_change_is_audited(app, signed_in):
    admin = signed_in("admin")
    page = admin.get(SETTINGS)
    assert page.soup.find("textarea", attrs={"name": "embed_origins"}) is not None
    saved = admin.submit(page, {"name": "Glan Hafren Council",
                                "embed_origins": "HTTPS://www.glanhafren.example.gov.uk/\nhttp://localhost:8000"})
    assert saved.status == 200 and saved.path == SETTINGS
    assert saved.soup.find("textarea", attrs={"name": "embed_origins"}).get_text().split() == [COUNCIL, "http://localhost:8000"]
    with app.app_context():
        assert db.session.get(OrganisationSettings, 1).embed_origins == [COUNCIL, "http://localhost:8000"]
        details = db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "organisation.embed_origins")).all()
        assert details == [f"{COUNCIL} http://localhost:8000"]


@pytest.mark.parametrize("typed", ["https://*.example.gov.uk", "javascript:alert(1)",
                                   "https://www.example.gov.uk/page", "https://a b.example.gov.uk",
                                   "http://www.example.gov.uk"])
def test_a_wrong_site_is_explained_and_nothing_is_saved(app, signed_in, typed):
    _allow(app, COUNCIL)
    admin = signed_in("admin")
    page = admin.submit(admin.get(SETTINGS), {"name": "Glan Hafren Council", "embed_origins": typed})
    assert page.status == 422
    summary = [link.get_text(" ", strip=True) for link in page.soup.select(".error-summary__list a")]
    assert len(summary) == 1 and summary[0]
    assert page.soup.select_one(".error-summary__list a")["href"] == "#embed_origins"
    assert_well_formed(page)
    with app.app_context():
        assert db.session.get(OrganisationSettings, 1).embed_origins == [COUNCIL]


def test_only_admins_change_the_list(app, signed_in):
    editor = signed_in("editor")
    assert editor.client.get(SETTINGS).status_code == 403


# Headers ----------------------------------------------------------------------------------------

def test_by_default_no_page_may_be_framed(app, demo, resident):
    for path in (f"/c/{demo['slug']}", "/", "/privacy", "/staff/sign-in"):
        response = resident.client.get(path)
        assert _frame_ancestors(response) == "frame-ancestors 'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_resident_pages_may_be_framed_by_the_listed_sites_only(app, demo, resident):
    _allow(app, COUNCIL, OTHER)
    for path in (f"/c/{demo['slug']}", f"/c/{demo['slug']}?register=easy&lang=cy", "/", "/privacy",
                 "/accessibility", "/your-answers", f"/c/{demo['slug']}/hear-back", "/c/no-such-consultation"):
        response = resident.client.get(path)
        assert _frame_ancestors(response) == f"frame-ancestors {COUNCIL} {OTHER}", path
        # X-Frame-Options cannot name a site, and DENY would contradict the policy.
        assert "X-Frame-Options" not in response.headers, path
    start = resident.get(f"/c/{demo['slug']}")
    script = start.soup.find("script", src=lambda src: src and "js/framed.js" in src)
    assert script["data-parents"] == f"{COUNCIL} {OTHER}"


def test_staff_pages_and_sign_in_are_never_framed(app, demo, signed_in, resident):
    _allow(app, COUNCIL)
    for path in ("/staff/sign-in", "/health", "/.well-known/security.txt"):
        response = resident.client.get(path)
        assert _frame_ancestors(response) == "frame-ancestors 'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path
    editor = signed_in("editor")
    for path in ("/staff/", f"/staff/consultations/{demo['id']}", f"/staff/consultations/{demo['id']}/embed",
                 f"/staff/results/{demo['slug']}"):
        response = editor.client.get(path)
        assert _frame_ancestors(response) == "frame-ancestors 'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert b"js/framed.js" not in response.data, path
    # Not on a framable page's script list either, when nothing may frame it.
    _allow(app)
    assert b"js/framed.js" not in resident.client.get(f"/c/{demo['slug']}").data


# The session cookie -----------------------------------------------------------------------------

def _session_cookies(response) -> list[str]:
    return [value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")]


def _start(resident, slug):
    page = resident.get(f"/c/{slug}")
    return resident.client.post(f"/c/{slug}/start", data={"csrf_token": page.form()
                                                             .find("input", attrs={"name": "csrf_token"})["value"]})


def test_the_session_cookie_stays_lax_without_embedding_or_https(app, demo, resident):
    from tests.helpers import Resident

    app.config["SESSION_COOKIE_SECURE"] = True
    cookies = _session_cookies(_start(resident, demo["slug"]))
    assert len(cookies) == 1 and "SameSite=Lax" in cookies[0] and "Partitioned" not in cookies[0]
    # Embedding, but plain HTTP: SameSite=None needs Secure, so nothing changes.
    app.config["SESSION_COOKIE_SECURE"] = False
    _allow(app, COUNCIL)
    cookies = _session_cookies(_start(Resident(app.test_client()), demo["slug"]))
    assert len(cookies) == 1 and "SameSite=Lax" in cookies[0] and "Secure" not in cookies[0]


def test_with_embedding_over_https_the_cookie_reaches_a_cross_site_frame(app, demo):
    from tests.helpers import Resident

    app.config["SESSION_COOKIE_SECURE"] = True
    _allow(app, COUNCIL)
    resident = Resident(app.test_client(use_cookies=True))
    response = _start(resident, demo["slug"])
    assert response.status_code in (302, 303)
    [cookie] = _session_cookies(response)
    assert "SameSite=None" in cookie and "Secure" in cookie and "Partitioned" in cookie and "HttpOnly" in cookie


def test_a_browser_with_both_kinds_keeps_the_newer_and_loses_the_other(app, demo):
    """Right after admins turn embedding on, a browser holds the old Lax cookie and the new partitioned one."""
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    client.get(f"/c/{demo['slug']}?lang=cy")  # the older cookie: Welsh chosen
    older = client.get_cookie("session").value
    client.get(f"/c/{demo['slug']}?lang=en")
    newer = client.get_cookie("session").value
    _allow(app, COUNCIL)
    browser = app.test_client(use_cookies=False)
    response = browser.get(f"/c/{demo['slug']}", headers={"Cookie": f"session={older}; session={newer}"})
    assert '<html lang="en"' in response.get_data(as_text=True)
    cookies = _session_cookies(response)
    assert len(cookies) == 2
    removed = next(value for value in cookies if "Expires=Thu, 01 Jan 1970" in value)
    kept = next(value for value in cookies if value is not removed)
    assert "Partitioned" not in removed and "SameSite=Lax" in removed
    assert "Partitioned" in kept and "SameSite=None" in kept


# The staff page ----------------------------------------------------------------------------------

def test_editors_get_a_code_for_each_language(app, demo, signed_in):
    app.config["PUBLIC_URL"] = "https://consult.example.org"
    _allow(app, COUNCIL)
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{demo['id']}/embed")
    assert page.status == 200 and page.h1 == "Embed on your website"
    assert_well_formed(page)
    boxes = page.soup.select("textarea.embed-code")
    assert boxes and all(box.has_attr("readonly") for box in boxes)
    code = boxes[0].get_text()
    assert f'src="https://consult.example.org/c/{demo["slug"]}?lang=' in code
    assert 'title="Consultation: ' in code
    assert 'target="_blank"' in code and "in a new tab" in code
    assert '<script src="https://consult.example.org/static/js/embed.js" async></script>' in code
    assert "style=" not in code and "onload" not in code
    assert [item.get_text() for item in page.soup.select(".embed-origins code")] == [COUNCIL]
    # Over plain HTTP answers cannot be sent from the frame: staff are told so.
    assert page.soup.find(id="embed-needs-https") is not None
    app.config["SESSION_COOKIE_SECURE"] = True
    assert editor.get(f"/staff/consultations/{demo['id']}/embed").soup.find(id="embed-needs-https") is None


def test_the_page_says_when_no_site_may_embed_and_admins_get_the_link(app, demo, signed_in):
    app.config["PUBLIC_URL"] = "https://consult.example.org"
    editor_page = signed_in("editor").get(f"/staff/consultations/{demo['id']}/embed")
    notice = editor_page.soup.find(id="embed-no-origins")
    assert notice is not None and notice.find("a") is None
    admin_page = signed_in("admin").get(f"/staff/consultations/{demo['id']}/embed")
    assert admin_page.soup.find(id="embed-no-origins").find("a")["href"] == "/staff/organisation#embedding"


def test_without_a_public_address_there_is_no_code(app, demo, signed_in):
    app.config["PUBLIC_URL"] = ""
    page = signed_in("editor").get(f"/staff/consultations/{demo['id']}/embed")
    assert page.soup.find(id="embed-no-address") is not None and not page.soup.select("textarea.embed-code")


def test_the_consultation_page_has_the_section(app, demo, signed_in):
    app.config["PUBLIC_URL"] = "https://consult.example.org"
    page = signed_in("editor").get(f"/staff/consultations/{demo['id']}")
    assert page.soup.find(id="embed").get_text(strip=True) == "Embed on your website"
    assert page.soup.find("textarea", id="embed-code").has_attr("readonly")
    assert page.soup.find("a", href=f"/staff/consultations/{demo['id']}/embed") is not None


def test_only_editors_and_admins_see_the_code(app, demo, signed_in, resident):
    path = f"/staff/consultations/{demo['id']}/embed"
    assert is_sent_to_sign_in(resident.client.get(path))
    assert signed_in("analyst").client.get(path).status_code == 403
    assert signed_in("admin").client.get(path).status_code == 200


# A browser that keeps no cookie inside the frame ------------------------------------------------------

def test_a_framed_answer_without_the_cookie_gets_the_way_to_a_new_tab(app, demo):
    _allow(app, COUNCIL)
    browser = app.test_client(use_cookies=False)
    response = browser.post(f"/c/{demo['slug']}/start", headers={"Sec-Fetch-Dest": "iframe"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Open the consultation in a new tab to answer" in html
    assert f'href="/c/{demo["slug"]}" target="_blank" rel="noopener"' in html
    # htmx's request from the frame, marked by framed.js: the same, as a fragment.
    response = browser.post(f"/c/{demo['slug']}/q/1", headers={"X-Consult-Framed": "1", "HX-Request": "true",
                                                                "HX-Request-Type": "partial", "HX-Target": "main#main"})
    assert response.status_code == 400 and "<html" not in response.get_data(as_text=True)
    assert "Open the consultation in a new tab to answer" in response.get_data(as_text=True)


def test_otherwise_the_csrf_check_answers_as_before(app, demo, resident):
    browser = app.test_client(use_cookies=False)
    # Nothing may frame the pages: the usual CSRF answer.
    response = browser.post(f"/c/{demo['slug']}/start", headers={"Sec-Fetch-Dest": "iframe"})
    assert response.status_code == 400 and "new tab to answer" not in response.get_data(as_text=True)
    _allow(app, COUNCIL)
    # Not in a frame: the usual CSRF answer.
    response = browser.post(f"/c/{demo['slug']}/start")
    assert response.status_code == 400 and "new tab to answer" not in response.get_data(as_text=True)
    # In a frame, with the cookie: answering works.
    page = resident.get(f"/c/{demo['slug']}")
    token = page.form().find("input", attrs={"name": "csrf_token"})["value"]
    response = resident.client.post(f"/c/{demo['slug']}/start", data={"csrf_token": token},
                                    headers={"Sec-Fetch-Dest": "iframe"})
    assert response.status_code in (302, 303) and response.headers["Location"].endswith("/q/1")
    # A staff POST from a frame is never let through or explained: staff pages cannot be framed.
    response = browser.post("/staff/sign-in", headers={"Sec-Fetch-Dest": "iframe"})
    assert "new tab to answer" not in response.get_data(as_text=True)
