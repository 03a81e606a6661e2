//! Hand-worked deadlines around Tết Nguyên đán (five official days, their weekends, nghỉ bù).
//! Notation in the comments: "n=3" is the third counted working day; "skip" days are not counted.

use crate::support::{case, check_all, variant};
use tiepdan_domain::deadlines::{Complexity, Level, Step};
use tiepdan_domain::petition::PetitionKind::{Complaint, Denunciation, Proposal, Reflection};

#[test]
fn deadlines_around_tet_skip_every_announced_day_off() {
    check_all(&[
        // Tết 2026: off Sat 14/02 – Sun 22/02 (Tết Mon 16 – Fri 20, weekends either side).
        // Denunciation received Friday 13/02, outside competence: 5 working days. Skip 14–22;
        // Mon 23 n=1, Tue 24 n=2, Wed 25 n=3, Thu 26 n=4, Fri 27 n=5.
        case(Denunciation, Step::Transfer, "2026-02-13", "2026-02-27"),
        // Same Friday, checking acceptance conditions: 7 working days. 23–27 are n=1..5; skip Sat
        // 28/02 and Sun 01/03; Mon 02/03 n=6, Tue 03/03 n=7.
        case(Denunciation, Step::Check, "2026-02-13", "2026-03-03"),
        // Processed within 10 working days of Wed 11/02: Thu 12 n=1, Fri 13 n=2, skip 14–22, 23–27
        // n=3..7, skip 28/02–01/03, Mon 02/03 n=8, Tue 03/03 n=9, Wed 04/03 n=10.
        case(Proposal, Step::Process, "2026-02-11", "2026-03-04"),
        // Complaint received Fri 06/02/2026, accept within 10 days: day 10 is Mon 16/02 (the last day
        // of the year Ất Tỵ, a Tết day); 17–20 Tết, 21–22 weekend → next working day Mon 23/02.
        case(Complaint, Step::Accept, "2026-02-06", "2026-02-23"),
        // First-level complaint accepted Fri 16/01/2026: 30 days → Sun 15/02 (15 days left in
        // January + 15 of February). Weekend, then Tết 16–20, weekend 21–22 → Mon 23/02.
        case(Complaint, Step::Resolve, "2026-01-16", "2026-02-23"),
        // Second-level complaint accepted Wed 31/12/2025: 45 days → Sat 14/02/2026 (31 in January
        // + 14). Off Sat 14 – Sun 22 → Mon 23/02. Crosses the year boundary too.
        case(Complaint, Step::Resolve, "2025-12-31", "2026-02-23").with(variant(
            Level::Second,
            Complexity::Normal,
            false,
        )),
        // Tết 2025: off Sat 25/01 – Sun 02/02 (Mon 27 nghỉ bù for mùng 4 on Sat 01/02; Tết 28/01 –
        // 01/02). Received Thu 23/01: Fri 24 n=1, skip 25/01–02/02, Mon 03/02 n=2 … Fri 07 n=6,
        // skip 8–9, Mon 10 n=7, Tue 11 n=8, Wed 12 n=9, Thu 13 n=10.
        case(Reflection, Step::Process, "2025-01-23", "2025-02-13"),
        // Received Fri 24/01/2025: skip 25/01–02/02; Mon 03/02 n=1 … Fri 07/02 n=5.
        case(Denunciation, Step::Transfer, "2025-01-24", "2025-02-07"),
        // Complaint received Tue 21/01/2025: day 10 is Fri 31/01 (mùng 3); Sat 01/02 (mùng 4) and
        // Sun 02/02 are off too → Mon 03/02.
        case(Complaint, Step::Accept, "2025-01-21", "2025-02-03"),
        // Tết 2024: off Thu 08/02 (bù) – Wed 14/02 (bù), Tết 09–13 with Sat 10, Sun 11.
        // Received Tue 06/02: Wed 07 n=1, skip 08–14, Thu 15 n=2, Fri 16 n=3, skip 17–18,
        // Mon 19 n=4, Tue 20 n=5, Wed 21 n=6, Thu 22 n=7.
        case(Denunciation, Step::Check, "2024-02-06", "2024-02-22"),
        // Tết 2023: off Fri 20/01 (bù) – Thu 26/01 (bù), Tết 21–25 with Sat 21, Sun 22.
        // Received Thu 19/01: skip 20–26, Fri 27 n=1, skip 28–29, Mon 30 n=2, Tue 31 n=3,
        // Wed 01/02 n=4, Thu 02/02 n=5.
        case(Denunciation, Step::Transfer, "2023-01-19", "2023-02-02"),
        // Tết 2022: Tết Mon 31/01 – Fri 04/02, weekends 29–30/01 and 05–06/02, no bù.
        // Received Fri 28/01: skip 29/01–06/02; Mon 07 n=1 … Fri 11 n=5, skip 12–13, Mon 14 n=6 …
        // Fri 18 n=10.
        case(Proposal, Step::Process, "2022-01-28", "2022-02-18"),
        // Tết 2021: off Wed 10/02 (bù) – Tue 16/02 (bù), Tết 11–15 with Sat 13, Sun 14.
        // Received Tue 09/02: skip 10–16, Wed 17 n=1, Thu 18 n=2, Fri 19 n=3, skip 20–21,
        // Mon 22 n=4, Tue 23 n=5, Wed 24 n=6, Thu 25 n=7.
        case(Denunciation, Step::Check, "2021-02-09", "2021-02-25"),
        // Tết 2027 is not announced: by rule the last day of the year (Fri 05/02) and mùng 1–4
        // (Sat 06 – Tue 09); Sat 06 and Sun 07 are weekend days → nghỉ bù Wed 10 and Thu 11.
        // Received Thu 04/02/2027: skip 05–11, Fri 12 n=1, skip 13–14, Mon 15 n=2, Tue 16 n=3,
        // Wed 17 n=4, Thu 18 n=5.
        case(Denunciation, Step::Transfer, "2027-02-04", "2027-02-18"),
    ]);
}
