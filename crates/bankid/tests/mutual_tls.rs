//! Mutual TLS: the client presents the certificate from its PKCS#12 file and trusts only the
//! pinned root. Against a small rustls server that requires a client certificate.
#![cfg(test)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use bankid::client::{BankIdClient, BankIdError, ClientConfig, TlsConfig};
use bankid::wire::{CollectStatus, HintCode};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

const CA: &[u8] = include_bytes!("fixtures/tls/ca.pem");
const SERVER_CERT: &[u8] = include_bytes!("fixtures/tls/server.pem");
const SERVER_KEY: &[u8] = include_bytes!("fixtures/tls/server.key");
const CLIENT_P12: &[u8] = include_bytes!("fixtures/tls/client.p12");

/// What the server saw of one request.
struct Seen {
    client_certificates: usize,
    head: String,
}

/// A one-thread HTTPS server that requires a client certificate from the fixture CA and answers
/// every request with a pending collect.
fn server() -> (SocketAddr, Receiver<Seen>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(CA) {
        roots.add(cert.unwrap()).unwrap();
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .unwrap();
    let certs: Vec<_> = CertificateDer::pem_slice_iter(SERVER_CERT)
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_client_cert_verifier(verifier)
            .with_single_cert(certs, key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let connection = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(connection, stream);
            let mut request = Vec::new();
            let mut buffer = [0_u8; 4096];
            let head_end = loop {
                match tls.read(&mut buffer) {
                    Ok(0) | Err(_) => break None,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
                if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(end);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&request[..head_end]).into_owned();
            let client_certificates = tls.conn.peer_certificates().map_or(0, <[_]>::len);
            let body =
                r#"{"orderRef":"tls-ok","status":"pending","hintCode":"outstandingTransaction"}"#;
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.write_all(response.as_bytes());
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
            let _ = sender.send(Seen {
                client_certificates,
                head,
            });
        }
    });
    (address, receiver)
}

fn client(address: SocketAddr, root_ca_pem: &[u8]) -> BankIdClient {
    let tls = TlsConfig::new(CLIENT_P12, "test-password", root_ca_pem);
    BankIdClient::new(ClientConfig::new(format!("https://{address}/rp/v6.0/")).with_tls(tls))
        .unwrap()
}

#[tokio::test]
async fn the_client_presents_its_pkcs12_certificate_to_a_server_under_the_pinned_root() {
    let (address, seen) = server();
    let response = client(address, CA).collect("tls-ok").await.unwrap();
    assert_eq!(response.status, CollectStatus::Pending);
    assert_eq!(response.hint_code, Some(HintCode::OutstandingTransaction));

    let seen = seen.recv().unwrap();
    assert!(seen.client_certificates >= 1);
    assert!(
        seen.head.starts_with("POST /rp/v6.0/collect HTTP/1.1\r\n"),
        "{}",
        seen.head
    );
    let content_types: Vec<&str> = seen
        .head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.trim())
        .collect();
    assert_eq!(content_types, ["application/json"]);
}

#[tokio::test]
async fn a_server_that_does_not_chain_to_the_pinned_root_is_refused() {
    let (address, _seen) = server();
    // Pin BankID's test root: the fixture server's certificate does not chain to it.
    let error = client(address, bankid::certs::TEST_ROOT_CA_PEM.as_bytes())
        .collect("tls-ok")
        .await
        .unwrap_err();
    assert!(matches!(error, BankIdError::Transport(_)), "{error}");
}
