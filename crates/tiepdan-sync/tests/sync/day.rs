//! End of day: the close event, a round, and a report computed only from what the district
//! acknowledged.

use crate::support::{Desk, District};
use tiepdan_domain::clock::{Clock, SystemClock};
use tiepdan_sync::{close_day_with_round, StatusKind};

#[test]
fn a_closed_day_reaches_the_district_with_everything_before_it() {
    let district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(3);
    let report = close_day_with_round(
        &desk.register,
        &desk.owner(),
        &desk.state_path(),
        &SystemClock,
        SystemClock.today(),
    )
    .expect("the day closes");
    assert_eq!(report.summary.close.visits, 3, "the day's visits are counted");
    assert_eq!(report.summary.close.petitions.total(), 3);
    assert!(report.reached_district, "the close was acknowledged: {report:?}");
    assert_eq!(report.acknowledged_seq, report.summary.close_seq);
    assert_eq!((report.pending, report.status, report.sync_error), (0, StatusKind::AllSent, None));
    desk.assert_all_acknowledged(&district);
    assert_eq!(
        district.check().events,
        3 + 3 + 1,
        "start, ward, officer, three visits and the close, once each"
    );
}

#[test]
fn a_day_closed_while_the_district_is_away_says_so_and_goes_with_the_next_round() {
    let mut district = District::start();
    let desk = Desk::new("12345", 'A');
    desk.enroll(&district, "12345", "A");
    desk.visits(2);
    desk.round().expect("a round while online");
    let addr = district.addr();
    district.stop();
    let report = close_day_with_round(
        &desk.register,
        &desk.owner(),
        &desk.state_path(),
        &SystemClock,
        SystemClock.today(),
    )
    .expect("the close is written even offline");
    assert!(!report.reached_district, "nothing claims the district has the close: {report:?}");
    assert!(report.sync_error.is_some(), "the failed round is reported");
    assert_eq!((report.pending, report.status), (1, StatusKind::Offline));
    assert_eq!(report.acknowledged_seq, report.summary.close_seq - 1, "what was sent before still counts");
    district.listen(&addr);
    desk.round().expect("a round once the district is back");
    desk.assert_all_acknowledged(&district);
}
