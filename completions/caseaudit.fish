# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_caseaudit_global_optspecs
    string join \n format= o/output= today= q/quiet columns= raw bom wide region= closures= count-event-day header-row= strict log= log-format= h/help V/version
end

function __fish_caseaudit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_caseaudit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_caseaudit_using_subcommand
    set -l cmd (__fish_caseaudit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c caseaudit -n "__fish_caseaudit_needs_command" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_needs_command" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_needs_command" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "select" -d 'Select one file per caseworker for the month and allocate auditors'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "due" -d 'List the obligations a case event starts, with their due dates and sources'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "form" -d 'Write a blank audit form, or one prefilled form per selected file'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "validate" -d 'Check completed audit checklists (YAML) against their templates'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "check" -d 'Check a CSV export against a rule set (a Table Schema with extensions)'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "date" -d 'Work out a date: DATE plus or minus an offset, on the bank-holiday calendar'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "holidays" -d 'List bank holidays (and --closures) for a year or a range of years'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "report" -d 'The monthly collation and the quarterly QA report, from completed audits'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "route" -d 'Who takes a concern about an open case, or where urgent cover will fail'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "schema" -d 'Print a JSON Schema for one of the formats caseaudit reads'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "show" -d 'Print a built-in policy, rule set, template, timescale set or column preset, to copy and change'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "man" -d 'Print the man page (roff): the main page, or one subcommand\'s'
complete -c caseaudit -n "__fish_caseaudit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l staff -d 'Staff list: staff_id, role, team, area, manager_id, active, audit_capacity' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l cases -d 'Caseload: case_id, worker_id, team, service, area, status, closed, restricted, family_id, recorded_by' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l annex-a -d 'Take the caseload from Ofsted Annex A (a workbook or CSV lists, repeatable): child, allocated team and worker, the worker matched to --staff by name' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l history -d 'Audit history: case_id, date, kind, worker_id, auditor_id, month (repeatable)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l month -d 'The audit month, YYYY-MM [default: this month]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l policy -d 'quality-practice, good-practice, or a policy YAML file' -r -f -a "quality-practice\t''
good-practice\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l seed -d 'Seed for the random choice [default: the month, so re-runs match]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l ledger -d 'Ledger of selections: read, then this month\'s picks appended (locked, atomic)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l excluded -d 'Write the excluded cases and unfilled workers to FILE (CSV, or JSON by its extension), atomically; implies --explain' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l by-auditor -d 'Also write each auditor\'s rows of the selection to DIR/STAFF_ID.EXT, in the format of -o (CSV without it)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l notices -d 'Write draft e-mail messages (.eml) into DIR: one per auditor listing their files, one per service manager listing the files prepared in their service; nothing is sent' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l notice-template -d 'The notices\' text: a template file replacing the built-in (its fields are in docs/select.md; `caseaudit show notice default` prints it)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l explain -d 'Also list every excluded case and unfilled worker, with a reason code (a second table: in CSV, which holds one table a file, give --excluded)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l redo -d 'Void this month\'s selections in the ledger and select afresh (after a change of policy, say), under the ledger\'s lock, in one atomic write'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand select" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l events -d 'CSV of events (case_id, event, date, dob, detail), or - for stdin; a case\'s later events mark each obligation met, late or outstanding. With --columns ssd or ssda903: their tables (files or folders, repeatable)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l annex-a -d 'An Ofsted Annex A workbook (.xlsx), or a list saved as CSV (repeatable): every child\'s next statutory dates from Lists 3-9, with team and worker' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l check-with -d 'With --worklist: run a rule set (escr-person, escr-relationships, escr-documents, or a file) over an export of the cases\' record fields, matched by person_id, and add each owed case\'s number of findings (repeatable; the counts add up)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l status -d 'With --as-of (a CIN census is as of its ReferenceDate without it): list only obligations with these statuses (overdue, due-soon, open, missed, met, late, untracked, check-age, check-history), comma-separated; exit 1 when any listed is still owed (overdue, due-soon, open)' -r -f -a "overdue\t'Still owed, and its due date has passed'
due-soon\t'Still owed, due within 5 working days'
open\t'Still owed, due later'
missed\t'Never done; its chain ended (care, the plan or the case), so nobody can now do it'
met\t''
late\t''
untracked\t'The data cannot say whether it was done'
check-age\t'The date of birth is missing, and the due date depends on age: past the earliest date it could be due, not past the latest'
check-history\t'The data cannot tell which occurrence or stage the event was (a first review or a later one): past the earliest date it could be due, not past the latest'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l dob -d 'The child\'s date of birth, for age rules (under 3, under 5, 21, 25); without it, an age rule\'s obligation is listed at the earliest date it could be due, with a note' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l detail -d 'Qualifiers, repeatable or comma-separated (cp, permanent, reg24, ...)' -r -f -a "cp\t''
permanent\t''
reg24\t''
placed-with-parents\t''
emergency\t''
mother-not-fit\t''
safeguarding\t''
no-s47\t''
icpcc-unnecessary\t''
no-plan\t''
no-midway\t''
first\t''
later\t''
after-first-review\t''
before-first-review\t''
after-first-year\t''
in-first-year\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l as-of -d 'Add status (overdue, due-soon, open) and days_left as of DATE; exit 1 if overdue' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l timescales -d 'default, statutory, or a timescale YAML file' -r -f -a "default\t''
statutory\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l by-team -d 'With --as-of, and --annex-a or SSD tables (--columns ssd): instead of every obligation, a summary for managers: per team and obligation, how many are overdue, due soon and open'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l worklist -d 'With --as-of: business support\'s record audits owed that day (Business support record audit): after a transfer first, then after a closure, then the 3-monthly ones; within each, the oldest first'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l keep-going -d 'With --events: report a bad row and carry on, rather than stop'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l differs -d 'List only obligations where the case system\'s recorded due date is later than the statutory one (the reviews the system will let slip); exit 1 when any is listed. On a CIN census: every enquiry whose InitialCPCtarget is not 15 working days after S47ActualStartDate'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l indicators -d 'With a CIN census (--events FILE.xml) or SSDA903 tables (--columns ssda903): instead of every obligation, the timeliness indicators councils publish, each with numerator, denominator, % and a 95% Wilson interval'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l all -d 'With --as-of: also list untracked obligations that fell due more than 12 months before it (left out by default)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand due" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l template -d 'quality-practice, good-practice, escr, or a template YAML file' -r -f -a "quality-practice\t''
good-practice\t''
escr\t''
family-feedback\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l from -d 'A selection from `caseaudit select` (CSV): one prefilled form per row' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l dir -d 'Where the prefilled forms go (created if missing; existing forms are kept)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand form" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l template -d 'Check every file against this template (a name or a YAML file); by default each file\'s own `template:` is used' -r -f -a "quality-practice\t''
good-practice\t''
escr\t''
family-feedback\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l staff -d 'Staff list, to check that no auditor is the worker or line-manages them' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l deny-warnings -d 'Exit 1 on warnings too'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand validate" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l rules -d 'A built-in rule set or a rule-set file (YAML or JSON)' -r -f -a "escr-person\t''
escr-relationships\t''
escr-documents\t''
recording-timeliness\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l annotate -d 'Write the input back with an added `issues` column instead of the findings'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l deny-warnings -d 'Exit 1 on warnings too'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand check" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand date" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l year -d 'One year [default: this year]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l from -d 'First year of a range' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l to -d 'Last year of a range' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand holidays" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l ledger -d 'The selection ledger or audit history: what was selected and prepared' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l staff -d 'Staff list: the teams expected to have an audited file, and each worker\'s team' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l policy -d 'The policy: caseworker roles, the timetable (returned_by) and inadequate_target' -r -f -a "quality-practice\t''
good-practice\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l month -d 'One month, YYYY-MM [default: the month before today]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l quarter -d 'A quarter, YYYY-Qn (Q1 is January to March)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l from -d 'First month of a range' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l to -d 'Last month of a range' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l table -d 'The table to write in CSV, JSON or JSON Lines' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l threshold -d 'Hide counts below this, and percentages of fewer audits (0: hide nothing)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l template -d 'A minijinja template for the web page (copy `caseaudit show report default` and restyle it)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l themes -d 'The themes looked for in what auditors and families wrote' -r -f -a "default\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l by-worker -d 'Add a table by worker (workers are otherwise not named)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l explain-themes -d 'Write every theme match instead (the file, the field, the phrase, a negation, what it counts for)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand report" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l staff -d 'Staff list: staff_id, role, team, area, manager_id, and optionally covering_manager_id (who covers a team manager), email, name' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l cases -d 'Caseload: case_id, worker_id, team, status, opened, closed, family_id' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l availability -d 'Who is away: a CSV (staff_id, from, to, absence, back) or an .ics calendar export (repeatable)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l rota -d 'The duty rota: date, team, duty_worker_id, covering_manager_id' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l at -d 'When the call came: "YYYY-MM-DD HH:MM", or HH:MM today [default: now; with --today, the start of that working day]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l via -d 'How the concern came in' -r -f -a "admin\t'By phone, through the team\'s admin'
contact-service\t'Through the contact service, recorded as a case note with alerts'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l concerns -d 'A CSV of concerns to route: case_id, received_at, and optionally urgent (true/false) and via (admin/contact-service)' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l from -d 'First day of --coverage' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l to -d 'Last day of --coverage' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l policy -d 'The routing policy: default, or a YAML file (see `caseaudit show routing default`)' -r -f -a "default\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l urgent -d 'The concern cannot wait for the worker: go down the chain'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l coverage -d 'List the times when an urgent call would not reach a team\'s own people, for every team with an open case and every working day from --from to --to'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l explain -d 'Add a passed_over column: who each step tried before, and why they could not take the call'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand route" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l template -d 'For `audit`: the template whose completed audits the schema describes' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand schema" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand show" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand completions" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l format -d 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`' -r -f -a "table\t''
csv\t''
json\t''
jsonl\t''
ics\t'iCalendar, for `due` only'
xlsx\t'An Excel workbook, one sheet per table; needs -o FILE.xlsx'
html\t'A self-contained web page, for `report` only'"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -s o -l output -d 'Write output to FILE, atomically (never half-written)' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l today -d 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l columns -d 'YAML file mapping our column names to your export\'s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return\'s header, episodes and reviews)' -r -f -a "ssd\t''
ssda903\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l region -d 'Bank holidays of this region' -r -f -a "england-and-wales\t''
scotland\t''
northern-ireland\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l closures -d 'CSV of local closure days (columns: date, name) that are not working days' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l header-row -d 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report\'s title rows above it are passed over); per file, `header_row:` in the --columns file' -r
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l log -d 'Append a line about this run to FILE: the time, the command, each input file\'s SHA-256, the summary, warnings and the exit code (never a person\'s details); locked, so runs from cron never interleave' -r -F
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l log-format -d 'The --log line as text or as a JSON object' -r -f -a "text\t''
json\t''"
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -s q -l quiet -d 'Print no warnings or summary on stderr (errors still print)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l raw -d 'Do not neutralise CSV cells that start with = + - @ (formula injection)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l bom -d 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l wide -d 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l count-event-day -d 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -l strict -d 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command\'s own conditions (see its help)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand man" -s V -l version -d 'Print version'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "select" -d 'Select one file per caseworker for the month and allocate auditors'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "due" -d 'List the obligations a case event starts, with their due dates and sources'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "form" -d 'Write a blank audit form, or one prefilled form per selected file'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "validate" -d 'Check completed audit checklists (YAML) against their templates'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "check" -d 'Check a CSV export against a rule set (a Table Schema with extensions)'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "date" -d 'Work out a date: DATE plus or minus an offset, on the bank-holiday calendar'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "holidays" -d 'List bank holidays (and --closures) for a year or a range of years'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "report" -d 'The monthly collation and the quarterly QA report, from completed audits'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "route" -d 'Who takes a concern about an open case, or where urgent cover will fail'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "schema" -d 'Print a JSON Schema for one of the formats caseaudit reads'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "show" -d 'Print a built-in policy, rule set, template, timescale set or column preset, to copy and change'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "man" -d 'Print the man page (roff): the main page, or one subcommand\'s'
complete -c caseaudit -n "__fish_caseaudit_using_subcommand help; and not __fish_seen_subcommand_from select due form validate check date holidays report route schema show completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
