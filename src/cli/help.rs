//! The help texts of the command line, in Dutch, written from the command's
//! own definition: the usage line, the possible values and the defaults.
//!
//! clap writes these few parts itself in English (`[OPTIONS]`, `Possible
//! values:`, `[default: …]`). Instead of replacing words in its output, every
//! command gets its usage line from [`usage`], and every argument hides clap's
//! own value and default lists and carries them in its help text, in Dutch.

use clap::{Arg, ArgAction, Command};

/// The command with every help text in Dutch, subcommands included.
pub(crate) fn in_dutch(command: Command) -> Command {
    dutch_command(command.subcommand_value_name("OPDRACHT"), None)
}

fn dutch_command(command: Command, parent: Option<&str>) -> Command {
    let path = match parent {
        Some(p) => format!("{p} {}", command.get_name()),
        None => command.get_name().to_string(),
    };
    let usage = usage(&command, &path);
    // clap lays out the long help (`--help`) of every argument on its own
    // lines when one argument has a long text or values with their own
    // explanation; then the values and defaults are paragraphs too.
    let own_lines = command.get_arguments().any(|a| {
        a.get_long_help().is_some()
            || a.get_possible_values()
                .iter()
                .any(|v| v.get_help().is_some())
    });
    command
        .override_usage(usage)
        .mut_args(|arg| dutch_arg(arg, own_lines))
        .mut_subcommands(|sub| dutch_command(sub, Some(&path)))
}

/// The usage line as clap would write it, with `[OPTIES]` and `<OPDRACHT>`:
/// the optional options as one `[OPTIES]`, then the required options with
/// their value, then the positional arguments in order (`<X>` required, `[X]`
/// optional, `...` for several).
fn usage(command: &Command, path: &str) -> String {
    let shown = |a: &&Arg| !a.is_hide_set() && !is_help_or_version(a);
    let mut parts = vec![path.to_string()];
    if command
        .get_arguments()
        .filter(shown)
        .any(|a| !a.is_positional() && !a.is_required_set())
    {
        parts.push("[OPTIES]".to_string());
    }
    for arg in command
        .get_arguments()
        .filter(shown)
        .filter(|a| !a.is_positional() && a.is_required_set())
    {
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => continue,
        };
        match value_name(arg) {
            Some(value) if takes_value(arg) => parts.push(format!("{flag} <{value}>")),
            _ => parts.push(flag),
        }
    }
    for arg in command
        .get_arguments()
        .filter(shown)
        .filter(|a| a.is_positional())
    {
        let name = value_name(arg).unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        let several = if several(arg) { "..." } else { "" };
        if arg.is_required_set() {
            parts.push(format!("<{name}>{several}"));
        } else {
            parts.push(format!("[{name}]{several}"));
        }
    }
    if command.has_subcommands() {
        parts.push("<OPDRACHT>".to_string());
    }
    parts.join(" ")
}

fn is_help_or_version(arg: &Arg) -> bool {
    matches!(
        arg.get_action(),
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
    )
}

fn value_name(arg: &Arg) -> Option<String> {
    arg.get_value_names()
        .and_then(|names| names.first())
        .map(|n| n.to_string())
}

fn takes_value(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
}

fn several(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append)
        || arg.get_num_args().is_some_and(|n| n.max_values() > 1)
}

/// One argument: clap's lists hidden, the same facts appended to its help in
/// Dutch. The short help (`-h`) gets them on one line; the long help
/// (`--help`), when its arguments have lines of their own, as paragraphs, with
/// each value's own explanation when it has one.
fn dutch_arg(arg: Arg, own_lines: bool) -> Arg {
    if arg.is_hide_set() || !takes_value(&arg) {
        return arg;
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let defaults: Vec<String> = if arg.is_hide_default_value_set() {
        Vec::new()
    } else {
        arg.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    };
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long_help = arg
        .get_long_help()
        .map(|h| h.to_string())
        .unwrap_or_else(|| help.clone());
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();

    let mut short = vec![help];
    let mut long = vec![long_help];
    let listed = values.iter().any(|v| v.get_help().is_some());
    if !defaults.is_empty() {
        short.push(format!("[standaard: {}]", defaults.join(", ")));
    }
    if !values.is_empty() {
        short.push(format!("[mogelijk: {}]", names.join(", ")));
        if listed {
            let width = names.iter().map(|n| n.len()).max().unwrap_or(0) + 1;
            let mut list = String::from("Mogelijke waarden:");
            for value in &values {
                let label = format!("{}:", value.get_name());
                let text = value.get_help().map(|h| h.to_string()).unwrap_or_default();
                list.push_str(&format!("\n- {label:<width$} {text}"));
            }
            long.push(list);
        } else {
            long.push(format!("[mogelijk: {}]", names.join(", ")));
        }
    }
    if !defaults.is_empty() {
        long.push(format!("[standaard: {}]", defaults.join(", ")));
    }
    let short: Vec<String> = short.into_iter().filter(|s| !s.is_empty()).collect();
    let long: Vec<String> = long.into_iter().filter(|s| !s.is_empty()).collect();
    let arg = arg
        .hide_possible_values(true)
        .hide_default_value(true)
        .help(short.join(" "));
    if own_lines {
        arg.long_help(long.join("\n\n"))
    } else {
        arg
    }
}
