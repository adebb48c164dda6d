"""The desk's fixtures; they and the helpers live in deskkit.py, a name no other test
folder uses (every folder's conftest is a module called `conftest`)."""
from deskkit import built, server, spoken_take  # noqa: F401
