"""The records a build keeps in its output folder, one module each: the entry of one
produced file (entry), the manifest that lists them (manifest), the journal of a build in
progress (journal), the skip state a no-op build reads (skip_state), and the CSV sheets
people open in a spreadsheet (sheets).

The files' names are here, so each module knows its neighbours' files without importing
them."""

SCHEMA = 1
MANIFEST = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.journal"
# What skip decisions need, and nothing else: a no-op build reads this small file instead
# of the full manifest. It names the manifest it was written with; any other manifest
# (or a journal left by a killed build) makes it void.
STATE = ".manifest.state.json"
