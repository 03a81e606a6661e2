//! The pool of reading connections beside the single writer.
//!
//! In WAL mode a read transaction sees the last commit and neither waits for the writer nor makes
//! it wait, so the dashboard, the feed and credential look-ups run here and never queue behind a
//! push. Connections are opened on demand up to the pool size and kept; each is `query_only`, so a
//! read path that tried to write would fail loudly instead of bypassing the writer's lock.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

pub(super) struct Readers {
    path: PathBuf,
    max: usize,
    state: Mutex<State>,
    returned: Condvar,
}

struct State {
    idle: Vec<Connection>,
    open: usize,
}

/// A reading connection on loan; it goes back to the pool when dropped.
pub(super) struct Reader<'a> {
    pool: &'a Readers,
    conn: Option<Connection>,
}

impl Readers {
    pub(super) fn new(path: &Path, max: u32) -> Readers {
        Readers {
            path: path.to_path_buf(),
            max: max.max(1) as usize,
            state: Mutex::new(State { idle: Vec::new(), open: 0 }),
            returned: Condvar::new(),
        }
    }

    pub(super) fn get(&self) -> Result<Reader<'_>> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(Reader { pool: self, conn: Some(conn) });
            }
            if state.open < self.max {
                state.open += 1;
                drop(state);
                return match self.open() {
                    Ok(conn) => Ok(Reader { pool: self, conn: Some(conn) }),
                    Err(e) => {
                        self.state.lock().unwrap_or_else(|p| p.into_inner()).open -= 1;
                        self.returned.notify_one();
                        Err(e)
                    }
                };
            }
            state = self.returned.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn open(&self) -> Result<Connection> {
        let conn = Connection::open(&self.path)
            .map_err(|e| Error::Internal(format!("cannot open a reader on {}: {e}", self.path.display())))?;
        super::configure(&conn)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }
}

impl Deref for Reader<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut state = self.pool.state.lock().unwrap_or_else(|p| p.into_inner());
            // A connection left inside a transaction (a panic mid-read) is not reused.
            if conn.is_autocommit() {
                state.idle.push(conn);
            } else {
                state.open -= 1;
            }
            drop(state);
            self.pool.returned.notify_one();
        }
    }
}
