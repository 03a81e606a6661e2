//! One ward's [`Facts`] from the projection's rows, with the meaning the desk gives them
//! (`Register::report_facts`): visits at the desk that were not cancelled, petitions of every
//! source that were not cancelled, leader sessions; a matter is a first visit and every visit linked
//! to it, and a visit's number in its matter is its place among them by reception time.
//!
//! A repeat link whose either end is protected reaches the district without its other end
//! (`tiepdan_domain::upstream`, item 3), so for such a link the server knows the visit repeats *a*
//! matter but not which. It counts the visit as a repeat (number 2 or more, as the desk does: a
//! link always points to an earlier visit) and as a visit of a matter of its own, shared with the
//! visits linked to it in turn. Counts of visits and people, and every "lần đầu / nhiều lần" split,
//! are therefore the desk's; what can differ is a distinct-matter count ("vụ việc", e.g. 01/TCD
//! (7), (11), (16), (20), (25), (29) and (3); 01/XLD (7)) when two visits of one such matter fall in
//! the same cell: the desk counts one matter, the server one per part of the matter it can see.
//! Telling them apart would need the link the ward withholds on purpose.

use crate::store::{FactRow, SessionRow};
use chrono::NaiveDate;
use serde::de::value::{Error as DeError, StrDeserializer};
use serde::de::{Deserialize, IntoDeserializer};
use std::collections::HashMap;
use tiepdan_domain::deadlines::Level;
use tiepdan_domain::ids::{SessionId, VisitId};
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::reports::facts::{PetitionFact, SessionFact, VisitFact};
use tiepdan_domain::reports::Facts;
use tiepdan_domain::visit::ReceptionMode;

/// A stored word (`"leader_periodic"`) as the domain's enum.
fn word<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    let de: StrDeserializer<'_, DeError> = text.into_deserializer();
    T::deserialize(de).ok()
}

fn day(text: &Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(|t| t.parse().ok())
}

/// Where a visit stands in its matter: the matter's id and the visit's number in it.
fn matters(visits: &[FactRow]) -> HashMap<String, (String, u32)> {
    let link: HashMap<&str, Option<&str>> =
        visits.iter().filter(|v| v.linked).map(|v| (v.visit_id.as_str(), v.earlier.as_deref())).collect();
    // The top of what the district knows of a linked visit's matter: the matter's first visit
    // (unlinked), or the visit whose link was withheld.
    let top = |start: &str| -> String {
        let mut at = start;
        for _ in 0..=link.len() {
            match link.get(at) {
                None | Some(None) => return at.to_string(),
                Some(Some(earlier)) => at = earlier,
            }
        }
        // A cycle cannot come from a desk (a link points to an earlier visit): its own matter.
        start.to_string()
    };
    let mut groups: HashMap<String, Vec<(&str, &str)>> = HashMap::new();
    for v in visits.iter().filter(|v| link.contains_key(v.visit_id.as_str())) {
        groups
            .entry(top(&v.visit_id))
            .or_default()
            .push((v.received_at.as_deref().unwrap_or_default(), v.visit_id.as_str()));
    }
    let mut out = HashMap::new();
    for (root, mut linked) in groups {
        linked.sort();
        // Only linked visits are listed: before the first of them comes the matter's first visit
        // (unlinked, number 1) or, past a withheld link, at least one visit the ward keeps to itself.
        for (place, (_, id)) in linked.iter().enumerate() {
            out.insert(id.to_string(), (root.clone(), place as u32 + 2));
        }
    }
    out
}

/// The facts of one ward. Rows the domain cannot read (a word from a newer desk) are left out and
/// counted in the second value, for the log.
pub fn ward_facts(visits: &[FactRow], sessions: &[SessionRow]) -> (Facts, usize) {
    let matter = matters(visits);
    let mut facts = Facts::default();
    let mut unreadable = 0;
    let mut session_visits: HashMap<&str, u32> = HashMap::new();
    for v in visits {
        if v.status == "cancelled" {
            continue;
        }
        let Some(id) = v.visit_id.parse::<VisitId>().ok() else {
            unreadable += 1;
            continue;
        };
        let Some(on) = day(&v.received_on) else {
            unreadable += 1;
            continue;
        };
        let (matter_id, no) = match matter.get(&v.visit_id) {
            Some((root, no)) => (root.parse::<VisitId>().unwrap_or(id), *no),
            None => (id, 1),
        };
        let source: Option<PetitionSource> = word(&v.source);
        if v.source == "desk" {
            let mode = v.reception.as_deref().map_or(Some(ReceptionMode::Regular), word);
            let session = v.session_id.as_deref().and_then(|s| s.parse::<SessionId>().ok());
            match mode {
                Some(mode) => {
                    if let Some(s) = v.session_id.as_deref() {
                        *session_visits.entry(s).or_default() += 1;
                    }
                    facts.visits.push(VisitFact {
                        id,
                        on,
                        mode,
                        people: v.people_count.unwrap_or(1).max(0) as u32,
                        matter: matter_id,
                        matter_visit_no: no,
                        session,
                    })
                }
                None => unreadable += 1,
            }
        }
        let Some(kind) = v.petition_kind.as_deref() else { continue };
        let petition = (|| {
            let handling = match v.handling.as_deref() {
                Some(h) => Some(word(h)?),
                None => None,
            };
            // A desk visit whose handling was decided at reception was processed that day.
            let processed_on =
                day(&v.processed_on).or_else(|| (v.source == "desk" && handling.is_some()).then_some(on));
            Some(PetitionFact {
                id,
                received_on: on,
                source: source?,
                kind: word(kind)?,
                field: v.petition_field.as_deref().map_or(Some(Default::default()), word)?,
                stage: v.stage.as_deref().map_or(Some(Default::default()), word)?,
                eligible: v.eligible.unwrap_or(1) != 0,
                competent: v.competent.map(|c| c != 0),
                handling,
                processed_on,
                matter: matter_id,
                level: v.level.as_deref().map_or(Some(Level::First), word)?,
                accepted_on: day(&v.accepted_on),
                resolved_on: day(&v.resolved_on),
                outcome: match v.outcome.as_deref() {
                    Some(o) => Some(word(o)?),
                    None => None,
                },
                answered_on: day(&v.answered_on),
                // Counted from the ward's events, with its rules and calendar (`decisions`).
                resolve_due: None,
            })
        })();
        match petition {
            Some(p) => facts.petitions.push(p),
            None => unreadable += 1,
        }
    }
    for s in sessions {
        let parsed = (|| {
            Some(SessionFact {
                id: s.session_id.parse().ok()?,
                on: day(&s.planned_on)?,
                sat: word(s.sat.as_deref()?)?,
                kind: s.kind.as_deref().map_or(Some(Default::default()), word)?,
                outcome: match s.outcome.as_deref() {
                    Some(o) => Some(word(o)?),
                    None => None,
                },
                visits: session_visits.get(s.session_id.as_str()).copied().unwrap_or(0),
            })
        })();
        match parsed {
            Some(f) => facts.sessions.push(f),
            None => unreadable += 1,
        }
    }
    (facts, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, day: &str, link: Option<Option<&str>>) -> FactRow {
        FactRow {
            ward_code: "12345".into(),
            visit_id: id.into(),
            status: "active".into(),
            received_at: Some(format!("{day}T09:00:00+07:00")),
            received_on: Some(day.into()),
            people_count: Some(1),
            source: "desk".into(),
            reception: Some("regular".into()),
            linked: link.is_some(),
            earlier: link.flatten().map(str::to_string),
            ..FactRow::default()
        }
    }

    fn id(n: u8) -> String {
        format!("00000000-0000-7000-8000-0000000000{n:02}")
    }

    #[test]
    fn repeats_number_from_two_and_a_withheld_link_starts_a_matter_of_its_own() {
        let (a, b, c, d, e) = (id(1), id(2), id(3), id(4), id(5));
        let mut visits = vec![
            row(&a, "2026-01-05", None),
            row(&b, "2026-01-20", Some(Some(&a))),
            row(&c, "2026-02-03", Some(Some(&b))),
            // d repeats a protected visit: the district is not told which.
            row(&d, "2026-02-10", Some(None)),
            row(&e, "2026-02-11", Some(Some(&d))),
        ];
        visits[1].status = "cancelled".into();
        let (facts, unreadable) = ward_facts(&visits, &[]);
        assert_eq!(unreadable, 0);
        let of = |v: &String| facts.visits.iter().find(|f| f.id.to_string() == *v).expect("counted");
        assert!(facts.visits.iter().all(|f| f.id.to_string() != b), "a cancelled visit is not counted");
        assert_eq!((of(&a).matter_visit_no, of(&a).matter.to_string()), (1, a.clone()), "a first visit");
        assert_eq!(
            (of(&c).matter_visit_no, of(&c).matter.to_string()),
            (3, a.clone()),
            "c follows a through b, which keeps its place though cancelled, as at the desk"
        );
        assert_eq!(
            (of(&d).matter_visit_no, of(&d).matter.to_string()),
            (2, d.clone()),
            "a repeat of its own"
        );
        assert_eq!(
            (of(&e).matter_visit_no, of(&e).matter.to_string()),
            (3, d.clone()),
            "e shares d's matter"
        );
    }

    #[test]
    fn a_desk_visit_decided_at_reception_was_processed_the_day_it_was_received() {
        let mut visit = row(&id(1), "2026-01-05", None);
        visit.petition_kind = Some("complaint".into());
        visit.handling = Some("guide".into());
        visit.competent = Some(0);
        let mut mailed = row(&id(2), "2026-01-06", None);
        mailed.source = "post".into();
        mailed.petition_kind = Some("proposal".into());
        let (facts, _) = ward_facts(&[visit, mailed], &[]);
        assert_eq!(facts.visits.len(), 1, "a mailed petition is no visit");
        let days: Vec<_> = facts.petitions.iter().map(|p| p.processed_on.map(|d| d.to_string())).collect();
        assert_eq!(days, vec![Some("2026-01-05".into()), None], "the mailed one waits for its processing");
    }
}
