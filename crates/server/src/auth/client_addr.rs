//! The client address of a request, for the login limiter: the TCP peer, or — when the peer is
//! one of the configured trusted proxies (`serve --trusted-proxy CIDR`) — the right-most
//! address of `X-Forwarded-For` that is not itself a trusted proxy.
//!
//! Only the limiter's keys use it: a header is easy to forge, so it is believed only when it
//! comes from a proxy the operator named.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// An IP network such as `10.0.0.0/8` or `fd00::/8`; a bare address is a network of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    /// The network address (host bits cleared).
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                mask32(u32::from(ip), self.prefix) == u32::from(net)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                mask128(u128::from(ip), self.prefix) == u128::from(net)
            }
            _ => false,
        }
    }
}

fn mask32(bits: u32, prefix: u8) -> u32 {
    bits.checked_shr(32 - u32::from(prefix))
        .map_or(0, |kept| kept << (32 - u32::from(prefix)))
}

fn mask128(bits: u128, prefix: u8) -> u128 {
    bits.checked_shr(128 - u32::from(prefix))
        .map_or(0, |kept| kept << (128 - u32::from(prefix)))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected an IP address or a network such as 10.0.0.0/8 or fd00::/8")]
pub struct IpNetError;

impl FromStr for IpNet {
    type Err = IpNetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| IpNetError)?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            // Digits only: `u8::from_str` would also take a leading '+'.
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().map_err(|_| IpNetError)?
            }
            Some(_) => return Err(IpNetError),
        };
        if prefix > max {
            return Err(IpNetError);
        }
        let addr = match addr {
            IpAddr::V4(a) => IpAddr::V4(mask32(u32::from(a), prefix).into()),
            IpAddr::V6(a) => IpAddr::V6(mask128(u128::from(a), prefix).into()),
        };
        Ok(IpNet { addr, prefix })
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// The proxies whose `X-Forwarded-For` is believed. Empty: the TCP peer is the client.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(nets: Vec<IpNet>) -> Self {
        Self(nets)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client address of a request from `peer` with these `X-Forwarded-For` header
    /// values (in the order received). Entries are read from the right: each trusted proxy
    /// vouches for the address on its left; the first untrusted one is the client. An entry
    /// that is not an address ends the walk at the last address vouched for.
    pub fn client_ip<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl Iterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        let entries: Vec<&str> = forwarded_for.flat_map(|value| value.split(',')).collect();
        for entry in entries.iter().rev() {
            let Some(ip) = parse_forwarded_ip(entry) else {
                break;
            };
            client = ip;
            if !self.contains(ip) {
                break;
            }
        }
        client
    }
}

/// `203.0.113.7`, `2001:db8::1`, or the same with a port (`203.0.113.7:5000`, `[2001:db8::1]:5000`).
fn parse_forwarded_ip(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(nets: &[&str]) -> TrustedProxies {
        TrustedProxies::new(nets.iter().map(|n| n.parse().unwrap()).collect())
    }

    #[test]
    fn networks_parse_and_match_their_members_only() {
        let net: IpNet = "10.1.2.3/8".parse().unwrap();
        assert_eq!(net.to_string(), "10.0.0.0/8");
        assert!(net.contains(ip("10.255.0.1")));
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(net.contains(ip("::ffff:10.0.0.9")), "IPv4-mapped IPv6 peer");
        let one: IpNet = "127.0.0.1".parse().unwrap();
        assert_eq!(one.to_string(), "127.0.0.1/32");
        assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
        let v6: IpNet = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        let all: IpNet = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("203.0.113.9")));
        for bad in [
            "",
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "proxy",
            "10.0.0.0/8/8",
        ] {
            assert_eq!(bad.parse::<IpNet>(), Err(IpNetError), "{bad:?}");
        }
    }

    #[test]
    fn forwarded_for_is_ignored_from_an_untrusted_peer() {
        let trusted = proxies(&["10.0.0.0/8"]);
        let peer = ip("203.0.113.5");
        assert_eq!(trusted.client_ip(peer, ["198.51.100.1"].into_iter()), peer);
        // No proxies configured: nobody's header counts.
        assert_eq!(
            TrustedProxies::default().client_ip(ip("10.0.0.1"), ["198.51.100.1"].into_iter()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn forwarded_for_from_a_trusted_peer_gives_the_right_most_untrusted_address() {
        let trusted = proxies(&["10.0.0.0/8", "fd00::/8"]);
        let peer = ip("10.0.0.1");
        // The client forged the left entry; the proxy appended what it saw.
        let values = ["1.1.1.1, 198.51.100.7", "10.0.0.2"];
        assert_eq!(
            trusted.client_ip(peer, values.into_iter()),
            ip("198.51.100.7")
        );
        assert_eq!(
            trusted.client_ip(peer, [" 198.51.100.8:4711 , 10.9.9.9"].into_iter()),
            ip("198.51.100.8")
        );
        assert_eq!(
            trusted.client_ip(ip("fd00::1"), ["[2001:db8::5]:80"].into_iter()),
            ip("2001:db8::5")
        );
        // No header: the peer itself. Only proxies: the furthest one.
        assert_eq!(trusted.client_ip(peer, std::iter::empty()), peer);
        assert_eq!(
            trusted.client_ip(peer, ["10.0.0.3, 10.0.0.2"].into_iter()),
            ip("10.0.0.3")
        );
        // Garbage stops the walk at the last address a trusted proxy vouched for.
        assert_eq!(
            trusted.client_ip(peer, ["198.51.100.1, unknown, 10.0.0.4"].into_iter()),
            ip("10.0.0.4")
        );
    }
}
