//! The `vigie` binary: parses the command line and hands over to [`vigie::cli`].

fn main() -> std::process::ExitCode {
    vigie::cli::main()
}
