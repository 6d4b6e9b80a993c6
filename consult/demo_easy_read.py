"""Easy-read words and pictures for the demo consultations, in English and Welsh (design section 6).

Kept beside ``consult.demo`` rather than inside it so the standard texts stay readable there. The
entries follow the questions and options in the order ``consult.demo`` adds them; ``add_easy_read``
refuses a mismatch (a question added, removed or of another type) instead of putting words on the
wrong question.

Arabic has no easy-read texts yet: an Arabic reader in easy-read mode gets the standard Arabic words
(the fallback is easy -> standard in the same language), with the pictures and their Arabic alt text.

Agree-scale options get no picture here: the resident pages draw faces beside their words.

Welsh yes/no answers follow the question's verb, as Welsh speakers answer ("Wnaeth ...?" "Do." /
"Naddo."); the standard register keeps the interface's general "Ie" and "Na".
"""

from __future__ import annotations

from dataclasses import dataclass

from consult.models import Consultation
from consult.models.content import EASY
from consult.pictures.services import symbol_picture

EASY_LANGUAGES = ("en", "cy")


@dataclass(frozen=True)
class Pic:
    """An OpenMoji symbol and what it shows, in a few plain words, per language."""

    hexcode: str
    en: str
    cy: str
    ar: str

    def alt(self) -> dict[str, str]:
        return {"en": self.en, "cy": self.cy, "ar": self.ar}


@dataclass(frozen=True)
class EasyOption:
    label: tuple[str, str]  # (English, Welsh)
    picture: Pic


@dataclass(frozen=True)
class EasyQuestion:
    kind: str
    prompt: tuple[str, str]
    picture: Pic
    hint: tuple[str, str] | None = None
    options: tuple[EasyOption, ...] = ()


@dataclass(frozen=True)
class EasyConsultation:
    texts: dict[str, tuple[str, str]]  # consultation field name -> (English, Welsh)
    questions: tuple[EasyQuestion, ...]


def _option(en: str, cy: str, picture: Pic) -> EasyOption:
    return EasyOption((en, cy), picture)


# Used by both questionnaires with the same meaning each time.
TICK = Pic("2705", "A tick", "Tic", "علامة صح")
CROSS = Pic("274C", "A cross", "Croes", "علامة خطأ")
SHRUG = Pic("1F937", "A person shrugging", "Person yn codi ei ysgwyddau", "شخص يهزّ كتفيه")
HOURGLASS = Pic("23F3", "An hourglass", "Awrwydr", "ساعة رملية")


def _yes_no(yes_cy: str, no_cy: str) -> tuple[EasyOption, ...]:
    return (
        _option("Yes", yes_cy, TICK),
        _option("No", no_cy, CROSS),
        _option("I am not sure", "Dydw i ddim yn siŵr", SHRUG),
    )


def equipment(phone: str, address: str) -> EasyConsultation:
    return EasyConsultation(
        texts={
            "title": ("Tell us about your equipment", "Dywedwch wrthym am eich offer"),
            "summary": (
                "We lend you equipment to help you at home. Tell us how it works for you.",
                "Rydyn ni’n rhoi offer i chi ar fenthyg i’ch helpu gartref. "
                "Dywedwch wrthym sut mae’n gweithio i chi.",
            ),
            "purpose": (
                "We lend equipment to people. "
                "It helps you stay safe at home. "
                "It helps you do things for yourself. "
                "We want to know what works well. "
                "We want to know what we should change. "
                "Your answers will help us plan for next year.",
                "Rydyn ni’n rhoi offer i bobl ar fenthyg. "
                "Mae’n eich helpu i aros yn ddiogel gartref. "
                "Mae’n eich helpu i wneud pethau drosoch chi eich hun. "
                "Rydyn ni eisiau gwybod beth sy’n gweithio’n dda. "
                "Rydyn ni eisiau gwybod beth ddylen ni ei newid. "
                "Bydd eich atebion yn ein helpu i gynllunio ar gyfer y flwyddyn nesaf.",
            ),
            "organiser": (
                "We are the Northshire Community Equipment Service. "
                "Northshire Council runs us together with the local NHS.",
                "Gwasanaeth Offer Cymunedol Northshire ydyn ni. "
                "Mae Cyngor Northshire a’r GIG lleol yn ein rhedeg gyda’i gilydd.",
            ),
            "data_use": (
                "We do not ask for your name. "
                "Only the people who plan the service will read your answers. "
                "After the closing date, we will put a report on this website. "
                "It will say what we learned. "
                "It will say what we will change.",
                "Dydyn ni ddim yn gofyn am eich enw. "
                "Dim ond y bobl sy’n cynllunio’r gwasanaeth fydd yn darllen eich atebion. "
                "Ar ôl y dyddiad cau, byddwn ni’n rhoi adroddiad ar y wefan hon. "
                "Bydd yn dweud beth rydyn ni wedi’i ddysgu. "
                "Bydd yn dweud beth fyddwn ni’n ei newid.",
            ),
            "contact": (
                f"Phone us on {phone}. Or send a letter to {address}.",
                f"Ffoniwch ni ar {phone}. Neu anfonwch lythyr at {address}.",
            ),
        },
        questions=(
            EasyQuestion(
                "multiple_choice",
                ("What equipment did you get from us?", "Pa offer gawsoch chi gennym ni?"),
                Pic("1F4E6", "A parcel", "Parsel", "طرد"),
                hint=("Choose all the things you have now. You can choose more than 1.",
                      "Dewiswch bob peth sydd gennych chi nawr. Gallwch ddewis mwy nag 1."),
                options=(
                    _option("Walking aids, like a stick or a walking frame",
                            "Cymhorthion cerdded, fel ffon neu ffrâm gerdded",
                            Pic("1FA7C", "A crutch", "Bagl", "عكّاز")),
                    _option("A wheelchair", "Cadair olwyn",
                            Pic("1F9BD", "A wheelchair", "Cadair olwyn", "كرسي متحرك")),
                    _option("A bed, mattress or bed rails", "Gwely, matres neu reiliau gwely",
                            Pic("1F6CF", "A bed", "Gwely", "سرير")),
                    _option("Things for the bath or shower, like a shower chair",
                            "Pethau ar gyfer y bath neu’r gawod, fel cadair gawod",
                            Pic("1F6BF", "A shower", "Cawod", "دُش")),
                    _option("Things for the toilet, like a higher seat",
                            "Pethau ar gyfer y tŷ bach, fel sedd uwch",
                            Pic("1F6BD", "A toilet", "Toiled", "مرحاض")),
                    _option("A hoist or a sling that lifts you up", "Teclyn codi neu sling sy’n eich codi chi i fyny",
                            # OpenMoji has no hoist. Its "elevator" (1F6D7, tagged hoist) shows a lift in the
                            # UK sense; "help others" (E083) shows a wheelchair being pushed, which is the
                            # answer above; a bed, a crane or a hook each say something else. An arrow
                            # pointing up claims no object it is not: it shows "lifts you up", and the words
                            # say what lifts.
                            Pic("2B06", "An arrow pointing up", "Saeth yn pwyntio i fyny", "سهم يشير إلى الأعلى")),
                    _option("I have none of these", "Does gen i ddim un o’r rhain",
                            Pic("1F645", "A person crossing their arms", "Person yn croesi ei freichiau",
                                "شخص يشبك ذراعيه أمام صدره")),
                ),
            ),
            EasyQuestion(
                "single_choice",
                ("How long did you wait for your equipment?", "Pa mor hir wnaethoch chi aros am eich offer?"),
                Pic("1F69A", "A delivery van", "Fan ddosbarthu", "سيارة توصيل"),
                hint=("Think about the last time you asked us for equipment.",
                      "Meddyliwch am y tro diwethaf i chi ofyn i ni am offer."),
                options=(
                    _option("Less than 1 week", "Llai nag 1 wythnos",
                            Pic("23F1", "A stopwatch", "Stopwats", "ساعة توقيت")),
                    _option("1 to 2 weeks", "1 i 2 wythnos", HOURGLASS),
                    _option("3 to 4 weeks", "3 i 4 wythnos",
                            Pic("1F5D3", "A calendar for a month", "Calendr mis", "تقويم شهري")),
                    _option("More than 4 weeks", "Mwy na 4 wythnos",
                            Pic("1F40C", "A snail", "Malwen", "حلزون")),
                    _option("I do not remember", "Dydw i ddim yn cofio",
                            Pic("1F914", "A face thinking", "Wyneb yn meddwl", "وجه يفكّر")),
                ),
            ),
            EasyQuestion(
                "yes_no",
                ("Did someone show you how to use your equipment safely?",
                 "Wnaeth rhywun ddangos i chi sut i ddefnyddio eich offer yn ddiogel?"),
                Pic("1F9D1-200D-1F3EB", "A person teaching", "Person yn dysgu rhywun", "شخص يعلّم"),
                options=_yes_no("Do", "Naddo"),
            ),
            EasyQuestion(
                "agree_scale",
                ("My equipment makes my life easier every day.",
                 "Mae fy offer yn gwneud fy mywyd yn haws bob dydd."),
                Pic("1F3E1", "A house with a garden", "Tŷ gyda gardd", "بيت له حديقة"),
                hint=("Do you agree? Choose 1 answer.", "Ydych chi’n cytuno? Dewiswch 1 ateb."),
            ),
            EasyQuestion(
                "number",
                ("How many times did you contact us in the last 12 months?",
                 "Sawl gwaith wnaethoch chi gysylltu â ni yn y 12 mis diwethaf?"),
                Pic("260E", "A telephone", "Ffôn", "هاتف"),
                hint=("Count phone calls, emails and visits. If you did not contact us, write 0.",
                      "Cyfrwch alwadau ffôn, negeseuon e-bost ac ymweliadau. "
                      "Os na wnaethoch chi gysylltu â ni, ysgrifennwch 0."),
            ),
            EasyQuestion(
                "short_text",
                ("What town or village do you live in?", "Ym mha dref neu bentref rydych chi’n byw?"),
                Pic("1F3D8", "A group of houses", "Grŵp o dai", "مجموعة من البيوت"),
                hint=("We want to hear from people in all parts of Northshire. Do not write your address.",
                      "Rydyn ni eisiau clywed gan bobl ym mhob rhan o Northshire. "
                      "Peidiwch ag ysgrifennu eich cyfeiriad."),
            ),
            EasyQuestion(
                "long_text",
                ("What could we do better?", "Beth allen ni ei wneud yn well?"),
                Pic("270D", "A hand writing", "Llaw yn ysgrifennu", "يد تكتب"),
                hint=("Use your own words. You can write a lot or a little.",
                      "Defnyddiwch eich geiriau eich hun. Gallwch ysgrifennu llawer neu ychydig."),
            ),
            EasyQuestion(
                "single_choice",
                ("How old are you?", "Faint yw eich oed chi?"),
                Pic("1F382", "A birthday cake", "Cacen pen-blwydd", "كعكة عيد ميلاد"),
                hint=("We want to hear from people of all ages.", "Rydyn ni eisiau clywed gan bobl o bob oed."),
                options=(
                    _option("17 or younger", "17 oed neu iau",
                            Pic("1F9D2", "A child", "Plentyn", "طفل")),
                    _option("18 to 44", "18 i 44 oed",
                            Pic("1F9D1", "An adult", "Oedolyn", "شخص بالغ")),
                    _option("45 to 64", "45 i 64 oed",
                            Pic("1F9D1-200D-1F9B3", "An adult with grey hair", "Oedolyn â gwallt llwyd",
                                "شخص بالغ شعره رمادي")),
                    _option("65 to 74", "65 i 74 oed",
                            Pic("1F9D3", "An older person", "Person hŷn", "شخص مسنّ")),
                    _option("75 to 84", "75 i 84 oed",
                            Pic("1F474", "An older man", "Dyn hŷn", "رجل مسنّ")),
                    _option("85 or older", "85 oed neu hŷn",
                            Pic("1F475", "An older woman", "Menyw hŷn", "امرأة مسنّة")),
                    _option("I do not want to say", "Dydw i ddim eisiau dweud",
                            Pic("1F910", "A face with a zip over its mouth", "Wyneb â sip dros ei geg",
                                "وجه على فمه سحّاب")),
                ),
            ),
        ),
    )


def wheelchair_repairs() -> EasyConsultation:
    return EasyConsultation(
        texts={
            "title": ("Fixing wheelchairs", "Trwsio cadeiriau olwyn"),
            "summary": ("How soon should we fix a broken wheelchair?",
                        "Pa mor fuan dylen ni drwsio cadair olwyn sydd wedi torri?"),
            "purpose": ("We asked wheelchair users how long they could wait for a repair.",
                        "Gofynnon ni i bobl sy’n defnyddio cadair olwyn pa mor hir y gallen nhw aros."),
            "organiser": ("We are the Northshire Community Equipment Service.",
                          "Gwasanaeth Offer Cymunedol Northshire ydyn ni."),
            "data_use": ("We did not ask for names. Only the people who plan repairs read the answers.",
                         "Wnaethon ni ddim gofyn am enwau. "
                         "Dim ond y bobl sy’n cynllunio’r gwaith trwsio wnaeth ddarllen yr atebion."),
        },
        questions=(
            EasyQuestion(
                "yes_no",
                ("Did your wheelchair need fixing in the last year?",
                 "Oedd angen trwsio eich cadair olwyn yn y flwyddyn ddiwethaf?"),
                Pic("1F527", "A spanner", "Sbaner", "مفتاح ربط"),
                options=_yes_no("Oedd", "Nac oedd"),
            ),
            EasyQuestion(
                "long_text",
                ("What happened while you waited for your wheelchair?",
                 "Beth ddigwyddodd tra oeddech chi’n aros am eich cadair olwyn?"),
                HOURGLASS,
            ),
        ),
    )


def add_easy_read(consultation: Consultation, easy: EasyConsultation) -> None:
    """Put the easy-read words and the pictures on a consultation that ``consult.demo`` just built."""
    questions = list(consultation.questions)
    if [q.kind for q in questions] != [e.kind for e in easy.questions]:
        raise ValueError(f"easy-read questions do not match {consultation.slug!r}")
    for name, words in easy.texts.items():
        _set_easy(getattr(consultation, name), words, name)
    for question, entry in zip(questions, easy.questions):
        where = f"{consultation.slug} question {question.position}"
        _set_easy(question.prompt, entry.prompt, where)
        if (question.hint is None) != (entry.hint is None):
            raise ValueError(f"{where}: a hint in one register only")
        if entry.hint:
            _set_easy(question.hint, entry.hint, where)
        question.picture = symbol_picture(entry.picture.hexcode, entry.picture.alt(), "en")
        if question.type.shows_faces:
            continue  # faces are drawn beside the scale's words; its labels are interface strings
        if len(question.options) != len(entry.options):
            raise ValueError(f"{where}: {len(entry.options)} easy-read options for {len(question.options)}")
        for option, easy_option in zip(question.options, entry.options):
            _set_easy(option.label, easy_option.label, f"{where} option {option.value}")
            option.picture = symbol_picture(easy_option.picture.hexcode, easy_option.picture.alt(), "en")


def _set_easy(block, words: tuple[str, str], where: str) -> None:
    if block is None:
        raise ValueError(f"{where}: no standard text to go with the easy-read one")
    for language, body in zip(EASY_LANGUAGES, words, strict=True):
        block.set(language, body, register=EASY)
