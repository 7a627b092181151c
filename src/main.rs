//! The `rapport` binary: parse the command line, run, map the outcome to an exit code.

fn main() {
    std::process::exit(rapport::cli::main_exit_code());
}
