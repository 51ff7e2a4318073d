#!/bin/sh
# For tests/it/docs.rs: trycmd starts a page's `$ caseaudit ...` lines in the
# test's own folder; this runs them in the page's folder instead, as a user
# would from the top of a clone. COLUMNS would fit tables to a screen. (A file
# of the repository, not one the test writes: a test thread that writes an
# executable while another forks can fail to run it, "Text file busy".)
cd "$CASEAUDIT_DOCS_FOLDER" || exit 99
unset COLUMNS
exec "$CASEAUDIT_DOCS_BIN" "$@"
