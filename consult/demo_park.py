"""The second demo consultation: a council asking about its park, with the answer types a real
questionnaire needs (a date, a grid of proposals on one scale, a ranking, money, a decimal number,
"Other, please specify", a postcode) and branching, in English and Welsh, each with its easy-read version.

Seeded by ``consult.demo.seed_demo`` beside the equipment consultation, so a newcomer sees these
types after ``make run``.
"""

from __future__ import annotations

from datetime import timedelta

from consult import branching
from consult.build.branching_rules import ConditionInput, RuleInput, save_rule
from consult.build.option_groups import set_other_option
from consult.build.questions import add_question, set_condition
from consult.build.sections import add_to_section, make_section
from consult.build.services import create_consultation
from consult.demo_easy_read import EasyConsultation, EasyOption, EasyQuestion, Pic, add_easy_read
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.content import EASY

PARK_SLUG = "riverside-park"


def _words(en: str, cy: str) -> dict[str, str]:
    return {"en": en, "cy": cy}


def _pic(hexcode: str, en: str, cy: str, ar: str) -> Pic:
    # Alt text in Arabic too, ready for when the consultation is offered in Arabic.
    return Pic(hexcode, en, cy, ar)


PARK = _pic("1F333", "A tree", "Coeden", "شجرة")
SUN = _pic("2600", "The sun", "Yr haul", "الشمس")
WEEK = _pic("1F4C6", "A page from a calendar", "Tudalen o galendr", "ورقة من تقويم")
MONTH = _pic("1F4C5", "A calendar", "Calendr", "تقويم")
HOURGLASS = _pic("23F3", "An hourglass", "Awrwydr", "ساعة رملية")
NEVER = _pic("274C", "A cross", "Croes", "علامة خطأ")
LAST_VISIT = _pic("1F5D3", "A calendar with a spiral", "Calendr gyda sbiral", "تقويم حلزوني")
IDEA = _pic("1F4A1", "A light bulb", "Bwlb golau", "مصباح كهربائي")
BENCH = _pic("1FA91", "A chair", "Cadair", "كرسي")
CAFE = _pic("2615", "A hot drink", "Diod boeth", "مشروب ساخن")
TOILET = _pic("1F6BD", "A toilet", "Toiled", "مرحاض")
WHEELCHAIR = _pic("267F", "The wheelchair sign", "Arwydd cadair olwyn", "علامة الكرسي المتحرك")
AGREE_A_LOT = _pic("1F600", "A big smile", "Gwên fawr", "ابتسامة عريضة")
AGREE = _pic("1F642", "A smile", "Gwên", "ابتسامة")
NEUTRAL = _pic("1F610", "A face that is not happy or sad", "Wyneb sydd ddim yn hapus nac yn drist",
               "وجه ليس سعيدًا ولا حزينًا")
DISAGREE = _pic("1F641", "A sad face", "Wyneb trist", "وجه حزين")
DISAGREE_A_LOT = _pic("1F61E", "A very sad face", "Wyneb trist iawn", "وجه حزين جدًا")
TROPHY = _pic("1F3C6", "A cup for the winner", "Cwpan i’r enillydd", "كأس للفائز")
TOILET_SIGN = _pic("1F6BB", "The toilet sign", "Arwydd y toiledau", "علامة دورة المياه")
FOOTPRINTS = _pic("1F463", "Footprints", "Olion traed", "آثار أقدام")
SOFA = _pic("1F6CB", "A seat with cushions", "Sedd gyda chlustogau", "مقعد بوسائد")
SANDWICH = _pic("1F96A", "A sandwich", "Brechdan", "شطيرة")
MONEY = _pic("1F4B7", "A bank note", "Papur arian", "ورقة نقدية")
MAP = _pic("1F5FA", "A map", "Map", "خريطة")
WALK = _pic("1F6B6", "A person walking", "Person yn cerdded", "شخص يمشي")
BUS = _pic("1F68C", "A bus", "Bws", "حافلة")
CAR = _pic("1F697", "A car", "Car", "سيارة")
BIKE = _pic("1F6B2", "A bicycle", "Beic", "دراجة")
PENCIL = _pic("270F", "A pencil", "Pensil", "قلم رصاص")
RULER = _pic("1F4CF", "A ruler", "Pren mesur", "مسطرة")
HOUSE = _pic("1F3E0", "A house", "Tŷ", "بيت")

VISITS = [("Every day", "Bob dydd"), ("Every week", "Bob wythnos"), ("Every month", "Bob mis"),
          ("Less often", "Yn llai aml"), ("Never", "Byth")]
IDEAS = [("More benches and shade", "Mwy o feinciau a chysgod"),
         ("A café run by local people", "Caffi sy’n cael ei redeg gan bobl leol"),
         ("Toilets open all year", "Toiledau ar agor drwy’r flwyddyn"),
         ("Wider, smoother paths for wheelchairs and buggies",
          "Llwybrau lletach a llyfnach ar gyfer cadeiriau olwyn a bygis")]
FIRST = [("Toilets", "Toiledau"), ("Paths", "Llwybrau"), ("Benches", "Meinciau"), ("A café", "Caffi")]
TRAVEL = [("Walking", "Cerdded"), ("Bus", "Bws"), ("Car", "Car"), ("Bicycle", "Beic")]


def park_consultation() -> Consultation:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        PARK_SLUG,
        status="published",
        other_languages=["cy"],
        title=_words("Riverside Park: what should change?", "Parc Glan yr Afon: beth ddylai newid?"),
        summary=_words("Tell us how you use Riverside Park and what we should do first.",
                       "Dywedwch wrthym sut rydych chi’n defnyddio Parc Glan yr Afon a beth ddylen ni ei wneud gyntaf."),
        purpose=_words("We have money to improve the park next year, but not enough to do everything. "
                       "Your answers will decide what we do first.",
                       "Mae gennym arian i wella’r parc y flwyddyn nesaf, ond dim digon i wneud popeth. "
                       "Bydd eich atebion yn penderfynu beth rydym yn ei wneud gyntaf."),
        organiser=_words("Northshire Council parks team.", "Tîm parciau Cyngor Northshire."),
        data_use=_words("We do not ask for your name. Only the parks team reads your answers.",
                        "Nid ydym yn gofyn am eich enw. Dim ond y tîm parciau sy’n darllen eich atebion."),
        contact=_words("Call us on 01234 567 891.", "Ffoniwch ni ar 01234 567 891."),
        opens_at=now - timedelta(days=7),
        closes_at=(now + timedelta(days=60)).replace(hour=23, minute=59),
        estimated_minutes=5,
    )
    visits = add_question(consultation, "single_choice",
                          _words("How often do you visit Riverside Park?",
                                 "Pa mor aml ydych chi’n ymweld â Pharc Glan yr Afon?"),
                          options=[_words(en, cy) for en, cy in VISITS])
    last_visit = add_question(consultation, "date",
                              _words("When did you last visit the park?",
                                     "Pryd wnaethoch chi ymweld â’r parc ddiwethaf?"),
                              required=False, settings={"rule": "past"})
    # Branching: only people who visit are asked when they last came.
    set_condition(last_visit, [option for option in visits.options if option.value != "option_5"])
    add_question(consultation, "grid",
                 _words("How much do you agree with each idea?",
                        "I ba raddau ydych chi’n cytuno â phob syniad?"),
                 options=[_words(en, cy) for en, cy in IDEAS])
    add_question(consultation, "ranking",
                 _words("Which should we do first? Put them in order.",
                        "Beth ddylen ni ei wneud gyntaf? Rhowch nhw mewn trefn."),
                 options=[_words(en, cy) for en, cy in FIRST])
    money = add_question(consultation, "money",
                         _words("How much more would you pay each year to keep the park open until 9pm in summer?",
                                "Faint yn fwy y byddech chi’n ei dalu bob blwyddyn i gadw’r parc ar agor tan 9pm "
                                "yn yr haf?"),
                         required=False, settings={"min": "0", "max": "500"})
    # Branching on two answers at once: asked of people who come at least once a month AND said when
    # they last came (the builder and paper read it as "... and ...").
    save_rule(money, RuleInput(match=branching.ALL, conditions=[
        ConditionInput(visits.id, branching.CHOSEN, [option.id for option in visits.options[:3]]),
        ConditionInput(last_visit.id, branching.ANSWERED)]), "en")
    travel = add_question(consultation, "multiple_choice",
                          _words("How do you get to the park?", "Sut ydych chi’n cyrraedd y parc?"),
                          options=[_words(en, cy) for en, cy in TRAVEL], required=False)
    set_other_option(travel, True, _words("Another way", "Ffordd arall"), "en")
    distance = add_question(consultation, "decimal",
                            _words("About how far do you live from the park, in miles?",
                                   "Tua pa mor bell ydych chi’n byw o’r parc, mewn milltiroedd?"),
                            required=False, settings={"min": "0", "max": "100"})
    postcode = add_question(consultation, "postcode",
                            _words("What is your postcode?", "Beth yw eich cod post?"), required=False)
    # A section: the last two questions on one page.
    section = make_section(consultation, distance, "Where you live")
    add_to_section(consultation, section, postcode)
    section.title.set("cy", "Ble rydych chi’n byw")
    section.title.set("en", "Where you live", EASY)
    section.title.set("cy", "Ble rydych chi’n byw", EASY)
    add_easy_read(consultation, _easy_read())
    return consultation


def _option(en: str, cy: str, picture: Pic) -> EasyOption:
    return EasyOption((en, cy), picture)


def _easy_read() -> EasyConsultation:
    points = (
        _option("I agree a lot", "Rwy’n cytuno’n gryf", AGREE_A_LOT),
        _option("I agree", "Rwy’n cytuno", AGREE),
        _option("I do not mind", "Does dim ots gen i", NEUTRAL),
        _option("I do not agree", "Dydw i ddim yn cytuno", DISAGREE),
        _option("I do not agree at all", "Dydw i ddim yn cytuno o gwbl", DISAGREE_A_LOT),
    )
    return EasyConsultation(
        texts={
            "title": ("Riverside Park", "Parc Glan yr Afon"),
            "summary": ("Tell us what to make better in the park.",
                        "Dywedwch wrthym beth i’w wella yn y parc."),
            "purpose": ("We can make some things better next year. Not everything. You help us choose.",
                        "Gallwn wella rhai pethau y flwyddyn nesaf. Nid popeth. Rydych chi’n ein helpu i ddewis."),
            "organiser": ("We are the council’s parks team.", "Ni yw tîm parciau’r cyngor."),
            "data_use": ("We do not ask your name. Only the parks team reads your answers.",
                         "Dydyn ni ddim yn gofyn eich enw. Dim ond y tîm parciau sy’n darllen eich atebion."),
            "contact": ("Phone us on 01234 567 891.", "Ffoniwch ni ar 01234 567 891."),
        },
        questions=(
            EasyQuestion("single_choice", ("How often do you go to the park?", "Pa mor aml ydych chi’n mynd i’r parc?"),
                         PARK, options=(
                             _option("Every day", "Bob dydd", SUN),
                             _option("Every week", "Bob wythnos", WEEK),
                             _option("Every month", "Bob mis", MONTH),
                             _option("Not often", "Ddim yn aml", HOURGLASS),
                             _option("I never go", "Dydw i byth yn mynd", NEVER))),
            EasyQuestion("date", ("When did you last go to the park?", "Pryd aethoch chi i’r parc ddiwethaf?"),
                         LAST_VISIT),
            EasyQuestion("grid", ("Do you like these ideas?", "Ydych chi’n hoffi’r syniadau hyn?"), IDEA, options=(
                _option("More seats and shade", "Mwy o seddi a chysgod", BENCH),
                _option("A café", "Caffi", CAFE),
                _option("Toilets open all year", "Toiledau ar agor drwy’r flwyddyn", TOILET),
                _option("Better paths for wheelchairs", "Llwybrau gwell i gadeiriau olwyn", WHEELCHAIR),
                *points)),
            EasyQuestion("ranking", ("What should we do first?", "Beth ddylen ni ei wneud gyntaf?"), TROPHY,
                         options=(
                             _option("Toilets", "Toiledau", TOILET_SIGN),
                             _option("Paths", "Llwybrau", FOOTPRINTS),
                             _option("Seats", "Seddi", SOFA),
                             _option("A café", "Caffi", SANDWICH))),
            EasyQuestion("money", ("Would you pay more so the park stays open later in summer? How much each year?",
                                   "Fyddech chi’n talu mwy i’r parc aros ar agor yn hwyrach yn yr haf? "
                                   "Faint bob blwyddyn?"), MONEY),
            EasyQuestion("multiple_choice", ("How do you get to the park?", "Sut ydych chi’n mynd i’r parc?"), MAP,
                         options=(
                             _option("I walk", "Rwy’n cerdded", WALK),
                             _option("Bus", "Bws", BUS),
                             _option("Car", "Car", CAR),
                             _option("Bike", "Beic", BIKE),
                             _option("Another way. Write it here", "Ffordd arall. Ysgrifennwch hi yma", PENCIL))),
            EasyQuestion("decimal", ("How far do you live from the park? Write the number of miles.",
                                     "Pa mor bell ydych chi’n byw o’r parc? Ysgrifennwch nifer y milltiroedd."),
                         RULER),
            EasyQuestion("postcode", ("What is your postcode?", "Beth yw eich cod post?"), HOUSE),
        ),
    )
