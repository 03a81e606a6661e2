//! Who is asking, for login throttling: the connection's address, or the address a trusted proxy
//! wrote in the header named by `--client-ip-header`.
//!
//! Invariant: the header is read only when the operator named it, and only its last entry, the one
//! the proxy appended; whatever a client wrote before it is ignored. Without a known address (a
//! server run in-process without connection info) every client counts as one.

use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let connected = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded = state.client_ip_header.as_ref().and_then(|name| forwarded(&parts.headers, name));
        Ok(ClientAddress(forwarded.or(connected).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}

/// The last address in the last `name` header (`X-Forwarded-For: client, proxy1` → `proxy1`
/// is what our proxy saw), with or without a port.
fn forwarded(headers: &HeaderMap, name: &HeaderName) -> Option<IpAddr> {
    let last = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    let entry = last.rsplit(',').next()?.trim();
    entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_entry_the_proxy_appended_is_believed() {
        let name = HeaderName::from_static("x-forwarded-for");
        let mut headers = HeaderMap::new();
        headers.append(&name, "6.6.6.6, 10.1.2.3".parse().expect("header"));
        assert_eq!(forwarded(&headers, &name), Some("10.1.2.3".parse().expect("ip")));
        headers.append(&name, "[2001:db8::1]:443".parse().expect("header"));
        assert_eq!(forwarded(&headers, &name), Some("2001:db8::1".parse().expect("ip")));
        headers.append(&name, "not an address".parse().expect("header"));
        assert_eq!(forwarded(&headers, &name), None);
    }
}
