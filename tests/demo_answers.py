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


# The same answers on a page in Welsh or Arabic (the demo is offered in English, Welsh and Arabic).
TRANSLATED_LABELS = {
    "cy": {
        "A wheelchair": "Cadair olwyn",
        "A bed, mattress or bed rails": "Gwely, matres neu reiliau gwely",
        "1 to 2 weeks": "1 i 2 wythnos",
        "Yes": "Ie",
        "Agree": "Cytuno",
        "Prefer not to say": "Mae’n well gen i beidio â dweud",
    },
    "ar": {
        "A wheelchair": "كرسي متحرك",
        "A bed, mattress or bed rails": "سرير أو مرتبة أو حواجز جانبية للسرير",
        "1 to 2 weeks": "من أسبوع إلى أسبوعين",
        "Yes": "نعم",
        "Agree": "أوافق",
        "Prefer not to say": "أفضّل ألا أقول",
    },
}


# Easy read words where they differ from the standard ones (English and Welsh easy read).
EASY_READ_LABELS = {
    "en": {"Prefer not to say": "I do not want to say"},
    "cy": {"Yes": "Do", "Prefer not to say": "Dydw i ddim eisiau dweud"},
}


def _option_value(page, label):
    """The option labelled ``label``, or its Welsh or Arabic words, or its easy-read words, on the page."""
    candidates = [label, *(labels.get(label) for labels in TRANSLATED_LABELS.values()),
                  *(labels.get(label) for labels in EASY_READ_LABELS.values())]
    for words in filter(None, candidates):
        try:
            return page.option_value(words)
        except AssertionError:
            continue
    raise AssertionError(f"no option labelled {label!r} in any language on {page.path}")


def answer_for(page, number):
    kind, value = DEMO_ANSWERS[number]
    name = page.field_name()
    if kind == "labels":
        return {name: [_option_value(page, label) for label in value]}
    return {name: value}
