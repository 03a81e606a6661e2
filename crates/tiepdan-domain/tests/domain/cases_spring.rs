//! Hand-worked deadlines around Giỗ Tổ Hùng Vương (10/3 lunar) and 30/4–1/5, with the swapped
//! days and make-up Saturdays of 2024 and 2025. "n=3" is the third counted working day.

use crate::support::{case, check_all};
use tiepdan_domain::deadlines::Step;
use tiepdan_domain::petition::PetitionKind::{Complaint, Denunciation, Mixed, Proposal};

#[test]
fn deadlines_around_gio_to_and_30_4_count_swaps_and_make_up_saturdays() {
    check_all(&[
        // 2026: Giỗ Tổ Sun 26/04 → nghỉ bù Mon 27/04; 30/04 Thu and 01/05 Fri, then the weekend.
        // Received Fri 24/04: skip 25, 26, 27 (bù); Tue 28 n=1, Wed 29 n=2, skip 30/04–03/05,
        // Mon 04/05 n=3, Tue 05 n=4, Wed 06 n=5.
        case(Denunciation, Step::Transfer, "2026-04-24", "2026-05-06"),
        // Received Thu 23/04: Fri 24 n=1, skip 25–27, Tue 28 n=2, Wed 29 n=3, skip 30/04–03/05,
        // Mon 04 n=4, Tue 05 n=5, Wed 06 n=6, Thu 07 n=7.
        case(Denunciation, Step::Check, "2026-04-23", "2026-05-07"),
        // Received Wed 29/04: skip 30/04–03/05; Mon 04 n=1 … Fri 08 n=5, skip 09–10, Mon 11 n=6 …
        // Fri 15 n=10.
        case(Mixed, Step::Process, "2026-04-29", "2026-05-15"),
        // Complaint received Mon 20/04/2026: day 10 is Thu 30/04 (Ngày Chiến thắng); Fri 01/05,
        // Sat 02, Sun 03 are off → Mon 04/05.
        case(Complaint, Step::Accept, "2026-04-20", "2026-05-04"),
        // Complaint received Thu 16/04/2026: day 10 is Sun 26/04 (Giỗ Tổ on a Sunday); Mon 27 is
        // its nghỉ bù → Tue 28/04.
        case(Complaint, Step::Accept, "2026-04-16", "2026-04-28"),
        // Denunciation accepted Wed 01/04/2026: 30 days → Fri 01/05 (Ngày Quốc tế Lao động);
        // Sat 02, Sun 03 → Mon 04/05.
        case(Denunciation, Step::Resolve, "2026-04-01", "2026-05-04"),
        // 2025: Giỗ Tổ Mon 07/04; 30/04 Wed, 01/05 Thu; Fri 02/05 swapped off, made up on Sat 26/04.
        // Received Thu 24/04: Fri 25 n=1, Sat 26 (làm bù) n=2, skip Sun 27, Mon 28 n=3, Tue 29 n=4,
        // skip 30/04–04/05 (02/05 swapped), Mon 05/05 n=5.
        case(Denunciation, Step::Transfer, "2025-04-24", "2025-05-05"),
        // Received Fri 25/04: Sat 26 (làm bù) n=1, skip Sun 27, Mon 28 n=2, Tue 29 n=3, skip
        // 30/04–04/05, Mon 05 n=4 … Fri 09 n=8, skip 10–11, Mon 12 n=9, Tue 13 n=10.
        case(Proposal, Step::Process, "2025-04-25", "2025-05-13"),
        // Received Fri 04/04/2025: skip Sat 05, Sun 06, Mon 07 (Giỗ Tổ); Tue 08 n=1 … Fri 11 n=4,
        // skip 12–13, Mon 14 n=5, Tue 15 n=6, Wed 16 n=7.
        case(Denunciation, Step::Check, "2025-04-04", "2025-04-16"),
        // Complaint received Mon 21/04/2025: day 10 is Thu 01/05 (holiday); Fri 02/05 swapped off,
        // Sat 03, Sun 04 → Mon 05/05.
        case(Complaint, Step::Accept, "2025-04-21", "2025-05-05"),
        // Complaint received Wed 16/04/2025: day 10 is Sat 26/04, the make-up working Saturday,
        // so the deadline stays on that Saturday.
        case(Complaint, Step::Accept, "2025-04-16", "2025-04-26"),
        // 2024: Giỗ Tổ Thu 18/04; Mon 29/04 swapped off, made up on Sat 04/05; 30/04 Tue, 01/05 Wed.
        // Received Fri 26/04: skip 27, 28, 29 (swapped), 30, 01/05; Thu 02/05 n=1, Fri 03 n=2,
        // Sat 04 (làm bù) n=3, skip Sun 05, Mon 06 n=4, Tue 07 n=5.
        case(Denunciation, Step::Transfer, "2024-04-26", "2024-05-07"),
        // Received Wed 17/04/2024: skip Thu 18 (Giỗ Tổ), Fri 19 n=1, skip 20–21, Mon 22 n=2 …
        // Fri 26 n=6, skip 27/04–01/05, Thu 02/05 n=7.
        case(Denunciation, Step::Check, "2024-04-17", "2024-05-02"),
        // 2023: Giỗ Tổ Sat 29/04, 30/04 Sun, 01/05 Mon → nghỉ bù Tue 02 and Wed 03/05.
        // Received Fri 28/04: skip 29/04–03/05; Thu 04 n=1, Fri 05 n=2, skip 06–07, Mon 08 n=3,
        // Tue 09 n=4, Wed 10 n=5.
        case(Denunciation, Step::Transfer, "2023-04-28", "2023-05-10"),
        // Complaint received Fri 21/04/2023: day 10 is Mon 01/05 (holiday); Tue 02 and Wed 03 are
        // nghỉ bù → Thu 04/05.
        case(Complaint, Step::Accept, "2023-04-21", "2023-05-04"),
        // 2027, not announced: Giỗ Tổ by the lunar calendar Fri 16/04; 30/04 Fri, 01/05 Sat →
        // nghỉ bù Mon 03/05. Received Thu 29/04: skip 30/04–03/05; Tue 04 n=1, Wed 05 n=2,
        // Thu 06 n=3, Fri 07 n=4, skip 08–09, Mon 10 n=5.
        case(Denunciation, Step::Transfer, "2027-04-29", "2027-05-10"),
    ]);
}
