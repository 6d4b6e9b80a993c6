"""Outcomes translated the way publishing the results asks: Welsh and Arabic, and easy read in the
languages where the consultation has an easy-read version (the demo: English and Welsh)."""

from __future__ import annotations

from consult.extensions import db
from consult.models import Consultation
from consult.models.content import EASY
from consult.results.outcomes import outcomes_of

HEARD = {"cy": "Mae atgyweiriadau'n cymryd gormod o amser.", "ar": "قلتم إن الإصلاحات تستغرق وقتًا طويلًا جدًا."}
ACTION = {"cy": "Byddwn yn cyflogi mwy o beirianwyr.", "ar": "سنوظّف مزيدًا من المهندسين."}
HEARD_EASY = {"en": "Repairs are slow.", "cy": "Mae trwsio'n araf."}
ACTION_EASY = {"en": "We will get 2 more engineers.", "cy": "Byddwn yn cael 2 beiriannydd arall."}
PICTURE_ALT = {"cy": "Sbaner", "ar": "مفتاح ربط"}


def translate_outcomes(consultation_id: int) -> None:
    """Give every outcome of the consultation its Welsh, Arabic and easy-read words (keeps easy-read
    words staff already wrote), and commit."""
    consultation = db.session.get(Consultation, consultation_id)
    for outcome in outcomes_of(consultation):
        for block, standard, easy in ((outcome.heard, HEARD, HEARD_EASY), (outcome.action, ACTION, ACTION_EASY)):
            for language, words in standard.items():
                block.set(language, words)
            have = {variant.language for variant in block.variants if variant.register == EASY}
            for language, words in easy.items():
                if language not in have:
                    block.set(language, words, register=EASY)
        if outcome.picture is not None:
            for language, words in PICTURE_ALT.items():
                outcome.picture.alt.set(language, words)
    db.session.commit()
