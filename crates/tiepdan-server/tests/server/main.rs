//! Integration tests of `tiepdan-server`: the real binary on 127.0.0.1:0, driven over HTTP.

mod api_enroll;
mod api_feed;
mod api_push;
mod copy;
mod crash;
mod dashboard;
mod dashboard_security;
mod kept_reports;
mod limits;
mod login;
mod postgres;
mod projection;
mod redaction;
mod report_download;
mod reports;
mod support;
mod tls;
mod transport;
