"""`campaign say`: how a script will be spoken, line by line, and optionally the audio."""
from __future__ import annotations

import re
from pathlib import Path

import click

from .common import EXIT_SPEC, fail, project_option, project_root

# `say` synthesizes in memory: a script longer than this is not a radio spot.
SAY_MAX_CHARS = 20_000
# Control characters (and the lone surrogates of undecodable bytes) never reach a voice,
# a transcript or the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@click.command(name="say")
@click.argument("text", required=False)
@click.option("--to", "dest", type=click.Path(path_type=Path, dir_okay=False),
              help="Speak, master and write this .mp3 or .wav.")
@click.option("--json", "as_json", is_flag=True,
              help="Every line's reading or refusal as JSON, for tools.")
@project_option
def say_command(text, dest, as_json):
    """Print how each script line will be spoken (stdin if no TEXT); lines that cannot be
    said are marked ✗ with the reason. / Đọc thử lời."""
    from ..stages.radio.say import (
        json_report,
        refused_count,
        say_script,
        speak_to_file,
        terminal_report,
    )
    from ..text.speech import SpeechTextError

    project_root(click.get_current_context())     # the project's lexicon, or say why not
    text = text if text is not None else _stdin_text()
    if len(text) > SAY_MAX_CHARS:
        fail(f"the text is {len(text):,} characters; `say` reads at most "
              f"{SAY_MAX_CHARS:,} (a radio script is far shorter): split it", EXIT_SPEC)
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        fail(f"line {line}: control character U+{ord(bad.group()):04X} is not allowed "
              "(is the input a binary file?)", EXIT_SPEC)
    try:
        said = say_script(text)
        click.echo(json_report(said) if as_json else terminal_report(said))
        refused = refused_count(said)
        if refused:
            fail(f"{refused} of {len(said)} lines cannot be said (marked ✗ above)", 1)
        if dest:
            facts = speak_to_file(text, dest)
            click.echo(f"{dest}: {facts['duration_s']} s, {facts['integrated_lufs']} LUFS, "
                       f"{facts['true_peak_dbtp']} dBTP", err=True)
    except SpeechTextError as exc:
        fail(str(exc), EXIT_SPEC)
    except OSError as exc:
        fail(f"cannot write {dest}: {exc.strerror or exc}")
    except ValueError as exc:
        fail(_plain(exc), EXIT_SPEC)


def _plain(exc: Exception) -> str:
    """One line for the user; Python's own advice to programmers is not for them."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "int_max_str_digits" in message:
        return "a number in the text has thousands of digits; no announcer could read it"
    return message


def _stdin_text() -> str:
    data = click.get_binary_stream("stdin").read(SAY_MAX_CHARS * 4 + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"the input is not UTF-8 text (byte {exc.start}): is it a binary file?",
              EXIT_SPEC)
