"""How a resident answers each demo question, by the words on the page."""

# Indexed by question number in the demo consultation. Labels are matched exactly.
DEMO_ANSWERS = {
    1: ("labels", ["A wheelchair", "A bed, mattress or bed rails"]),
    2: ("labels", ["1 to 2 weeks"]),
    3: ("labels", ["Yes"]),
    4: ("labels", ["Agree"]),
    5: ("text", "3"),
    6: ("text", "Llanfair"),
    7: ("text", "Please phone before you deliver."),
    8: ("labels", ["Prefer not to say"]),
}


# The same answers on a page in Welsh (the demo is offered in English, Welsh and Arabic).
WELSH_LABELS = {
    "A wheelchair": "Cadair olwyn",
    "A bed, mattress or bed rails": "Gwely, matres neu reiliau gwely",
    "1 to 2 weeks": "1 i 2 wythnos",
    "Yes": "Ie",
    "Agree": "Cytuno",
    "Prefer not to say": "Mae’n well gen i beidio â dweud",
}


def _option_value(page, label):
    try:
        return page.option_value(label)
    except AssertionError:
        return page.option_value(WELSH_LABELS[label])


def answer_for(page, number):
    kind, value = DEMO_ANSWERS[number]
    name = page.field_name()
    if kind == "labels":
        return {name: [_option_value(page, label) for label in value]}
    return {name: value}
