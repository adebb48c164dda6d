"""`campaign` with the tests' note stage registered, for tests that need a real process."""
from helpers import NOTE_STAGE

from pipeline.cli import main
from pipeline.stages import register

register(NOTE_STAGE)
main()
