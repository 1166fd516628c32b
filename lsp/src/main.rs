//! `reglement-lsp`: the language server for `.reglement` files, over stdio.
//! Nothing but protocol is written to stdout.

use reglement_lsp::{framing, Backend};
use tower_lsp_server::{LspService, Server};

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        None | Some("--stdio") => {}
        Some("--version") | Some("-V") => {
            println!("reglement-lsp {}", env!("CARGO_PKG_VERSION"));
            return std::process::ExitCode::SUCCESS;
        }
        Some("--help") | Some("-h") => {
            println!(
                "reglement-lsp {}\nTaalserver (Language Server Protocol) voor .reglement-bestanden, over stdin/stdout.\n\nGebruik: reglement-lsp [--stdio]\n        reglement-lsp --version",
                env!("CARGO_PKG_VERSION")
            );
            return std::process::ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("fout: onbekende optie '{other}'; 'reglement-lsp --help' toont de opties");
            return std::process::ExitCode::from(2);
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fout: de taalserver kan niet starten: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        // stdin → guard → server; server → merge (+ the guard's error answers) → stdout
        let (guard_side, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, merge_side) = tokio::io::duplex(1 << 16);
        let (errors_tx, errors_rx) = tokio::sync::mpsc::channel(64);
        tokio::spawn(framing::guard_input(
            tokio::io::stdin(),
            guard_side,
            errors_tx,
        ));
        let output = tokio::spawn(framing::merge_output(
            merge_side,
            errors_rx,
            tokio::io::stdout(),
        ));
        let (service, socket) = LspService::new(Backend::new);
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
        let _ = output.await;
    });
    // the guard may still wait on stdin (a blocking read): do not wait for it
    runtime.shutdown_background();
    std::process::ExitCode::SUCCESS
}
