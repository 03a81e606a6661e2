//! Follow-up status of a due date as the "Việc cần làm" view shows it.

use crate::support::d;
use tiepdan_domain::calendar::WorkCalendar;
use tiepdan_domain::deadlines::{follow_up, FollowUp};

#[test]
fn a_deadline_is_on_time_due_soon_due_today_overdue_or_done() {
    let cal = WorkCalendar::official();
    let due = d("2026-02-27");
    // From Fri 13/02/2026 the Tết break leaves only Mon 23 – Fri 27 = 5 working days.
    assert_eq!(follow_up(&cal, due, d("2026-02-13"), None, 3), FollowUp::OnTime { working_days_left: 5 });
    assert_eq!(follow_up(&cal, due, d("2026-02-13"), None, 5), FollowUp::DueSoon { working_days_left: 5 });
    assert_eq!(follow_up(&cal, due, d("2026-02-25"), None, 3), FollowUp::DueSoon { working_days_left: 2 });
    assert_eq!(follow_up(&cal, due, due, None, 3), FollowUp::DueSoon { working_days_left: 0 });
    assert_eq!(follow_up(&cal, due, d("2026-03-02"), None, 3), FollowUp::Overdue { days_late: 3 });
    assert_eq!(
        follow_up(&cal, due, d("2026-03-02"), Some(d("2026-02-26")), 3),
        FollowUp::Done { on: d("2026-02-26"), on_time: true }
    );
    assert_eq!(FollowUp::DueSoon { working_days_left: 0 }.label_vi(), "Đến hạn hôm nay");
    assert_eq!(FollowUp::Overdue { days_late: 3 }.label_vi(), "Quá hạn 3 ngày");
}

#[test]
fn the_most_overdue_deadline_sorts_first() {
    let mut list = [
        FollowUp::OnTime { working_days_left: 9 },
        FollowUp::Done { on: d("2026-01-05"), on_time: true },
        FollowUp::DueSoon { working_days_left: 1 },
        FollowUp::Overdue { days_late: 2 },
        FollowUp::Overdue { days_late: 10 },
    ];
    list.sort_by_key(FollowUp::urgency);
    assert_eq!(list[0], FollowUp::Overdue { days_late: 10 });
    assert_eq!(list[1], FollowUp::Overdue { days_late: 2 });
    assert_eq!(list[2], FollowUp::DueSoon { working_days_left: 1 });
}
