//! `tiepdan-server`: see [`tiepdan_server::cli`].

use clap::Parser;
use tiepdan_server::cli::{run, Cli};
use tiepdan_server::error::Error;

fn main() {
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).init();
    let code = match run(Cli::parse()) {
        Ok(code) => code,
        Err(Error::Internal(detail)) => {
            tracing::error!("{detail}");
            eprintln!("lỗi nội bộ: {detail}");
            2
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    };
    std::process::exit(code);
}
