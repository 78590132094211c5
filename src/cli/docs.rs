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

/// `gongbao man`: the manual page (roff), generated from the clap definitions, with a
/// section for each subcommand.
///
/// # Errors
/// Only if writing to memory fails.
pub fn man() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory as _;
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("gongbao {}", sub.get_name());
        let sub = sub.clone().bin_name(name);
        let mut page = Vec::new();
        let man = clap_mangen::Man::new(sub);
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        out.extend_from_slice(&page);
    }
    Ok(out)
}
