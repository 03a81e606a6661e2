//! How long one sign-in takes with the recommended argon2id parameters: `cargo bench -p tiepdan-keys`.
//! A measurement to record in `docs/keys.md`, never an assertion.

use std::time::{Duration, Instant};

use tiepdan_keys::{KeySlots, OfficerSlotSpec, RecoveryKey};

fn main() -> Result<(), tiepdan_keys::KeyError> {
    let recovery = RecoveryKey::generate()?;
    let password = "mật khẩu đo thời gian";
    let started = Instant::now();
    let (slots, _) =
        KeySlots::create(&recovery, OfficerSlotSpec { officer_id: "bench", password, may_unseal: true })?;
    println!("create (two slots): {:?}", started.elapsed());
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let started = Instant::now();
            slots.unlock_officer("bench", password).map(|_| started.elapsed())
        })
        .collect::<Result<_, _>>()?;
    times.sort();
    println!(
        "unlock_officer, recommended parameters: median {:?}, min {:?}, max {:?} (7 runs)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}
