# ruff: noqa: E501, SIM905 - tables read better one row of entries per line
"""What the actor resolver knows by name: organisations, well-known office holders, large cities, national titles.

Our own tables, written from general knowledge (no external list copied). They hold the organisations and
people that international news names most often; anyone else is resolved from the words around the name
("Armenian Prime Minister", "Chile's Defense Ministry") or from the speaker's role and country.
"""

from __future__ import annotations

# name or abbreviation -> (ISO3 or None, sector, igo group). The igo group is how CAMEO-style coders file
# international bodies: "UNO" (the UN system), "EUR" (the EU), "IGO" (any other), or "" for a national body.
ORGANISATIONS: dict[str, tuple[str | None, str, str]] = {
    # The UN system.
    "United Nations": (None, "igo", "UNO"), "UN": (None, "igo", "UNO"), "U.N.": (None, "igo", "UNO"),
    "United Nations Security Council": (None, "igo", "UNO"), "UN Security Council": (None, "igo", "UNO"),
    "Security Council": (None, "igo", "UNO"), "UNSC": (None, "igo", "UNO"),
    "General Assembly": (None, "igo", "UNO"), "UN General Assembly": (None, "igo", "UNO"),
    "World Health Organization": (None, "igo", "UNO"), "WHO": (None, "igo", "UNO"),
    "International Atomic Energy Agency": (None, "igo", "UNO"), "IAEA": (None, "igo", "UNO"),
    "International Court of Justice": (None, "igo", "UNO"), "ICJ": (None, "igo", "UNO"),
    "UNHCR": (None, "igo", "UNO"), "UNICEF": (None, "igo", "UNO"), "World Food Programme": (None, "igo", "UNO"),
    "WFP": (None, "igo", "UNO"), "UNESCO": (None, "igo", "UNO"),
    # The EU.
    "European Union": (None, "igo", "EUR"), "EU": (None, "igo", "EUR"), "E.U.": (None, "igo", "EUR"),
    # "Europe" acting (called on, should move, will respond) is the Union's institutions.
    "Europe": (None, "igo", "EUR"), "Mercosur": (None, "igo", "IGO"),
    "European Commission": (None, "igo", "EUR"), "European Council": (None, "igo", "EUR"),
    "European Parliament": (None, "legislature", "EUR"), "EU legislature": (None, "legislature", "EUR"),
    "European Central Bank": (None, "igo", "EUR"), "ECB": (None, "igo", "EUR"),
    # Other international bodies.
    "NATO": (None, "igo", "IGO"), "North Atlantic Treaty Organization": (None, "igo", "IGO"),
    "International Monetary Fund": (None, "igo", "IGO"), "IMF": (None, "igo", "IGO"),
    "World Bank": (None, "igo", "IGO"), "World Bank Group": (None, "igo", "IGO"),
    "World Trade Organization": (None, "igo", "IGO"), "WTO": (None, "igo", "IGO"),
    "African Union": (None, "igo", "IGO"), "AU": (None, "igo", "IGO"), "ASEAN": (None, "igo", "IGO"),
    "OPEC": (None, "igo", "IGO"), "Arab League": (None, "igo", "IGO"), "OSCE": (None, "igo", "IGO"),
    "G7": (None, "igo", "IGO"), "G20": (None, "igo", "IGO"), "ECOWAS": (None, "igo", "IGO"),
    "International Criminal Court": (None, "igo", "IGO"), "ICC": (None, "igo", "IGO"),
    "Red Cross": (None, "ngo", "IGO"), "Red Crescent": (None, "ngo", ""), "Amnesty International": (None, "ngo", ""),
    "Human Rights Watch": (None, "ngo", ""),
    # National bodies news names without their country.
    "Pentagon": ("USA", "military", ""), "White House": ("USA", "government", ""),
    "State Department": ("USA", "government", ""), "Congress": ("USA", "legislature", ""),
    "CIA": ("USA", "intelligence", ""), "Central Intelligence Agency": ("USA", "intelligence", ""),
    "FBI": ("USA", "police", ""), "DEA": ("USA", "police", ""), "Drug Enforcement Administration": ("USA", "police", ""),
    "Federal Reserve": ("USA", "government", ""), "NSA": ("USA", "intelligence", ""),
    "Kremlin": ("RUS", "government", ""), "FSB": ("RUS", "intelligence", ""), "GRU": ("RUS", "intelligence", ""),
    "Duma": ("RUS", "legislature", ""), "State Duma": ("RUS", "legislature", ""), "Wagner": ("RUS", "military", ""),
    "Wagner Group": ("RUS", "military", ""), "Northern Fleet": ("RUS", "military", ""),
    "Baltic Fleet": ("RUS", "military", ""), "Black Sea Fleet": ("RUS", "military", ""),
    "People's Liberation Army": ("CHN", "military", ""), "PLA": ("CHN", "military", ""),
    "Xinhua": ("CHN", "media", ""), "Zhongnanhai": ("CHN", "government", ""),
    "Downing Street": ("GBR", "government", ""), "Whitehall": ("GBR", "government", ""),
    "MI6": ("GBR", "intelligence", ""), "MI5": ("GBR", "intelligence", ""), "Bank of England": ("GBR", "government", ""),
    "Elysee": ("FRA", "government", ""), "Élysée": ("FRA", "government", ""), "Bundestag": ("DEU", "legislature", ""),
    "Bundeswehr": ("DEU", "military", ""), "Knesset": ("ISR", "legislature", ""), "Mossad": ("ISR", "intelligence", ""),
    "Shin Bet": ("ISR", "intelligence", ""), "IDF": ("ISR", "military", ""),
    "Israel Defense Forces": ("ISR", "military", ""), "Hamas": ("PSE", "rebels", ""),
    "Palestinian Authority": ("PSE", "government", ""), "Hezbollah": ("LBN", "rebels", ""),
    "Houthis": ("YEM", "rebels", ""), "Houthi": ("YEM", "rebels", ""), "Taliban": ("AFG", "government", ""),
    "IRGC": ("IRN", "military", ""), "Revolutionary Guards": ("IRN", "military", ""),
    "Quds Force": ("IRN", "military", ""), "Boko Haram": ("NGA", "rebels", ""), "al-Shabaab": ("SOM", "rebels", ""),
    "Al-Shabaab": ("SOM", "rebels", ""), "Syrian Democratic Forces": ("SYR", "rebels", ""),
    "SDF": ("SYR", "rebels", ""), "Blue House": ("KOR", "government", ""), "Diet": ("JPN", "legislature", ""),
    "Self-Defense Forces": ("JPN", "military", ""), "Lok Sabha": ("IND", "legislature", ""),
    "BJP": ("IND", "party", ""), "Bharatiya Janata Party": ("IND", "party", ""),
    "Congress Party": ("IND", "party", ""), "ANC": ("ZAF", "party", ""), "Rada": ("UKR", "legislature", ""),
    "Verkhovna Rada": ("UKR", "legislature", ""), "Sejm": ("POL", "legislature", ""),
    "Majlis": ("IRN", "legislature", ""), "Islamic Consultative Assembly": ("IRN", "legislature", ""),
    "National People's Congress": ("CHN", "legislature", ""), "Politburo": ("CHN", "government", ""),
    # Main political parties, cartels and armed groups that news names without their country.
    "Republican Party": ("USA", "party", ""), "Democratic Party": ("USA", "party", ""), "GOP": ("USA", "party", ""),
    "Labour Party": ("GBR", "party", ""), "Conservative Party": ("GBR", "party", ""), "Tories": ("GBR", "party", ""),
    "CDU": ("DEU", "party", ""), "SPD": ("DEU", "party", ""), "AfD": ("DEU", "party", ""),
    "Liberal Democratic Party": ("JPN", "party", ""), "LDP": ("JPN", "party", ""),
    "Chinese Communist Party": ("CHN", "party", ""), "CCP": ("CHN", "party", ""), "CPC": ("CHN", "party", ""),
    "United Russia": ("RUS", "party", ""), "Institutional Revolutionary Party": ("MEX", "party", ""),
    "PRI": ("MEX", "party", ""), "Morena": ("MEX", "party", ""), "AKP": ("TUR", "party", ""),
    "Likud": ("ISR", "party", ""), "Workers' Party": ("BRA", "party", ""), "Fatah": ("PSE", "party", ""),
    "Sinaloa Cartel": ("MEX", "criminal", ""), "Jalisco New Generation Cartel": ("MEX", "criminal", ""),
    "CJNG": ("MEX", "criminal", ""), "Los Zetas": ("MEX", "criminal", ""), "Zetas": ("MEX", "criminal", ""),
    "Gulf Cartel": ("MEX", "criminal", ""), "FARC": ("COL", "rebels", ""), "ELN": ("COL", "rebels", ""),
    "M23": ("COD", "rebels", ""), "FDLR": ("RWA", "rebels", ""), "PKK": ("TUR", "rebels", ""),
    # Universities and companies that news names without a country.
    "Harvard": ("USA", "education", ""), "Harvard University": ("USA", "education", ""),
    "Yale": ("USA", "education", ""), "Stanford": ("USA", "education", ""), "Princeton": ("USA", "education", ""),
    "Massachusetts Institute of Technology": ("USA", "education", ""), "MIT": ("USA", "education", ""),
    "Oxford University": ("GBR", "education", ""), "University of Oxford": ("GBR", "education", ""),
    "Cambridge University": ("GBR", "education", ""), "University of Cambridge": ("GBR", "education", ""),
    "Google": ("USA", "business", ""), "Apple": ("USA", "business", ""), "Microsoft": ("USA", "business", ""),
    "Amazon": ("USA", "business", ""), "Meta": ("USA", "business", ""), "Facebook": ("USA", "business", ""),
    "LinkedIn": ("USA", "business", ""), "Tesla": ("USA", "business", ""), "Boeing": ("USA", "business", ""),
    "OpenAI": ("USA", "business", ""), "Nvidia": ("USA", "business", ""), "Huawei": ("CHN", "business", ""),
    "TikTok": ("CHN", "business", ""), "Alibaba": ("CHN", "business", ""), "Gazprom": ("RUS", "business", ""),
    "Rosneft": ("RUS", "business", ""), "Aramco": ("SAU", "business", ""), "Saudi Aramco": ("SAU", "business", ""),
    "Samsung": ("KOR", "business", ""), "Toyota": ("JPN", "business", ""), "Airbus": (None, "business", ""),
}

# Well-known office holders: name -> (ISO3, sector). A surname alone finds them when no other entry shares it.
PEOPLE: dict[str, tuple[str | None, str]] = {
    # United States
    "Donald Trump": ("USA", "government"), "Joe Biden": ("USA", "government"), "Kamala Harris": ("USA", "government"),
    "Barack Obama": ("USA", "government"), "JD Vance": ("USA", "government"), "Marco Rubio": ("USA", "government"),
    "Pete Hegseth": ("USA", "government"), "Antony Blinken": ("USA", "government"),
    "Lloyd Austin": ("USA", "government"), "Mike Pompeo": ("USA", "government"), "Scott Bessent": ("USA", "government"),
    "Janet Yellen": ("USA", "government"), "Jake Sullivan": ("USA", "government"),
    "Nancy Pelosi": ("USA", "legislature"), "Mike Johnson": ("USA", "legislature"),
    "Chuck Schumer": ("USA", "legislature"), "Mitch McConnell": ("USA", "legislature"),
    "Hillary Clinton": ("USA", "government"), "Bill Clinton": ("USA", "government"),
    "George W. Bush": ("USA", "government"), "William Burns": ("USA", "intelligence"),
    # Russia, Ukraine, Belarus
    "Vladimir Putin": ("RUS", "government"), "Sergei Lavrov": ("RUS", "government"),
    "Dmitry Peskov": ("RUS", "government"), "Dmitry Medvedev": ("RUS", "government"),
    "Mikhail Mishustin": ("RUS", "government"), "Sergei Shoigu": ("RUS", "government"),
    "Maria Zakharova": ("RUS", "government"), "Andrei Belousov": ("RUS", "government"),
    "Volodymyr Zelensky": ("UKR", "government"), "Volodymyr Zelenskyy": ("UKR", "government"),
    "Dmytro Kuleba": ("UKR", "government"), "Andrii Sybiha": ("UKR", "government"),
    "Alexander Lukashenko": ("BLR", "government"), "Aleksandr Lukashenko": ("BLR", "government"),
    "Alexander Lukashenka": ("BLR", "government"),
    # China, Taiwan, Koreas, Japan
    "Xi Jinping": ("CHN", "government"), "Li Qiang": ("CHN", "government"), "Wang Yi": ("CHN", "government"),
    "Li Keqiang": ("CHN", "government"), "Lai Ching-te": ("TWN", "government"), "Tsai Ing-wen": ("TWN", "government"),
    "Kim Jong Un": ("PRK", "government"), "Kim Jong-un": ("PRK", "government"), "Kim Yo Jong": ("PRK", "government"),
    "Yoon Suk Yeol": ("KOR", "government"), "Lee Jae-myung": ("KOR", "government"), "Moon Jae-in": ("KOR", "government"),
    "Park Jin": ("KOR", "government"), "Shigeru Ishiba": ("JPN", "government"), "Fumio Kishida": ("JPN", "government"),
    "Shinzo Abe": ("JPN", "government"), "Yoshihide Suga": ("JPN", "government"),
    "Yoshimasa Hayashi": ("JPN", "government"), "Sanae Takaichi": ("JPN", "government"),
    "Takeshi Iwaya": ("JPN", "government"),
    # Europe
    "Emmanuel Macron": ("FRA", "government"), "Jean-Yves Le Drian": ("FRA", "government"),
    "Olaf Scholz": ("DEU", "government"), "Friedrich Merz": ("DEU", "government"), "Angela Merkel": ("DEU", "government"),
    "Annalena Baerbock": ("DEU", "government"), "Heiko Maas": ("DEU", "government"),
    "Boris Pistorius": ("DEU", "government"), "Keir Starmer": ("GBR", "government"), "Rishi Sunak": ("GBR", "government"),
    "Boris Johnson": ("GBR", "government"), "Liz Truss": ("GBR", "government"), "David Lammy": ("GBR", "government"),
    "Ben Wallace": ("GBR", "government"), "David Cameron": ("GBR", "government"), "Theresa May": ("GBR", "government"),
    "Giorgia Meloni": ("ITA", "government"), "Pedro Sanchez": ("ESP", "government"), "Pedro Sánchez": ("ESP", "government"),
    "Donald Tusk": ("POL", "government"), "Andrzej Duda": ("POL", "government"), "Viktor Orban": ("HUN", "government"),
    "Viktor Orbán": ("HUN", "government"), "Mark Rutte": (None, "igo"),
    "Recep Tayyip Erdogan": ("TUR", "government"), "Recep Tayyip Erdoğan": ("TUR", "government"),
    "Ursula von der Leyen": (None, "igo"),
    "Antonio Guterres": (None, "igo"), "António Guterres": (None, "igo"),
    "Jens Stoltenberg": (None, "igo"),
    "Pope Francis": (None, "religion"), "Pope Leo XIV": (None, "religion"),
    "Aleksandar Vucic": ("SRB", "government"), "Aleksandar Vučić": ("SRB", "government"),
    "Albin Kurti": ("XKX", "government"), "Hashim Thaci": ("XKX", "government"),
    "Nikol Pashinyan": ("ARM", "government"), "Ilham Aliyev": ("AZE", "government"),
    "Kassym-Jomart Tokayev": ("KAZ", "government"), "Shavkat Mirziyoyev": ("UZB", "government"),
    # Middle East
    "Benjamin Netanyahu": ("ISR", "government"), "Isaac Herzog": ("ISR", "government"),
    "Mahmoud Abbas": ("PSE", "government"), "Ali Khamenei": ("IRN", "government"),
    "Masoud Pezeshkian": ("IRN", "government"), "Ebrahim Raisi": ("IRN", "government"),
    "Abbas Araghchi": ("IRN", "government"), "Mohammed bin Salman": ("SAU", "government"),
    "Bashar al-Assad": ("SYR", "government"), "Ahmed al-Sharaa": ("SYR", "government"),
    "Abdel Fattah al-Sisi": ("EGY", "government"), "Ayman Safadi": ("JOR", "government"),
    "King Abdullah": ("JOR", "government"), "Mohammed bin Zayed": ("ARE", "government"),
    # Asia and Oceania
    "Narendra Modi": ("IND", "government"), "Subrahmanyam Jaishankar": ("IND", "government"),
    "Shehbaz Sharif": ("PAK", "government"), "Imran Khan": ("PAK", "government"),
    "Anthony Albanese": ("AUS", "government"), "Scott Morrison": ("AUS", "government"),
    "Penny Wong": ("AUS", "government"), "Christopher Luxon": ("NZL", "government"),
    "Ferdinand Marcos Jr.": ("PHL", "government"), "Rodrigo Duterte": ("PHL", "government"),
    "Prabowo Subianto": ("IDN", "government"), "Joko Widodo": ("IDN", "government"),
    "Anwar Ibrahim": ("MYS", "government"), "Min Aung Hlaing": ("MMR", "military"),
    "Aung San Suu Kyi": ("MMR", "government"), "Gotabaya Rajapaksa": ("LKA", "government"),
    "Mahinda Rajapaksa": ("LKA", "government"),
    # Americas
    "Justin Trudeau": ("CAN", "government"), "Mark Carney": ("CAN", "government"),
    "Claudia Sheinbaum": ("MEX", "government"), "Andres Manuel Lopez Obrador": ("MEX", "government"),
    "Luiz Inacio Lula da Silva": ("BRA", "government"), "Lula": ("BRA", "government"),
    "Jair Bolsonaro": ("BRA", "government"), "Javier Milei": ("ARG", "government"),
    "Nicolas Maduro": ("VEN", "government"), "Nicolás Maduro": ("VEN", "government"),
    "Gustavo Petro": ("COL", "government"), "Gabriel Boric": ("CHL", "government"),
    "Nayib Bukele": ("SLV", "government"), "Miguel Diaz-Canel": ("CUB", "government"),
    # Africa
    "Cyril Ramaphosa": ("ZAF", "government"), "Bola Tinubu": ("NGA", "government"),
    "Muhammadu Buhari": ("NGA", "government"), "William Ruto": ("KEN", "government"),
    "Uhuru Kenyatta": ("KEN", "government"), "Abiy Ahmed": ("ETH", "government"),
    "Yoweri Museveni": ("UGA", "government"), "Paul Kagame": ("RWA", "government"),
    "Felix Tshisekedi": ("COD", "government"), "Félix Tshisekedi": ("COD", "government"),
    "Abdel Fattah al-Burhan": ("SDN", "military"), "Emmerson Mnangagwa": ("ZWE", "government"),
    "Hassan Sheikh Mohamud": ("SOM", "government"), "Bobi Wine": ("UGA", "legislature"),
    "Mohamed Hussein Roble": ("SOM", "government"), "Mohammed Hussein Roble": ("SOM", "government"),
    "Laurent Gbagbo": ("CIV", "government"), "Alassane Ouattara": ("CIV", "government"),
    "Macky Sall": ("SEN", "government"), "Bassirou Diomaye Faye": ("SEN", "government"),
    "Nana Akufo-Addo": ("GHA", "government"), "John Mahama": ("GHA", "government"),
    "Evariste Ndayishimiye": ("BDI", "government"), "Samia Suluhu Hassan": ("TZA", "government"),
    "Hakainde Hichilema": ("ZMB", "government"), "Ibrahim Traore": ("BFA", "government"),
    "Assimi Goita": ("MLI", "government"), "Kais Saied": ("TUN", "government"), "Abdelmadjid Tebboune": ("DZA", "government"),
    # More of Europe and Asia, heads of state or government of the last decade
    "Boyko Borisov": ("BGR", "government"), "Rumen Radev": ("BGR", "government"), "Juri Ratas": ("EST", "government"),
    "Jüri Ratas": ("EST", "government"), "Kaja Kallas": ("EST", "government"), "Gitanas Nauseda": ("LTU", "government"),
    "Petr Fiala": ("CZE", "government"), "Robert Fico": ("SVK", "government"), "Klaus Iohannis": ("ROU", "government"),
    "Kyriakos Mitsotakis": ("GRC", "government"), "Dick Schoof": ("NLD", "government"),
    "Alexander De Croo": ("BEL", "government"), "Mette Frederiksen": ("DNK", "government"),
    "Ulf Kristersson": ("SWE", "government"), "Jonas Gahr Store": ("NOR", "government"),
    "Sanna Marin": ("FIN", "government"), "Alexander Stubb": ("FIN", "government"),
    "Sauli Niinisto": ("FIN", "government"), "Maia Sandu": ("MDA", "government"),
    "Irakli Kobakhidze": ("GEO", "government"), "Ukhnaagiin Khurelsukh": ("MNG", "government"),
    "Ibrahim Mohamed Solih": ("MDV", "government"), "Mohamed Muizzu": ("MDV", "government"),
    "Sheikh Hasina": ("BGD", "government"), "Muhammad Yunus": ("BGD", "government"),
    "Pushpa Kamal Dahal": ("NPL", "government"), "Hun Manet": ("KHM", "government"), "Hun Sen": ("KHM", "government"),
    "Prayuth Chan-ocha": ("THA", "government"), "Srettha Thavisin": ("THA", "government"),
    "Lawrence Wong": ("SGP", "government"), "Lee Hsien Loong": ("SGP", "government"),
    "Kwasi Kwarteng": ("GBR", "government"), "Jeremy Hunt": ("GBR", "government"),
    "Rachel Reeves": ("GBR", "government"), "Kathleen Hicks": ("USA", "government"),
}

# Large cities that are not capitals: a local actor there ("Shanghai police") belongs to the country.
CITIES: dict[str, str] = {
    "New York": "USA", "Los Angeles": "USA", "Chicago": "USA", "Houston": "USA", "San Francisco": "USA",
    "Shanghai": "CHN", "Guangzhou": "CHN", "Shenzhen": "CHN", "Wuhan": "CHN", "Chongqing": "CHN",
    "Mumbai": "IND", "Bombay": "IND", "Kolkata": "IND", "Chennai": "IND", "Bangalore": "IND", "Bengaluru": "IND",
    "Karachi": "PAK", "Lahore": "PAK", "Peshawar": "PAK", "Istanbul": "TUR", "St Petersburg": "RUS",
    "St. Petersburg": "RUS", "Saint Petersburg": "RUS", "Sydney": "AUS", "Melbourne": "AUS",
    "Osaka": "JPN", "Okinawa": "JPN", "Busan": "KOR", "Toronto": "CAN", "Montreal": "CAN", "Vancouver": "CAN",
    "Sao Paulo": "BRA", "São Paulo": "BRA", "Rio de Janeiro": "BRA", "Lagos": "NGA", "Kano": "NGA",
    "Johannesburg": "ZAF", "Durban": "ZAF", "Alexandria": "EGY", "Aleppo": "SYR", "Mosul": "IRQ", "Basra": "IRQ",
    "Kandahar": "AFG", "Herat": "AFG", "Kharkiv": "UKR", "Odesa": "UKR", "Odessa": "UKR", "Mariupol": "UKR",
    "Lviv": "UKR", "Donetsk": "UKR", "Luhansk": "UKR", "Crimea": "UKR", "Gaza City": "PSE", "Rafah": "PSE",
    "Hebron": "PSE", "Haifa": "ISR", "Munich": "DEU", "Frankfurt": "DEU", "Hamburg": "DEU", "Barcelona": "ESP",
    "Milan": "ITA", "Naples": "ITA", "Marseille": "FRA", "Lyon": "FRA", "Manchester": "GBR", "Glasgow": "GBR",
    "Edinburgh": "GBR", "Belfast": "GBR", "Ho Chi Minh City": "VNM", "Mandalay": "MMR", "Dubai": "ARE",
    "Jeddah": "SAU", "Mecca": "SAU", "Goma": "COD", "Mombasa": "KEN", "Benghazi": "LBY", "Juarez": "MEX",
    "Ciudad Juarez": "MEX", "Tijuana": "MEX", "Guadalajara": "MEX", "Medellin": "COL", "Cali": "COL",
    "Hong Kong": "HKG", "Kabul": "AFG", "Delhi": "IND",
    # Regions news names for their conflicts.
    "Rakhine": "MMR", "Shan": "MMR", "Nagorno-Karabakh": "AZE", "Karabakh": "AZE", "Donbas": "UKR",
    "Tigray": "ETH", "Amhara": "ETH", "Darfur": "SDN", "Xinjiang": "CHN", "Tibet": "CHN", "Sinai": "EGY",
    "Idlib": "SYR", "Balochistan": "PAK", "Khyber Pakhtunkhwa": "PAK", "Mindanao": "PHL", "Papua": "IDN",
    "Kurdistan": "IRQ", "Golan Heights": "SYR", "Borno": "NGA", "Cabo Delgado": "MOZ", "Ituri": "COD",
    "North Kivu": "COD", "South Kivu": "COD", "Kherson": "UKR", "Zaporizhzhia": "UKR", "Belgorod": "RUS",
    "Chechnya": "RUS", "Dagestan": "RUS", "Siberia": "RUS", "Catalonia": "ESP", "Bavaria": "DEU", "Madras": "IND",
    # States and provinces of federations (Georgia and Washington are read as the countries they also name).
    **dict.fromkeys(
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois "
        "Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi "
        "Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia "
        "Wisconsin Wyoming".split(), "USA"),
    "New Hampshire": "USA", "New Jersey": "USA", "New Mexico": "USA", "North Carolina": "USA",
    "North Dakota": "USA", "Rhode Island": "USA", "South Carolina": "USA", "South Dakota": "USA",
    "West Virginia": "USA", "Queensland": "AUS", "New South Wales": "AUS", "Tasmania": "AUS",
    "Northern Territory": "AUS", "Western Australia": "AUS", "South Australia": "AUS", "Ontario": "CAN",
    "Quebec": "CAN", "Alberta": "CAN", "British Columbia": "CAN", "Manitoba": "CAN", "Saskatchewan": "CAN",
    "Uttar Pradesh": "IND", "Maharashtra": "IND", "Bihar": "IND", "Kerala": "IND", "Tamil Nadu": "IND",
    "Karnataka": "IND", "Gujarat": "IND", "Assam": "IND", "Manipur": "IND", "Himachal Pradesh": "IND",
}

# Titles that name one country's office by themselves.
NATIONAL_TITLES: dict[str, str] = {
    "Chief Cabinet Secretary": "JPN", "Secretary of State": "USA", "Defense Secretary": "USA",
    "Secretary of Defense": "USA", "Treasury Secretary": "USA", "Defence Secretary": "GBR", "Foreign Secretary": "GBR",
    "Home Secretary": "GBR", "Chancellor of the Exchequer": "GBR", "Taoiseach": "IRL", "Riigikogu": "EST",
}

# Words of one country's politics that place an actor by themselves: its parties and their members, and the
# titles and bodies of its institutions written as that country's press writes them ("Rep.", "Sen.", "Gov." are
# American usage; "Tory" British). Tried only where the phrase names no country. Regular expressions, matched
# case-sensitively on word boundaries (lower-case "democrats" and "republican" are ordinary words).
POLITICAL_WORDS: tuple[tuple[str, str, str], ...] = (
    # (pattern, ISO3, sector)
    (r"Republicans?|Democrats?|Democratic (?:Party|National|nominee|candidates?|senators?|lawmakers?|leaders?|"
     r"presidential|primary|front-runner|rival)|GOP|DNC|RNC|Tea Party|super PAC", "USA", "party"),
    (r"Rep\.|Reps\.|Sen\.|Sens\.|Representative(?= [A-Z])|Congress(?:man|woman|men|women)|congressional|Capitol Hill|House Speaker|"
     r"Speaker of the House|Senate Majority Leader|Senate Minority Leader|House (?:Republicans|Democrats|Intelligence|"
     r"Judiciary|Oversight|Armed Services|Foreign Affairs) ?(?:Committee)?", "USA", "legislature"),
    (r"Gov\.|Lt\. Gov\.|Attorney General [A-Z][a-z]+ [A-Z]|Oval Office|Justice Department|Department of Justice|"
     r"Homeland Security|Secret Service|Pentagon", "USA", "government"),
    (r"Tory|Tories|Labour Party|Labour MPs?|Liberal Democrats|Lib Dems?|SNP|UKIP|Whitehall|Downing Street|"
     r"Home Office|Scotland Yard|Met Police|MI5|MI6", "GBR", "government"),
    (r"Likud|Knesset|IDF", "ISR", "government"),
    (r"Bundestag|Bundeswehr|CDU|CSU|SPD", "DEU", "government"),
    (r"Duma|Kremlin|FSB", "RUS", "government"),
    (r"BJP|Lok Sabha", "IND", "government"),
)

# One name per organisation, its short form, whichever of its names the text used ("the European Union" and
# "the E.U." are the EU), so that events of one body count together.
SHORT_NAMES: dict[str, str] = {
    "European Union": "EU", "E.U.": "EU", "Europe": "EU", "United Nations": "UN", "U.N.": "UN",
    "North Atlantic Treaty Organization": "NATO",
}
