//! The client's real IP: the peer address, or, when the peer is a trusted proxy, the rightmost
//! `X-Forwarded-For` entry that is not itself a trusted proxy. A client cannot choose its IP by
//! sending the header itself (that would reset rate limits and lie to BankID's `endUserIp`).

use std::net::IpAddr;

use actix_web::HttpRequest;

/// The IP BankID and the rate limiter see.
pub fn client_ip(request: &HttpRequest, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let peer = request.peer_addr()?.ip();
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = request
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !trusted_proxies.contains(ip))
            .unwrap_or(peer),
    )
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut request = TestRequest::default().peer_addr(format!("{peer}:1234").parse().unwrap());
        if let Some(forwarded) = forwarded {
            request = request.insert_header(("x-forwarded-for", forwarded));
        }
        request.to_http_request()
    }

    #[test]
    fn a_forwarded_header_from_an_untrusted_peer_is_ignored() {
        let ip = client_ip(&request("203.0.113.9", Some("198.51.100.1")), &[]);
        assert_eq!(ip, Some("203.0.113.9".parse().unwrap()));
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_address_counts() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let ip = client_ip(
            &request("10.0.0.2", Some("1.2.3.4, 198.51.100.7")),
            &[proxy],
        );
        // 1.2.3.4 was written by the client itself; the proxy appended the real peer.
        assert_eq!(ip, Some("198.51.100.7".parse().unwrap()));
    }
}
