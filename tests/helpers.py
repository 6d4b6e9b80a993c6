"""A resident driving the Flask test client through real forms, with or without htmx headers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

HTMX_HEADERS = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "main#main"}


@dataclass
class Page:
    status: int
    path: str
    html: str
    headers: dict

    @property
    def soup(self) -> BeautifulSoup:
        """The page parsed, once: a test reads a page many times (its form, h1, text), and parsing was a
        fifth of the suite's time. Read it without changing it (change a copy: copy.copy(page.soup))."""
        parsed = self.__dict__.get("_parsed")
        if parsed is None or parsed[0] is not self.html:
            parsed = (self.html, BeautifulSoup(self.html, "html.parser"))
            self.__dict__["_parsed"] = parsed
        return parsed[1]

    @property
    def title(self) -> str:
        title = self.soup.find("title")
        return title.get_text(strip=True) if title else ""

    @property
    def h1(self) -> str:
        h1 = self.soup.find("h1")
        return " ".join(h1.get_text(" ", strip=True).split()) if h1 else ""

    def text(self) -> str:
        return " ".join(self.soup.get_text(" ", strip=True).split())

    def form(self, index: int = -1):
        forms = [form for form in self.soup.find_all("form") if form.get("method", "get").lower() == "post"]
        return forms[index]

    def option_value(self, label: str) -> str:
        """The value of the radio or checkbox whose label is exactly ``label``."""
        for element in self.soup.find_all("label"):
            if " ".join(element.get_text(" ", strip=True).split()) == label:
                control = self.soup.find(id=element["for"])
                return control["value"]
        raise AssertionError(f"no option labelled {label!r} on {self.path}")

    def field_name(self) -> str:
        """The name of the answer control on a one-question page."""
        control = self.form().find(["input", "textarea"], attrs={"name": lambda n: n and n.startswith("q")})
        return control["name"]


class Resident:
    def __init__(self, client, htmx: bool = False):
        self.client = client
        self.htmx = htmx
        self.history: list[Page] = []

    def _headers(self):
        return dict(HTMX_HEADERS) if self.htmx else {}

    def get(self, path: str) -> Page:
        response = self.client.get(path, headers=self._headers())
        return self._follow(response, path)

    def post(self, path: str, data: dict, target: str | None = None) -> Page:
        headers = self._headers()
        if self.htmx and target:
            headers["HX-Target"] = target
        response = self.client.post(path, data=data, headers=headers)
        return self._follow(response, path)

    def _follow(self, response, path: str) -> Page:
        for _ in range(10):
            if response.status_code in (301, 302, 303):
                location = urlsplit(response.headers["Location"])
                path = location.path + (f"?{location.query}" if location.query else "")
                response = self.client.get(path, headers=self._headers())
                continue
            location = response.headers.get("HX-Location")
            if location:
                assert self.htmx, "HX-Location sent to a request without htmx headers"
                spec = json.loads(location)
                path = spec["path"]
                # As htmx 4 does: HX-Target names the *source* element of the follow-up request
                # (body unless the server names one), even when "target" points elsewhere.
                headers = dict(self._headers())
                headers["HX-Target"] = "main#main" if spec.get("source") == "#main" else "body"
                response = self.client.get(path, headers=headers)
                continue
            break
        page = Page(response.status_code, path, response.get_data(as_text=True), dict(response.headers))
        self.history.append(page)
        return page

    def submit(self, page: Page, answers: dict | None = None, button: str | None = None,
               form_index: int = -1) -> Page:
        """Send a POST form on ``page`` as a browser would: its hidden fields, our answers, the button."""
        form = page.form(form_index)
        data = self._current_values(form)
        for name, value in (answers or {}).items():
            data[name] = value
        if button is not None:
            chosen = form.find("button", attrs={"value": button})
            assert chosen is not None, f"no button {button!r}"
            data[chosen["name"]] = chosen["value"]
        else:
            first = form.find("button", attrs={"name": True})
            if first is not None:
                data[first["name"]] = first["value"]
        return self.post(form["action"], data, target=self._htmx_target(page, form))

    def press(self, page: Page, button_id: str, answers: dict | None = None) -> Page:
        """Press the submit button ``#button_id`` as a browser would: its form's controls (with those outside
        it that name it in form="..."), our answers and the button's own name and value, sent to the
        button's ``formaction`` (or the form's action). With htmx, as htmx 4 sends a button that has its
        own ``hx-post``: the same values, to that address, with the button's hx-target."""
        button = page.soup.find(id=button_id)
        assert button is not None, f"no button #{button_id} on {page.path}"
        form = page.soup.find("form", id=button["form"]) if button.get("form") else button.find_parent("form")
        data = self._current_values(form)
        data.update(answers or {})
        if button.get("name"):
            data[button["name"]] = button.get("value", "")
        if self.htmx and button.get("hx-post"):
            return self.post(button["hx-post"], data, target=self._htmx_target(page, button))
        action = (button.get("formaction") or form["action"]).split("#")[0]
        return self.post(action, data, target=self._htmx_target(page, form))

    @staticmethod
    def _current_values(form) -> dict:
        """What a browser would send before the person changes anything."""
        data: dict = {}

        def add(name, value):
            if name in data:
                data[name] = [*([data[name]] if isinstance(data[name], str) else data[name]), value]
            else:
                data[name] = value

        # As a browser does: the form's own controls, and those outside it that name it in form="...".
        owned = [control for control in form.find_all(["input", "textarea", "select"]) if not control.get("form")]
        if form.get("id"):
            document = list(form.parents)[-1]
            owned += document.find_all(["input", "textarea", "select"], attrs={"form": form["id"]})
        for control in owned:
            name = control.get("name")
            kind = control.get("type", "text")
            if not name or kind in ("submit", "button") or control.has_attr("disabled"):
                continue
            if control.name == "textarea":
                add(name, control.get_text())
            elif control.name == "select":
                chosen = control.find("option", selected=True) or control.find("option")
                if chosen is not None:
                    add(name, chosen.get("value", chosen.get_text()))
            elif kind in ("checkbox", "radio"):
                if control.has_attr("checked"):
                    add(name, control.get("value", "on"))
            else:
                add(name, control.get("value", ""))
        return data

    @staticmethod
    def _htmx_target(page: Page, form) -> str | None:
        """What htmx 4 sends as HX-Target for this form: ``tag#id`` of its hx-target element."""
        selector = form.get("hx-target")
        if not selector or not selector.startswith("#"):
            return None
        element = page.soup.find(id=selector[1:])
        return f"{element.name}#{selector[1:]}" if element is not None else None
