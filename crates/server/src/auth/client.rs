//! Who is asking, as far as per-client limits go: an address, not a person.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::state::AppState;

/// The client's address: the peer's, or behind a reverse proxy the one it reports in the
/// header named by `GUICHET_CLIENT_IP_HEADER` (its last value: the one the proxy wrote).
/// An IPv6 client counts by its /64, which one subscriber usually holds whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let reported = state.settings.client_ip_header.as_ref().and_then(|name| {
            let value = parts.headers.get_all(name).iter().next_back()?;
            value.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
        });
        let peer = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip())
        };
        Ok(Self(reported.or_else(peer).map_or_else(
            // Served without connection details (tests through `oneshot`): one shared client.
            || "unknown".to_owned(),
            key,
        )))
    }
}

fn key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_its_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(key(a), key(b));
        assert_eq!(key(a), "2001:db8:1:2::/64");
        assert_eq!(key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_eq!(key("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
