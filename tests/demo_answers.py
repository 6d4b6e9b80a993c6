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


def answer_for(page, number):
    kind, value = DEMO_ANSWERS[number]
    name = page.field_name()
    if kind == "labels":
        return {name: [page.option_value(label) for label in value]}
    return {name: value}
