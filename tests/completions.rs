//! The shell completions in `completions/` are generated from the CLI and
//! committed (as `just` does); this test fails when they are stale.
//! Regenerate with `CASEAUDIT_UPDATE_COMPLETIONS=1 cargo test --test completions`.

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
        let want = script(shell);
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
        "stale completions {stale:?}: run CASEAUDIT_UPDATE_COMPLETIONS=1 cargo test --test completions"
    );
}

#[test]
fn completions_name_every_subcommand() {
    let bash = String::from_utf8(script(Shell::Bash)).unwrap();
    for sub in ["select", "schema", "completions", "man"] {
        assert!(bash.contains(sub), "{sub}");
    }
}

#[test]
fn man_page_renders() {
    let man = String::from_utf8(caseaudit::cmd::completions::man_page().unwrap()).unwrap();
    assert!(man.contains(".TH caseaudit"));
    assert!(man.contains("select"));
}
