"""The demo consultations a newcomer sees on ``make run``, in plain English, Welsh and Arabic.

Every text is ``_texts(English, Welsh, Arabic)``. Tests depend on the English wording: change it
only with them. The easy-read versions and the pictures are in ``consult.demo_easy_read``, in the
same order as the questions here: add or move a question in both.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.demo_easy_read import add_easy_read, equipment, wheelchair_repairs
from consult.demo_park import park_consultation
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow

DEMO_SLUG = "equipment-service"
CLOSED_SLUG = "wheelchair-repairs"
DEMO_STAFF_EMAIL = "demo@consult.example"
DEMO_STAFF_PASSWORD = "demo-password-change-me"
OTHER_LANGUAGES = ["cy", "ar"]


def _texts(en: str, cy: str, ar: str) -> dict[str, str]:
    return {"en": en, "cy": cy, "ar": ar}


def _ltr(text: str) -> str:
    """Keep a phone number or an English address in order inside Arabic text.

    Without the isolate (U+2066 ... U+2069) a right-to-left page shows "01234 567 890" as
    "890 567 01234".
    """
    return f"\u2066{text}\u2069"


PHONE = "01234 567 890"
ADDRESS = "Equipment Service, Town Hall, Northshire NS1 1AA"


def seed_demo() -> bool:
    """Create the demo consultations once. Returns False when they already exist (nothing changes)."""
    exists = db.session.execute(select(Consultation.id).where(Consultation.slug == DEMO_SLUG)).first()
    if exists:
        return False
    _equipment_consultation()
    _closed_consultation()
    park_consultation()
    return True


def _equipment_consultation() -> Consultation:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        DEMO_SLUG,
        status="published",
        other_languages=OTHER_LANGUAGES,
        title=_texts("Your equipment, your say", "Eich offer, eich barn", "أجهزتك ورأيك فيها"),
        summary=_texts(
            "Tell us how our walking aids, beds and bathing equipment work for you.",
            "Dywedwch wrthym sut mae ein cymhorthion cerdded, ein gwelyau a’n hoffer ymolchi yn gweithio i chi.",
            "أخبرنا كيف تناسبك أدوات المشي والأسرّة وأجهزة الاستحمام التي نقدمها.",
        ),
        purpose=_texts(
            "We lend equipment to help people stay safe and independent at home. "
            "We want to know what works well and what we should change. "
            "Your answers will help us plan the service for next year.",
            "Rydym yn rhoi offer ar fenthyg i helpu pobl i aros yn ddiogel ac yn annibynnol gartref. "
            "Rydym eisiau gwybod beth sy’n gweithio’n dda a beth ddylem ni ei newid. "
            "Bydd eich atebion yn ein helpu i gynllunio’r gwasanaeth ar gyfer y flwyddyn nesaf.",
            "نحن نُعير الناس أجهزة تساعدهم على البقاء آمنين ومستقلين في بيوتهم. "
            "نريد أن نعرف ما الذي يعمل جيدًا، وما الذي يجب أن نغيّره. "
            "ستساعدنا إجاباتك على تخطيط الخدمة للسنة القادمة.",
        ),
        organiser=_texts(
            "The Northshire Community Equipment Service. "
            "We are run by Northshire Council and the local NHS together.",
            "Gwasanaeth Offer Cymunedol Northshire. "
            "Mae Cyngor Northshire a’r GIG lleol yn ein rhedeg ar y cyd.",
            "نحن خدمة الأجهزة المجتمعية في نورثشاير. "
            "يديرنا مجلس نورثشاير وهيئة الخدمات الصحية الوطنية في منطقتنا، معًا.",
        ),
        data_use=_texts(
            "We do not ask for your name. "
            "Only the people who plan the equipment service will read your answers. "
            "We will share what we learned, and what we will change, on this website after the closing date.",
            "Nid ydym yn gofyn am eich enw. "
            "Dim ond y bobl sy’n cynllunio’r gwasanaeth offer fydd yn darllen eich atebion. "
            "Ar ôl y dyddiad cau, byddwn yn rhannu ar y wefan hon beth rydym wedi’i ddysgu, "
            "a beth y byddwn yn ei newid.",
            "لا نسألك عن اسمك. "
            "لن يقرأ إجاباتك إلا الأشخاص الذين يخططون لخدمة الأجهزة. "
            "بعد تاريخ الإغلاق، سنكتب على هذا الموقع ما تعلّمناه، وما سنغيّره.",
        ),
        contact=_texts(
            f"Call us on {PHONE} or write to {ADDRESS}.",
            f"Ffoniwch ni ar {PHONE} neu ysgrifennwch at {ADDRESS}.",
            f"اتصل بنا على الرقم {_ltr(PHONE)}، أو أرسل رسالة إلى هذا العنوان: {_ltr(ADDRESS)}.",
        ),
        contact_email="equipment@northshire.example",
        opens_at=now - timedelta(days=14),
        # Closing at one minute to midnight reads naturally: "13 February 2027, 11:59 pm".
        closes_at=(now + timedelta(days=76)).replace(hour=23, minute=59),
        estimated_minutes=5,
    )
    add_question(
        consultation, "multiple_choice",
        _texts("Which equipment do you have from us?",
               "Pa offer ydych chi wedi’u cael gennym ni?",
               "ما الأجهزة التي أخذتها منّا؟"),
        hint=_texts("Choose all that you have now.",
                    "Dewiswch bob un sydd gennych chi nawr.",
                    "اختر كل الأجهزة التي عندك الآن."),
        options=[
            _texts("Walking aids, such as a frame, stick or rollator",
                   "Cymhorthion cerdded, fel ffrâm, ffon neu rolator",
                   "أدوات المشي، مثل المشّاية أو العصا أو المشّاية ذات العجلات"),
            _texts("A wheelchair", "Cadair olwyn", "كرسي متحرك"),
            _texts("A bed, mattress or bed rails",
                   "Gwely, matres neu reiliau gwely",
                   "سرير أو مرتبة أو حواجز جانبية للسرير"),
            _texts("Bath or shower equipment, such as a shower chair",
                   "Offer bath neu gawod, fel cadair gawod",
                   "أجهزة الاستحمام، مثل كرسي الدُّش"),
            _texts("Toilet equipment, such as a raised seat",
                   "Offer toiled, fel sedd toiled uwch",
                   "أجهزة للمرحاض، مثل مقعد مرتفع للمرحاض"),
            _texts("A hoist or sling",
                   "Teclyn codi neu sling",
                   "رافعة لرفع الشخص أو حزام الرافعة"),
        ],
        none_option=_texts("None of these", "Dim un o’r rhain", "لا شيء مما سبق"),
    )
    add_question(
        consultation, "single_choice",
        _texts("How long did you wait for your equipment to arrive?",
               "Pa mor hir buoch chi’n aros i’ch offer gyrraedd?",
               "كم انتظرت حتى وصلت إليك الأجهزة؟"),
        hint=_texts("Think about the last time you asked us for equipment.",
                    "Meddyliwch am y tro diwethaf i chi ofyn i ni am offer.",
                    "فكّر في آخر مرة طلبت فيها أجهزة منّا."),
        options=[
            _texts("Less than 1 week", "Llai nag 1 wythnos", "أقل من أسبوع"),
            _texts("1 to 2 weeks", "1 i 2 wythnos", "من أسبوع إلى أسبوعين"),
            _texts("3 to 4 weeks", "3 i 4 wythnos", "من 3 إلى 4 أسابيع"),
            _texts("More than 4 weeks", "Mwy na 4 wythnos", "أكثر من 4 أسابيع"),
            _texts("I cannot remember", "Dydw i ddim yn cofio", "لا أتذكّر"),
        ],
    )
    add_question(
        consultation, "yes_no",
        _texts("Did someone show you how to use your equipment safely?",
               "A wnaeth rhywun ddangos i chi sut i ddefnyddio eich offer yn ddiogel?",
               "هل شرح لك أحد كيف تستخدم أجهزتك بأمان؟"),
    )
    add_question(
        consultation, "agree_scale",
        _texts("My equipment makes my daily life easier.",
               "Mae fy offer yn gwneud fy mywyd bob dydd yn haws.",
               "أجهزتي تجعل حياتي اليومية أسهل."),
        hint=_texts("Tell us how much you agree.",
                    "Dywedwch wrthym i ba raddau rydych chi’n cytuno.",
                    "أخبرنا إلى أي حد توافق على هذا."),
    )
    add_question(
        consultation, "number",
        _texts("How many times have you contacted us in the last 12 months?",
               "Sawl gwaith ydych chi wedi cysylltu â ni yn ystod y 12 mis diwethaf?",
               "كم مرة تواصلت معنا في آخر 12 شهرًا؟"),
        hint=_texts("Count phone calls, emails and visits. Write 0 if you have not contacted us.",
                    "Cyfrwch alwadau ffôn, negeseuon e-bost ac ymweliadau. "
                    "Ysgrifennwch 0 os nad ydych chi wedi cysylltu â ni.",
                    "احسب المكالمات الهاتفية ورسائل البريد الإلكتروني والزيارات. "
                    "اكتب 0 إذا لم تتواصل معنا."),
        settings={"min": 0, "max": 365},
    )
    add_question(
        consultation, "short_text",
        _texts("Which town or village do you live in?",
               "Ym mha dref neu bentref rydych chi’n byw?",
               "في أي مدينة أو قرية تسكن؟"),
        hint=_texts("This helps us check we are hearing from people in every part of Northshire. "
                    "Do not write your address.",
                    "Mae hyn yn ein helpu i wneud yn siŵr ein bod yn clywed gan bobl ym mhob rhan o Northshire. "
                    "Peidiwch ag ysgrifennu eich cyfeiriad.",
                    "هذا يساعدنا أن نعرف إن كنا نسمع آراء الناس من كل مناطق نورثشاير. "
                    "لا تكتب عنوانك."),
        settings={"max_length": 100},
    )
    add_question(
        consultation, "long_text",
        _texts("What should we change about our service?",
               "Beth ddylem ni ei newid yn ein gwasanaeth?",
               "ماذا يجب أن نغيّر في خدمتنا؟"),
        hint=_texts("Tell us in your own words. You can write as much or as little as you like.",
                    "Dywedwch wrthym yn eich geiriau eich hun. "
                    "Gallwch ysgrifennu cymaint neu cyn lleied ag y dymunwch.",
                    "أخبرنا بكلماتك أنت. يمكنك أن تكتب كثيرًا أو قليلًا، كما تريد."),
        required=False,
        settings={"max_length": 1200},
    )
    add_question(
        consultation, "single_choice",
        _texts("How old are you?", "Faint yw eich oed?", "كم عمرك؟"),
        hint=_texts("We ask so we can check we are hearing from people of all ages.",
                    "Rydym yn gofyn er mwyn gwneud yn siŵr ein bod yn clywed gan bobl o bob oed.",
                    "نسأل لنتأكد أننا نسمع آراء الناس من كل الأعمار."),
        options=[
            _texts("Under 18", "Dan 18 oed", "أقل من 18 سنة"),
            _texts("18 to 44", "18 i 44 oed", "من 18 إلى 44 سنة"),
            _texts("45 to 64", "45 i 64 oed", "من 45 إلى 64 سنة"),
            _texts("65 to 74", "65 i 74 oed", "من 65 إلى 74 سنة"),
            _texts("75 to 84", "75 i 84 oed", "من 75 إلى 84 سنة"),
            _texts("85 or over", "85 oed neu hŷn", "85 سنة أو أكثر"),
        ],
        prefer_not_option=_texts("Prefer not to say", "Mae’n well gen i beidio â dweud", "أفضّل ألا أقول"),
    )
    add_easy_read(consultation, equipment(PHONE, ADDRESS))
    return consultation


def _closed_consultation() -> Consultation:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        CLOSED_SLUG,
        status="published",
        other_languages=OTHER_LANGUAGES,
        title=_texts("Wheelchair repairs", "Trwsio cadeiriau olwyn", "تصليح الكراسي المتحركة"),
        summary=_texts(
            "How quickly should we repair a wheelchair that has broken down?",
            "Pa mor gyflym y dylem drwsio cadair olwyn sydd wedi torri?",
            "بأي سرعة يجب أن نصلّح الكرسي المتحرك إذا تعطّل؟",
        ),
        purpose=_texts(
            "We asked people who use wheelchairs how long they could wait for a repair.",
            "Gwnaethom ofyn i bobl sy’n defnyddio cadair olwyn pa mor hir y gallen nhw aros "
            "i’w cadair gael ei thrwsio.",
            "سألنا الأشخاص الذين يستخدمون الكراسي المتحركة كم من الوقت يمكنهم أن ينتظروا تصليح الكرسي.",
        ),
        organiser=_texts(
            "The Northshire Community Equipment Service.",
            "Gwasanaeth Offer Cymunedol Northshire.",
            "خدمة الأجهزة المجتمعية في نورثشاير.",
        ),
        data_use=_texts(
            "We did not ask for names. Only the people who plan repairs read the answers.",
            "Ni wnaethom ofyn am enwau. Dim ond y bobl sy’n cynllunio’r gwaith trwsio sydd wedi darllen yr atebion.",
            "لم نسأل عن الأسماء. لم يقرأ الإجابات إلا الأشخاص الذين يخططون لتصليح الكراسي.",
        ),
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=30),
        estimated_minutes=2,
    )
    add_question(
        consultation, "yes_no",
        _texts("Has your wheelchair needed a repair in the last year?",
               "Ydy eich cadair olwyn wedi bod angen ei thrwsio yn ystod y flwyddyn ddiwethaf?",
               "هل احتاج كرسيك المتحرك إلى تصليح في السنة الماضية؟"),
    )
    add_question(
        consultation, "long_text",
        _texts("What happened while you waited for the repair?",
               "Beth ddigwyddodd tra oeddech chi’n aros i’r gadair gael ei thrwsio?",
               "ماذا حدث لك وأنت تنتظر التصليح؟"),
        required=False,
    )
    add_easy_read(consultation, wheelchair_repairs())
    return consultation
