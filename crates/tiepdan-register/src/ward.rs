//! The ward profile and its reception officers.
//!
//! The profile and officers are facts of the register: every change is journaled, naming the actor
//! who made it. The desk's default officer ([`Register::desk_officer`]) is only a preference of the
//! `tiepdan` command on a register without passwords, used to name its actor when `--officer` is not
//! given: no write reads it (issue 12), every write names its actor explicitly.

use crate::access::access_log::AccessRecord;
use crate::access::actor::{load_officer, Actor};
use crate::error::{RegisterError, Result};
use crate::store::columns::{parse_roles, roles_column};
use crate::{journal, Register};
use rusqlite::{params, Connection, OptionalExtension};
use tiepdan_domain::access::{normalise_roles, AccessAction, Role};
use tiepdan_domain::acts::Act;
use tiepdan_domain::event::EventBody;
use tiepdan_domain::officer::{Officer, WardProfile};
use tiepdan_domain::OfficerId;

/// The `desk_settings` key of the CLI's default officer (named so since before issue 12).
const DESK_OFFICER: &str = "current_officer";

pub(crate) fn load_ward(conn: &Connection) -> Result<Option<WardProfile>> {
    let mut stmt =
        conn.prepare_cached("SELECT ward_code, ward_name, place, upstream, desk FROM ward WHERE id = 1")?;
    stmt.query_row([], |r| {
        let desk: String = r.get(4)?;
        Ok(WardProfile {
            ward_code: r.get(0)?,
            ward_name: r.get(1)?,
            place: r.get(2)?,
            upstream: r.get(3)?,
            desk: desk.chars().next().unwrap_or('?'),
        })
    })
    .optional()
    .map_err(Into::into)
}

/// Applies a `ward_configured` event (also what `init_ward` and `update_ward` write).
pub(crate) fn save_ward(conn: &Connection, w: &WardProfile) -> Result<()> {
    conn.execute(
        "INSERT INTO ward (id, ward_code, ward_name, place, upstream, desk) VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET ward_code = ?1, ward_name = ?2, place = ?3, upstream = ?4, desk = ?5",
        params![w.ward_code, w.ward_name, w.place, w.upstream, w.desk.to_string()],
    )?;
    Ok(())
}

/// Active officers holding the administrator role. Counted before and after a change inside its
/// transaction, so a change that would leave none where there was one is refused (rolled back).
fn active_administrators(conn: &Connection) -> Result<u32> {
    conn.query_row(
        "SELECT COUNT(*) FROM officers WHERE active = 1 AND (',' || roles || ',') LIKE '%,administrator,%'",
        [],
        |r| r.get(0),
    )
    .map_err(Into::into)
}

/// Applies an `officer_added` event: an active officer, after those added before. An event from
/// before roles existed carries none: that officer is a clerk, as the 0005 migration made them.
pub(crate) fn apply_officer_added(conn: &Connection, officer: &Officer) -> Result<()> {
    let roles =
        if officer.roles.is_empty() { Role::Clerk.word().to_string() } else { roles_column(&officer.roles) };
    conn.execute(
        "INSERT INTO officers (id, full_name, position, active, added_no, roles)
         VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(added_no), 0) + 1 FROM officers), ?5)",
        params![officer.id.to_string(), officer.full_name, officer.position, officer.active, roles],
    )?;
    Ok(())
}

/// Applies an `officer_updated` event. One from before roles existed (none in it) keeps the roles.
pub(crate) fn apply_officer_updated(conn: &Connection, officer: &Officer) -> Result<()> {
    conn.execute(
        "UPDATE officers SET full_name = ?2, position = ?3, active = ?4,
                roles = COALESCE(NULLIF(?5, ''), roles)
          WHERE id = ?1",
        params![
            officer.id.to_string(),
            officer.full_name,
            officer.position,
            officer.active,
            roles_column(&officer.roles)
        ],
    )?;
    Ok(())
}

/// Applies an `officer_retired` event.
pub(crate) fn apply_officer_retired(conn: &Connection, id: OfficerId) -> Result<()> {
    conn.execute("UPDATE officers SET active = 0 WHERE id = ?1", [id.to_string()])?;
    Ok(())
}

fn desk_officer_id(conn: &Connection) -> Result<Option<OfficerId>> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM desk_settings WHERE key = ?1")?
        .query_row([DESK_OFFICER], |r| r.get(0))
        .optional()?;
    value.map(|v| crate::store::columns::parse_id("desk_settings.current_officer", &v)).transpose()
}

fn set_desk_officer(conn: &Connection, id: Option<OfficerId>) -> Result<()> {
    match id {
        Some(id) => conn.execute(
            "INSERT INTO desk_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![DESK_OFFICER, id.to_string()],
        )?,
        None => conn.execute("DELETE FROM desk_settings WHERE key = ?1", [DESK_OFFICER])?,
    };
    Ok(())
}

impl Register {
    /// Today at the ward (UTC+7), by the register's clock: the date written on what it issues.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// The ward profile, or `None` before the first-time setup.
    pub fn ward(&self) -> Result<Option<WardProfile>> {
        load_ward(&self.conn)
    }

    pub(crate) fn require_ward(&self) -> Result<WardProfile> {
        self.ward()?.ok_or(RegisterError::NotInitialised)
    }

    /// First-time setup: stores the profile and starts stream epoch 1.
    pub fn init_ward(&mut self, profile: WardProfile) -> Result<WardProfile> {
        let profile = profile.checked()?;
        let (tx, clock) = self.write()?;
        if load_ward(&tx)?.is_some() {
            return Err(RegisterError::AlreadyInitialised);
        }
        save_ward(&tx, &profile)?;
        match journal::open_head(&tx) {
            Err(RegisterError::NoOpenStream) => {
                journal::start_stream(&tx, clock, &profile, None, None)?;
            }
            Err(other) => return Err(other),
            Ok(_) => {}
        }
        journal::append(&tx, clock, &EventBody::WardConfigured(profile.clone()), None)?;
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(profile)
    }

    /// Changes the profile. The desk letter is part of every receipt number, so it is fixed once
    /// visits exist.
    pub fn update_ward(&mut self, actor: &Actor<'_>, profile: WardProfile) -> Result<WardProfile> {
        self.permit(actor, Act::UpdateWard)?;
        let profile = profile.checked()?;
        let (tx, clock) = self.write()?;
        let old = load_ward(&tx)?.ok_or(RegisterError::NotInitialised)?;
        let has_visits: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM visits)", [], |r| r.get(0))?;
        if old.desk != profile.desk && has_visits {
            return Err(RegisterError::DeskLetterFixed);
        }
        save_ward(&tx, &profile)?;
        journal::append(&tx, clock, &EventBody::WardConfigured(profile.clone()), Some(actor.officer_id()))?;
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(profile)
    }

    /// Adds an active officer with the given roles, for `actor`.
    pub fn add_officer(
        &mut self,
        actor: &Actor<'_>,
        full_name: &str,
        position: &str,
        roles: &[Role],
    ) -> Result<Officer> {
        self.permit(actor, Act::AddOfficer)?;
        self.insert_officer(Some(actor.officer_id()), full_name, position, roles)
    }

    /// The first officer of a register that has none (the set-up, `setup`): nobody acts before them.
    /// They become the CLI's default officer. Refused once any officer exists.
    pub fn add_first_officer(&mut self, full_name: &str, position: &str, roles: &[Role]) -> Result<Officer> {
        if !self.officers()?.is_empty() {
            return Err(RegisterError::AlreadyInitialised);
        }
        let officer = self.insert_officer(None, full_name, position, roles)?;
        set_desk_officer(&self.conn, Some(officer.id))?;
        Ok(officer)
    }

    fn insert_officer(
        &mut self,
        by: Option<OfficerId>,
        full_name: &str,
        position: &str,
        roles: &[Role],
    ) -> Result<Officer> {
        self.require_ward()?;
        let officer = Officer::new(full_name, position, roles)?;
        let (tx, clock) = self.write()?;
        journal::append(&tx, clock, &EventBody::OfficerAdded(officer.clone()), by)?;
        apply_officer_added(&tx, &officer)?;
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(officer)
    }

    /// Corrects an officer's name, position or roles (or reactivates a retired one), for `actor`.
    /// Refuses to take the administrator role from the last active administrator: nobody could hand
    /// it back.
    pub fn update_officer(&mut self, actor: &Actor<'_>, officer: Officer) -> Result<Officer> {
        self.permit(actor, Act::ChangeOfficer)?;
        let officer = Officer {
            full_name: tiepdan_domain::text::one_line(&officer.full_name),
            position: tiepdan_domain::text::one_line(&officer.position),
            roles: normalise_roles(&officer.roles),
            ..officer
        };
        officer.check()?;
        let (tx, clock) = self.write()?;
        load_officer(&tx, officer.id)?;
        let administrators = active_administrators(&tx)?;
        journal::append(&tx, clock, &EventBody::OfficerUpdated(officer.clone()), Some(actor.officer_id()))?;
        apply_officer_updated(&tx, &officer)?;
        if administrators > 0 && active_administrators(&tx)? == 0 {
            return Err(RegisterError::LastAdministrator);
        }
        if !officer.active && desk_officer_id(&tx)? == Some(officer.id) {
            set_desk_officer(&tx, None)?;
        }
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(officer)
    }

    /// Journals an officer's retirement. Old visits keep naming them; they can no longer act.
    pub(crate) fn journal_retirement(&mut self, by: OfficerId, id: OfficerId) -> Result<Officer> {
        let (tx, clock) = self.write()?;
        let mut officer = load_officer(&tx, id)?;
        officer.active = false;
        let administrators = active_administrators(&tx)?;
        journal::append(&tx, clock, &EventBody::OfficerRetired { officer_id: id }, Some(by))?;
        apply_officer_retired(&tx, id)?;
        if administrators > 0 && active_administrators(&tx)? == 0 {
            return Err(RegisterError::LastAdministrator);
        }
        if desk_officer_id(&tx)? == Some(id) {
            set_desk_officer(&tx, None)?;
        }
        tx.commit()?;
        self.refresh_desk_card_after_change();
        Ok(officer)
    }

    /// Replaces an officer's roles (journaled as `officer_updated`) and puts the change in the access
    /// audit, naming the actor.
    pub fn set_officer_roles(
        &mut self,
        actor: &Actor<'_>,
        id: OfficerId,
        roles: Vec<Role>,
    ) -> Result<Officer> {
        self.permit(actor, Act::ChangeOfficer)?;
        let officer = load_officer(&self.conn, id)?;
        let updated = self.update_officer(actor, Officer { roles, ..officer })?;
        let labels: Vec<_> = updated.roles.iter().map(|role| role.label_vi()).collect();
        let detail = format!("{} ({}): {}", updated.full_name, updated.id, labels.join(", "));
        let record = AccessRecord::new(Some(actor.officer_id()), AccessAction::RolesChanged);
        self.record_access(record.detail(detail))?;
        Ok(updated)
    }

    /// Every officer, active and retired, in the order they were added.
    pub fn officers(&self) -> Result<Vec<Officer>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, full_name, position, active, roles FROM officers ORDER BY added_no")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, full_name, position, active, roles)| {
                Ok(Officer {
                    id: crate::store::columns::parse_id("officers.id", &id)?,
                    full_name,
                    position,
                    active,
                    roles: parse_roles(&roles)?,
                })
            })
            .collect()
    }

    /// Makes an active officer the desk's default officer: the one the `tiepdan` command names as
    /// its actor on a register without passwords when `--officer` is not given (module doc).
    pub fn set_desk_officer(&mut self, id: OfficerId) -> Result<()> {
        let officer = load_officer(&self.conn, id)?;
        if !officer.active {
            return Err(RegisterError::OfficerRetired { name: officer.full_name });
        }
        set_desk_officer(&self.conn, Some(id))
    }

    /// The desk's default officer, if one is set and still active.
    pub fn desk_officer(&self) -> Result<Option<Officer>> {
        desk_officer_id(&self.conn)?.map(|id| load_officer(&self.conn, id)).transpose()
    }
}
