//! Hand-worked deadlines around Quốc khánh 2/9 with its adjacent day, and across the year
//! boundary (Tết Dương lịch, the 2026 swap and its make-up Saturday). "n=3" = third working day.

use crate::support::{case, check_all};
use tiepdan_domain::deadlines::Step;
use tiepdan_domain::petition::PetitionKind::{Complaint, Denunciation, Reflection};

#[test]
fn deadlines_around_national_day_skip_2_9_and_its_adjacent_day() {
    check_all(&[
        // 2025: off Sat 30/08 – Tue 02/09 (01/09 the adjacent day). Received Fri 29/08: skip
        // 30/08–02/09; Wed 03 n=1, Thu 04 n=2, Fri 05 n=3, skip 06–07, Mon 08 n=4, Tue 09 n=5.
        case(Denunciation, Step::Transfer, "2025-08-29", "2025-09-09"),
        // Complaint received Fri 22/08/2025: day 10 is Mon 01/09 (adjacent day), Tue 02/09 off →
        // Wed 03/09.
        case(Complaint, Step::Accept, "2025-08-22", "2025-09-03"),
        // 2024: off Sat 31/08 – Tue 03/09 (03/09 the adjacent day). Received Fri 30/08: skip
        // 31/08–03/09; Wed 04 n=1, Thu 05 n=2, Fri 06 n=3, skip 07–08, Mon 09 n=4 … Thu 12 n=7.
        case(Denunciation, Step::Check, "2024-08-30", "2024-09-12"),
        // First-level complaint accepted Fri 02/08/2024: 30 days → Sun 01/09; Mon 02 and Tue 03 off
        // → Wed 04/09.
        case(Complaint, Step::Resolve, "2024-08-02", "2024-09-04"),
        // 2023: 01/09 Fri (adjacent), 02/09 Sat, nghỉ bù Mon 04/09. Received Thu 31/08: skip
        // 01–04/09; Tue 05 n=1, Wed 06 n=2, Thu 07 n=3, Fri 08 n=4, skip 09–10, Mon 11 n=5.
        case(Denunciation, Step::Transfer, "2023-08-31", "2023-09-11"),
        // 2026, not in the shipped table: by rule 2/9 is a Wednesday and the adjacent day is Tue
        // 01/09. Received Mon 31/08: skip 01–02/09; Thu 03 n=1, Fri 04 n=2, skip 05–06,
        // Mon 07 n=3, Tue 08 n=4, Wed 09 n=5.
        case(Denunciation, Step::Transfer, "2026-08-31", "2026-09-09"),
        // 2027 by rule: 2/9 is a Thursday, the adjacent day Fri 03/09. Received Wed 01/09: skip
        // 02–05/09; Mon 06 n=1 … Fri 10 n=5, skip 11–12, Mon 13 n=6 … Fri 17 n=10.
        case(Reflection, Step::Process, "2027-09-01", "2027-09-17"),
    ]);
}

#[test]
fn deadlines_across_the_new_year_follow_each_years_calendar() {
    check_all(&[
        // Tết Dương lịch 2026: Thu 01/01 holiday, Fri 02/01 swapped off, made up on Sat 10/01.
        // Received Wed 31/12/2025: skip 01–04/01; Mon 05 n=1 … Fri 09 n=5.
        case(Denunciation, Step::Transfer, "2025-12-31", "2026-01-09"),
        // Same day, check within 7: Mon 05 n=1 … Fri 09 n=5, Sat 10 (làm bù) n=6, skip Sun 11,
        // Mon 12 n=7.
        case(Denunciation, Step::Check, "2025-12-31", "2026-01-12"),
        // Complaint received Mon 22/12/2025: day 10 is Thu 01/01/2026; Fri 02 swapped off,
        // Sat 03, Sun 04 → Mon 05/01.
        case(Complaint, Step::Accept, "2025-12-22", "2026-01-05"),
        // Complaint received Wed 31/12/2025: day 10 is Sat 10/01/2026, a make-up working day →
        // due that Saturday.
        case(Complaint, Step::Accept, "2025-12-31", "2026-01-10"),
        // 2025: 01/01 a Wednesday. Received Mon 30/12/2024: Tue 31 n=1, skip Wed 01/01, Thu 02 n=2,
        // Fri 03 n=3, skip 04–05, Mon 06 n=4, Tue 07 n=5.
        case(Denunciation, Step::Transfer, "2024-12-30", "2025-01-07"),
        // 2023: 01/01 a Sunday → nghỉ bù Mon 02/01. Received Fri 30/12/2022: skip 31/12–02/01;
        // Tue 03 n=1, Wed 04 n=2, Thu 05 n=3, Fri 06 n=4, skip 07–08, Mon 09 n=5, Tue 10 n=6,
        // Wed 11 n=7.
        case(Denunciation, Step::Check, "2022-12-30", "2023-01-11"),
        // 2027 by rule: 01/01 a Friday, no swap invented. Received Thu 24/12/2026: Fri 25 n=1,
        // skip 26–27, Mon 28 n=2 … Thu 31 n=5, skip Fri 01/01 and the weekend, Mon 04 n=6 …
        // Fri 08 n=10.
        case(Reflection, Step::Process, "2026-12-24", "2027-01-08"),
        // Denunciation accepted Tue 02/12/2025: 30 days → Thu 01/01/2026; Fri 02 swapped off,
        // weekend → Mon 05/01.
        case(Denunciation, Step::Resolve, "2025-12-02", "2026-01-05"),
    ]);
}
