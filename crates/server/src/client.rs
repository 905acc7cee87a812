//! Who the client is: its IP (believing `X-Forwarded-For` only from trusted proxies) and the
//! request's origin.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client's IP: the peer, or, when the peer is a trusted proxy, the right-most
/// `X-Forwarded-For` entry that is not itself a trusted proxy.
pub fn client_ip(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: &[IpNet],
) -> Option<IpAddr> {
    let peer = peer?.ip();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let mut chain: Vec<IpAddr> = Vec::new();
    for v in headers.get_all("x-forwarded-for") {
        let Ok(s) = v.to_str() else { continue };
        for part in s.split(',') {
            if let Ok(ip) = part.trim().parse::<IpAddr>() {
                chain.push(ip);
            }
        }
    }
    Some(
        chain
            .into_iter()
            .rev()
            .find(|ip| !is_trusted(ip))
            .unwrap_or(peer),
    )
}

/// A header as text, if present and valid.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether the request's `Origin` is the server's own (same `Host`).
pub fn is_same_origin(headers: &HeaderMap, origin: &str) -> bool {
    let Some(host) = header(headers, "host") else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|h| h.eq_ignore_ascii_case(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().expect("header"));
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("net")];
        let proxy: SocketAddr = "10.1.2.3:5000".parse().expect("addr");
        let stranger: SocketAddr = "198.51.100.7:5000".parse().expect("addr");
        assert_eq!(
            client_ip(Some(proxy), &xff("203.0.113.9, 10.0.0.2"), &trusted),
            "203.0.113.9".parse().ok()
        );
        assert_eq!(
            client_ip(Some(stranger), &xff("203.0.113.9"), &trusted),
            "198.51.100.7".parse().ok()
        );
        assert_eq!(
            client_ip(Some(proxy), &HeaderMap::new(), &trusted),
            "10.1.2.3".parse().ok()
        );
    }
}
