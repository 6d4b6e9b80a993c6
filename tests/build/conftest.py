import pytest

from consult.auth.services import create_staff
from consult.extensions import db
from tests.helpers import Resident

PASSWORD = "a long enough password"


def sign_in(app, email, role, htmx=False) -> Resident:
    with app.app_context():
        from consult.auth.services import find_staff

        if find_staff(email) is None:
            create_staff(email, PASSWORD, role)
            db.session.commit()
    person = Resident(app.test_client(), htmx=htmx)
    page = person.submit(person.get("/staff/sign-in"), {"email": email, "password": PASSWORD})
    assert page.status == 200, page.text()
    return person


@pytest.fixture
def editor(app):
    return sign_in(app, "editor@example.org", "editor")


@pytest.fixture
def htmx_editor(app):
    return sign_in(app, "editor@example.org", "editor", htmx=True)


@pytest.fixture
def analyst(app):
    return sign_in(app, "analyst@example.org", "analyst")
