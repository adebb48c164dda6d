"""The harder text a radio team pastes from an official letter: given each written form,
then exactly these words on air, or a refusal that says why (issue 16)."""

import pytest
from helpers import SHIPPED_LEXICON

from pipeline.text.speech import (
    Lexicon,
    SpeechTextError,
    load_lexicon,
    normalize,
)
from pipeline.text.speech_forms import roman_value


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(SHIPPED_LEXICON)


def _table(rows):
    return pytest.mark.parametrize("written, spoken", rows, ids=[w for w, _ in rows])


# --- fractions and dates -------------------------------------------------------------------

FRACTIONS_AND_DATES = [
    # a quantity word before, or a quantity after: a fraction
    ("chiếm 2/5 số lao động", "chiếm hai phần năm số lao động"),
    ("chiếm 2/5", "chiếm hai phần năm"),
    ("khoảng 1/3 dân số", "khoảng một phần ba dân số"),
    ("hơn 3/4", "hơn ba phần tư"),
    ("gần 1/2 số hộ", "gần một phần hai số hộ"),
    ("ít nhất 1/10", "ít nhất một phần mười"),
    ("2/5 số lao động", "hai phần năm số lao động"),
    # it cannot be a date: a fraction
    ("1/20 hồ sơ", "một phần hai mươi hồ sơ"),
    ("1/100", "một phần một trăm"),
    ("chiếm 1/1000", "chiếm một phần một nghìn"),
    # a date word before, a year, a range, month/year, or nothing said: a date
    ("ngày 2/5", "ngày mùng hai tháng năm"),
    ("sáng 2/5", "sáng ngày mùng hai tháng năm"),
    ("từ 1/7, mức lương tăng", "từ ngày mùng một tháng bảy, mức lương tăng"),
    ("trước 31/12", "trước ngày ba mươi mốt tháng mười hai"),
    ("chiếm 2/5/2024", "chiếm ngày mùng hai tháng năm năm hai nghìn không trăm hai mươi tư"),
    ("6/5", "ngày mùng sáu tháng năm"),
    ("5/2024", "tháng năm năm hai nghìn không trăm hai mươi tư"),
    ("Nghị định 115/2015", "Nghị định một trăm mười lăm trên hai nghìn không trăm mười lăm"),
    ("2/5 tới", "ngày mùng hai tháng năm tới"),
    # a fixed expression from loanwords.csv, never 24 July
    ("Hỗ trợ 24/7", "Hỗ trợ hai tư trên bảy"),
]


@_table(FRACTIONS_AND_DATES)
def test_fractions_and_dates_by_context(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


@pytest.mark.parametrize("written, token, date, fraction", [
    ("đến 1/3 số người", "1/3", "ngày mùng một tháng ba", "một phần ba"),
    ("hơn 2/5 này", "2/5", "ngày mùng hai tháng năm", "hai phần năm"),
])
def test_a_slash_that_could_be_either_is_refused_with_both_readings(lexicon, written, token,
                                                                    date, fraction):
    with pytest.raises(SpeechTextError) as caught:
        normalize(written, lexicon, segment="2")
    message = str(caught.value)
    assert message.startswith(f'segment 2: "{token}" could be a date ("{date}") or a '
                              f'fraction ("{fraction}")')
    assert caught.value.token == token


# --- per-unit slashes ---------------------------------------------------------------------

PER_UNIT = [
    ("1.800.000 đồng/người", "một triệu tám trăm nghìn đồng một người"),
    ("1.800.000đ/người/tháng", "một triệu tám trăm nghìn đồng một người mỗi tháng"),
    ("2 lần/năm", "hai lần mỗi năm"),
    ("lãi suất 5%/năm", "lãi suất năm phần trăm mỗi năm"),
    ("50.000 đồng / thẻ", "năm mươi nghìn đồng một thẻ"),
    ("8 giờ/ngày", "tám giờ mỗi ngày"),
    ("30.000 đồng/lần khám", "ba mươi nghìn đồng một lần khám"),
    ("cá nhân và/hoặc tổ chức", "cá nhân và hoặc tổ chức"),
]


@_table(PER_UNIT)
def test_per_unit_slashes(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


# --- times --------------------------------------------------------------------------------------

TIMES = [
    ("8h15", "tám giờ mười lăm phút"),
    ("lúc 8h", "lúc tám giờ"),
    ("8h00", "tám giờ"),
    ("8h05'", "tám giờ năm phút"),
    ("lúc 14:30", "lúc mười bốn giờ ba mươi phút"),
    ("14 giờ 30", "mười bốn giờ ba mươi"),
    ("14 giờ 30 phút", "mười bốn giờ ba mươi phút"),
    ("7h30-11h30", "bảy giờ ba mươi phút đến mười một giờ ba mươi phút"),
    ("từ 7h30 đến 17h", "từ bảy giờ ba mươi phút đến mười bảy giờ"),
]


@_table(TIMES)
def test_times(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


@pytest.mark.parametrize("written, token", [("lúc 25h10", "25h10"), ("8h75", "8h75")])
def test_impossible_times_are_refused(lexicon, written, token):
    with pytest.raises(SpeechTextError) as caught:
        normalize(written, lexicon)
    assert caught.value.token == token


# --- Roman numerals ---------------------------------------------------------------------------

ROMAN = [
    ("quý IV", "quý bốn"),
    ("Quý I/2024", "Quý một năm hai nghìn không trăm hai mươi tư"),
    ("Quốc hội khóa XV", "Quốc hội khóa mười lăm"),
    ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
    ("lần thứ IV", "lần thứ tư"),
    ("lần thứ I", "lần thứ nhất"),
    ("Đại hội XIII", "Đại hội mười ba"),
    ("kỳ họp thứ VIII", "kỳ họp thứ tám"),
    ("giai đoạn II", "giai đoạn hai"),
    ("Chương IX", "Chương chín"),
]


@_table(ROMAN)
def test_roman_numerals_after_the_words_that_take_them(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


@pytest.mark.parametrize("written, token", [("khóa XVX", "XVX"), ("đội XV", "XV"),
                                            ("quý IIII", "IIII")])
def test_roman_numerals_elsewhere_or_malformed_are_refused(lexicon, written, token):
    with pytest.raises(SpeechTextError, match="would be spelled") as caught:
        normalize(written, lexicon)
    assert caught.value.token == token


@pytest.mark.parametrize("numeral, value", [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14),
                                            ("XL", 40), ("XCIX", 99), ("MMXXIV", 2024),
                                            ("IIII", None), ("VX", None), ("", None)])
def test_roman_values(numeral, value):
    assert roman_value(numeral) == value


# --- legal document numbers -------------------------------------------------------------------

DOCUMENTS = [
    ("Quyết định 595/QĐ-BHXH",
     "Quyết định năm trăm chín mươi lăm trên quyết định - bảo hiểm xã hội"),
    ("Thông tư 01/2024/TT-BLĐTBXH",
     "Thông tư một trên hai nghìn không trăm hai mươi tư trên thông tư - bộ lao động, "
     "thương binh và xã hội"),
    ("Luật số 41/2024/QH15",
     "Luật số bốn mươi mốt trên hai nghìn không trăm hai mươi tư trên quốc hội khóa mười lăm"),
    ("Chỉ thị 12/CT-TTg", "Chỉ thị mười hai trên chỉ thị - thủ tướng chính phủ"),
    ("Kế hoạch 30/KH-UBND", "Kế hoạch ba mươi trên kế hoạch - ủy ban nhân dân"),
    ("Công văn 1234/BHXH-CSYT",
     "Công văn một nghìn hai trăm ba mươi tư trên bảo hiểm xã hội - ban thực hiện chính "
     "sách bảo hiểm y tế"),
    ("Nghị định 115/2015/NĐ-CP",
     "Nghị định một trăm mười lăm trên hai nghìn không trăm mười lăm trên nghị định của "
     "chính phủ"),
]


@_table(DOCUMENTS)
def test_document_numbers_through_the_documents_table(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


@pytest.mark.parametrize("written, token, role", [
    ("số 1064/BHXH-TT", "TT", "drafting unit"),        # TT is a type, not a unit
    ("Quyết định 12/QĐ-XYZ", "XYZ", "issuer"),
])
def test_unknown_document_codes_are_refused_naming_the_table(lexicon, written, token, role):
    with pytest.raises(SpeechTextError) as caught:
        normalize(written, lexicon)
    assert str(caught.value).startswith(f'"{token}" would be spelled letter by letter as '
                                        f"the {role} in")
    assert "assets/lexicon/documents.csv" in str(caught.value)


# --- compound abbreviations and loanwords -----------------------------------------------------

WORDS = [
    ("BHXH-BHYT", "bảo hiểm xã hội, bảo hiểm y tế"),
    ("BHXH-BHYT-BHTN", "bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp"),
    ("phát triển KT-XH", "phát triển kinh tế, xã hội"),
    ("Quỹ TNLĐ-BNN", "Quỹ tai nạn lao động, bệnh nghề nghiệp"),
    ("dịch COVID-19", "dịch cô vít mười chín"),
    ("Covid-19 và SARS-CoV-2", "cô vít mười chín và sát cô vi hai"),
    ("cúm A/H5N1", "cúm a hát năm en một"),
    ("công nghiệp 4.0", "công nghiệp bốn chấm không"),
    ("mạng 5G", "mạng năm gờ"),
]


@_table(WORDS)
def test_compound_abbreviations_and_loanwords(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


def test_a_compound_with_an_unknown_part_is_refused_on_that_part(lexicon):
    with pytest.raises(SpeechTextError, match='"ABC" would be spelled'):
        normalize("BHXH-ABC", lexicon)


# --- web and e-mail addresses -----------------------------------------------------------------

ADDRESSES = [
    ("Truy cập baohiemxahoi.gov.vn.",
     "Truy cập bảo hiểm xã hội chấm gờ o vê chấm vê en."),
    ("https://baohiemxahoi.gov.vn", "bảo hiểm xã hội chấm gờ o vê chấm vê en"),
    ("www.BaoHiemXaHoi.gov.vn",
     "vê kép vê kép vê kép chấm bảo hiểm xã hội chấm gờ o vê chấm vê en"),
    ("hotro@baohiemxahoi.gov.vn",
     "hỗ trợ a còng bảo hiểm xã hội chấm gờ o vê chấm vê en"),
    ("dichvucong.gov.vn", "dịch vụ công chấm gờ o vê chấm vê en"),
    ("vss.gov.vn/ttdt", "vê ét ét chấm gờ o vê chấm vê en gạch chéo tê tê dê tê"),
    ("bhxh-2024.vn", "bê hát ích hát gạch ngang hai không hai bốn chấm vê en"),
    # not addresses: left to the other rules
    ("TP.HCM và v.v.", "thành phố Hồ Chí Minh và v.v."),
    ("1.234.567 người", "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy người"),
]


@_table(ADDRESSES)
def test_web_and_email_addresses(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


def test_an_address_part_that_cannot_be_read_is_refused_naming_the_table(lexicon):
    with pytest.raises(SpeechTextError) as caught:
        normalize("xem thongtinmoi.vn", lexicon, segment="4")
    assert str(caught.value).startswith('segment 4: "thongtinmoi" in the address '
                                        '"thongtinmoi.vn" cannot be read')
    assert "assets/lexicon/web.csv" in str(caught.value)
    assert caught.value.token == "thongtinmoi"


# --- the whole of a pasted letter ---------------------------------------------------------

def test_a_paragraph_from_an_official_letter(lexicon):
    text = ("Theo Quyết định 595/QĐ-BHXH, từ 1/7/2024 mức hỗ trợ là 1.800.000 đồng/người, "
            "chiếm 2/5 số lao động; tiếp dân từ 7h30-11h30, 2 lần/tuần, tại "
            "baohiemxahoi.gov.vn.")
    assert normalize(text, lexicon) == (
        "Theo Quyết định năm trăm chín mươi lăm trên quyết định - bảo hiểm xã hội, từ ngày "
        "mùng một tháng bảy năm hai nghìn không trăm hai mươi tư mức hỗ trợ là một triệu "
        "tám trăm nghìn đồng một người, chiếm hai phần năm số lao động; tiếp dân từ bảy giờ "
        "ba mươi phút đến mười một giờ ba mươi phút, hai lần mỗi tuần, tại bảo hiểm xã hội "
        "chấm gờ o vê chấm vê en."
    )


@pytest.mark.parametrize("written, spoken", [
    ("Từ ngày 1-7-2025 áp dụng",
     "Từ ngày mùng một tháng bảy năm hai nghìn không trăm hai mươi lăm áp dụng"),
    ("Áp dụng từ 1.7.2025", "Áp dụng từ ngày mùng một tháng bảy năm hai nghìn không trăm "
                            "hai mươi lăm"),
    ("Hạn 15–12–2025", "Hạn ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi "
                       "lăm"),
    ("Gọi (024) 3936 1888", "Gọi không hai bốn, ba chín ba sáu, một tám tám tám"),
    ("Gọi (0203) 383 5555", "Gọi không hai không ba, ba tám ba, năm năm năm năm"),
    ("Gọi (024).39361888", "Gọi không hai bốn, ba chín ba sáu, một tám tám tám"),
    ("Gọi (+84) 24 3936 1888", "Gọi cộng tám bốn, hai bốn, ba chín ba sáu, một tám tám tám"),
    ("Giai đoạn 2019-2023", "Giai đoạn hai nghìn không trăm mười chín đến hai nghìn không "
                            "trăm hai mươi ba"),
    ("Điểm (1) và (2)", "Điểm (một) và (hai)"),
])
def test_hyphenated_dates_and_bracketed_area_codes_are_read_right(lexicon, written, spoken):
    assert normalize(written, lexicon) == spoken


@pytest.mark.parametrize("written, reason", [
    ("từ 1-7 đến 5-7", '"1-7" could be a date ("ngày mùng một tháng bảy") or a range ("một '
                       'đến bảy"); write "1/7" for the date or "1 đến 7" for the range'),
    ("ngày 32-1-2025", '"32-1-2025" is not a date'),
    ("Mã vùng (024).", '"(024)" is an area code with no number after it'),
    ("Gọi (024) 39", '"(024) 39" has 5 digits'),
])
def test_a_date_or_area_code_that_could_be_misread_is_refused_with_the_choice(
        lexicon, written, reason):
    with pytest.raises(SpeechTextError) as caught:
        normalize(written, lexicon)
    assert caught.value.reason.startswith(reason)
