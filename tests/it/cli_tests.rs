//! CLI cases in `tests/cmd/*.toml`: arguments, expected output and exit code.
//! They pin the output scripts rely on (golden files) and document the tool.
//! Regenerate after an intended change with `TRYCMD=overwrite cargo test --test it cli_tests`.

#[test]
fn cli_tests() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
