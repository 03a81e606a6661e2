//! The denouncer named on the papers handed to them (issue 7 §2): the acknowledgement slip a clerk
//! prints right after registering a denunciation may name the person standing at the desk, though
//! the register keeps that name sealed and a clerk's session cannot open it.
//!
//! So the session that registered (or amended) a protected visit keeps the identities it typed, in
//! memory only, until the screen locks or the officer signs out ([`Session::forget_typed_identities`];
//! dropping the session forgets them too), and for at most [`TYPED_IDENTITY_KEPT`] after typing
//! (by the register's clock: the window's idle lock may be off or late, this limit is not). A leader's session
//! opens the sealed identities instead ([`Register::reveal_visit`], audited). Every other session
//! gets the visit as stored: masked.
//!
//! Invariants: only identities this session itself sealed are remembered, each with the sealed value
//! it became, and one names a visitor only while that visitor holds that very value (an amendment
//! that keeps it unchanged keeps it; one that retypes it, here or elsewhere, replaces it). Nothing
//! here is written to disk.

use crate::access::actor::Actor;
use crate::access::sealing::SealedNow;
use crate::access::sessions::Session;
use crate::error::Result;
use crate::Register;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;
use tiepdan_domain::access::Permission;
use tiepdan_domain::visit::{SealedIdentity, Visit, VisitorIdentity};
use tiepdan_domain::VisitId;

/// How long after typing a denouncer's identity the session may still name them on a paper: the
/// time the citizen is at the desk, with room for an appointment slip after the receipt.
pub const TYPED_IDENTITY_KEPT: Duration = Duration::minutes(60);

/// One typed identity: the sealed value it became (so it names only the visitor that still holds
/// that very value) and when it was typed — by the register's clock, and by the machine's monotonic
/// clock too, so setting the system time back does not stretch the hour.
struct Typed {
    sealed: SealedIdentity,
    identity: VisitorIdentity,
    at: DateTime<Utc>,
    since: Instant,
}

impl Typed {
    fn kept_at(&self, now: DateTime<Utc>) -> bool {
        let kept = TYPED_IDENTITY_KEPT.to_std().unwrap_or_default();
        now - self.at < TYPED_IDENTITY_KEPT && self.since.elapsed() < kept
    }
}

/// Identities typed in one session, by visit.
#[derive(Default)]
pub(crate) struct TypedIdentities(Mutex<Held>);

type Held = HashMap<VisitId, Vec<Typed>>;

fn forget_expired(held: &mut Held, now: DateTime<Utc>) {
    held.retain(|_, typed| {
        typed.retain(|t| t.kept_at(now));
        !typed.is_empty()
    });
}

impl TypedIdentities {
    fn held(&self) -> MutexGuard<'_, Held> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Remembers what was just sealed for `visit` as stored now (typed `at`), keeping what was
    /// remembered for the visitors still sealed as before.
    fn remember(&self, visit: &Visit, sealed_now: SealedNow, at: DateTime<Utc>) {
        let stored: Vec<&SealedIdentity> =
            visit.details.visitors.iter().filter_map(|v| v.sealed.as_ref()).collect();
        let mut held = self.held();
        forget_expired(&mut held, at);
        let mut typed: Vec<Typed> = held
            .remove(&visit.id)
            .unwrap_or_default()
            .into_iter()
            .filter(|t| stored.contains(&&t.sealed))
            .collect();
        for (position, identity) in sealed_now {
            if let Some(sealed) = visit.details.visitors.get(position).and_then(|v| v.sealed.clone()) {
                typed.push(Typed { sealed, identity, at, since: Instant::now() });
            }
        }
        if !typed.is_empty() {
            held.insert(visit.id, typed);
        }
    }

    /// Opens, in `visit`, each sealed visitor whose identity this session typed less than
    /// [`TYPED_IDENTITY_KEPT`] before `now`; whether any. Older ones are forgotten.
    fn open(&self, visit: &mut Visit, now: DateTime<Utc>) -> bool {
        let mut held = self.held();
        forget_expired(&mut held, now);
        let Some(typed) = held.get(&visit.id) else { return false };
        let mut any = false;
        for visitor in &mut visit.details.visitors {
            let found = visitor.sealed.as_ref().and_then(|s| typed.iter().find(|t| t.sealed == *s));
            if let Some(t) = found {
                visitor.put_identity(t.identity.clone());
                any = true;
            }
        }
        any
    }
}

impl Session {
    /// Forgets the identities this session typed (the screen locked): from now on its slips show
    /// denouncers masked, as every other paper does.
    pub fn forget_typed_identities(&self) {
        self.typed.held().clear();
    }
}

impl Register {
    /// After a registration or an amendment: a signed-in session remembers the identities it sealed
    /// (module doc); an owner acting on a register without passwords seals nothing.
    pub(crate) fn remember_typed(&self, actor: &Actor<'_>, visit: &Visit, sealed_now: SealedNow) {
        if let Some(session) = actor.session() {
            session.typed.remember(visit, sealed_now, self.clock.now());
        }
    }

    /// The visit as a paper handed to its citizen may show it to this session: `Some` with the
    /// sealed identities opened, for a leader (audited as a viewing) or for the session that typed
    /// them (within [`TYPED_IDENTITY_KEPT`]); `None` when nothing of it is sealed or the session may
    /// not name the denouncer (the paper then shows the visit as stored, masked).
    pub fn visit_for_citizen(&mut self, session: &Session, id: VisitId) -> Result<Option<Visit>> {
        let mut visit = self.visit(id)?;
        if !visit.details.visitors.iter().any(|v| v.is_sealed()) {
            return Ok(None);
        }
        if session.permits(Permission::SeeDenouncerIdentity) {
            return self.reveal_visit(&Actor::signed_in(session), visit).map(Some);
        }
        Ok(session.typed.open(&mut visit, self.clock.now()).then_some(visit))
    }
}
