"""Ready-made questions worded as in the 2021 census for England and Wales and the Government
Statistical Service (GSS) harmonised standards: ethnic group, sex, gender identity, sexual orientation,
religion and disability. As plain data, in English, Welsh and Arabic.

Using the census wording lets a council compare who answered with census figures for its area, so
the reach view ("who is missing") works with them as with the five short "About you" questions:
each is marked in its settings (``{"about_you": "census_sex"}``) and each answer is a group.

The English follows the census questionnaire for Wales (so "Asian Welsh" and "Black Welsh" are in the
headings); the Welsh follows the Welsh-language census questionnaire as closely as we know it; the
Arabic is our own rendering. Each question is optional and gets "Prefer not to say", as in
``about_you``. Answers with a box ("Any other White background") ask people to describe it.

The census asks the gender identity and sexual orientation questions of people aged 16 or over:
staff should add them only where everyone answering is 16 or over, or put them behind an age question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.reach.about_you import Picture, Words, _hint, _words
from consult.translating import lazy_gettext as _l

SETTING_PREFIX = "census_"


@dataclass(frozen=True)
class CensusChoice:
    value: str  # a stable code for exports ("white_irish")
    label: Words
    # The answer asks people to describe it in a box ("Any other White background").
    write_in: bool = False


@dataclass(frozen=True)
class CensusGroup:
    """A heading over some answers, as the census groups its ethnic-group answers."""

    heading: Words
    choices: tuple[CensusChoice, ...]


@dataclass(frozen=True)
class CensusQuestion:
    key: str  # the settings marker, "census_..."
    name: object  # what staff call it, an interface string
    prompt: Words
    hint: Words
    picture: Picture
    choices: tuple[CensusChoice, ...] = ()
    groups: tuple[CensusGroup, ...] = field(default=())
    # Asked of people aged 16 or over in the census.
    over_16: bool = False

    @property
    def all_choices(self) -> tuple[CensusChoice, ...]:
        """Every answer, in order: the ungrouped ones, then each group's."""
        return self.choices + tuple(choice for group in self.groups for choice in group.choices)


def _choice(value: str, en: str, cy: str, ar: str, write_in: bool = False) -> CensusChoice:
    return CensusChoice(value, _words(en, cy, ar), write_in)


ETHNIC_GROUP = CensusQuestion(
    key="census_ethnic_group", name=_l("Ethnic group (census)"),
    prompt=_words("What is your ethnic group?", "Beth yw eich grŵp ethnig?", "ما هي مجموعتك العرقية؟"),
    hint=_hint(("Choose the one answer that best describes your ethnic group or background.",
                "Dewiswch yr un ateb sy’n disgrifio eich grŵp neu eich cefndir ethnig orau.",
                "اختر الإجابة الواحدة التي تصف مجموعتك أو خلفيتك العرقية على أفضل وجه.")),
    picture=Picture("1F30D", {"en": "The world", "cy": "Y byd", "ar": "العالم"}),
    groups=(
        CensusGroup(_words("White", "Gwyn", "أبيض"), (
            _choice("white_british", "Welsh, English, Scottish, Northern Irish or British",
                    "Cymreig, Seisnig, Albanaidd, Gwyddelig Gogledd Iwerddon neu Brydeinig",
                    "ويلزي أو إنجليزي أو اسكتلندي أو من أيرلندا الشمالية أو بريطاني"),
            _choice("white_irish", "Irish", "Gwyddelig", "أيرلندي"),
            _choice("white_gypsy_traveller", "Gypsy or Irish Traveller", "Sipsi neu Deithiwr Gwyddelig",
                    "غجري أو من الرُّحَّل الأيرلنديين"),
            _choice("white_roma", "Roma", "Roma", "روما"),
            _choice("white_other", "Any other White background", "Unrhyw gefndir Gwyn arall",
                    "أي خلفية بيضاء أخرى", write_in=True),
        )),
        CensusGroup(_words("Mixed or Multiple ethnic groups", "Grwpiau ethnig Cymysg neu Luosog",
                           "مجموعات عرقية مختلطة أو متعددة"), (
            _choice("mixed_white_black_caribbean", "White and Black Caribbean", "Gwyn a Du Caribïaidd",
                    "أبيض وأسود كاريبي"),
            _choice("mixed_white_black_african", "White and Black African", "Gwyn a Du Affricanaidd",
                    "أبيض وأسود أفريقي"),
            _choice("mixed_white_asian", "White and Asian", "Gwyn ac Asiaidd", "أبيض وآسيوي"),
            _choice("mixed_other", "Any other Mixed or Multiple ethnic background",
                    "Unrhyw gefndir ethnig Cymysg neu Luosog arall", "أي خلفية عرقية مختلطة أو متعددة أخرى",
                    write_in=True),
        )),
        CensusGroup(_words("Asian, Asian Welsh or Asian British", "Asiaidd, Asiaidd Cymreig neu Asiaidd Prydeinig",
                           "آسيوي أو آسيوي ويلزي أو آسيوي بريطاني"), (
            _choice("asian_indian", "Indian", "Indiaidd", "هندي"),
            _choice("asian_pakistani", "Pakistani", "Pacistanaidd", "باكستاني"),
            _choice("asian_bangladeshi", "Bangladeshi", "Bangladeshaidd", "بنغلاديشي"),
            _choice("asian_chinese", "Chinese", "Tsieineaidd", "صيني"),
            _choice("asian_other", "Any other Asian background", "Unrhyw gefndir Asiaidd arall",
                    "أي خلفية آسيوية أخرى", write_in=True),
        )),
        CensusGroup(_words("Black, Black Welsh, Black British, Caribbean or African",
                           "Du, Du Cymreig, Du Prydeinig, Caribïaidd neu Affricanaidd",
                           "أسود أو أسود ويلزي أو أسود بريطاني أو كاريبي أو أفريقي"), (
            _choice("black_caribbean", "Caribbean", "Caribïaidd", "كاريبي"),
            _choice("black_african", "African background", "Cefndir Affricanaidd", "خلفية أفريقية", write_in=True),
            _choice("black_other", "Any other Black, Black Welsh, Black British or Caribbean background",
                    "Unrhyw gefndir Du, Du Cymreig, Du Prydeinig neu Garibïaidd arall",
                    "أي خلفية سوداء أو سوداء ويلزية أو سوداء بريطانية أو كاريبية أخرى", write_in=True),
        )),
        CensusGroup(_words("Other ethnic group", "Grŵp ethnig arall", "مجموعة عرقية أخرى"), (
            _choice("other_arab", "Arab", "Arabaidd", "عربي"),
            _choice("other_any", "Any other ethnic group", "Unrhyw grŵp ethnig arall", "أي مجموعة عرقية أخرى",
                    write_in=True),
        )),
    ),
)

SEX = CensusQuestion(
    key="census_sex", name=_l("Sex (census)"),
    prompt=_words("What is your sex?", "Beth yw eich rhyw?", "ما جنسك؟"),
    hint=_hint(("A question about gender identity may follow.",
                "Efallai y bydd cwestiwn am hunaniaeth o ran rhywedd yn dilyn.",
                "قد يليه سؤال عن الهوية الجندرية.")),
    picture=Picture("1F465", {"en": "Two people", "cy": "Dau berson", "ar": "شخصان"}),
    choices=(_choice("female", "Female", "Benyw", "أنثى"), _choice("male", "Male", "Gwryw", "ذكر")),
)

GENDER_IDENTITY = CensusQuestion(
    key="census_gender_identity", name=_l("Gender identity (census)"), over_16=True,
    prompt=_words("Is the gender you identify with the same as your sex registered at birth?",
                  "Ydy’r rhywedd rydych chi’n uniaethu ag ef yr un fath â’r rhyw a gofrestrwyd adeg eich geni?",
                  "هل النوع الاجتماعي الذي تُعرِّف نفسك به هو نفسه الجنس الذي سُجِّل لك عند الولادة؟"),
    hint=_hint(("This question is for people aged 16 or over.", "Mae’r cwestiwn hwn ar gyfer pobl 16 oed neu hŷn.",
                "هذا السؤال للأشخاص الذين تبلغ أعمارهم 16 عامًا أو أكثر.")),
    picture=Picture("26A7", {"en": "The transgender symbol", "cy": "Symbol trawsryweddol",
                             "ar": "رمز العبور الجندري"}),
    choices=(
        _choice("yes", "Yes", "Ydy", "نعم"),
        _choice("no", "No, write in your gender identity", "Nac ydy, ysgrifennwch eich hunaniaeth o ran rhywedd",
                "لا، اكتب هويتك الجندرية", write_in=True),
    ),
)

SEXUAL_ORIENTATION = CensusQuestion(
    key="census_sexual_orientation", name=_l("Sexual orientation (census)"), over_16=True,
    prompt=_words("Which of the following best describes your sexual orientation?",
                  "Pa un o’r canlynol sy’n disgrifio eich cyfeiriadedd rhywiol orau?",
                  "أيٌّ مما يلي يصف ميولك الجنسية على أفضل وجه؟"),
    hint=_hint(("This question is for people aged 16 or over.", "Mae’r cwestiwn hwn ar gyfer pobl 16 oed neu hŷn.",
                "هذا السؤال للأشخاص الذين تبلغ أعمارهم 16 عامًا أو أكثر.")),
    picture=Picture("1F3F3-FE0F-200D-1F308", {"en": "A rainbow flag", "cy": "Baner enfys", "ar": "علم قوس قزح"}),
    choices=(
        _choice("straight", "Straight or Heterosexual", "Syth neu Heterorywiol", "مغاير الجنس"),
        _choice("gay_lesbian", "Gay or Lesbian", "Hoyw neu Lesbiaidd", "مثلي أو مثلية"),
        _choice("bisexual", "Bisexual", "Deurywiol", "ثنائي الميول الجنسية"),
        _choice("other", "Other sexual orientation", "Cyfeiriadedd rhywiol arall", "ميول جنسية أخرى", write_in=True),
    ),
)

RELIGION = CensusQuestion(
    key="census_religion", name=_l("Religion (census)"),
    prompt=_words("What is your religion?", "Beth yw eich crefydd?", "ما ديانتك؟"),
    hint=_hint(),
    picture=Picture("1F64F", {"en": "Hands pressed together", "cy": "Dwylo wedi’u gwasgu at ei gilydd",
                              "ar": "يدان مضمومتان"}),
    choices=(
        _choice("no_religion", "No religion", "Dim crefydd", "لا دين"),
        _choice("christian", "Christian (all denominations)", "Cristion (pob enwad)", "مسيحي (جميع الطوائف)"),
        _choice("buddhist", "Buddhist", "Bwdhydd", "بوذي"),
        _choice("hindu", "Hindu", "Hindŵ", "هندوسي"),
        _choice("jewish", "Jewish", "Iddew", "يهودي"),
        _choice("muslim", "Muslim", "Mwslim", "مسلم"),
        _choice("sikh", "Sikh", "Sikh", "سيخي"),
        _choice("other", "Any other religion", "Unrhyw grefydd arall", "أي ديانة أخرى", write_in=True),
    ),
)

DISABILITY = CensusQuestion(
    key="census_disability", name=_l("Disability (census)"),
    prompt=_words("Are your day-to-day activities limited because of a health problem or disability which has "
                  "lasted, or is expected to last, at least 12 months?",
                  "A yw eich gweithgareddau o ddydd i ddydd wedi’u cyfyngu oherwydd problem iechyd neu anabledd "
                  "sydd wedi para, neu y disgwylir iddo bara, o leiaf 12 mis?",
                  "هل أنشطتك اليومية محدودة بسبب مشكلة صحية أو إعاقة استمرت، أو يُتوقَّع أن تستمر، "
                  "12 شهرًا على الأقل؟"),
    hint=_hint(("Include problems related to old age.", "Dylech gynnwys problemau sy’n gysylltiedig â henaint.",
                "اشمل المشكلات المرتبطة بالتقدم في السن.")),
    picture=Picture("267F", {"en": "The wheelchair symbol", "cy": "Symbol y gadair olwyn",
                             "ar": "رمز الكرسي المتحرك"}),
    choices=(
        _choice("limited_lot", "Yes, limited a lot", "Ydyn, wedi’u cyfyngu’n fawr", "نعم، محدودة كثيرًا"),
        _choice("limited_little", "Yes, limited a little", "Ydyn, wedi’u cyfyngu ychydig", "نعم، محدودة قليلًا"),
        _choice("not_limited", "No", "Nac ydyn", "لا"),
    ),
)

QUESTIONS = (ETHNIC_GROUP, SEX, GENDER_IDENTITY, SEXUAL_ORIENTATION, RELIGION, DISABILITY)
BY_KEY = {question.key: question for question in QUESTIONS}
