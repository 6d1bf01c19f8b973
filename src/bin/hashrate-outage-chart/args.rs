//! The command line's arguments, read by lexopt for every subcommand alike: each lists the
//! options that take a value and the switches, and gets back, in order, the options it was
//! given (`--name value`, `--name=value`, `-o value`) and its positional values (`-` too).
//! An option it does not list is "unknown option NAME"; one without its value "NAME needs a
//! value".

/// One argument: an option by the name the subcommand listed (with its value, for one that
/// takes a value), or a positional value.
pub(crate) enum Arg {
    Opt(&'static str, String),
    Value(String),
}

/// Reads `args` (after the subcommand) against `with_value` (options that take a value) and
/// `switches` (options that do not), both written as on the command line ("--title", "-o").
pub(crate) fn parse(
    args: &[String],
    with_value: &[&'static str],
    switches: &[&'static str],
) -> Result<Vec<Arg>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.iter());
    let mut out = Vec::new();
    let text = |value: std::ffi::OsString| {
        value
            .into_string()
            .map_err(|v| format!("{} is not valid Unicode", v.to_string_lossy()))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        let flag = match arg {
            Long(name) => format!("--{name}"),
            Short(c) => format!("-{c}"),
            Value(value) => {
                out.push(Arg::Value(text(value)?));
                continue;
            }
        };
        if let Some(name) = with_value.iter().find(|n| **n == flag) {
            let value = parser
                .value()
                .map_err(|_| format!("{flag} needs a value"))?;
            out.push(Arg::Opt(name, text(value)?));
        } else if let Some(name) = switches.iter().find(|n| **n == flag) {
            if let Some(value) = parser.optional_value() {
                return Err(format!(
                    "{flag} takes no value, got {}",
                    value.to_string_lossy()
                ));
            }
            out.push(Arg::Opt(name, String::new()));
        } else {
            return Err(format!("unknown option {flag}"));
        }
    }
    Ok(out)
}
