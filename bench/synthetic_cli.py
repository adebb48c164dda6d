"""`campaign` with a trivial 'synthetic' stage, for timing the spine without rendering."""
from pipeline.cli import main
from pipeline.spec import fields as f
from pipeline.stages import OutputFile, Rendered, Stage, register


def _render(job):
    text = f"{job.id}\n".encode()
    return Rendered((OutputFile("note", ".txt", text),), {"chars": len(text)})


register(Stage(kind="synthetic", version="1",
               parse=lambda fields, context: fields.get("text", f.text),
               render=_render, sizes=("social-1080x1080",)))

if __name__ == "__main__":
    main()
