//! Background sync driven by a timer (I8): a round at start, then every `interval` after a success,
//! or after an exponential backoff with full jitter after a transient failure (I9). New writes and
//! "Gửi ngay" only bring the next round forward; they are never the only trigger, so a failed push
//! followed by silence still drains. Stops that need a person (fork, revoked, outdated) are retried
//! at the slow pace of `backoff_max` so that, once fixed, sync resumes by itself.

use crate::backoff::Backoff;
use crate::engine::{round, RoundReport};
use crate::error::{Result, SyncError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tiepdan_domain::clock::Clock;
use tiepdan_domain::ids::StreamId;
use tiepdan_register::Register;

/// Called after every round with its outcome (the desk app refreshes its status light from it).
pub type RoundObserver = Box<dyn Fn(&Result<RoundReport>) + Send>;

pub struct RunnerOptions {
    pub interval: Duration,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    pub observer: Option<RoundObserver>,
}

impl Default for RunnerOptions {
    fn default() -> Self {
        RunnerOptions {
            interval: Duration::from_secs(60),
            backoff_base: Duration::from_secs(2),
            backoff_max: Duration::from_secs(300),
            observer: None,
        }
    }
}

enum Command {
    SendNow(Sender<Result<RoundReport>>),
    /// Lift a stream's stop, then a round: between rounds, so no round saves the stop back.
    Resume(StreamId, Sender<Result<Resumed>>),
    Wake,
    Stop,
}

pub struct Runner {
    commands: Sender<Command>,
    sending: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Runner {
    /// Starts the background thread; the first round runs at once.
    pub fn start(
        register: Arc<Mutex<Register>>,
        state_path: PathBuf,
        clock: Arc<dyn Clock>,
        options: RunnerOptions,
    ) -> Runner {
        let (commands, inbox) = channel();
        let sending = Arc::new(AtomicBool::new(false));
        let flag = sending.clone();
        let thread = std::thread::spawn(move || {
            let mut backoff = Backoff::new(options.backoff_base, options.backoff_max);
            let mut delay = Duration::ZERO;
            loop {
                let mut resumed = None;
                let reply = match inbox.recv_timeout(delay) {
                    Ok(Command::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Ok(Command::SendNow(reply)) => Some(reply),
                    Ok(Command::Resume(stream, reply)) => match crate::stops::lift(&state_path, stream) {
                        Ok(lifted) => {
                            resumed = Some((lifted, reply));
                            None
                        }
                        Err(e) => {
                            let _ = reply.send(Err(e));
                            continue;
                        }
                    },
                    Ok(Command::Wake) | Err(RecvTimeoutError::Timeout) => None,
                };
                flag.store(true, Ordering::SeqCst);
                let result = round(&*register, &state_path, &*clock);
                flag.store(false, Ordering::SeqCst);
                delay = match &result {
                    Ok(_) => {
                        backoff.reset();
                        options.interval
                    }
                    Err(e) if e.is_transient() => backoff.next_delay(),
                    Err(_) => options.backoff_max,
                };
                if let Some(observe) = &options.observer {
                    observe(&result);
                }
                if let Some((lifted, reply)) = resumed {
                    let _ = reply.send(Ok(Resumed { lifted, round: result }));
                } else if let Some(reply) = reply {
                    let _ = reply.send(result);
                }
            }
        });
        Runner { commands, sending, thread: Some(thread) }
    }

    /// Runs a round now and returns its true outcome ("Gửi ngay").
    pub fn send_now(&self) -> Result<RoundReport> {
        let (reply, answer) = channel();
        self.commands.send(Command::SendNow(reply)).map_err(|_| SyncError::State("sync stopped".into()))?;
        answer.recv().map_err(|_| SyncError::State("sync stopped".into()))?
    }

    /// Lifts the stop of `stream` (a person dealt with its cause) and runs a round at once: what was
    /// lifted and how the round went, which may stop the stream again.
    pub fn resume(&self, stream: StreamId) -> Result<Resumed> {
        let (reply, answer) = channel();
        let stopped = || SyncError::State("sync stopped".into());
        self.commands.send(Command::Resume(stream, reply)).map_err(|_| stopped())?;
        answer.recv().map_err(|_| stopped())?
    }

    /// Something new was written: sync soon (without waiting for the answer).
    pub fn wake(&self) {
        let _ = self.commands.send(Command::Wake);
    }

    pub fn is_sending(&self) -> bool {
        self.sending.load(Ordering::SeqCst)
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What [`Runner::resume`] did.
pub struct Resumed {
    /// The stop that was lifted; `None` when the stream was not stopped.
    pub lifted: Option<crate::stops::StoppedStream>,
    /// The round that followed.
    pub round: Result<RoundReport>,
}
