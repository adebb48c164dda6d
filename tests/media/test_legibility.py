"""Legibility arithmetic against published figures."""
import pytest

from pipeline.media import legibility as rules


@pytest.mark.parametrize("a, b, ratio", [
    ("#FFFFFF", "#000000", 21.0),
    ("#FFFFFF", "#FFFFFF", 1.0),
    ("#FFFFFF", "#C8102E", 5.88),     # the brand red with white
    ("#FFD400", "#C8102E", 4.11),     # brand yellow on brand red: below 4.5
    ("#777777", "#FFFFFF", 4.48),     # the well-known "just fails AA" grey
])
def test_contrast_ratio(a, b, ratio):
    assert rules.contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)
    assert rules.contrast_ratio(b, a) == pytest.approx(ratio, abs=0.01)


def test_min_cap_height_is_five_mm_per_metre():
    assert rules.min_cap_height_mm(12) == 60
    assert rules.cap_rule_text(12) == "60.0 mm cap height (5 mm per m at 12 m)"
    assert rules.cap_rule_text(0.35) == "1.75 mm cap height (5 mm per m at 0.35 m)"


def test_footer_scheme_never_picks_an_illegible_pair():
    band, ink, ratio = rules.footer_scheme("#C8102E", "#FFFFFF", "#FFD400")
    assert ratio >= 4.5 and rules.contrast_ratio(band, ink) == ratio
    band, ink, ratio = rules.footer_scheme("#C8102E", "#FFD400", "#FFFFFF")
    assert (band, ink) == ("#FFFFFF", "#C8102E")      # white band, red text


def test_darker_keeps_hue_and_darkens():
    assert rules.darker("#C8102E", 0.5) == "#640817"
    assert rules.relative_luminance(rules.darker("#C8102E")) < rules.relative_luminance("#C8102E")
