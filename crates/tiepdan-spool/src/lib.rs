//! The OS print spooler.
