"""The "About you" monitoring questions: their words, easy-read words and pictures, as plain data.

Five single-choice questions (age band, disability, carer, ethnic group, area), each optional, each
with "Prefer not to say", each with a hint that says in plain words why we ask. The words are here
in English, Welsh and Arabic (standard) and in English and Welsh (easy read); a consultation gets
the ones in the languages it offers, and staff translate the rest as they would any question.

The age bands are the usual ten-year monitoring bands (with 18 to 24 split off as usual); the
ethnic groups are the five broad groups of the 2021 census for England and Wales, in plain words.
Areas are local, so the area question starts with two example areas that say they must be changed.

``services.add_about_you`` turns these into questions. Each question is marked in its settings
(``{"about_you": "age"}``) so the reach view can find it whatever staff do to its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.translating import lazy_gettext as _l

SETTING = "about_you"
# The languages these words are written in; easy read only in English and Welsh.
LANGUAGES = ("en", "cy", "ar")
EASY_LANGUAGES = ("en", "cy")


@dataclass(frozen=True)
class Words:
    """One text: standard words per language, easy-read words per language (may be empty)."""

    standard: dict[str, str]
    easy: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Picture:
    """An OpenMoji symbol and what it shows, per language (its alt text)."""

    hexcode: str
    alt: dict[str, str]


@dataclass(frozen=True)
class Choice:
    value: str  # a stable code for exports ("75_84")
    label: Words
    picture: Picture | None = None


@dataclass(frozen=True)
class AboutYouQuestion:
    key: str  # the settings marker: "age", "disability", ...
    name: object  # what staff call it ("Age"), an interface string
    prompt: Words
    hint: Words
    picture: Picture
    choices: tuple[Choice, ...]


def _words(en: str, cy: str, ar: str, easy_en: str | None = None, easy_cy: str | None = None) -> Words:
    """Standard words in three languages; the easy-read words are the same unless given."""
    return Words({"en": en, "cy": cy, "ar": ar}, {"en": easy_en or en, "cy": easy_cy or cy})


# Why we ask, in every question's hint (after anything that belongs to the question itself).
WHY = ("We ask so we can check we hear from everyone. You do not have to answer.",
       "Rydyn ni’n gofyn er mwyn gwneud yn siŵr ein bod ni’n clywed gan bawb. Does dim rhaid i chi ateb.",
       "نسأل لنتأكد من أننا نسمع من الجميع. لا يلزمك أن تجيب.")
WHY_EASY = ("We ask this to check we hear from all kinds of people. You do not have to answer.",
            "Rydyn ni’n gofyn hyn i wneud yn siŵr ein bod ni’n clywed gan bob math o bobl. "
            "Does dim rhaid i chi ateb.")


def _hint(before: tuple[str, str, str] | None = None, before_easy: tuple[str, str] | None = None) -> Words:
    def joined(first, second):
        return f"{first} {second}" if first else second

    standard = {language: joined(before[n] if before else "", WHY[n]) for n, language in enumerate(LANGUAGES)}
    easy = {language: joined(before_easy[n] if before_easy else "", WHY_EASY[n])
            for n, language in enumerate(EASY_LANGUAGES)}
    return Words(standard, easy)


TICK = Picture("2705", {"en": "A tick", "cy": "Tic", "ar": "علامة صح"})
CROSS = Picture("274C", {"en": "A cross", "cy": "Croes", "ar": "علامة خطأ"})
ZIPPED = Picture("1F910", {"en": "A face with its mouth zipped shut", "cy": "Wyneb â’i geg wedi’i chau â sip",
                           "ar": "وجه فمه مغلق بسحّاب"})

PREFER_NOT = Choice("prefer_not", _words("Prefer not to say", "Mae’n well gen i beidio â dweud", "أفضّل ألا أقول",
                                         "I do not want to say", "Dydw i ddim eisiau dweud"), ZIPPED)


def _band(low: int, high: int) -> Choice:
    return Choice(f"{low}_{high}", _words(f"{low} to {high}", f"{low} i {high}", f"من {low} إلى {high}"))


AGE = AboutYouQuestion(
    key="age", name=_l("Age"),
    prompt=_words("How old are you?", "Faint yw eich oed chi?", "كم عمرك؟"),
    hint=_hint(),
    picture=Picture("1F382", {"en": "A birthday cake", "cy": "Cacen pen-blwydd", "ar": "كعكة عيد ميلاد"}),
    choices=(
        Choice("under_18", _words("Under 18", "Dan 18", "أقل من 18", "Younger than 18", "Iau na 18")),
        _band(18, 24), _band(25, 34), _band(35, 44), _band(45, 54), _band(55, 64), _band(65, 74), _band(75, 84),
        Choice("85_over", _words("85 or over", "85 neu drosodd", "85 أو أكثر", "85 or older", "85 neu hŷn")),
    ),
)

DISABILITY = AboutYouQuestion(
    key="disability", name=_l("Disability"),
    prompt=_words("Do you have a disability or long-term health condition?",
                  "Oes gennych chi anabledd neu gyflwr iechyd hirdymor?",
                  "هل لديك إعاقة أو حالة صحية طويلة الأمد؟",
                  "Do you have a disability or an illness that lasts a long time?",
                  "Oes gennych chi anabledd neu salwch sy’n para amser hir?"),
    hint=_hint(("Long-term means 12 months or more.", "Ystyr hirdymor yw 12 mis neu fwy.",
                "طويلة الأمد تعني 12 شهرًا أو أكثر."),
               ("A long time means 1 year or more.", "Mae amser hir yn golygu 1 flwyddyn neu fwy.")),
    picture=Picture("267F", {"en": "The wheelchair symbol", "cy": "Symbol y gadair olwyn",
                             "ar": "رمز الكرسي المتحرك"}),
    # Welsh answers the question's own verb, as Welsh speakers do: "Oes gennych chi ...?" "Oes." / "Nac oes."
    choices=(Choice("yes", _words("Yes", "Oes", "نعم"), TICK), Choice("no", _words("No", "Nac oes", "لا"), CROSS)),
)

CARER = AboutYouQuestion(
    key="carer", name=_l("Looking after someone"),
    prompt=_words("Do you look after or give help to someone because of illness, disability or age?",
                  "Ydych chi’n gofalu am rywun, neu’n rhoi help i rywun, oherwydd salwch, anabledd neu oed?",
                  "هل تعتني بشخص ما أو تساعده بسبب المرض أو الإعاقة أو التقدم في السن؟",
                  "Do you help someone who is ill, disabled or older?",
                  "Ydych chi’n helpu rhywun sy’n sâl, yn anabl neu’n hŷn?"),
    hint=_hint(("Do not count help you give as part of a paid job.",
                "Peidiwch â chyfrif help rydych chi’n ei roi fel rhan o swydd â thâl.",
                "لا تحتسب المساعدة التي تقدمها كجزء من عمل مدفوع الأجر."),
               ("Do not count help you give in a paid job.",
                "Peidiwch â chyfrif help rydych chi’n ei roi mewn swydd â thâl.")),
    picture=Picture("1F9D1-200D-1F91D-200D-1F9D1", {"en": "Two people holding hands",
                                                    "cy": "Dau berson yn dal dwylo",
                                                    "ar": "شخصان يمسكان بأيدي بعضهما"}),
    choices=(Choice("yes", _words("Yes", "Ydw", "نعم"), TICK), Choice("no", _words("No", "Nac ydw", "لا"), CROSS)),
)

ETHNICITY = AboutYouQuestion(
    key="ethnicity", name=_l("Ethnic group"),
    prompt=_words("What is your ethnic group?", "Beth yw eich grŵp ethnig?", "ما هي مجموعتك العرقية؟",
                  "What is your ethnic group?", "Beth yw eich grŵp ethnig chi?"),
    hint=_hint(("Choose the one that describes you best.", "Dewiswch yr un sy’n eich disgrifio orau.",
                "اختر المجموعة التي تصفك أكثر من غيرها."),
               ("This is about your family background and culture.",
                "Mae hyn yn ymwneud â chefndir a diwylliant eich teulu.")),
    picture=Picture("1F30D", {"en": "The world", "cy": "Y byd", "ar": "العالم"}),
    choices=(
        Choice("asian", _words("Asian, Asian British or Asian Welsh", "Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig",
                               "آسيوي أو آسيوي بريطاني أو آسيوي ويلزي")),
        Choice("black", _words("Black, Black British, Black Welsh, Caribbean or African",
                               "Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd",
                               "أسود أو أسود بريطاني أو أسود ويلزي أو كاريبي أو أفريقي")),
        Choice("mixed", _words("Mixed or more than one ethnic group", "Cymysg neu fwy nag un grŵp ethnig",
                               "مختلط أو أكثر من مجموعة عرقية واحدة")),
        Choice("white", _words("White", "Gwyn", "أبيض")),
        Choice("other", _words("Another ethnic group", "Grŵp ethnig arall", "مجموعة عرقية أخرى")),
    ),
)

AREA = AboutYouQuestion(
    key="area", name=_l("Area"),
    prompt=_words("Which area do you live in?", "Ym mha ardal ydych chi’n byw?", "في أي منطقة تسكن؟",
                  "Where do you live?", "Ble rydych chi’n byw?"),
    hint=_hint(),
    picture=Picture("1F3E0", {"en": "A house", "cy": "Tŷ", "ar": "منزل"}),
    # Areas are local: these two say on their face that staff must replace them, so a preview
    # (or anyone checking the questions before publishing) cannot miss them.
    choices=(
        Choice("area_1", _words("Example area 1 (staff: change this)", "Ardal enghreifftiol 1 (staff: newidiwch hyn)",
                                "منطقة مثال 1 (للموظفين: غيّروا هذا)")),
        Choice("area_2", _words("Example area 2 (staff: change this)", "Ardal enghreifftiol 2 (staff: newidiwch hyn)",
                                "منطقة مثال 2 (للموظفين: غيّروا هذا)")),
    ),
)

QUESTIONS = (AGE, DISABILITY, CARER, ETHNICITY, AREA)
BY_KEY = {question.key: question for question in QUESTIONS}
