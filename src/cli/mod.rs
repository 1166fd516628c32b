//! The command line `reglement`: argument parsing (clap, with Dutch help and
//! error messages) and one module per command. Every command returns an
//! [`ExitCode`]: 0 clean, 1 problems found in the input, 2 usage or I/O error.

mod check;
mod code_doc;
mod compile;
mod diff;
mod explain;
mod fmt;
mod generate;
mod help;
mod inputs;
mod merge;
mod monitor;
mod output;
mod publish;
mod rank;
mod schema;
mod simulate;
mod test;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// The exit codes of every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Nothing wrong.
    Ok = 0,
    /// The input has errors (a reglement with errors, rejected candidates with `--strikt`, a failing test).
    Problems = 1,
    /// Wrong use of the command, or a file that cannot be read or written.
    Usage = 2,
}

/// A failure that ends a command: a Dutch message and its exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: ExitCode,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: ExitCode::Usage,
        }
    }
}

pub type CmdResult = Result<ExitCode, Failure>;

const HELP_TEMPLATE: &str = "\
{about-with-newline}
Gebruik: {usage}

{all-args}{after-help}";

/// Toewijzingsreglementen voor sociale huur in Vlaanderen: controleren tegen de
/// Vlaamse regels, compileren tot een rangschikkingsplan en kandidaten rangschikken.
#[derive(Debug, Parser)]
#[command(
    name = "reglement",
    version,
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Opdrachten",
    next_help_heading = "Opties",
    after_help = "Afsluitcodes: 0 in orde, 1 fouten gevonden, 2 verkeerd gebruik of bestand onleesbaar."
)]
pub struct Cli {
    /// Toon deze hulp.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Toon het versienummer.
    #[arg(short = 'V', long = "versie", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Controleer een reglement tegen de Vlaamse regels en op interne samenhang.
    #[command(visible_alias = "check", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Controleer(check::Args),
    /// Compileer een reglement tot een uitvoerbaar rangschikkingsplan (JSON).
    #[command(visible_alias = "compile", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Compileer(compile::Args),
    /// Publiceer elk juridisch document van een reglement als afdrukbare HTML of Markdown.
    #[command(visible_alias = "render", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Publiceer(publish::Args),
    /// Voeg de goedgekeurde amendementen van de gemeenteraden samen tot het definitieve reglement.
    #[command(visible_alias = "merge", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Samenvoegen(merge::Args),
    /// Toon wat er veranderde tussen twee versies van een reglement, in de termen van het reglement.
    #[command(visible_alias = "diff", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Verschil(diff::Args),
    /// Draai de testgevallen van de toewijzingsraad (BESTAND.testen) door de rangschikking.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Test(test::Args),
    /// Schrijf het JSON-schema van het rangschikkingsplan.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Schema(schema::Args),
    /// Leg een code uit: de regel, waarom ze bestaat, de grondslag en wat te doen.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Uitleg(code_doc::Args),
    /// Toon alle controles met hun code, grondslag en zekerheid.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Codes(schema::CodesArgs),
    /// Rangschik kandidaten voor een woning of een pijler, op een peildatum.
    #[command(visible_alias = "rank", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Rangschik(rank::Args),
    /// Verklaar de plaats van één kandidaat, regel per regel, met artikel en regelnummer.
    #[command(visible_alias = "explain", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Verklaar(explain::Args),
    /// Maak een synthetisch kandidatenbestand (met een zaad, dus herhaalbaar).
    #[command(visible_alias = "generate", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Genereer(generate::Args),
    /// Zet reglementen in de vaste opmaak (inspringing, één regel per bepaling), commentaar blijft.
    #[command(visible_alias = "fmt", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Opmaak(fmt::Args),
    /// Simuleer een jaar toewijzingen op een wachtlijst en meet de impact van het reglement.
    #[command(visible_alias = "simulate", help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Simuleer(simulate::Args),
    /// Toets een jaar toewijzingen (het toewijzingsregister) aan het reglement en aan de simulatie, met een steekproef.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Opties")]
    Monitor(monitor::Args),
}

/// Run the command line with the process arguments; returns the exit code.
pub fn main() -> i32 {
    run(std::env::args_os()) as i32
}

/// Run the command line with the given arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = match help::in_dutch(Cli::command()).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return report_clap_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return report_clap_error(e),
    };
    let result = match cli.command {
        Command::Controleer(a) => check::run(a),
        Command::Compileer(a) => compile::run(a),
        Command::Publiceer(a) => publish::run(a),
        Command::Samenvoegen(a) => merge::run(a),
        Command::Verschil(a) => diff::run(a),
        Command::Test(a) => test::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Codes(a) => schema::run_codes(a),
        Command::Uitleg(a) => code_doc::run(a),
        Command::Rangschik(a) => rank::run(a),
        Command::Verklaar(a) => explain::run(a),
        Command::Genereer(a) => generate::run(a),
        Command::Opmaak(a) => fmt::run(a),
        Command::Simuleer(a) => simulate::run(a),
        Command::Monitor(a) => monitor::run(a),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            eprintln!("fout: {}", f.message);
            f.code
        }
    }
}

/// clap's own errors, said in Dutch.
fn report_clap_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{e}");
            return ExitCode::Ok;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{e}");
            return ExitCode::Usage;
        }
        ErrorKind::InvalidSubcommand => {
            let mut m = format!(
                "onbekende opdracht '{}'",
                ctx(ContextKind::InvalidSubcommand)
            );
            let s = ctx(ContextKind::SuggestedSubcommand);
            if !s.is_empty() {
                m.push_str(&format!("; bedoelt u '{s}'?"));
            }
            m
        }
        ErrorKind::UnknownArgument => {
            let mut m = format!("onbekende optie '{}'", ctx(ContextKind::InvalidArg));
            let s = ctx(ContextKind::SuggestedArg);
            if !s.is_empty() {
                m.push_str(&format!("; bedoelt u '{s}'?"));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            format!("ontbrekend argument: {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => {
            "geef een opdracht; 'reglement --help' toont ze".to_string()
        }
        ErrorKind::InvalidValue => {
            let mut m = format!(
                "ongeldige waarde '{}' voor {}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            );
            let valid = ctx(ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!("; mogelijk: {valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => format!(
            "ongeldige waarde '{}' voor {}: {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::InvalidArg),
            std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} kan niet samen met {}",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("te veel waarden voor {}", ctx(ContextKind::InvalidArg))
        }
        _ => "verkeerd gebruik; 'reglement --help' toont hoe het moet".to_string(),
    };
    eprintln!(
        "fout: {message}\n\n'reglement --help' of 'reglement OPDRACHT --help' toont het gebruik."
    );
    ExitCode::Usage
}

/// Colour on stderr (or stdout): only on a terminal, never with `NO_COLOR`.
pub(crate) fn use_color(stream: Stream) -> bool {
    use std::io::IsTerminal;
    let terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    terminal && std::env::var_os("NO_COLOR").is_none()
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}
