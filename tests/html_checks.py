"""Checks on parsed HTML that axe does not make: headings, titles, labels, legends, ids, error links."""

from __future__ import annotations

from collections import Counter

LABELLED_CONTROLS = ["input", "textarea", "select"]
# "Error:" in each interface language.
ERROR_PREFIXES = ("Error:", "Gwall:", "خطأ:")


def problems(page) -> list[str]:
    soup = page.soup
    found = []
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        found.append(f"{len(h1s)} h1 elements")
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        found.append("no title")
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    found += [f"duplicate id {element_id!r}" for element_id, count in ids.items() if count > 1]
    for control in soup.find_all(LABELLED_CONTROLS):
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        control_id = control.get("id")
        label = soup.find("label", attrs={"for": control_id}) if control_id else None
        if label is None or not label.get_text(strip=True):
            found.append(f"control {control.get('name')!r} has no label")
        if control.get("placeholder"):
            found.append(f"control {control.get('name')!r} uses a placeholder")
    for group_type in ("radio", "checkbox"):
        for control in soup.find_all("input", attrs={"type": group_type}):
            # A lone checkbox ("This question is optional") is a single control with its own label.
            if group_type == "checkbox" and len(soup.find_all("input", attrs={"name": control.get("name")})) == 1:
                continue
            fieldset = control.find_parent("fieldset")
            legend = fieldset.find("legend") if fieldset else None
            if legend is None or not legend.get_text(strip=True):
                found.append(f"{group_type} {control.get('name')!r} is not in a fieldset with a legend")
    for fieldset in soup.find_all("fieldset"):
        legend = fieldset.find("legend")
        if legend is not None and fieldset.find("input", attrs={"type": ["radio", "checkbox"]}):
            if legend.find("h1") is None and soup.find("h1").find_parent("legend") is not None:
                found.append("the question h1 is not in the group's legend")
    for described in soup.find_all(attrs={"aria-describedby": True}):
        for target in described["aria-describedby"].split():
            if soup.find(id=target) is None:
                found.append(f"aria-describedby points at missing id {target!r}")
    summary = soup.select_one(".error-summary")
    if summary is not None:
        if not (title and title.get_text(strip=True).startswith(ERROR_PREFIXES)):
            found.append("error page title does not start with 'Error:'")
        for link in summary.find_all("a"):
            target = soup.find(id=link["href"].lstrip("#"))
            if target is None:
                found.append(f"error summary link {link['href']} points at nothing")
            elif target.name not in ("input", "textarea", "select", "a", "button"):
                found.append(f"error summary link {link['href']} points at a {target.name}, not a control")
    elif title is not None and title.get_text(strip=True).startswith(ERROR_PREFIXES):
        found.append("title says Error: but there is no error summary")
    return found


def assert_well_formed(page):
    found = problems(page)
    assert not found, f"{page.path}: " + "; ".join(found)
