
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'caseaudit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'caseaudit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'caseaudit' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Select one file per caseworker for the month and allocate auditors')
            [CompletionResult]::new('due', 'due', [CompletionResultType]::ParameterValue, 'List the obligations a case event starts, with their due dates and sources')
            [CompletionResult]::new('form', 'form', [CompletionResultType]::ParameterValue, 'Write a blank audit form, or one prefilled form per selected file')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check completed audit checklists (YAML) against their templates')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a CSV export against a rule set (a Table Schema with extensions)')
            [CompletionResult]::new('date', 'date', [CompletionResultType]::ParameterValue, 'Work out a date: DATE plus or minus an offset, on the bank-holiday calendar')
            [CompletionResult]::new('holidays', 'holidays', [CompletionResultType]::ParameterValue, 'List bank holidays (and --closures) for a year or a range of years')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The monthly collation and the quarterly QA report, from completed audits')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Who takes a concern about an open case, or where urgent cover will fail')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema for one of the formats caseaudit reads')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a built-in policy, rule set, template, timescale set or column preset, to copy and change')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff): the main page, or one subcommand''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'caseaudit;select' {
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Staff list: staff_id, role, team, area, manager_id, active, audit_capacity')
            [CompletionResult]::new('--cases', '--cases', [CompletionResultType]::ParameterName, 'Caseload: case_id, worker_id, team, service, area, status, closed, restricted, family_id, recorded_by')
            [CompletionResult]::new('--annex-a', '--annex-a', [CompletionResultType]::ParameterName, 'Take the caseload from Ofsted Annex A (a workbook or CSV lists, repeatable): child, allocated team and worker, the worker matched to --staff by name')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'Audit history: case_id, date, kind, worker_id, auditor_id, month (repeatable)')
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'The audit month, YYYY-MM [default: this month]')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'quality-practice, good-practice, or a policy YAML file')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the random choice [default: the month, so re-runs match]')
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'Ledger of selections: read, then this month''s picks appended (locked, atomic)')
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Write the excluded cases and unfilled workers to FILE (CSV, or JSON by its extension), atomically; implies --explain')
            [CompletionResult]::new('--by-auditor', '--by-auditor', [CompletionResultType]::ParameterName, 'Also write each auditor''s rows of the selection to DIR/STAFF_ID.EXT, in the format of -o (CSV without it)')
            [CompletionResult]::new('--notices', '--notices', [CompletionResultType]::ParameterName, 'Write draft e-mail messages (.eml) into DIR: one per auditor listing their files, one per service manager listing the files prepared in their service; nothing is sent')
            [CompletionResult]::new('--notice-template', '--notice-template', [CompletionResultType]::ParameterName, 'The notices'' text: a template file replacing the built-in (its fields are in docs/select.md; `caseaudit show notice default` prints it)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Also list every excluded case and unfilled worker, with a reason code (a second table: in CSV, which holds one table a file, give --excluded)')
            [CompletionResult]::new('--redo', '--redo', [CompletionResultType]::ParameterName, 'Void this month''s selections in the ledger and select afresh (after a change of policy, say), under the ledger''s lock, in one atomic write')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;due' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'CSV of events (case_id, event, date, dob, detail), or - for stdin; a case''s later events mark each obligation met, late or outstanding. With --columns ssd or ssda903: their tables (files or folders, repeatable)')
            [CompletionResult]::new('--annex-a', '--annex-a', [CompletionResultType]::ParameterName, 'An Ofsted Annex A workbook (.xlsx), or a list saved as CSV (repeatable): every child''s next statutory dates from Lists 3-9, with team and worker')
            [CompletionResult]::new('--check-with', '--check-with', [CompletionResultType]::ParameterName, 'With --worklist: run a rule set (escr-person, escr-relationships, escr-documents, or a file) over an export of the cases'' record fields, matched by person_id, and add each owed case''s number of findings (repeatable; the counts add up)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'With --as-of (a CIN census is as of its ReferenceDate without it): list only obligations with these statuses (overdue, due-soon, open, missed, met, late, untracked, check-age, check-history), comma-separated; exit 1 when any listed is still owed (overdue, due-soon, open)')
            [CompletionResult]::new('--dob', '--dob', [CompletionResultType]::ParameterName, 'The child''s date of birth, for age rules (under 3, under 5, 21, 25); without it, an age rule''s obligation is listed at the earliest date it could be due, with a note')
            [CompletionResult]::new('--detail', '--detail', [CompletionResultType]::ParameterName, 'Qualifiers, repeatable or comma-separated (cp, permanent, reg24, ...)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Add status (overdue, due-soon, open) and days_left as of DATE; exit 1 if overdue')
            [CompletionResult]::new('--timescales', '--timescales', [CompletionResultType]::ParameterName, 'default, statutory, or a timescale YAML file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--by-team', '--by-team', [CompletionResultType]::ParameterName, 'With --as-of, and --annex-a or SSD tables (--columns ssd): instead of every obligation, a summary for managers: per team and obligation, how many are overdue, due soon and open')
            [CompletionResult]::new('--worklist', '--worklist', [CompletionResultType]::ParameterName, 'With --as-of: business support''s record audits owed that day (Business support record audit): after a transfer first, then after a closure, then the 3-monthly ones; within each, the oldest first')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'With --events: report a bad row and carry on, rather than stop')
            [CompletionResult]::new('--differs', '--differs', [CompletionResultType]::ParameterName, 'List only obligations where the case system''s recorded due date is later than the statutory one (the reviews the system will let slip); exit 1 when any is listed. On a CIN census: every enquiry whose InitialCPCtarget is not 15 working days after S47ActualStartDate')
            [CompletionResult]::new('--indicators', '--indicators', [CompletionResultType]::ParameterName, 'With a CIN census (--events FILE.xml) or SSDA903 tables (--columns ssda903): instead of every obligation, the timeliness indicators councils publish, each with numerator, denominator, % and a 95% Wilson interval')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'With --as-of: also list untracked obligations that fell due more than 12 months before it (left out by default)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;form' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'quality-practice, good-practice, escr, or a template YAML file')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'A selection from `caseaudit select` (CSV): one prefilled form per row')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Where the prefilled forms go (created if missing; existing forms are kept)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;validate' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Check every file against this template (a name or a YAML file); by default each file''s own `template:` is used')
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Staff list, to check that no auditor is the worker or line-manages them')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit 1 on warnings too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;check' {
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'A built-in rule set or a rule-set file (YAML or JSON)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--annotate', '--annotate', [CompletionResultType]::ParameterName, 'Write the input back with an added `issues` column instead of the findings')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Exit 1 on warnings too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;date' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;holidays' {
            [CompletionResult]::new('--year', '--year', [CompletionResultType]::ParameterName, 'One year [default: this year]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First year of a range')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last year of a range')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;report' {
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'The selection ledger or audit history: what was selected and prepared')
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Staff list: the teams expected to have an audited file, and each worker''s team')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The policy: caseworker roles, the timetable (returned_by) and inadequate_target')
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'One month, YYYY-MM [default: the month before today]')
            [CompletionResult]::new('--quarter', '--quarter', [CompletionResultType]::ParameterName, 'A quarter, YYYY-Qn (Q1 is January to March)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First month of a range')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last month of a range')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The table to write in CSV, JSON or JSON Lines')
            [CompletionResult]::new('--threshold', '--threshold', [CompletionResultType]::ParameterName, 'Hide counts below this, and percentages of fewer audits (0: hide nothing)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'A minijinja template for the web page (copy `caseaudit show report default` and restyle it)')
            [CompletionResult]::new('--themes', '--themes', [CompletionResultType]::ParameterName, 'The themes looked for in what auditors and families wrote')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--by-worker', '--by-worker', [CompletionResultType]::ParameterName, 'Add a table by worker (workers are otherwise not named)')
            [CompletionResult]::new('--explain-themes', '--explain-themes', [CompletionResultType]::ParameterName, 'Write every theme match instead (the file, the field, the phrase, a negation, what it counts for)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;route' {
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Staff list: staff_id, role, team, area, manager_id, and optionally covering_manager_id (who covers a team manager), email, name')
            [CompletionResult]::new('--cases', '--cases', [CompletionResultType]::ParameterName, 'Caseload: case_id, worker_id, team, status, opened, closed, family_id')
            [CompletionResult]::new('--availability', '--availability', [CompletionResultType]::ParameterName, 'Who is away: a CSV (staff_id, from, to, absence, back) or an .ics calendar export (repeatable)')
            [CompletionResult]::new('--rota', '--rota', [CompletionResultType]::ParameterName, 'The duty rota: date, team, duty_worker_id, covering_manager_id')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When the call came: "YYYY-MM-DD HH:MM", or HH:MM today [default: now; with --today, the start of that working day]')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How the concern came in')
            [CompletionResult]::new('--concerns', '--concerns', [CompletionResultType]::ParameterName, 'A CSV of concerns to route: case_id, received_at, and optionally urgent (true/false) and via (admin/contact-service)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day of --coverage')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day of --coverage')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The routing policy: default, or a YAML file (see `caseaudit show routing default`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('--urgent', '--urgent', [CompletionResultType]::ParameterName, 'The concern cannot wait for the worker: go down the chain')
            [CompletionResult]::new('--coverage', '--coverage', [CompletionResultType]::ParameterName, 'List the times when an urgent call would not reach a team''s own people, for every team with an open case and every working day from --from to --to')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Add a passed_over column: who each step tried before, and why they could not take the call')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;schema' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'For `audit`: the template whose completed audits the schema describes')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;completions' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;man' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, csv when piped]; html is for `report`, ics for `due`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write output to FILE, atomically (never half-written)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'YAML file mapping our column names to your export''s headers, or a built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903 (the DfE looked-after return''s header, episodes and reviews)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Bank holidays of this region')
            [CompletionResult]::new('--closures', '--closures', [CompletionResultType]::ParameterName, 'CSV of local closure days (columns: date, name) that are not working days')
            [CompletionResult]::new('--header-row', '--header-row', [CompletionResultType]::ParameterName, 'The row (line) each CSV or sheet input has its header on, when it is not found by itself (a report''s title rows above it are passed over); per file, `header_row:` in the --columns file')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Append a line about this run to FILE: the time, the command, each input file''s SHA-256, the summary, warnings and the exit code (never a person''s details); locked, so runs from cron never interleave')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'The --log line as text or as a JSON object')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no warnings or summary on stderr (errors still print)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not neutralise CSV cells that start with = + - @ (formula injection)')
            [CompletionResult]::new('--bom', '--bom', [CompletionResultType]::ParameterName, 'Start CSV output with a UTF-8 byte-order mark, so that Excel opens accented names (Nörth, Zoë) correctly')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, print every column of a table, however wide (without it a table fits the screen, leaving out the columns that matter least)')
            [CompletionResult]::new('--count-event-day', '--count-event-day', [CompletionResultType]::ParameterName, 'Count working days as the DfE CIN census validator does: the event day, or on a weekend or bank holiday the working day before it, is day 1')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when something should not pass in silence: an input with no rows, workers who hold cases left out of the count, and each command''s own conditions (see its help)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'caseaudit;help' {
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Select one file per caseworker for the month and allocate auditors')
            [CompletionResult]::new('due', 'due', [CompletionResultType]::ParameterValue, 'List the obligations a case event starts, with their due dates and sources')
            [CompletionResult]::new('form', 'form', [CompletionResultType]::ParameterValue, 'Write a blank audit form, or one prefilled form per selected file')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check completed audit checklists (YAML) against their templates')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a CSV export against a rule set (a Table Schema with extensions)')
            [CompletionResult]::new('date', 'date', [CompletionResultType]::ParameterValue, 'Work out a date: DATE plus or minus an offset, on the bank-holiday calendar')
            [CompletionResult]::new('holidays', 'holidays', [CompletionResultType]::ParameterValue, 'List bank holidays (and --closures) for a year or a range of years')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The monthly collation and the quarterly QA report, from completed audits')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Who takes a concern about an open case, or where urgent cover will fail')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print a JSON Schema for one of the formats caseaudit reads')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a built-in policy, rule set, template, timescale set or column preset, to copy and change')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff): the main page, or one subcommand''s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'caseaudit;help;select' {
            break
        }
        'caseaudit;help;due' {
            break
        }
        'caseaudit;help;form' {
            break
        }
        'caseaudit;help;validate' {
            break
        }
        'caseaudit;help;check' {
            break
        }
        'caseaudit;help;date' {
            break
        }
        'caseaudit;help;holidays' {
            break
        }
        'caseaudit;help;report' {
            break
        }
        'caseaudit;help;route' {
            break
        }
        'caseaudit;help;schema' {
            break
        }
        'caseaudit;help;show' {
            break
        }
        'caseaudit;help;completions' {
            break
        }
        'caseaudit;help;man' {
            break
        }
        'caseaudit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
