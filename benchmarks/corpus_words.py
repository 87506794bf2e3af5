"""Vocabularies for the benchmark corpus (benchmarks/generate.py), written for it.

Large enough that sentences composed from them rarely repeat: ~100 given names x ~140 family
names, the ~280 Syrian places of the bundled gazetteer plus ~1,900 composed village names, ~60
organisations, ~40 roles, and clause parts that combine into tens of thousands of sentences.
"""

from __future__ import annotations

GIVEN = """Ahmad Mohammed Mahmoud Khaled Omar Yasser Hassan Hussein Ali Ibrahim Youssef Mustafa Abdullah
Abdulrahman Walid Fadi Rami Samer Bassam Nabil Hisham Jamal Kamal Tarek Ziad Adnan Ammar Anas Bilal
Hamza Haitham Hadi Ghassan Fawaz Firas Louay Maher Marwan Mazen Munther Nasser Osama Qusay Radwan
Riad Saleh Salem Sami Suhail Talal Wael Yahya Zakaria Obeida Mouaz Nizar Jawad Hamed Akram Ayman
Badr Basel Diab Fayez Ghaith Hani Issam Karim Lutfi Majd Muhannad Nour Raed Rafiq Shadi Wissam
Fatima Rima Salwa Hind Lama Maya Nadia Nour Rasha Reem Samira Suhair Yara Zeina Hala Ghada Dima
Lina Mona Rania Sawsan Widad Amal Bushra Hiba Iman""".split()

FAMILY = """al-Abdullah al-Ahmad al-Ali al-Assaad al-Atassi al-Azm al-Bakri al-Bitar al-Hamwi al-Halabi
al-Hariri al-Hassan al-Hussein al-Jabri al-Jundi al-Kurdi al-Khatib al-Masri al-Mousa al-Najjar
al-Omar al-Qadri al-Rifai al-Saleh al-Shami al-Sheikh al-Shishakli al-Tayeb al-Zoubi al-Zein Abboud
Abdo Abu Zeid Aswad Attar Badawi Barakat Bayazid Dakhil Darwish Dabbagh Fares Farhat Ghanem Haddad
Hallaq Hamdan Hammoud Hijazi Hourani Issa Jaber Jamil Kassem Khalil Khoury Mahfouz Mansour Marei
Mardini Matar Moussa Nahhas Nasrallah Othman Qassab Rahal Ramadan Rashid Saad Sabbagh Sabra Sakr
Salameh Sayegh Shaar Shahin Sharif Suleiman Tamer Tlass Wahbi Yassin Younes Zaidan Zaher Zaza
Kanaan Qabbani Tabbaa Sawwan Hajjar Droubi Kayali Mardam Jazairi Shaker Kuzbari Malas Hamoui
Idlibi Homsi Deiri Raqqawi Halawani Sarraj Akkad Fakhouri Shalabi Sibai Taha Wattar Hamada Hilal
Qudsi Jbara Lahham Nouri Obeid Qaddour Rayes Sheikho Tello Yazji Ajami Bustani Dalati Hashem""".split()

ROLES = [
    "President of {org}", "Vice-president of {org}", "Secretary-General of {org}", "member of {org}",
    "spokesman for {org}", "spokeswoman for {org}", "head of {org}", "director of {org}",
    "a senior official of {org}", "a founding member of {org}", "head of the legal office of {org}",
    "media officer of {org}", "head of the political bureau of {org}", "coordinator of {org}",
    "deputy head of {org}", "researcher at {org}", "commander in {org}", "field coordinator of {org}",
]
ORGS = [
    "the Syrian Coalition", "the Coalition's political committee", "the Syrian Interim Government",
    "the Syrian Negotiation Commission", "the opposition delegation to Geneva", "the Syrian Civil Defence",
    "the Syrian Network for Human Rights", "the Violations Documentation Center", "the Syrian American Medical Society",
    "the Union of Medical Care and Relief Organizations", "the Free Syrian Army", "the Syrian National Army",
    "the local council of {town}", "the provincial council of {gov}", "the Response Coordination Group",
    "the Syrian Women's Network", "the Free Lawyers Association", "the Syrian Journalists Association",
    "the Coalition's human rights committee", "the Coalition's legal committee", "the Coalition's media department",
    "the Assistance Coordination Unit", "the Detainees Committee", "the Families for Freedom movement",
    "the Syrian Independent Monitoring Group", "the Supreme Council of the Revolution in {gov}",
    "the Idlib Health Directorate", "the Aleppo Free Bar Association", "the Syrian Turkmen Assembly",
    "the Kurdish National Council", "the Syrian Emergency Task Force", "the Council of Syrian Tribes and Clans",
    "the {gov} Media Center", "the Syrian Forum", "the Humanitarian Relief Foundation", "Molham Volunteering Team",
]
FOREIGN = [
    ("UN Special Envoy for Syria", "Geir Ottesen"), ("UN Under-Secretary-General for Humanitarian Affairs", "Mark Hollis"),
    ("US Special Envoy for Syria", "Joel Raynor"), ("French Foreign Minister", "Pierre Lanvin"),
    ("German Special Envoy for Syria", "Stefan Reuter"), ("British Minister for the Middle East", "Alistair Burnham"),
    ("Turkish Foreign Minister", "Mehmet Kaya"), ("Qatari Minister of State", "Khalid al-Mansouri"),
    ("EU High Representative", "Federica Morandi"), ("Dutch Special Envoy for Syria", "Anneke de Vries"),
    ("Norwegian Special Envoy", "Lars Haugen"), ("Canadian Ambassador to Turkey", "Claire Dumont"),
    ("Italian Deputy Foreign Minister", "Marco Ferri"), ("Saudi Foreign Minister", "Faisal al-Rashed"),
    ("Swedish Special Envoy", "Per Lindqvist"), ("Japanese Ambassador", "Kenji Tanaka"),
    ("Head of the UN Commission of Inquiry on Syria", "Paulo Andrade"), ("ICRC regional director", "Fabrizio Carena"),
]
ABROAD = ["Geneva", "Istanbul", "Riyadh", "Astana", "Brussels", "Paris", "London", "Doha", "Ankara", "Sochi",
          "Berlin", "Washington", "New York", "Gaziantep", "Amman", "Vienna", "The Hague", "Rome", "Oslo", "Cairo"]

VILLAGE_HEADS = ["Tal", "Kafr", "Deir", "Ain", "Khirbet", "Beit", "Maarat", "Jabal", "Umm", "Abu", "Bir", "Qasr",
                 "Tell", "Arab", "Sheikh", "Mazraat", "Hosh", "Jisr", "Ras", "Bab", "Nahr", "Tall", "Hawsh"]
VILLAGE_ROOTS = """Hamra Sultan Jadid Zeitoun Ward Shams Rumman Hawa Nahla Safa Sawda Baida Kabir Saghir
Tahta Fawqa Sharqi Gharbi Janoubi Shamali Marj Qamar Nour Sukkar Ghazal Assad Dhahab Fidda Tin Loz
Jawz Tuffah Sindiyan Ballut Zaytun Ramla Sakhr Hajar Wadi Rabi Mansoura Nasr Salam Barakeh Hilal
Najm Mashta Sayf Buraq Qubba Manara Saqiya Birkeh Tahuna Matar Raml Kharab Haddad Najjar Khayyat
Aswad Abyad Akhdar Azraq Ahmar Asfar Kurum Bustan Hadiqa Jinan Waha Ghadir Ayoun Nabaa Qaryat
Huweija Tawil Qasir Aali Wasit Mahatta Sahel Jurd Dahr Tallet Mughr Kahf Burj Souq Khan Jami""".split()
DIRECTIONS = ["northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
              "southwestern"]

PERPETRATORS = ["the Assad regime", "Assad regime forces", "regime forces", "Russian warplanes", "regime warplanes",
                "Iranian-backed militias", "regime helicopters", "Russian and regime aircraft", "ISIS cells",
                "PYD militias", "Hezbollah militias", "regime artillery", "unidentified gunmen", "a regime drone"]
WEAPONS = ["barrel bombs", "cluster munitions", "vacuum missiles", "artillery shells", "surface-to-surface missiles",
           "incendiary bombs", "mortar rounds", "rocket launchers", "guided missiles", "naval mines", "heavy machine guns",
           "chlorine-filled barrels", "thermobaric bombs", "suicide drones", "high-explosive rockets"]
TARGETS = ["a crowded market", "a field hospital", "a primary school", "a bakery", "a residential building",
           "a mosque", "a camp for displaced people", "a civil defence centre", "a water station", "a vegetable market",
           "a fuel market", "a power station", "a kindergarten", "a medical point", "a farm", "a poultry farm",
           "a car park", "a public square", "an olive press", "a grain silo", "a bus station", "a clinic"]
VICTIMS = ["civilians", "people", "children", "women", "members of one family", "displaced people", "farmers",
           "medical workers", "aid workers", "civil defence volunteers", "students", "shepherds", "worshippers"]
HARM = [("killed", "killed"), ("injured", "injured"), ("wounded", "injured"), ("detained", "detained"),
        ("arrested", "detained"), ("displaced", "displaced"), ("missing", "missing")]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fifteen", "twenty"]

REPORT_VERBS = ["said", "stressed", "emphasized", "noted", "warned", "pointed out", "reaffirmed", "added",
                "explained", "affirmed", "revealed", "confirmed", "indicated", "argued", "told reporters"]
CONDEMN = ["condemned", "denounced", "strongly condemned", "deplored", "censured"]
URGE = ["urged", "called on", "appealed to", "called upon", "demanded that"]
ADDRESSEES = ["the international community", "the UN Security Council", "the Friends of the Syrian People",
              "the United Nations", "the European Union", "the guarantor countries", "the Arab League",
              "the International Committee of the Red Cross", "the UN Human Rights Council", "the OPCW",
              "the UN General Assembly", "the Organisation of Islamic Cooperation", "donor countries",
              "the UN Office for the Coordination of Humanitarian Affairs", "the International Criminal Court"]
ACTIONS = ["take urgent action to protect civilians", "ensure accountability for the crimes committed",
           "secure the release of detainees", "deliver humanitarian aid to the besieged areas",
           "stop the forced displacement of civilians", "refer the Syrian file to the International Criminal Court",
           "enforce resolution 2254", "impose a no-fly zone", "open safe corridors for the wounded",
           "reveal the fate of the forcibly disappeared", "fund the winter response in the camps",
           "investigate the use of chemical weapons", "lift the siege on {town}", "protect medical facilities",
           "support the work of local councils", "monitor the ceasefire", "reopen the border crossings",
           "stop normalisation with the regime", "hold the perpetrators to account", "support early recovery projects"]
SUBJECTS = ["the regime", "the political process", "the Syrian people", "the international community",
            "the negotiations", "the humanitarian situation", "the ceasefire", "the constitutional committee",
            "the detainees file", "the return of refugees", "the situation in {gov}", "the reconstruction effort",
            "the local councils", "the Astana track", "the economic crisis", "the camps in the north",
            "the Russian escalation", "the displacement from {town}", "impunity", "the siege of {town}"]
PREDICATES = ["cannot succeed without real pressure on Damascus", "has reached a dead end",
              "is being used to buy time", "must not be held hostage to the regime's manoeuvres",
              "requires a comprehensive political transition", "is worsening by the day",
              "has been violated hundreds of times", "will not be resolved by military means",
              "demands a firm international position", "depends on releasing all prisoners of conscience",
              "is the key to any lasting settlement", "has exposed the failure of the guarantors",
              "cannot be separated from accountability", "calls for an independent investigation",
              "threatens the stability of the whole region", "has left thousands without shelter",
              "needs sustained funding", "is a red line for the Syrian revolution", "remains our top priority",
              "shows that the regime is not serious about peace"]
TOPICS = ["the latest political and field developments", "the situation in {gov} province",
          "preparations for the next round of talks in {abroad}", "the humanitarian situation in {town}",
          "the file of detainees and the forcibly disappeared", "the regime's violations of the ceasefire",
          "support for the local councils in {gov}", "the work of the constitutional committee",
          "the needs of the displaced in the camps near {town}", "the return of refugees",
          "the security situation in the liberated areas", "the reopening of border crossings",
          "the investigation into the chemical attack on {town}", "education in the north of the country",
          "the delivery of cross-border aid", "the economic situation in the liberated areas"]
QUALIFIERS = [("at least", "at_least"), ("about", "about"), ("nearly", "nearly"), ("more than", "more_than"),
              ("up to", "up_to"), ("", "exact"), ("", "exact"), ("", "exact"), ("around", "about")]
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
TOLL_ENDINGS = ["the highest monthly toll this year", "most of them in attacks on residential areas",
                "a figure that does not include those still missing", "according to its monthly report",
                "while warning that the real number is likely higher", "in what it called a systematic campaign",
                "and said it had shared the names with UN investigators"]
OPENERS = ["Observers believe that", "Analysts warn that", "Opposition figures say that", "Aid agencies fear that",
           "Diplomats in the region concede that", "Residents say that", "Legal experts argue that",
           "Many Syrians feel that", "Local journalists report that", "Rights advocates insist that"]
LINKS = ["while", "even as", "and that", "adding that", "at a time when", "although", "because"]
NEED_SUBJECTS = ["Families sheltering in tents", "Hospitals in the area", "The displaced in the northern camps",
                 "Schools that reopened this month", "Bakeries still working", "Farmers who stayed behind",
                 "Returnees to the villages", "Medical teams on the front lines", "Relief convoys"]
NEED_VERBS = ["are running short of", "urgently need", "lack", "have been without", "depend entirely on",
              "are struggling to secure"]
NEEDS = ["clean water", "fuel for heating", "baby milk", "medicines for chronic diseases", "blankets", "flour",
         "electricity", "surgical supplies", "winter clothing", "cash assistance", "shelter materials", "vaccines",
         "psychological support", "sanitation", "school books", "bread"]
NEED_ENDINGS = ["as temperatures drop below freezing", "while prices have doubled in a month",
                "after the last convoy was turned back", "since the crossings were closed",
                "and funding covers a fraction of needs", "as aid budgets shrink", "while the roads stay cut",
                "according to volunteers working in the area", "as the number of new arrivals keeps rising",
                "with no sign that the bombardment will stop"]
DETAINERS = ["Regime forces", "The regime's Military Security branch", "Air Force Intelligence",
             "The regime's State Security", "Iranian-backed militias", "PYD militias", "Regime checkpoints",
             "The Fourth Division", "Regime security services"]
MODALS = ["cannot", "will not", "must not", "should not", "can no longer", "is unlikely to", "may never",
          "is expected to", "has failed to", "is trying to", "continues to", "refuses to", "has begun to"]
VERB_PHRASES = ["succeed", "move forward", "be separated from justice", "ignore the daily bombardment",
                "protect the people of {town}", "deliver on its promises", "survive another winter",
                "hide the scale of the arrests", "bring the displaced home", "restore trust among Syrians",
                "halt the collapse of the currency", "secure the roads around {town}", "convince donors",
                "reach the besieged neighbourhoods", "answer the families of the missing", "end the siege",
                "return to the negotiating table", "win the support of the tribes in {gov}"]
CONDITIONS = ["without guarantees from {abroad}", "while the airstrikes continue", "unless the detainees are freed",
              "as long as Moscow shields Damascus", "before the end of the year", "under the current arrangements",
              "in the absence of monitors", "after what happened in {town}", "despite pledges made in {abroad}",
              "without a clear timetable", "so long as the crossings stay closed", "given the shortage of funds",
              "with the militias still deployed in {gov}", "until the perpetrators are named", "at this pace"]
