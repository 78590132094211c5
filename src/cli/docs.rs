//! `gongbao completions bash|zsh|fish` and `gongbao man`: generated from the clap
//! definitions ([`Cli`]), so they never disagree with `--help`. Writes bytes for stdout;
//! reads no page.

use super::{Cli, Shell};

/// `gongbao completions SHELL`: the completion script, generated from the clap definitions.
#[must_use]
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap::CommandFactory as _;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut cmd, "gongbao", &mut out);
    out
}

/// `gongbao man`: the manual page (roff), one page generated from the clap definitions: the
/// program's sections, its commands listed by name (not as `gongbao-export(1)` pages that
/// are never installed), then a section for each command (`GONGBAO EXPORT`) with its
/// synopsis, description and options as subsections.
///
/// # Errors
/// Only if writing to memory fails.
pub fn man() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory as _;
    let cmd = Cli::command();
    let mut main = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut main)?;
    let mut out = String::from_utf8_lossy(&main).into_owned();
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    for name in subs.iter().map(|s| s.get_name()).chain(["help"]) {
        let roff_name = name.replace('-', "\\-");
        out = out.replace(
            &format!("gongbao\\-{roff_name}(1)"),
            &format!("\\fBgongbao {roff_name}\\fR"),
        );
    }
    for sub in subs {
        let name = sub.get_name();
        let sub = sub.clone().bin_name(format!("gongbao {name}"));
        let mut page = Vec::new();
        let man = clap_mangen::Man::new(sub);
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        for line in String::from_utf8_lossy(&page).lines() {
            let line = match line {
                ".SH NAME" => format!(".SH \"GONGBAO {}\"", name.to_uppercase()),
                ".SH SYNOPSIS" => ".SS Synopsis".to_string(),
                ".SH DESCRIPTION" => ".SS Description".to_string(),
                ".SH OPTIONS" => ".SS Options".to_string(),
                other => other.to_string(),
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out.into_bytes())
}
