"""Radio specs: read into a RadioSpec; every mistake found at load (`campaign check`),
with the field and a hint; the script resolved per province."""
from __future__ import annotations

import pytest

from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs
from pipeline.stages.radio.script import lines_for, placeholders, targets
from pipeline.stages.radio.spec import ANNOUNCER, VoiceSpec, lexicon_path
from pipeline.text.speech_lexicon import lexicon_for

SKETCH_HEADER = """\
voice: {name: vi, rate: 150}
voices:
  worker: {name: vi-vn-x-south, variant: f2, rate: 165}
  officer: {variant: m3}
fallback: espeak
"""
SKETCH = """\
  - {voice: worker, say: "Em định rút BHXH một lần."}
  - {voice: officer, say: "Chị nên giữ lại để có lương hưu."}
  - pause: 0.5
  - jingle: intro
"""


def problems(project) -> list[str]:
    with pytest.raises(SpecErrors) as error:
        load_specs(project.specs)
    return [str(p) for p in error.value.problems]


def test_a_sketch_spec_reads_into_typed_voices_and_segments(project, radio):
    radio.write_spot(project, "sketch", SKETCH, header=SKETCH_HEADER, max_seconds=60)
    (product,) = load_specs(project.specs).products
    spec = product.body
    assert product.kind == "radio" and product.sizes == ()
    assert spec.max_seconds == 60 and spec.loudness_lufs == -16 and spec.fallback == "espeak"
    assert spec.voices == {
        ANNOUNCER: VoiceSpec(name="vi", rate_wpm=150),
        "worker": VoiceSpec(name="vi-vn-x-south", variant="f2", rate_wpm=165),
        "officer": VoiceSpec(name="vi", variant="m3", rate_wpm=150)}   # inherits `voice`
    assert [(s.kind, s.label, s.voice) for s in spec.script] == [
        ("say", "script[0]", "worker"), ("say", "script[1]", "officer"),
        ("pause", "script[2]", ANNOUNCER), ("jingle", "script[3]", ANNOUNCER)]
    assert spec.script[2].seconds == 0.5 and spec.take_folder == "assets/voice/sketch"


@pytest.mark.parametrize("script,header,expected", [
    ('  - say: "Liên hệ BHXHX để biết thêm."\n', "",
     'script[0].say: "BHXHX" would be spelled letter by letter; add it to '
     "assets/lexicon/abbreviations.csv or write it out"),
    ('  - {voice: officr, say: "Xin chào."}\n', "voices: {officer: {name: vi}}\n",
     "script[0].voice: unknown voice 'officr'; did you mean 'officer'?"),
    ("  - pause: 30\n  - say: \"Xin chào.\"\n", "",
     "script[0].pause: 30 s is out of range (0.1 s to 10 s)"),
    ('  - {say: "Xin chào.", pause: 1}\n', "",
     "script[0]: a segment has exactly one of: say, pause, jingle"),
    ('  - {say: "Xin chào.", voise: worker}\n', "",
     "script[0].voise: unknown key 'voise' in a say segment; did you mean 'voice'?"),
    ("  - jingle: intro\n  - say: \"Xin chào.\"\n", "jingle: none\n",
     "script[0].jingle: a jingle segment needs `jingle:` (generated or a file), not none"),
    ("  - pause: 1\n", "", "script: the script says nothing"),
    ('  - say: "Xin chào."\n', "voice: {name: vi-vn-x-north}\n",
     "voice.name: 'vi-vn-x-north' is not one of: vi, vi-vn-x-central, vi-vn-x-south"),
    ('  - say: "Xin chào."\n', "voice: {backend: google}\n",
     "voice.backend: 'google' is not one of: espeak, gtts, recorded"),
    ('  - say: "Xin chào."\n', "voices: {worker: {rate: 400}}\n",
     "voices.worker.rate: 400 wpm is out of range (80 wpm to 260 wpm)"),
    ('  - say: "Xin chào."\n', 'opening: "{ofice} thông báo."\n',
     "opening: unknown placeholder {ofice}; did you mean 'office'"),
    ('  - say: "Xin chào."\n', 'closing_hotline: "Gọi 1900 9068 ext."\n', None),
    ('  - say: "Xin chào."\n', 'closing_hotline: "Gọi HTX {hotline}."\n',
     'closing_hotline: "HTX" would be spelled letter by letter'),
    ('  - say: "Xin chào."\n', "jingle: assets/missing.wav\n",
     "jingle: file 'assets/missing.wav' does not exist"),
])
def test_mistakes_are_spec_problems_naming_the_field(project, radio, script, header,
                                                     expected):
    radio.write_spot(project, "spot", script, header=header)
    if expected is None:
        load_specs(project.specs)          # "ext." is said as a word: no problem
        return
    found = problems(project)
    assert any(expected in p for p in found), found
    assert all(p.startswith("specs/radios/spot.yaml:") for p in found)


def test_radio_spots_are_vietnamese_only(project, radio):
    path = radio.write_spot(project, "spot", '  - say: "Xin chào."\n')
    path.write_text(path.read_text().replace("languages: [vi]", "languages: [vi, en]"))
    assert problems(project) == [
        "specs/radios/spot.yaml:6:17: languages: 'en': radio spots are Vietnamese only (vi)"]


def test_the_script_is_framed_by_the_provinces_opening_and_closing(project, radio):
    radio.write_spot(project, "sketch", SKETCH, header=SKETCH_HEADER,
                     localize="[quang-ninh, ha-noi]", max_seconds=60)
    lexicon = lexicon_for(lexicon_path(project.root))
    with_phone = lines_for(radio.job_for(project, "sketch", "quang-ninh"), lexicon)
    assert [(line.kind, line.label, line.take) for line in with_phone] == [
        ("jingle", "intro", ""), ("say", "opening", "00-announcer"),
        ("say", "script[0]", "01-worker"), ("say", "script[1]", "02-officer"),
        ("pause", "script[2]", ""), ("jingle", "script[3]", ""),
        ("say", "closing", "99-announcer"), ("jingle", "outro", "")]
    assert with_phone[1].spoken == "Bảo hiểm xã hội tỉnh Quảng Ninh thông báo."
    assert with_phone[2].spoken == "Em định rút bảo hiểm xã hội một lần."
    assert with_phone[6].spoken == (
        "Mọi thắc mắc, xin liên hệ Bảo hiểm xã hội tỉnh Quảng Ninh, số điện thoại "
        "không hai không ba, không không không, không không không một.")
    assert with_phone[1].localized and with_phone[6].localized and not with_phone[2].localized
    # Hà Nội has no phone of its own in the test catalogue: the national hotline.
    hanoi = lines_for(radio.job_for(project, "sketch", "ha-noi"), lexicon)
    assert hanoi[1].spoken == "Bảo hiểm xã hội thành phố Hà Nội thông báo."
    assert hanoi[6].spoken == ("Mọi thắc mắc, xin gọi đường dây nóng một chín không không, "
                               "chín không sáu tám.")


def test_a_national_spot_speaks_for_the_organization(project, radio):
    radio.write_spot(project, "national", '  - say: "Xin chào."\n', localize="none",
                     header='opening: "{office} thông báo tới {province}."\n'
                            "closing_hotline: none\n")
    job = radio.job_for(project, "national", None)
    assert placeholders(job)["office"] == "Bảo hiểm xã hội Việt Nam"
    lines = lines_for(job, lexicon_for(lexicon_path(project.root)))
    assert [line.label for line in lines] == ["intro", "opening", "script[0]", "outro"]
    assert lines[1].spoken == "Bảo hiểm xã hội Việt Nam thông báo tới cả nước."


def test_targets_share_the_time_left_by_syllables(project, radio):
    radio.write_spot(project, "sketch", SKETCH, header=SKETCH_HEADER, max_seconds=60)
    lines = lines_for(radio.job_for(project, "sketch"), lexicon_for(lexicon_path(project.root)))
    shares = targets(lines, 60, {"intro": 1.6, "outro": 1.6})
    assert set(shares) == {"opening", "script[0]", "script[1]", "closing"}
    # lead-in and tail, three jingles, the pause, jingle gaps (none after a pause), line gaps
    fixed = 0.5 + 3 * 1.6 + 0.5 + 3 * 0.25 + 2 * 0.3
    assert sum(shares.values()) == pytest.approx(60 - fixed)
    assert shares["closing"] > shares["script[0]"]     # more syllables, more time
