//! The `reglement` command line: a thin front end over the library.

fn main() {
    std::process::exit(reglement::cli::main());
}
