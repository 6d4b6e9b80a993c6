"""What may still change in a question once people have answered the consultation.

Answers are stored by option id, so an earlier response keeps its meaning only while every option it
names keeps its meaning. Once a consultation has responses:

- allowed: correcting the words (question, hint, error message, answers, translations, pictures), and
  adding an answer that was forgotten to a choice question. Earlier responses did not choose it, and
  results count it from zero, because results count answers by option.
- refused: adding, removing, copying or reordering questions; removing or reordering answers;
  switching the extra answers on or off ("None of these" changes what the other answers mean);
  branching. The type of a question never changes in the builder.
"""

from __future__ import annotations

from consult.translating import lazy_gettext as _l

ANSWERS_FIXED = _l("People have already answered, so answers cannot be removed, moved, or switched on or off: "
                   "their earlier answers would change meaning. You can add an answer that was missed, and "
                   "correct the words of any answer.")

LIVE_ANSWERS_NOTE = _l("People have already answered. You can add an answer that was missed: earlier answers "
                       "stay as they are, and results count the new answer from when it was added. Correct "
                       "the words of an answer only if its meaning stays the same.")


def may_add_answers(question) -> bool:
    """An answer may be added to this question after people have answered it: a choice question whose
    answers staff write. Not yes/no or the agree scale (their answers are the type's own), nor a type
    with several kinds of written option (a grid: a new statement is a new question, and a new point
    changes the scale people answered on)."""
    qtype = question.type
    return qtype.has_options and not qtype.fixed_options and not getattr(qtype, "option_roles", ())


def answer_controls(question, locked: bool) -> dict:
    """What the question editor offers for adding answers (``locked``: people have already answered)."""
    can_add = not question.type.fixed_options and (not locked or may_add_answers(question))
    return {
        "can_add_answers": can_add,
        # One kind of written answer only: a pasted list cannot say which lines are a grid's statements.
        "can_paste_answers": can_add and question.type.has_options and not getattr(question.type, "option_roles", ()),
        "live_answers_note": LIVE_ANSWERS_NOTE,
    }
