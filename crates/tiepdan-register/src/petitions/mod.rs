//! Petitions after reception: the recorded results (acceptance, transfer and answer, extensions,
//! resolution; `results`), the carrying out of a complaint decision (`implementations`), their
//! deadlines and the "Việc cần làm" list computed on read (`follow_up`), and the working-day calendar and rule set those deadlines use
//! (`calendar_overrides`, with the days the upstream publishes: `upstream_calendar`). Petitions
//! received without a visit and their processing (`intake`) and duplicate proposals (`duplicates`).
//! The leader's reception sessions, where visits are received, are `visits::reception_calendar`.
//!
//! Invariants: a result is one transaction that checks the step against the petition's state and
//! appends its event, refused with a [`crate::FollowUpRefusal`] otherwise; due dates are never stored,
//! so a change of calendar or rules applies at once to every open petition.

pub(crate) mod calendar_overrides;
pub(crate) mod duplicates;
pub(crate) mod follow_up;
pub(crate) mod implementations;
pub(crate) mod intake;
pub(crate) mod results;
pub(crate) mod upstream_calendar;
