//! The print workflow, module by module: jobs against a stand-in spooler (always run) and, when
//! `scripts/cups-test.sh` provides a cups-pdf queue, against a real CUPS queue; and who a slip may
//! name when the register seals a denouncer (named).

mod common;
mod cups;
mod documents;
mod issued;
mod jobs;
mod named;
