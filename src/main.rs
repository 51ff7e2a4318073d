fn main() -> std::process::ExitCode {
    caseaudit::run(std::env::args_os())
}
