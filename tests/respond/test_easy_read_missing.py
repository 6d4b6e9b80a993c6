"""Easy read chosen in a language that has no easy-read version: residents are told so, offered the
languages that have one. (The demo has easy read in English and Welsh, not in Arabic.)"""

from __future__ import annotations

from tests.helpers import Resident


def _notice(page):
    return page.soup.find(id="easy-read-missing")


def test_easy_read_in_a_language_without_it_says_so_and_offers_the_others(app, demo):
    page = Resident(app.test_client()).get(f"/c/{demo['slug']}?lang=ar&register=easy")
    notice = _notice(page)
    assert notice is not None, page.text()[:300]
    assert "لا توجد نسخة ميسّرة القراءة باللغة العربية" in notice.get_text()  # in the page's language
    links = {a["lang"]: a["href"] for a in notice.find_all("a")}
    assert set(links) == {"en", "cy"}
    assert all("register=easy" in href for href in links.values())
    # The questions too, not only the start page.
    resident = Resident(app.test_client())
    question = resident.submit(resident.get(f"/c/{demo['slug']}?lang=ar&register=easy"))
    assert _notice(question) is not None


def test_no_notice_where_easy_read_exists_or_was_not_chosen(app, demo):
    for query in ("lang=cy&register=easy", "lang=en&register=easy", "lang=ar&register=standard"):
        page = Resident(app.test_client()).get(f"/c/{demo['slug']}?{query}")
        assert _notice(page) is None, query
