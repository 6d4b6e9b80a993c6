"""Consult's own Welsh words for each statement section: the same as defaults_en.py, in Welsh.

Keep the two files saying the same things. The button names quoted here ("Gwrando", "Ydych chi dal
yno?", "Mae’n well gen i beidio â dweud") are the Welsh interface's own words for them. One
difference on purpose: the Welsh privacy notice gives the ICO's office in Wales, which answers in Welsh.
"""

ACCESSIBILITY = {
    "using": """\
Ar y wefan hon gallwch ateb ein hymgynghoriadau a darllen beth wnaethon ni gyda’r atebion. Mae’n rhedeg ar Consult, meddalwedd cod agored a wnaed fel bod cymaint o bobl â phosibl yn gallu cymryd rhan, beth bynnag fo’u gallu, eu hiaith neu eu dyfais.

Dylech chi allu:
- newid y lliwiau, y cyferbyniad a’r ffontiau yn eich porwr
- chwyddo hyd at 400% heb i’r testun lifo oddi ar y sgrin
- mynd o’r dechrau i’r diwedd gyda bysellfwrdd yn unig
- defnyddio darllenydd sgrin, meddalwedd adnabod lleferydd neu switsh
- ateb gyda JavaScript wedi’i ddiffodd, ar hen ffôn neu ar gysylltiad araf
- cadw eich atebion a dod yn ôl yn nes ymlaen, ar ddyfais arall os hoffech chi
- defnyddio’r wefan yn Gymraeg, yn Saesneg neu yn Arabeg, ac ateb rhai ymgynghoriadau mewn ieithoedd eraill
- dewis fersiwn hawdd ei deall, gyda brawddegau byr a lluniau, pan fydd gan ymgynghoriad un""",

    "compliance": """\
Mae’r wefan hon yn cydymffurfio’n rhannol â fersiwn 2.2 o Ganllawiau Hygyrchedd Cynnwys y We (WCAG), lefel AA. Mae’r rhannau nad ydyn nhw’n cydymffurfio wedi’u rhestru o dan “Cynnwys nad yw’n hygyrch”.

Mae Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 yn gofyn am WCAG 2.1 lefel AA. Rydyn ni’n anelu at fersiwn 2.2, sy’n gofyn am ychydig mwy.""",

    "non_accessible": """\
Ddim yn cyrraedd y safon:
- Ein staff sy’n ysgrifennu geiriau, lluniau a disgrifiadau lluniau pob ymgynghoriad. Efallai na fydd rhai mor glir ag y dylen nhw fod, neu efallai na fydd disgrifiad llun yn dweud digon (WCAG 1.1.1 Cynnwys nad yw’n destun a 3.3.2 Labeli neu gyfarwyddiadau). Rydyn ni’n gwirio pob ymgynghoriad cyn iddo agor ac yn trwsio unrhyw beth rydych chi’n ei ddweud wrthon ni.
- Mewn fersiwn brintiedig (PDF) o holiadur neu o’r canlyniadau, nid yw gair neu frawddeg mewn iaith wahanol i’r gweddill wedi’u marcio â’u hiaith, felly gall darllenydd sgrin eu darllen gyda’r llais anghywir (WCAG 3.1.2 Iaith rhannau). Rydyn ni’n gwneud PDF ar wahân ar gyfer pob iaith er mwyn i hyn fod yn brin.

Pethau eraill y dylech chi eu gwybod:
- Mae “Gwrando”, sy’n darllen cwestiwn yn uchel, angen JavaScript ac yn defnyddio’r lleisiau ar eich dyfais eich hun. Does gan lawer o ddyfeisiau ddim llais Cymraeg nac Arabeg, ac yna gall cwestiwn gael ei ddarllen mewn llais Saesneg, neu ddim o gwbl.
- Pan fydd ymgynghoriad mewn iaith nad yw’r wefan yn ei siarad (fel Pwyleg), mae’r cwestiynau yn yr iaith honno ond mae’r botymau a’r negeseuon o’u cwmpas yn Saesneg.
- Ar lechen a rennir mewn digwyddiad, caiff atebion sydd heb eu gorffen eu clirio ar ôl ychydig funudau heb gyffyrddiad. Mae’r llechen yn gofyn “Ydych chi dal yno?” yn gyntaf, ac mae un cyffyrddiad yn rhoi mwy o amser i chi.

Nid ydyn ni’n honni y byddai trwsio unrhyw beth yn faich anghymesur.""",

    "contact": """\
Gallwch ateb pob ymgynghoriad mewn ffyrdd eraill yn ogystal ag ar y wefan hon: ar bapur, mewn print bras neu fersiwn hawdd ei deall, dros y ffôn, mewn iaith arall neu gyda rhywun i’ch helpu. Mae tudalen gyntaf pob ymgynghoriad yn rhoi rhif ffôn neu gyfeiriad y bobl sy’n ei redeg.

Dywedwch wrthyn nhw beth sydd ei angen arnoch chi a sut i gysylltu â chi. Rydyn ni’n anelu at ateb o fewn 5 diwrnod gwaith.""",

    "reporting": """\
Rydyn ni eisiau clywed am unrhyw broblem sydd gennych chi gyda’r wefan hon, gan gynnwys problemau nad ydyn nhw wedi’u rhestru yma. Dywedwch wrth y bobl sy’n rhedeg yr ymgynghoriad, gan ddefnyddio’r manylion cyswllt ar ei dudalen gyntaf.

Mae’n help os ydych chi’n dweud wrthon ni beth yw cyfeiriad y dudalen, beth roeddech chi’n ceisio ei wneud a beth ddigwyddodd. Does dim angen i chi ddefnyddio geiriau technegol.""",

    "enforcement": """\
Os byddwch chi’n dweud wrthon ni am broblem a dydych chi ddim yn hapus gyda’n hateb, cysylltwch â’r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS). Gwefan: equalityadvisoryservice.com. Ffôn: 0808 800 0082.

Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy’n gorfodi’r rheoliadau hygyrchedd yng Nghymru, Lloegr a’r Alban. Yng Ngogledd Iwerddon, Comisiwn Cydraddoldeb Gogledd Iwerddon sy’n gwneud hyn.""",

    "testing": """\
Mae Consult yn cael ei brofi bob tro mae’r feddalwedd yn newid. Mae gwiriadau awtomatig (axe-core) yn rhedeg ar bob tudalen mewn porwr go iawn, ar sgrin lydan ac ar sgrin 320 picsel o led, gyda JavaScript ymlaen ac i ffwrdd, yn Gymraeg, yn Saesneg ac yn Arabeg. Rydyn ni hefyd yn gwirio bod modd defnyddio pob tudalen gyda bysellfwrdd yn unig ac nad oes dim byd pwysig yn dibynnu ar liw yn unig.

Nid yw’r wefan hon wedi cael ei gwirio gan archwilydd hygyrchedd annibynnol eto.""",
}

PRIVACY = {
    "who": """\
Mae’r wefan hon yn cael ei rhedeg gan y sefydliad sydd wedi’i enwi ar dudalen gyntaf pob ymgynghoriad. Y sefydliad hwnnw sy’n penderfynu beth sy’n cael ei ofyn a beth sy’n digwydd i’r atebion, felly mae’n gyfrifol am eich gwybodaeth (y “rheolydd data” yw’r enw ar hyn).

I holi am eich gwybodaeth, cysylltwch â’r sefydliad gan ddefnyddio’r manylion ar dudalen gyntaf yr ymgynghoriad, a gofynnwch am ei swyddog diogelu data.""",

    "collect": """\
Pan fyddwch chi’n ateb ymgynghoriad rydyn ni’n cadw:
- eich atebion
- y dyddiad y gwnaethoch chi eu hanfon, a’r amser hefyd oni bai bod yr ymgynghoriad yn ddienw
- yr iaith y gwnaethoch chi ei defnyddio, a wnaethoch chi ddewis y fersiwn hawdd ei deall, a sut y daeth eich atebion atom ni (ar-lein, ar bapur, dros y ffôn, mewn digwyddiad neu gyda help)
- cod cyfeirnod, sy’n cael ei ddangos i chi pan fyddwch chi’n anfon eich atebion, er mwyn i chi allu dweud wrthon ni pa atebion yw’ch rhai chi

Nid yw ymgynghoriad dienw yn gofyn pwy ydych chi gyda’ch atebion, a dim ond y dyddiad yr anfonwyd eich atebion mae’n ei gadw, nid yr amser.

Mae rhai ymgynghoriadau’n gofyn cwestiynau dewisol amdanoch chi, fel eich grŵp oedran, a oes gennych chi anabledd, a ydych chi’n gofalu am rywun, eich grŵp ethnig a’r ardal lle rydych chi’n byw. Gallwch chi bob amser eu hepgor neu ddewis “Mae’n well gen i beidio â dweud”.

Os byddwch chi’n cadw eich atebion i’w gorffen yn nes ymlaen, rydyn ni’n eu cadw gyda chod a dolen er mwyn i chi allu dod yn ôl.

Os byddwch chi’n gofyn am glywed am y canlyniadau, rydyn ni’n cadw’r manylion cyswllt rydych chi’n eu rhoi (eich enw, cyfeiriad e-bost, rhif ffôn neu gyfeiriad post) a’r ffordd rydych chi eisiau clywed, fel fersiwn hawdd ei deall neu brint bras. Rydyn ni’n cadw’r rhain ar wahân i’ch atebion. Mewn ymgynghoriad dienw, dydyn nhw byth yn cael eu cysylltu â’ch atebion.

Os bydd aelod o staff yn teipio eich atebion papur neu ffôn, rydyn ni’n nodi pwy wnaeth eu teipio ac, os ydych chi’n dweud, pwy wnaeth eich helpu.

Nid ydyn ni’n cadw eich cyfeiriad IP (y rhif sy’n adnabod eich cysylltiad â’r rhyngrwyd). I atal camddefnydd, mae’r wefan yn cyfrif am hyd at awr sawl gwaith mae pob cysylltiad yn cadw atebion, yn rhoi cynnig ar god neu’n ceisio mewngofnodi, ac yna’n ei anghofio.

Os byddwch chi’n ysgrifennu manylion personol mewn ateb, fel eich enw neu’ch cyfeiriad, byddan nhw’n cael eu cadw gyda’ch atebion. Peidiwch â’u cynnwys oni bai bod cwestiwn yn gofyn amdanyn nhw.""",

    "why": """\
Rydyn ni’n defnyddio eich atebion i ddeall beth mae pobl yn ei feddwl o’n gwasanaethau ac i benderfynu beth i’w newid. Rydyn ni’n cyhoeddi beth ddywedodd pobl wrthon ni a beth fyddwn ni’n ei wneud, heb enwau. Mae unrhyw grŵp o lai na 5 o bobl yn cael ei ddangos fel “llai na 5”, fel nad oes modd adnabod neb.

Ein sail gyfreithlon yw tasg gyhoeddus (Erthygl 6(1)(e) GDPR y DU): mae gofyn i’r bobl sy’n defnyddio ein gwasanaethau beth maen nhw’n ei feddwl yn rhan o’n gwaith.

Os byddwch chi’n dweud wrthon ni am eich iechyd, anabledd neu eich grŵp ethnig, rydyn ni’n defnyddio hyn i weld lleisiau pwy sydd ar goll. Ein sail ar gyfer hyn yw budd sylweddol i’r cyhoedd (Erthygl 9(2)(g) GDPR y DU), ar gyfer cyfle cyfartal (Deddf Diogelu Data 2018, Atodlen 1, paragraff 8).

Dim ond i anfon y canlyniadau atoch chi yn y ffordd y gwnaethoch chi ofyn amdani rydyn ni’n defnyddio eich manylion cyswllt.""",

    "who_sees": """\
Dim ond staff sy’n rhedeg ymgynghoriadau sy’n gallu gweld atebion unigol, a dim ond ar ôl mewngofnodi. Mae gan bob aelod o staff rôl sy’n cyfyngu ar beth y gall ei wneud, ac mae’r newidiadau maen nhw’n eu gwneud yn cael eu cofnodi. Dim ond y staff sy’n anfon y canlyniadau allan sy’n gallu gweld manylion cyswllt.

Os bydd sefydliad arall yn cynnal y wefan hon ar ein rhan, mae’n storio’r wybodaeth o dan gontract gyda ni ac ni chaiff ei defnyddio ar gyfer dim byd arall.

Nid ydyn ni’n gwerthu eich gwybodaeth nac yn ei defnyddio ar gyfer marchnata. Dim ond pan fydd y gyfraith yn dweud bod rhaid i ni y byddwn ni’n ei rhannu ag eraill.""",

    "how_long": """\
- Atebion y gwnaethoch chi eu cadw i’w gorffen yn nes ymlaen ond heb eu hanfon: yn cael eu dileu {draft_days} diwrnod ar ôl i chi eu cadw ddiwethaf. Os gwnaethoch chi ddechrau heb ateb dim byd, maen nhw’n cael eu dileu ar ôl diwrnod.
- Y geiriau a ysgrifennoch chi yn eich geiriau eich hun yn yr atebion a anfonoch chi: yn cael eu tynnu {free_text_months} mis ar ôl i’r ymgynghoriad gau, oni bai bod ei dudalen gyntaf yn dweud yn wahanol.
- Atebion sy’n dweud pwy ydych chi neu sut i gysylltu â chi, fel cyfeiriad e-bost neu rif ffôn: yn cael eu dileu {contact_months} mis ar ôl i’r ymgynghoriad gau, oni bai bod ei dudalen gyntaf yn dweud yn wahanol.
- Eich atebion eraill, fel yr opsiynau a ddewisoch chi: yn cael eu cadw tra bydd eu hangen arnon ni ar gyfer y penderfyniadau mae’r ymgynghoriad yn ymwneud â nhw, yn unol â’n polisi cofnodion, ac yna’n cael eu dileu.
- Manylion cyswllt ar gyfer clywed am y canlyniadau: yn cael eu dileu unwaith y byddwn ni wedi anfon y canlyniadau atoch chi, a {contact_months} mis ar ôl i’r ymgynghoriad gau fan bellaf.
- Cais i weld neu ddileu eich atebion: mae’r ffordd o ateb i chi yn cael ei dileu {rights_reply_days} diwrnod ar ôl i ni ddelio â’r cais.""",

    "rights": """\
Mae gennych chi hawl i:
- gofyn am gopi o’r wybodaeth sydd gennym ni amdanoch chi
- gofyn i ni ei chywiro os yw’n anghywir
- gofyn i ni ei dileu
- gofyn i ni gyfyngu ar sut rydyn ni’n ei defnyddio, neu wrthwynebu sut rydyn ni’n ei defnyddio

I ddefnyddio unrhyw un o’r hawliau hyn, cysylltwch â ni gan ddefnyddio’r manylion o dan “Pwy ydyn ni”.

Os oedd eich atebion yn ddienw, allwn ni ddim dweud pa atebion yw’ch rhai chi oni bai eich bod chi’n rhoi’r cod cyfeirnod a gafodd ei ddangos i chi pan wnaethoch chi eu hanfon. Cadwch ef os ydych chi’n meddwl efallai y byddwch chi eisiau gweld, newid neu dynnu eich atebion yn nes ymlaen.

I gael copi o’ch atebion, neu i’w dileu, defnyddiwch y ddolen isod gyda’ch cod cyfeirnod. Rydyn ni’n delio â phob cais o fewn mis.""",

    "cookies": """\
Mae’r wefan hon yn defnyddio un cwci, sydd ei angen arni er mwyn gweithio. Mae’n cofio eich iaith, a wnaethoch chi ddewis y fersiwn hawdd ei deall, a’r atebion sydd heb eu hanfon eto. Mae’n cael ei ddileu pan fyddwch chi’n cau eich porwr. Ar lechen a rennir mewn digwyddiad, mae’n para nes bydd staff yn dod â’r digwyddiad i ben.

Mae staff sy’n mewngofnodi yn cael un cwci arall, sy’n helpu i ddiogelu eu cyfrifon rhag pobl sy’n dyfalu cyfrineiriau.

Nid ydyn ni’n defnyddio cwcis ar gyfer dadansoddi na hysbysebu, ac nid yw’r wefan hon yn llwytho dim byd o wefannau eraill.""",

    "complain": """\
Os nad ydych chi’n hapus gyda sut rydyn ni wedi defnyddio eich gwybodaeth, dywedwch wrthon ni yn gyntaf, gan ddefnyddio’r manylion o dan “Pwy ydyn ni”.

Gallwch chi hefyd gwyno i Swyddfa’r Comisiynydd Gwybodaeth (ICO):
Swyddfa’r Comisiynydd Gwybodaeth
2il Lawr, Tŷ Churchill
Ffordd Churchill
Caerdydd
CF10 2HH
Ffôn: 0330 414 6421
Gwefan: ico.org.uk/make-a-complaint""",
}
