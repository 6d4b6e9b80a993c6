def test_signed_in_fixture(signed_in):
    for role in ("admin", "editor", "analyst"):
        person = signed_in(role)
        assert person.get("/staff/").status == 200
