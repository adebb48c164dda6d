"""`campaign` with a trivial 'synthetic' stage, for timing the spine without rendering."""
from dataclasses import dataclass
from pathlib import Path

from pipeline.cli import main
from pipeline.spec import fields as f
from pipeline.stages import OutputFile, Rendered, Stage, register


@dataclass(frozen=True)
class _Request:
    job_id: str
    inputs: tuple[Path, ...] = ()


def _request(job) -> _Request:
    return _Request(job.id)


def _render(request: _Request) -> Rendered:
    text = f"{request.job_id}\n".encode()
    return Rendered((OutputFile("note", ".txt", text),), {"chars": len(text)})


register(Stage(kind="synthetic", version="1",
               parse=lambda fields, context: fields.get("text", f.text),
               request=_request, render=_render, sizes=("social-1080x1080",)))

if __name__ == "__main__":
    main()
