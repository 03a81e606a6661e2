//! Sync engine tests: real registers, the real server (in-process, on 127.0.0.1:0), every scenario
//! ending with the server-side invariant checker and the desk's acknowledged marks (I6).

mod crash;
mod day;
mod faults;
mod proxy;
mod rounds;
mod support;
