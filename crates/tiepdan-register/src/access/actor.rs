//! Who acts on the register (issue 12): every write, and every read that needs a permission, takes
//! one explicit [`Actor`]. The register checks the act against the domain's permission matrix
//! (`tiepdan_domain::acts`) and stamps the actor's officer on the journal event and on the access
//! audit itself, so neither shell can forget either, and nothing a write does depends on a hidden
//! "current officer".
//!
//! Two kinds of actor exist today:
//! - a signed-in officer's [`Session`], on a register with passwords: their roles as at sign-in;
//! - on a register without passwords, the officer the caller names, acting as the OS user who owns
//!   the file ([`Register::owner_acting`]). Such a register protects nothing from that user (anyone
//!   holding the file can change it with other tools), so the owner holds every permission but the
//!   sealed identities, which such a register does not have; the named officer is only stamped.
//!
//! The next actors have their place here and nowhere else: the online portal acting for a citizen
//! (it would stamp no officer and be permitted only to submit a petition) and another body acting
//! through an electronic transfer (permitted only to hand in a transferred petition and receive its
//! answer). Each is one more [`Who`] with its own answer in [`Actor::may`].

use crate::access::sessions::Session;
use crate::error::{RegisterError, Result};
use crate::store::columns::parse_roles;
use crate::Register;
use rusqlite::{Connection, OptionalExtension};
use tiepdan_domain::access::Permission;
use tiepdan_domain::acts::Act;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::OfficerId;

/// The officer `id` as the register holds them (retired ones too): what every actor is made of,
/// read here rather than in `ward` (which writes the rows) so that checking an actor needs nothing
/// above this concern.
pub(crate) fn load_officer(conn: &Connection, id: OfficerId) -> Result<Officer> {
    let mut stmt =
        conn.prepare_cached("SELECT full_name, position, active, roles FROM officers WHERE id = ?1")?;
    let row = stmt
        .query_row([id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get::<_, String>(3)?))
        })
        .optional()?
        .ok_or(RegisterError::NotFound { what: "officer", id: id.to_string() })?;
    let (full_name, position, active, roles) = row;
    Ok(Officer { id, full_name, position, active, roles: parse_roles(&roles)? })
}

/// The one who does what a register call does.
#[derive(Debug)]
pub struct Actor<'s> {
    who: Who<'s>,
    /// Whether papers this actor prints may name a sealed denouncer it is able to name (see
    /// [`Actor::masked`]).
    names: bool,
}

#[derive(Debug)]
enum Who<'s> {
    Officer(&'s Session),
    /// The OS user who owns a register without passwords, naming the officer at the desk.
    Owner(Officer),
}

impl<'s> Actor<'s> {
    /// A signed-in officer.
    pub fn signed_in(session: &'s Session) -> Actor<'s> {
        Actor { who: Who::Officer(session), names: true }
    }

    /// The same actor, printing every paper masked even where it could name a sealed denouncer:
    /// the `tiepdan` command names one only when `--reveal` asks for it.
    pub fn masked(self) -> Actor<'s> {
        Actor { names: false, ..self }
    }

    /// The session that may open sealed identities for a paper handed to the citizen: a signed-in
    /// officer's, unless [`Actor::masked`].
    pub fn naming_session(&self) -> Option<&'s Session> {
        self.session().filter(|_| self.names)
    }

    /// The officer stamped on what this actor writes.
    pub fn officer_id(&self) -> OfficerId {
        self.officer().id
    }

    pub fn officer(&self) -> &Officer {
        match &self.who {
            Who::Officer(session) => session.officer(),
            Who::Owner(officer) => officer,
        }
    }

    /// The session, when the actor is a signed-in officer.
    pub fn session(&self) -> Option<&'s Session> {
        match self.who {
            Who::Officer(session) => Some(session),
            Who::Owner(_) => None,
        }
    }

    /// Whether this actor may do `act` (the permission matrix; see the module doc for the owner).
    pub fn may(&self, act: Act) -> bool {
        match &self.who {
            Who::Officer(session) => session.permits(act.permission()),
            Who::Owner(_) => act.permission() != Permission::SeeDenouncerIdentity,
        }
    }

    /// `NotPermitted` (the same error, and so the same code, in both shells) unless [`Actor::may`].
    pub fn require(&self, act: Act) -> Result<()> {
        if self.may(act) {
            Ok(())
        } else {
            Err(RegisterError::NotPermitted { permission: act.permission() })
        }
    }
}

impl Register {
    /// Refuses `act` unless `actor` may do it here: by the permission matrix, and for the owner only
    /// on a register without passwords (an owner made before the first password was set acts no
    /// more once there is one). Every call that needs a permission starts with this.
    pub fn permit(&self, actor: &Actor<'_>, act: Act) -> Result<()> {
        if matches!(actor.who, Who::Owner(_)) && self.has_keys() {
            return Err(RegisterError::SignInRequired);
        }
        actor.require(act)
    }

    /// The actor on a register without passwords: the OS user who owns it, naming `officer` as the
    /// one at the desk. A register with passwords refuses (`SignInRequired`): there only a signed-in
    /// officer acts. A retired officer does not act.
    pub fn owner_acting(&self, officer: OfficerId) -> Result<Actor<'static>> {
        if self.has_keys() {
            return Err(RegisterError::SignInRequired);
        }
        let officer = load_officer(&self.conn, officer)?;
        if !officer.active {
            return Err(RegisterError::OfficerRetired { name: officer.full_name });
        }
        Ok(Actor { who: Who::Owner(officer), names: false })
    }

    /// [`Register::owner_acting`] for the desk's default officer ([`Register::desk_officer`]): what
    /// the `tiepdan` command does on a register without passwords when no officer is named.
    pub fn desk_owner(&self) -> Result<Actor<'static>> {
        let officer = self
            .desk_officer()?
            .ok_or(RegisterError::NotFound { what: "desk officer", id: "(none set)".into() })?;
        self.owner_acting(officer.id)
    }
}
