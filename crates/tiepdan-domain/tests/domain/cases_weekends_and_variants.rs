//! Hand-worked deadlines with weekends at both ends of the period, and the complex, remote-area,
//! second-level and extension variants. "n=3" = third counted working day.

use crate::support::{case, check_all, variant};
use tiepdan_domain::deadlines::{Complexity, Level, Step};
use tiepdan_domain::petition::PetitionKind::{Complaint, Denunciation, Proposal};

#[test]
fn weekends_at_either_end_of_a_period_are_handled_by_its_unit() {
    check_all(&[
        // Received Sat 07/03/2026: the count starts Sun 08 (skipped); Mon 09 n=1 … Fri 13 n=5.
        case(Denunciation, Step::Transfer, "2026-03-07", "2026-03-13"),
        // Received Sun 08/03/2026: Mon 09 n=1 … Fri 13 n=5, skip 14–15, Mon 16 n=6, Tue 17 n=7.
        case(Denunciation, Step::Check, "2026-03-08", "2026-03-17"),
        // Received Fri 06/03/2026: skip 07–08; Mon 09 n=1 … Fri 13 n=5, skip 14–15, Mon 16 n=6 …
        // Fri 20 n=10.
        case(Proposal, Step::Process, "2026-03-06", "2026-03-20"),
        // Complaint received Wed 04/03/2026: day 10 is Sat 14/03; Sun 15 → Mon 16/03.
        case(Complaint, Step::Accept, "2026-03-04", "2026-03-16"),
    ]);
}

#[test]
fn complex_remote_and_second_level_cases_get_their_longer_periods() {
    let first = |complexity, remote| variant(Level::First, complexity, remote);
    let second = |complexity, remote| variant(Level::Second, complexity, remote);
    check_all(&[
        // First level, complex: 45 days from Fri 06/03/2026 → 25 days to 31/03, 20 more → Mon 20/04,
        // a working day.
        case(Complaint, Step::Resolve, "2026-03-06", "2026-04-20").with(first(Complexity::Complex, false)),
        // First level, remote area: 45 days from Thu 05/03/2026 → Sun 19/04 → Mon 20/04.
        case(Complaint, Step::Resolve, "2026-03-05", "2026-04-20").with(first(Complexity::Normal, true)),
        // First level, remote and complex: 60 days from Mon 02/03/2026 → 29 days to 31/03, 30 in
        // April, 1 more → Fri 01/05 (holiday), weekend → Mon 04/05.
        case(Complaint, Step::Resolve, "2026-03-02", "2026-05-04").with(first(Complexity::Complex, true)),
        // Second level, complex: 60 days from Fri 27/02/2026 → 1 day to 28/02, 31 in March, 28 more
        // → Tue 28/04, a working day.
        case(Complaint, Step::Resolve, "2026-02-27", "2026-04-28").with(second(Complexity::Complex, false)),
        // Second level, remote and complex: 70 days from Mon 16/03/2026 → 15 to 31/03, 30 in April,
        // 25 more → Mon 25/05.
        case(Complaint, Step::Resolve, "2026-03-16", "2026-05-25").with(second(Complexity::Complex, true)),
        // Second level, remote: 60 days from Mon 16/03/2026 → 15 + 30 + 15 → Fri 15/05.
        case(Complaint, Step::Resolve, "2026-03-16", "2026-05-15").with(second(Complexity::Normal, true)),
        // Denunciation check with verification at several places: 10 working days from Mon 02/03:
        // Tue 03 n=1 … Fri 06 n=4, skip 07–08, Mon 09 n=5 … Fri 13 n=9, skip 14–15, Mon 16 n=10.
        case(Denunciation, Step::Check, "2026-03-02", "2026-03-16").with(first(Complexity::Complex, false)),
        // Extension of an especially complex denunciation due Mon 04/05/2026: 30 more days from it →
        // Wed 03/06, a working day.
        case(Denunciation, Step::Extend, "2026-05-04", "2026-06-03")
            .with(first(Complexity::EspeciallyComplex, false)),
        // Extension of a complex denunciation due Fri 13/03/2026: 30 days → Sun 12/04 → Mon 13/04.
        case(Denunciation, Step::Extend, "2026-03-13", "2026-04-13").with(first(Complexity::Complex, false)),
    ]);
}
