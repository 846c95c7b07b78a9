"""Country names, demonyms, capitals and short forms to ISO 3166 alpha-3 codes, and back.

``country_code("Japanese") == "JPN"``, ``country_code("Washington") == "USA"``,
``country_name("KOR") == "South Korea"``.

Two sources, in this order:

1. our own table (``_TABLE`` below): the names newsrooms write (short forms, abbreviations such as "U.S." and
   "UK"), demonyms ("South Korean", "Filipinos"), capitals and seats of government used for the government
   ("Tokyo", "Beijing", "the Kremlin", "the White House"), and the few codes ISO lacks (Kosovo, XKX);
2. pycountry (LGPL-2.1, used as an installed dependency, never copied): every ISO name, official name and common
   name ("Korea, Republic of", "Plurinational State of Bolivia").

A capital is read as the country because news uses it as a metonym for the government ("Tokyo rejected ...");
capitals that are also ordinary English words or shared with other places ("Male", "Victoria", "Kingston") are
left out on purpose. Three-letter codes are accepted only in capitals ("JPN"), so that "can" or "and" never
becomes a country.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# ISO3 | other names and short forms | demonyms (adjective; plurals are added) | capitals and seats of government.
# A country may take several lines; the first name on its first line is its display name.
_TABLE = """
AFG|Afghanistan|Afghan;Afghani|Kabul
ALB|Albania|Albanian|Tirana
DZA|Algeria|Algerian|Algiers
AND|Andorra|Andorran|
AGO|Angola|Angolan|Luanda
ATG|Antigua;Antigua and Barbuda|Antiguan|
ARG|Argentina|Argentine;Argentinian;Argentinean|Buenos Aires;Casa Rosada
ARM|Armenia|Armenian|Yerevan
AUS|Australia|Australian;Aussie|Canberra
AUT|Austria|Austrian|Vienna
AZE|Azerbaijan|Azerbaijani;Azeri|Baku
BHS|Bahamas;The Bahamas|Bahamian|Nassau
BHR|Bahrain|Bahraini|Manama
BGD|Bangladesh|Bangladeshi|Dhaka
BRB|Barbados|Barbadian;Bajan|Bridgetown
BLR|Belarus|Belarusian;Belarussian|Minsk
BEL|Belgium|Belgian|
BLZ|Belize|Belizean|Belmopan
BEN|Benin|Beninese|Porto-Novo
BTN|Bhutan|Bhutanese|Thimphu
BOL|Bolivia|Bolivian|La Paz
BIH|Bosnia;Bosnia and Herzegovina;Bosnia-Herzegovina;Republika Srpska|Bosnian;Bosniak;Herzegovinian|Sarajevo
BWA|Botswana|Botswanan;Motswana;Batswana|Gaborone
BRA|Brazil|Brazilian|Brasilia;Brasília
BRN|Brunei|Bruneian|
BGR|Bulgaria|Bulgarian|Sofia
BFA|Burkina Faso;Burkina|Burkinabe;Burkinabè|Ouagadougou
BDI|Burundi|Burundian|Gitega;Bujumbura
KHM|Cambodia|Cambodian;Khmer|Phnom Penh
CMR|Cameroon|Cameroonian|Yaounde;Yaoundé
CAN|Canada|Canadian|Ottawa
CPV|Cape Verde;Cabo Verde|Cape Verdean|Praia
CAF|Central African Republic;CAR|Central African|Bangui
TCD|Chad|Chadian|N'Djamena;Ndjamena
CHL|Chile|Chilean|Santiago
CHN|China;PRC;People's Republic of China;Mainland China|Chinese|Beijing;Peking;Zhongnanhai
COL|Colombia|Colombian|Bogota;Bogotá
COM|Comoros|Comoran;Comorian|Moroni
COG|Congo-Brazzaville;Republic of Congo;Republic of the Congo|Congolese (Brazzaville)|Brazzaville
COD|DRC;DR Congo;Democratic Republic of Congo;Democratic Republic of the Congo|Congolese|Kinshasa
COD|Congo-Kinshasa;Congo;Zaire||
CRI|Costa Rica|Costa Rican|San Jose;San José
CIV|Ivory Coast;Cote d'Ivoire;Côte d'Ivoire|Ivorian|Yamoussoukro;Abidjan
HRV|Croatia|Croatian;Croat|Zagreb
CUB|Cuba|Cuban|Havana
CYP|Cyprus;Northern Cyprus|Cypriot|Nicosia
CZE|Czech Republic;Czechia|Czech|Prague
DNK|Denmark|Danish;Dane|Copenhagen
DJI|Djibouti|Djiboutian|
DMA|Dominica|Dominican (Dominica)|Roseau
DOM|Dominican Republic|Dominican|Santo Domingo
ECU|Ecuador|Ecuadorian;Ecuadorean|Quito
EGY|Egypt|Egyptian|Cairo
SLV|El Salvador|Salvadoran;Salvadorean|San Salvador
GNQ|Equatorial Guinea|Equatoguinean;Equatorial Guinean|Malabo
ERI|Eritrea|Eritrean|Asmara
EST|Estonia|Estonian|Tallinn
SWZ|Eswatini;Swaziland|Swazi|Mbabane
ETH|Ethiopia|Ethiopian|Addis Ababa
FJI|Fiji|Fijian|Suva
FIN|Finland|Finnish;Finn|Helsinki
FRA|France|French;Frenchman;Frenchmen;Frenchwoman|Paris;Elysee;Élysée;Elysee Palace;Élysée Palace;Quai d'Orsay
GAB|Gabon|Gabonese|Libreville
GMB|Gambia;The Gambia|Gambian|Banjul
GEO|Georgia;Abkhazia;South Ossetia|Georgian|Tbilisi
DEU|Germany;West Germany;East Germany|German|Berlin;Bonn
GHA|Ghana|Ghanaian|Accra
GRC|Greece|Greek|Athens
GRD|Grenada|Grenadian|
GTM|Guatemala|Guatemalan|Guatemala City
GIN|Guinea|Guinean|Conakry
GNB|Guinea-Bissau|Bissau-Guinean|Bissau
GUY|Guyana|Guyanese|Georgetown
HTI|Haiti|Haitian|Port-au-Prince
HND|Honduras|Honduran|Tegucigalpa
HKG|Hong Kong|Hong Konger;Hongkonger|
HUN|Hungary|Hungarian|Budapest
ISL|Iceland|Icelandic;Icelander|Reykjavik;Reykjavík
IND|India|Indian|New Delhi;Delhi
IDN|Indonesia|Indonesian|Jakarta
IRN|Iran;Islamic Republic of Iran;Persia|Iranian;Persian|Tehran;Teheran
IRQ|Iraq|Iraqi|Baghdad
IRL|Ireland;Republic of Ireland;Eire|Irish;Irishman|Dublin
ISR|Israel|Israeli|Jerusalem;Tel Aviv
ITA|Italy|Italian|Rome
JAM|Jamaica|Jamaican|
JPN|Japan|Japanese|Tokyo
JOR|Jordan|Jordanian|Amman
KAZ|Kazakhstan|Kazakh;Kazakhstani|Astana;Nur-Sultan;Almaty
KEN|Kenya|Kenyan|Nairobi
KIR|Kiribati|I-Kiribati|Tarawa
PRK|North Korea;DPRK;Democratic People's Republic of Korea|North Korean|Pyongyang
KOR|South Korea;Republic of Korea;ROK;Korea|South Korean;Korean|Seoul;Blue House
XKX|Kosovo|Kosovar;Kosovan|Pristina;Prishtina
KWT|Kuwait|Kuwaiti|Kuwait City
KGZ|Kyrgyzstan;Kyrgyz Republic|Kyrgyz;Kyrgyzstani|Bishkek
LAO|Laos;Lao PDR|Lao;Laotian|Vientiane
LVA|Latvia|Latvian|Riga
LBN|Lebanon|Lebanese|Beirut
LSO|Lesotho|Basotho;Mosotho|Maseru
LBR|Liberia|Liberian|Monrovia
LBY|Libya|Libyan|Tripoli
LIE|Liechtenstein|Liechtensteiner|Vaduz
LTU|Lithuania|Lithuanian|Vilnius
LUX|Luxembourg|Luxembourgish;Luxembourger|
MDG|Madagascar|Malagasy|Antananarivo
MWI|Malawi|Malawian|Lilongwe
MYS|Malaysia|Malaysian|Kuala Lumpur;Putrajaya
MDV|Maldives;The Maldives|Maldivian|
MLI|Mali|Malian|Bamako
MLT|Malta|Maltese|Valletta
MHL|Marshall Islands|Marshallese|Majuro
MRT|Mauritania|Mauritanian|Nouakchott
MUS|Mauritius|Mauritian|Port Louis
MEX|Mexico|Mexican|Mexico City
FSM|Micronesia|Micronesian|Palikir
MDA|Moldova;Transnistria|Moldovan|Chisinau;Chișinău
MCO|Monaco|Monegasque|
MNG|Mongolia|Mongolian|Ulaanbaatar;Ulan Bator
MNE|Montenegro|Montenegrin|Podgorica
MAR|Morocco|Moroccan|Rabat
MOZ|Mozambique|Mozambican|Maputo
MMR|Myanmar;Burma|Burmese;Myanmarese|Naypyidaw;Naypyitaw;Yangon;Rangoon
NAM|Namibia|Namibian|Windhoek
NRU|Nauru|Nauruan|
NPL|Nepal|Nepali;Nepalese|Kathmandu
NLD|Netherlands;The Netherlands;Holland|Dutch;Dutchman|Amsterdam;The Hague
NZL|New Zealand|New Zealander;Kiwi|Wellington
NIC|Nicaragua|Nicaraguan|Managua
NER|Niger|Nigerien|Niamey
NGA|Nigeria|Nigerian|Abuja
MKD|North Macedonia;Macedonia|Macedonian|Skopje
NOR|Norway|Norwegian|Oslo
OMN|Oman|Omani|Muscat
PAK|Pakistan|Pakistani|Islamabad
PLW|Palau|Palauan|
PSE|Palestine;Palestinian Territories;West Bank;Gaza;Gaza Strip;Palestinian Authority|Palestinian|Ramallah
PAN|Panama|Panamanian|Panama City
PNG|Papua New Guinea;PNG|Papua New Guinean|Port Moresby
PRY|Paraguay|Paraguayan|Asuncion;Asunción
PER|Peru|Peruvian|Lima
PHL|Philippines;The Philippines|Filipino;Philippine;Filipina|Manila;Malacanang;Malacañang
POL|Poland|Polish;Pole|Warsaw
PRT|Portugal|Portuguese|Lisbon
QAT|Qatar|Qatari|Doha
ROU|Romania|Romanian|Bucharest
RUS|Russia;Russian Federation;Soviet Union;USSR|Russian;Soviet|Moscow;Kremlin;The Kremlin
RWA|Rwanda|Rwandan|Kigali
KNA|Saint Kitts and Nevis;St Kitts and Nevis|Kittitian|Basseterre
LCA|Saint Lucia;St Lucia|Saint Lucian|Castries
VCT|Saint Vincent and the Grenadines;St Vincent|Vincentian|Kingstown
WSM|Samoa|Samoan|Apia
SMR|San Marino|Sammarinese|
STP|Sao Tome and Principe;São Tomé and Príncipe|Santomean|
SAU|Saudi Arabia;Saudi;KSA|Saudi;Saudi Arabian|Riyadh
SEN|Senegal|Senegalese|Dakar
SRB|Serbia|Serbian;Serb|Belgrade
SYC|Seychelles|Seychellois|
SLE|Sierra Leone|Sierra Leonean|Freetown
SGP|Singapore|Singaporean|
SVK|Slovakia;Slovak Republic|Slovak;Slovakian|Bratislava
SVN|Slovenia|Slovenian;Slovene|Ljubljana
SLB|Solomon Islands|Solomon Islander|Honiara
SOM|Somalia;Somaliland;Puntland|Somali;Somalian|Mogadishu
ZAF|South Africa;RSA|South African|Pretoria;Cape Town
SSD|South Sudan|South Sudanese|Juba
ESP|Spain|Spanish;Spaniard|Madrid;Moncloa
LKA|Sri Lanka;Ceylon|Sri Lankan|Colombo;Sri Jayawardenepura Kotte
SDN|Sudan|Sudanese|Khartoum
SUR|Suriname;Surinam|Surinamese|Paramaribo
SWE|Sweden|Swedish;Swede|Stockholm
CHE|Switzerland|Swiss|Bern;Berne
SYR|Syria|Syrian|Damascus
TWN|Taiwan;Republic of China;ROC;Chinese Taipei|Taiwanese|Taipei
TJK|Tajikistan|Tajik;Tajikistani|Dushanbe
TZA|Tanzania|Tanzanian|Dodoma;Dar es Salaam
THA|Thailand;Siam|Thai|Bangkok
TLS|East Timor;Timor-Leste|Timorese|Dili
TGO|Togo|Togolese|Lome;Lomé
TON|Tonga|Tongan|Nuku'alofa
TTO|Trinidad and Tobago;Trinidad|Trinidadian;Tobagonian|Port of Spain
TUN|Tunisia|Tunisian|Tunis
TUR|Turkey;Türkiye;Turkiye|Turkish;Turk|Ankara
TKM|Turkmenistan|Turkmen|Ashgabat
TUV|Tuvalu|Tuvaluan|Funafuti
UGA|Uganda|Ugandan|Kampala
UKR|Ukraine;The Ukraine|Ukrainian|Kyiv;Kiev
ARE|United Arab Emirates;UAE;Emirates;The Emirates|Emirati|Abu Dhabi
GBR|United Kingdom;UK;U.K.;Britain;Great Britain|British;Briton;Brit|London;Downing Street;Whitehall;Westminster
GBR|England;Scotland;Wales;Northern Ireland|English;Scottish;Scot;Welsh|
USA|United States;United States of America;US;U.S.;USA;U.S.A.;America;The States|American;U.S.|Washington
USA|||Washington DC;Washington D.C.;White House;The White House;Capitol Hill
URY|Uruguay|Uruguayan|Montevideo
UZB|Uzbekistan|Uzbek;Uzbekistani|Tashkent
VUT|Vanuatu|Ni-Vanuatu|Port Vila
VAT|Vatican;Holy See;Vatican City|Vatican|
VEN|Venezuela|Venezuelan|Caracas
VNM|Vietnam;Viet Nam|Vietnamese|Hanoi
YEM|Yemen|Yemeni|Sanaa;Sana'a
ZMB|Zambia|Zambian|Lusaka
ZWE|Zimbabwe|Zimbabwean|Harare
GRL|Greenland|Greenlandic;Greenlander|Nuuk
PRI|Puerto Rico|Puerto Rican|San Juan
"""

# Country names for display: the short names newsrooms use where ISO's differ ("South Korea", not
# "Korea, Republic of"). The first name in the table is the display name.


def _normalise(text: str) -> str:
    """Lower case, accents folded, a leading "the" and a trailing possessive dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").strip().lower()
    text = re.sub(r"['’]s$|'$", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:")


def _plural(demonym: str) -> list[str]:
    # "Japanese", "Swiss", "French", "Burmese" do not take an s; the rest do ("Americans", "Filipinos").
    if demonym.endswith(("ese", "ss", "ch", "sh", ".")):
        return []
    if demonym.endswith("man"):
        return [demonym[:-3] + "men"]
    return [demonym + "s"]


@functools.cache
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name -> ISO3, ISO3 -> display name), built once from our table and pycountry."""
    import pycountry

    lookup: dict[str, str] = {}
    kinds = _kinds()
    display: dict[str, str] = {}
    # pycountry first, so that our table (read after) wins on any name both know.
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                lookup[_normalise(value)] = code
        display[code] = getattr(country, "common_name", None) or country.name
    seen: set[str] = set()
    for line in _TABLE.strip().splitlines():
        code, names, demonyms, capitals = line.split("|")
        name_list = [n for n in names.split(";") if n]
        if code not in seen:
            seen.add(code)
            display[code] = name_list[0] if name_list else display.get(code, code)
        for name in name_list:
            lookup[_normalise(name)] = code
        for capital in (c for c in capitals.split(";") if c):
            lookup[_normalise(capital)] = code
            kinds[_normalise(capital)] = "capital"
        for demonym in (d for d in demonyms.split(";") if d):
            if "(" in demonym:  # a demonym shared with a larger country ("Congolese", "Dominican"): skip
                continue
            for form in [demonym, *_plural(demonym)]:
                lookup[_normalise(form)] = code
                kinds[_normalise(form)] = "demonym"
    return lookup, display


@functools.cache
def _kinds() -> dict[str, str]:
    """Normalised key -> "capital" or "demonym" (filled by ``_index``); anything else is a name."""
    return {}


def country_kind(name: str) -> str | None:
    """How ``name`` names its country: "name", "demonym" or "capital" (a seat of government); None if no country."""
    if country_code(name) is None:
        return None
    key = _normalise(name)
    for affix in (*_PREFIXES, *_SUFFIXES):
        key = _normalise(key.removeprefix(affix).removesuffix(affix))
    return _kinds().get(key, "name")


# Words news puts before a country or a demonym that do not change it ("the Japanese government" is handled by
# the actor resolver; here only forms like "U.S.-led" or "pro-Russian").
_PREFIXES = ("pro-", "anti-")
_SUFFIXES = ("-led", "-backed", "-based", "-born")


def country_code(name: str, codes: bool = True) -> str | None:
    """ISO 3166 alpha-3 code for a country's name, short form, demonym or capital; None when it names no country.

    >>> country_code("U.S."), country_code("South Korean"), country_code("Tokyo"), country_code("Ohio")
    ('USA', 'KOR', 'JPN', None)

    ``codes=False`` ignores bare ISO3 codes, for running text ("PRI" there is a party, not Puerto Rico).
    """
    if not name or not name.strip():
        return None
    raw = name.strip()
    lookup, display = _index()
    if codes and re.fullmatch(r"[A-Z]{3}", raw) and raw in display:
        return raw
    # Names of countries are capitalised in English; "pole", "china" (the dishes) or "turkey" in lower case are not
    # countries, so a lower-case word is not looked up.
    head = re.sub(r"^(?:the|pro-|anti-)\s*", "", raw, flags=re.IGNORECASE)
    if not head or not head[0].isupper():
        return None
    key = _normalise(raw)
    if key in lookup:
        return lookup[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and _normalise(key[len(prefix):]) in lookup:
            return lookup[_normalise(key[len(prefix):])]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and _normalise(key[: -len(suffix)]) in lookup:
            return lookup[_normalise(key[: -len(suffix)])]
    return None


def country_name(code: str) -> str:
    """The display name of an ISO3 code ("KOR" -> "South Korea"); the code itself when it is unknown."""
    _, display = _index()
    return display.get(code.upper(), code)


def is_country_code(code: str) -> bool:
    """True when ``code`` is an ISO3 code (or Kosovo's XKX) this module knows."""
    _, display = _index()
    return code.upper() in display
