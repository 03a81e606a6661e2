//! `tiepdan ward`: the ward profile this desk prints on its forms.

use crate::context::Context;
use crate::error::{CliError, Exit};
use crate::location;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(cx: &Context, args: Args) -> Result<(), CliError> {
    let register = location::open(cx)?;
    let ward = register.ward()?.ok_or_else(|| {
        CliError::new(Exit::NotFound, "the register has no ward profile: run `tiepdan init`")
    })?;
    if args.json {
        return super::print_json(&ward);
    }
    println!("Mã đơn vị:  {}", ward.ward_code);
    println!("Đơn vị:     {}", ward.ward_name);
    println!("Địa danh:   {}", ward.place);
    println!("Cấp trên:   {}", ward.upstream);
    println!("Bàn tiếp:   {}", ward.desk);
    Ok(())
}
