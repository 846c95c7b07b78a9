"""Country names, demonyms, capitals and abbreviations to ISO3, as news writes them."""

from __future__ import annotations

import pytest

from newsbrief.countries import country_code, country_name, is_country_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("United States", "USA"), ("the United States", "USA"), ("U.S.", "USA"), ("US", "USA"), ("USA", "USA"),
        ("America", "USA"), ("American", "USA"), ("Americans", "USA"), ("Washington", "USA"),
        ("the White House", "USA"), ("U.S.-led", "USA"),
        ("Japan", "JPN"), ("Japanese", "JPN"), ("Tokyo", "JPN"), ("Japan's", "JPN"), ("Japan’s", "JPN"),
        ("South Korea", "KOR"), ("South Korean", "KOR"), ("Seoul", "KOR"), ("Korea, Republic of", "KOR"),
        ("North Korea", "PRK"), ("Pyongyang", "PRK"),
        ("China", "CHN"), ("Chinese", "CHN"), ("Beijing", "CHN"),
        ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Kremlin", "RUS"), ("the Kremlin", "RUS"),
        ("pro-Russian", "RUS"),
        ("UK", "GBR"), ("Britain", "GBR"), ("British", "GBR"), ("Downing Street", "GBR"),
        ("Filipinos", "PHL"), ("Saudis", "SAU"), ("Israelis", "ISR"), ("Swiss", "CHE"),
        ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Kyiv", "UKR"), ("Kosovo", "XKX"),
        ("Plurinational State of Bolivia", "BOL"), ("Islamic Republic of Iran", "IRN"),
    ],
)
def test_names_demonyms_capitals_and_short_forms(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    "text", ["Ohio", "Europe", "NATO", "Donald Trump", "", "   ", "pole", "china", "turkey", "Can"]
)
def test_what_is_not_a_country(text: str) -> None:
    assert country_code(text) is None


def test_three_letter_codes_only_in_capitals() -> None:
    assert country_code("JPN") == "JPN"
    assert country_code("CAN") == "CAN"
    assert country_code("and") is None


def test_display_names_are_newsroom_short_names() -> None:
    assert country_name("KOR") == "South Korea"
    assert country_name("USA") == "United States"
    assert country_name("IRN") == "Iran"
    assert country_name("XKX") == "Kosovo"
    assert country_name("zzz") == "zzz"
    assert is_country_code("jpn") and not is_country_code("ZZZ")
