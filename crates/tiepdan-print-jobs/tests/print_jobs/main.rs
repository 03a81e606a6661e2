//! The print workflow, module by module: jobs against a stand-in spooler (always run) and, when
//! `scripts/cups-test.sh` provides a cups-pdf queue, against a real CUPS queue.

mod common;
mod cups;
mod jobs;
