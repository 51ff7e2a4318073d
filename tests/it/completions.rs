//! The shell completions in `completions/` are generated from the CLI and
//! committed (as `just` does); this test fails when they are stale.
//! Regenerate with `CASEAUDIT_UPDATE_COMPLETIONS=1 cargo test --test it completions`.

use caseaudit::cmd::completions::script;
use clap_complete::Shell;

const SHELLS: [(Shell, &str); 4] = [
    (Shell::Bash, "caseaudit.bash"),
    (Shell::Zsh, "_caseaudit"),
    (Shell::Fish, "caseaudit.fish"),
    (Shell::PowerShell, "_caseaudit.ps1"),
];

#[test]
fn completions_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("CASEAUDIT_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let want = script(shell, caseaudit::cli::command());
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run CASEAUDIT_UPDATE_COMPLETIONS=1 cargo test --test it completions"
    );
}

#[test]
fn completions_name_every_subcommand() {
    let bash = String::from_utf8(script(Shell::Bash, caseaudit::cli::command())).unwrap();
    for sub in ["select", "schema", "completions", "man"] {
        assert!(bash.contains(sub), "{sub}");
    }
}

#[test]
fn man_pages_render_one_per_subcommand() {
    use caseaudit::cmd::completions::man_page;
    let man = String::from_utf8(man_page(caseaudit::cli::command(), None).unwrap()).unwrap();
    assert!(man.contains(".TH caseaudit"));
    // The main page refers to a page per subcommand; each one exists.
    for sub in
        ["select", "due", "form", "validate", "check", "date", "holidays", "route", "schema", "show", "completions"]
    {
        assert!(man.contains(&format!("caseaudit\\-{sub}(1)")), "{sub}");
        let page = String::from_utf8(man_page(caseaudit::cli::command(), Some(sub)).unwrap()).unwrap();
        assert!(page.contains(&format!(".TH caseaudit-{sub} 1")), "{sub}");
    }
    assert!(
        man_page(caseaudit::cli::command(), Some("sellect"))
            .unwrap_err()
            .to_string()
            .contains("did you mean 'select'?")
    );
}

/// Completions offer the built-in names: policies, rule sets, templates,
/// timescale sets, column presets, events (endings too), qualifiers, regions.
#[test]
fn completions_offer_built_in_names() {
    let zsh = String::from_utf8(script(Shell::Zsh, caseaudit::cli::command())).unwrap();
    for name in [
        "quality-practice",
        "good-practice",
        "escr-person",
        "recording-timeliness",
        "statutory",
        "ssda903",
        "strategy-discussion",
        "ceased-looked-after",
        "placed-with-parents",
        "northern-ireland",
    ] {
        assert!(zsh.contains(name), "{name}");
    }
}

/// Every subcommand's help has an example and its exit codes; due's lists
/// every event, the endings included.
#[test]
fn every_help_has_an_example_and_the_exit_codes() {
    let mut cli = caseaudit::cli::command();
    cli.build();
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let help = sub.clone().render_long_help().to_string();
        assert!(help.contains("Example"), "{}: no example", sub.get_name());
        assert!(help.contains("Exit codes"), "{}: no exit codes", sub.get_name());
    }
    let due = cli.find_subcommand("due").unwrap().clone().render_long_help().to_string();
    for event in caseaudit::timescales::EVENTS {
        assert!(due.contains(event), "due --help lacks {event}");
    }
}

/// docs/reference/conventions.md: every help fits 80 columns, and its examples and lists are
/// printed as written, never re-wrapped (an example broken at a space without
/// a `\` cannot be copied); `-h` leaves the global options out and points
/// to them.
#[test]
fn every_help_fits_80_columns_and_keeps_its_examples_whole() {
    let mut cli = caseaudit::cli::command();
    cli.build();
    let subs: Vec<String> = cli.get_subcommands().map(|s| s.get_name().to_string()).filter(|n| n != "help").collect();
    for name in std::iter::once(None).chain(subs.iter().map(Some)) {
        let args: Vec<&str> = name.iter().map(|n| n.as_str()).collect();
        for flag in ["-h", "--help"] {
            let out = crate::common::bin().env("COLUMNS", "80").args(&args).arg(flag).output().unwrap();
            let help = String::from_utf8(out.stdout).unwrap();
            for line in help.lines() {
                assert!(line.chars().count() <= 80, "{args:?} {flag}: a line over 80 columns: {line}");
            }
            let sub = name.map_or(cli.clone(), |n| cli.find_subcommand(n).unwrap().clone());
            let after = sub.get_after_long_help().or(sub.get_after_help()).map(|h| h.to_string()).unwrap_or_default();
            for line in after.lines().filter(|l| !l.trim().is_empty()) {
                assert!(help.lines().any(|h| h == line), "{args:?} {flag}: re-wrapped: {line:?}\n{help}");
            }
            let globals = help.contains("--columns <FILE|ssd|ssda903>");
            if flag == "-h" {
                assert!(!globals, "{args:?} -h lists the global options");
                assert!(help.contains("Global options (--format"), "{args:?} -h points to them");
            } else {
                assert!(globals, "{args:?} --help lists the global options");
            }
        }
    }
}
