"""What must be right before the results are published: the rule publishing a consultation has
(``consult.build.checklist.publishing_problems``), for the outcomes.

Every outcome text (what we heard, what we will do, its picture's description) is translated into
every offered language and not left behind by a change to the original words; and wherever the
consultation has an easy-read version in a language, the outcome has one too, or the easy-read
"What you told us" would mix standard words into it. Each problem names the language and the text.
"""

from __future__ import annotations

from consult.build.checklist import Problem
from consult.build.translation import rows
from consult.i18n import language_name_for_staff
from consult.models.content import EASY, STANDARD
from consult.printing.easy_read import easy_read_languages
from consult.results.outcomes import outcomes_of
from consult.translating import lazy_gettext as _l


def _outcome_numbers(consultation) -> dict[int, int]:
    """Text block id -> the number of the outcome it belongs to, for every outcome text."""
    numbers = {}
    for number, outcome in enumerate(outcomes_of(consultation), start=1):
        numbers[outcome.heard_id] = numbers[outcome.action_id] = number
        if outcome.picture is not None:
            numbers[outcome.picture.alt_id] = number
    return numbers


def results_publishing_problems(consultation) -> list[Problem]:
    """Problems that stop the results being published, one per missing text, in the order staff meet them."""
    numbers = _outcome_numbers(consultation)
    if not numbers:
        return []
    found: list[Problem] = []
    default = consultation.default_language
    easy_languages = easy_read_languages(consultation)
    for language in consultation.offered_languages:
        name = language_name_for_staff(language)
        registers = ([STANDARD] if language != default else []) + ([EASY] if language in easy_languages else [])
        for register in registers:
            fix = ("build.translate", {"consultation_id": consultation.id, "language": language, "register": register})
            for row in rows(consultation, language, register):
                number = numbers.get(row.unit.block_id)
                if number is None:
                    continue
                words = {"language": name, "text": row.unit.where, "number": number}
                if not row.translated:
                    message = (_l("%(language)s: “%(text)s” in outcome %(number)s has no easy-read version yet", **words)
                               if register == EASY else
                               _l("%(language)s: “%(text)s” in outcome %(number)s is not translated yet", **words))
                    found.append(Problem(str(message), fix))
                elif row.needs_checking and language != default:
                    # (The easy-read words in the outcome's own language sit beside the standard ones on the
                    # outcome's form, so whoever changed one saw the other: nothing to check elsewhere.)
                    found.append(Problem(str(_l("%(language)s: “%(text)s” in outcome %(number)s needs checking because "
                                                "the original words changed", **words)), fix))
    return found
