"""A clip's `voice: <radio product id>`: the radio spec read at spec time, through the
stage registry (a stage never imports another), so the clip's job can ask the radio
stage for its mastered lines and `campaign check` names a wrong id or line number.

Scenes name the lines they carry by the take numbers of the radio's announcer script:
0 the opening, 1, 2... the script's spoken lines, 99 the closing.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from ...errors import Where, did_you_mean
from ...spec import fields as f
from ...spec.model import Localize, Product
from ...spec.yamlfile import YamlError, parse_file

OPENING, CLOSING = 0, 99
RADIO_FOLDER = "radios"


def radio_product(fields, context, radio_id: str) -> Product | None:
    """The radio product `radio_id` of the same specs folder, parsed by the radio stage;
    one problem at the clip's `voice` key when it is missing or has problems itself."""
    from .. import STAGES

    where = fields.node.value["voice"].where
    specs_dir = (context.root / context.display).parent.parent
    folder = specs_dir / RADIO_FOLDER
    path = folder / f"{radio_id}.yaml"
    stage = STAGES.get("radio")
    if stage is None or stage.spoken is None or not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml"))
        return _bad(fields, where, f"no radio product '{radio_id}' in specs/{RADIO_FOLDER}"
                                   + (f" (radio products: {', '.join(known)})" if known
                                      else "") + did_you_mean(radio_id, known))
    display = str(Path(context.display).parent.parent / RADIO_FOLDER / path.name)
    problems = f.Problems()
    try:
        node = parse_file(path, display)
    except YamlError:
        return _bad(fields, where, f"the radio product '{radio_id}' has problems: run "
                                   "campaign check on it")
    sub = f.fields_of(node, problems)
    body = None
    languages: tuple[str, ...] = ()
    if sub is not None:
        languages = tuple(sub.get("languages", f.list_of(f.text), ("vi",)) or ())
        own = dataclasses.replace(context, problems=problems, display=display,
                                  languages=languages)
        body = stage.parse(sub, own)
    if body is None or problems.items:
        return _bad(fields, where, f"the radio product '{radio_id}' has problems: run "
                                   "campaign check on it")
    return Product("radio", radio_id, languages, (), Localize("none"), body,
                   Where(display, node.where.line, node.where.column))


def take_numbers(body) -> tuple[int, ...]:
    """The take numbers of a radio spec's spoken lines, in order."""
    numbers = [OPENING] if body.opening else []
    numbers += list(range(1, 1 + sum(1 for s in body.script if s.kind == "say")))
    if body.closing or body.closing_hotline:
        numbers.append(CLOSING)
    return tuple(numbers)


def check_lines(fields, scenes_node, scenes, product: Product | None) -> bool:
    """Every scene's `lines` are take numbers of the voice, each carried once, in order."""
    ok = True
    seen: list[int] = []
    numbers = take_numbers(product.body) if product else ()
    for i, scene in enumerate(scenes):
        if not scene.lines:
            continue
        node = scenes_node.value[i].value["lines"]
        if product is None:
            message = "a scene carries spoken lines only in a clip with a voice"
        else:
            wrong = [n for n in scene.lines if n not in numbers]
            again = [n for n in scene.lines if n in seen]
            out_of_order = seen and min(scene.lines) < max(seen)
            message = (f"no line {wrong[0]} in {product.id} (lines: "
                       f"{', '.join(map(str, numbers))})" if wrong else
                       f"line {again[0]} is carried by another scene" if again else
                       "lines go in the spoken order" if out_of_order else "")
        if message:
            fields.problems.add(node.where, f"scenes[{i}].lines", message)
            ok = False
        seen += list(scene.lines)
    return ok


def _bad(fields, where, message: str) -> None:
    fields.problems.add(where, "voice", message)
    fields.ok = False
    return None
