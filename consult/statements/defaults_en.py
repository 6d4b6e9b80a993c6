"""Consult's own English words for each statement section, shown until an admin writes their own.

These are content, not interface strings: staff edit them on /staff/statements, so they are not
in the translation catalogues. They describe what Consult really does (read with the code: anonymous
consultations keep the date only, consult/respond/services.py; requests to hear back are kept apart
from answers, consult/contact/services.py; no IP address is stored, consult/extensions.py). Change
them when the software changes. ``{draft_days}`` is filled in from the DRAFT_DAYS setting.

Format: paragraphs split by a blank line; lines starting with "- " make a list.
"""

ACCESSIBILITY = {
    "using": """\
This website is where you can answer our consultations and read what we did with the answers. It runs on Consult, open-source software made so that as many people as possible can take part, whatever their abilities, language or device.

You should be able to:
- change the colours, contrast and fonts in your browser
- zoom in up to 400% without the text spilling off the screen
- get from the start to the end with just a keyboard
- use a screen reader, speech recognition or a switch
- answer with JavaScript turned off, on an old phone or on a slow connection
- save your answers and come back later, on another device if you want
- use the website in English, Welsh or Arabic, and answer some consultations in other languages
- choose easy read, with short sentences and pictures, where a consultation has it""",

    "compliance": """\
This website is partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2, level AA. The parts that are not are listed under “Non-accessible content”.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 ask for WCAG 2.1 level AA. We aim for version 2.2, which asks for a little more.""",

    "non_accessible": """\
Not meeting the standard:
- The words, pictures and descriptions of pictures in each consultation are written by our staff. Some may not be as clear as they should be, or a picture’s description may not say enough (WCAG 1.1.1 Non-text content and 3.3.2 Labels or instructions). We check each consultation before it opens and fix anything you tell us about.
- In a printed version (PDF) of a questionnaire or of the results, a word or sentence that is in another language from the rest is not marked with its language, so a screen reader may read it with the wrong voice (WCAG 3.1.2 Language of parts). We make a separate PDF for each language to keep this rare.

Other things you should know:
- “Listen”, which reads a question aloud, needs JavaScript and uses the voices on your own device. Many devices have no Welsh or Arabic voice, and then a question may be read in an English voice, or not at all.
- When a consultation is in a language the website does not speak (such as Polish), the questions are in that language but the buttons and messages around them are in English.
- On a shared tablet at an event, unfinished answers are cleared after a few minutes without a touch. The tablet asks “Are you still there?” first, and one touch gives you more time.

We do not claim that fixing anything would be a disproportionate burden.""",

    "contact": """\
Every consultation can be answered in other ways as well as on this website: on paper, in large print or easy read, by phone, in another language or with someone to help you. The start page of each consultation gives a phone number or address for the people who run it.

Tell them what you need and how to reach you. We aim to reply within 5 working days.""",

    "reporting": """\
We want to hear about any problem you have with this website, including problems not listed here. Tell the people who run the consultation, using the contact details on its start page.

It helps if you tell us the address of the page, what you were trying to do and what happened. You do not need to use technical words.""",

    "enforcement": """\
If you tell us about a problem and you are not happy with our reply, contact the Equality Advisory and Support Service (EASS). Website: equalityadvisoryservice.com. Phone: 0808 800 0082.

The Equality and Human Rights Commission (EHRC) enforces the accessibility regulations in England, Scotland and Wales. In Northern Ireland, the Equality Commission for Northern Ireland does this.""",

    "testing": """\
Consult is tested every time the software changes. Automatic checks (axe-core) run on every page in a real browser, on a wide screen and on a screen 320 pixels wide, with JavaScript on and off, in English, Welsh and Arabic. We also check that every page can be used with just a keyboard and that nothing important depends on colour alone.

This website has not yet been checked by an independent accessibility auditor.""",
}

PRIVACY = {
    "who": """\
This website is run by the organisation named on the start page of each consultation. That organisation decides what is asked and what happens to the answers, so it is responsible for your information (it is the “data controller”).

To ask about your information, contact the organisation using the details on the consultation’s start page, and ask for its data protection officer.""",

    "collect": """\
When you answer a consultation we keep:
- your answers
- the date you sent them, and the time too unless the consultation is anonymous
- the language you used, whether you chose easy read, and how your answers reached us (online, on paper, by phone, at an event or with help)
- a reference code, shown to you when you send your answers, so you can tell us which answers are yours

An anonymous consultation does not ask who you are with your answers, and keeps only the date your answers were sent, not the time.

Some consultations ask optional questions about you, such as your age group, whether you have a disability, whether you look after someone, your ethnic group and the area you live in. You can always skip them or choose “Prefer not to say”.

If you save your answers to finish later, we keep them with a code and a link so you can come back.

If you ask to hear about the results, we keep the contact details you give (your name, email address, phone number or postal address) and the way you want to hear, such as easy read or large print. We keep these apart from your answers. In an anonymous consultation they are never linked to your answers.

If a member of staff types in your paper or phone answers, we note who typed them and, if you say so, who helped you.

We do not store your IP address (the number that identifies your internet connection). To stop misuse, the website counts for up to an hour how many times each connection saves answers, tries a code or tries to sign in, and then forgets it.

If you write personal details in an answer, such as your name or address, they are kept with your answers. Please leave them out unless a question asks for them.""",

    "why": """\
We use your answers to understand what people think of our services and to decide what to change. We publish what people told us and what we will do, without names. Any group of fewer than 5 people is shown as “fewer than 5”, so nobody can be picked out.

Our lawful basis is public task (UK GDPR Article 6(1)(e)): asking the people who use our services what they think is part of our work.

If you tell us about your health, a disability or your ethnic group, we use this to see whose voices we are missing. Our basis for this is substantial public interest (UK GDPR Article 9(2)(g)), for equality of opportunity (Data Protection Act 2018, Schedule 1, paragraph 8).

We use your contact details only to send you the results in the way you asked for.""",

    "who_sees": """\
Only staff who run consultations can see individual answers, and only after signing in. Each member of staff has a role that limits what they can do, and the changes they make are recorded. Only staff who send out the results can see contact details.

If another organisation hosts this website for us, it stores the information under a contract with us and may not use it for anything else.

We do not sell your information or use it for marketing. We share it with others only when the law says we must.""",

    "how_long": """\
- Answers you saved to finish later but did not send: deleted {draft_days} days after you last saved them. If you started but did not answer anything, they are deleted after a day.
- Words you wrote in your own words in the answers you sent: removed {free_text_months} months after the consultation closes, unless its start page says otherwise.
- Answers that say who you are or how to reach you, such as an email address or phone number: deleted {contact_months} months after the consultation closes, unless its start page says otherwise.
- Your other answers, such as the options you chose: kept while we need them for the decisions the consultation is about, in line with our records policy, and then deleted.
- Contact details for hearing about the results: deleted once we have sent you the results, and at the latest {contact_months} months after the consultation closes.
- A request to see or delete your answers: the way to reply to you is deleted {rights_reply_days} days after we have dealt with it.""",

    "rights": """\
You have the right to:
- ask for a copy of the information we hold about you
- ask us to correct it if it is wrong
- ask us to delete it
- ask us to limit how we use it, or object to how we use it

To use any of these rights, contact us using the details under “Who we are”.

If your answers were anonymous we cannot tell which answers are yours unless you give us the reference code you were shown when you sent them. Keep it if you think you may want to see, change or remove your answers later.

To get a copy of your answers, or to have them deleted, use the link below with your reference code. We deal with each request within one month.""",

    "cookies": """\
This website uses one cookie, which it needs to work. It remembers your language, whether you chose easy read, and the answers you have not sent yet. It is deleted when you close your browser. On a shared tablet at an event, it lasts until staff end the event.

Staff who sign in get one more cookie, which helps protect their accounts from people guessing passwords.

We do not use cookies for analytics or advertising, and this website does not load anything from other websites.""",

    "complain": """\
If you are not happy with how we have used your information, please tell us first, using the details under “Who we are”.

You can also complain to the Information Commissioner’s Office (ICO):
Information Commissioner’s Office
Wycliffe House
Water Lane
Wilmslow
Cheshire
SK9 5AF
Phone: 0303 123 1113
Website: ico.org.uk/make-a-complaint""",
}
