//! The relying-party client: `auth`, `sign`, `phone/auth`, `phone/sign`, `collect`, `cancel`.
//!
//! Every call is a `POST` with a JSON body and `Content-Type: application/json` exactly (no
//! charset parameter: BankID answers 415 to one). Against BankID the connection uses mutual TLS:
//! the relying party's PKCS#12 certificate is presented, and BankID's own root (given as PEM) is
//! the only trust anchor — the public web PKI is not trusted. Against the simulator the base URL
//! is plain `http://` and no TLS settings are given.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bankid::client::BankIdError> {
//! use bankid::client::{BankIdClient, ClientConfig, TlsConfig};
//! use bankid::wire::AuthRequest;
//!
//! // BankID's test service with the public test certificate:
//! let client = BankIdClient::new(ClientConfig::test_environment(TlsConfig::public_test()))?;
//! // or the simulator:
//! let client = BankIdClient::new(ClientConfig::new("http://127.0.0.1:8088/rp/v6.0/"))?;
//! let order = client.auth(&AuthRequest::new("192.0.2.1")).await?;
//! let result = client.collect(&order.order_ref).await?;
//! # let _ = result; Ok(()) }
//! ```

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::certs;
use crate::rfa::Rfa;
use crate::wire::{
    AuthRequest, CancelRequest, CollectRequest, CollectResponse, ErrorBody, ErrorCode,
    OrderResponse, PhoneAuthRequest, PhoneOrderResponse, PhoneSignRequest, SignRequest,
};

/// The default timeout of a whole request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The default timeout for opening the connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How much of an unexpected response body is kept in an error.
const MAX_BODY_IN_ERROR: usize = 512;

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
pub enum BankIdError {
    /// BankID answered with an error body.
    #[error("BankID answered {status} {code}: {details}")]
    Api {
        /// The HTTP status.
        status: u16,
        /// `errorCode`.
        code: ErrorCode,
        /// `details` (for logs, never for the user).
        details: String,
    },
    /// A non-success answer whose body is not a BankID error (e.g. from a proxy).
    #[error("BankID answered {status} with a body that is not a BankID error: {body}")]
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// The request could not be sent or the answer not received (connection, TLS, timeout).
    #[error("BankID could not be reached: {0}")]
    Transport(#[source] reqwest::Error),
    /// A success answer whose body is not what the API promises.
    #[error("BankID's answer (HTTP {status}) could not be decoded: {message}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What was wrong.
        message: String,
        /// The start of the body.
        body: String,
    },
    /// The client's settings are unusable (bad URL, certificate, password, CA).
    #[error("BankID client configuration: {0}")]
    Config(String),
}

impl BankIdError {
    /// The `errorCode` if BankID answered with one.
    pub fn error_code(&self) -> Option<&ErrorCode> {
        match self {
            BankIdError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, BankIdError::Transport(error) if error.is_timeout())
    }

    /// What to tell the user.
    pub fn rfa(&self) -> Rfa {
        match self {
            BankIdError::Api { code, .. } => Rfa::for_error(code),
            BankIdError::Transport(_) | BankIdError::UnexpectedResponse { .. } => Rfa::Rfa5,
            BankIdError::Decode { .. } | BankIdError::Config(_) => Rfa::Rfa22,
        }
    }
}

/// Mutual TLS: the relying party's certificate and the server root to pin.
#[derive(Clone)]
pub struct TlsConfig {
    /// The relying party's certificate and private key as a PKCS#12 (`.p12`/`.pfx`) file.
    pub pkcs12: Vec<u8>,
    /// The PKCS#12 password.
    pub password: String,
    /// The PEM of the root(s) BankID's server certificate must chain to; the only trust anchors.
    pub root_ca_pem: Vec<u8>,
}

impl std::fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConfig")
            .field("pkcs12", &format_args!("<{} bytes>", self.pkcs12.len()))
            .field("password", &"<redacted>")
            .field(
                "root_ca_pem",
                &format_args!("<{} bytes>", self.root_ca_pem.len()),
            )
            .finish()
    }
}

impl TlsConfig {
    /// From the certificate bytes, its password and the root CA PEM.
    pub fn new(
        pkcs12: impl Into<Vec<u8>>,
        password: impl Into<String>,
        root_ca_pem: impl Into<Vec<u8>>,
    ) -> Self {
        Self {
            pkcs12: pkcs12.into(),
            password: password.into(),
            root_ca_pem: root_ca_pem.into(),
        }
    }

    /// Reads the PKCS#12 file and the root CA PEM file.
    pub fn from_files(
        pkcs12_path: &Path,
        password: impl Into<String>,
        root_ca_pem_path: &Path,
    ) -> Result<Self, BankIdError> {
        let read = |path: &Path| {
            std::fs::read(path)
                .map_err(|error| BankIdError::Config(format!("{}: {error}", path.display())))
        };
        Ok(Self::new(
            read(pkcs12_path)?,
            password,
            read(root_ca_pem_path)?,
        ))
    }

    /// BankID's public test certificate with the test service's root: works against
    /// [`certs::TEST_BASE_URL`] only.
    pub fn public_test() -> Self {
        Self::new(
            certs::TEST_RP_PKCS12,
            certs::TEST_RP_PKCS12_PASSWORD,
            certs::TEST_ROOT_CA_PEM,
        )
    }

    /// A production certificate with the production root.
    pub fn production(pkcs12: impl Into<Vec<u8>>, password: impl Into<String>) -> Self {
        Self::new(pkcs12, password, certs::PRODUCTION_ROOT_CA_PEM)
    }

    /// The client identity for reqwest: the PKCS#12 file converted to PEM (key first, then the
    /// certificate chain, leaf first).
    fn identity(&self) -> Result<reqwest::Identity, BankIdError> {
        let pem = pkcs12_to_pem(&self.pkcs12, &self.password)?;
        reqwest::Identity::from_pem(pem.as_bytes())
            .map_err(|error| BankIdError::Config(format!("client certificate: {error}")))
    }

    fn roots(&self) -> Result<Vec<reqwest::Certificate>, BankIdError> {
        let roots = reqwest::Certificate::from_pem_bundle(&self.root_ca_pem)
            .map_err(|error| BankIdError::Config(format!("root CA PEM: {error}")))?;
        if roots.is_empty() {
            return Err(BankIdError::Config(
                "root CA PEM holds no certificate".to_owned(),
            ));
        }
        Ok(roots)
    }
}

/// Converts a PKCS#12 file to a PEM bundle: the PKCS#8 private key and its certificate chain.
pub fn pkcs12_to_pem(pkcs12: &[u8], password: &str) -> Result<String, BankIdError> {
    let store = p12_keystore::KeyStore::from_pkcs12(
        pkcs12,
        password,
        p12_keystore::Pkcs12ImportPolicy::default(),
    )
    .map_err(|error| BankIdError::Config(format!("PKCS#12: {error}")))?;
    let Some((_alias, chain)) = store.private_key_chain() else {
        return Err(BankIdError::Config(
            "PKCS#12 holds no private key with a certificate".to_owned(),
        ));
    };
    if chain.certs().is_empty() {
        return Err(BankIdError::Config(
            "PKCS#12 holds no certificate for its key".to_owned(),
        ));
    }
    let mut pem = pem_block("PRIVATE KEY", chain.key().as_der());
    for cert in chain.certs() {
        pem.push_str(&pem_block("CERTIFICATE", cert.as_der()));
    }
    Ok(pem)
}

fn pem_block(label: &str, der: &[u8]) -> String {
    let encoded = BASE64.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

/// Where and how to reach BankID.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API's base URL, e.g. [`certs::TEST_BASE_URL`] or the simulator's
    /// `http://127.0.0.1:8088/rp/v6.0/` (a missing final `/` is added).
    pub base_url: String,
    /// Mutual TLS settings: required for `https://`, refused for `http://`.
    pub tls: Option<TlsConfig>,
    /// Timeout of a whole request (connect, send, answer).
    pub timeout: Duration,
    /// Timeout for opening the connection.
    pub connect_timeout: Duration,
}

impl ClientConfig {
    /// `base_url` without TLS settings (plain `http://`, e.g. the simulator), default timeouts.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            tls: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        }
    }

    /// BankID's test service with `tls` (e.g. [`TlsConfig::public_test`]).
    pub fn test_environment(tls: TlsConfig) -> Self {
        Self::new(certs::TEST_BASE_URL).with_tls(tls)
    }

    /// BankID's production service with `tls` (e.g. [`TlsConfig::production`]).
    pub fn production(tls: TlsConfig) -> Self {
        Self::new(certs::PRODUCTION_BASE_URL).with_tls(tls)
    }

    /// Sets the TLS settings.
    pub fn with_tls(mut self, tls: TlsConfig) -> Self {
        self.tls = Some(tls);
        self
    }

    /// Sets the timeout of a whole request.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// The endpoints, resolved against the base URL once.
#[derive(Debug, Clone)]
struct Endpoints {
    auth: Url,
    sign: Url,
    phone_auth: Url,
    phone_sign: Url,
    collect: Url,
    cancel: Url,
}

/// A BankID Relying Party API v6.0 client. Cheap to clone (shares its connection pool).
#[derive(Debug, Clone)]
pub struct BankIdClient {
    http: reqwest::Client,
    base_url: Url,
    endpoints: Endpoints,
}

impl BankIdClient {
    /// Builds the client. Installs the `ring` rustls provider if the process has none yet.
    pub fn new(config: ClientConfig) -> Result<Self, BankIdError> {
        let mut base = config.base_url.clone();
        if !base.ends_with('/') {
            base.push('/');
        }
        let base_url = Url::parse(&base)
            .map_err(|error| BankIdError::Config(format!("base URL {base:?}: {error}")))?;

        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race with another installer is fine: some provider is then installed.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }

        let mut builder = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // Reuse an idle connection only while the server surely still holds it open: a
            // request sent on a connection the server is closing at that moment fails with a
            // reset (seen against the simulator, whose actix keep-alive is 5 s). Polls every
            // 2 s still reuse theirs.
            .pool_idle_timeout(Duration::from_secs(4))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("mina-sidor-bankid/", env!("CARGO_PKG_VERSION")));
        match (base_url.scheme(), &config.tls) {
            ("https", Some(tls)) => {
                builder = builder
                    .https_only(true)
                    .tls_certs_only(tls.roots()?)
                    .identity(tls.identity()?);
            }
            ("https", None) => {
                return Err(BankIdError::Config(
                    "an https base URL needs TLS settings (client certificate and BankID root)"
                        .to_owned(),
                ));
            }
            ("http", None) => {}
            ("http", Some(_)) => {
                return Err(BankIdError::Config(
                    "TLS settings were given for a plain http base URL".to_owned(),
                ));
            }
            (scheme, _) => {
                return Err(BankIdError::Config(format!(
                    "unsupported URL scheme {scheme:?}"
                )));
            }
        }
        let http = builder
            .build()
            .map_err(|error| BankIdError::Config(format!("HTTP client: {error}")))?;

        let join = |path: &str| {
            base_url
                .join(path)
                .map_err(|error| BankIdError::Config(format!("endpoint {path}: {error}")))
        };
        let endpoints = Endpoints {
            auth: join("auth")?,
            sign: join("sign")?,
            phone_auth: join("phone/auth")?,
            phone_sign: join("phone/sign")?,
            collect: join("collect")?,
            cancel: join("cancel")?,
        };
        Ok(Self {
            http,
            base_url,
            endpoints,
        })
    }

    /// The base URL in use (with a final `/`).
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// `POST /auth`: starts an identification.
    pub async fn auth(&self, request: &AuthRequest) -> Result<OrderResponse, BankIdError> {
        self.post(&self.endpoints.auth, request).await
    }

    /// `POST /sign`: starts a signature.
    pub async fn sign(&self, request: &SignRequest) -> Result<OrderResponse, BankIdError> {
        self.post(&self.endpoints.sign, request).await
    }

    /// `POST /phone/auth`: starts an identification of a user on the phone with the RP.
    pub async fn phone_auth(
        &self,
        request: &PhoneAuthRequest,
    ) -> Result<PhoneOrderResponse, BankIdError> {
        self.post(&self.endpoints.phone_auth, request).await
    }

    /// `POST /phone/sign`: starts a signature by a user on the phone with the RP.
    pub async fn phone_sign(
        &self,
        request: &PhoneSignRequest,
    ) -> Result<PhoneOrderResponse, BankIdError> {
        self.post(&self.endpoints.phone_sign, request).await
    }

    /// `POST /collect`: the order's state. Call every 2 s while `pending`.
    pub async fn collect(&self, order_ref: &str) -> Result<CollectResponse, BankIdError> {
        let request = CollectRequest {
            order_ref: order_ref.to_owned(),
        };
        self.post(&self.endpoints.collect, &request).await
    }

    /// `POST /cancel`: cancels a pending order.
    pub async fn cancel(&self, order_ref: &str) -> Result<(), BankIdError> {
        let request = CancelRequest {
            order_ref: order_ref.to_owned(),
        };
        let _: serde_json::Value = self.post(&self.endpoints.cancel, &request).await?;
        Ok(())
    }

    async fn post<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        url: &Url,
        request: &Req,
    ) -> Result<Resp, BankIdError> {
        let body = serde_json::to_vec(request).map_err(|error| BankIdError::Decode {
            status: 0,
            message: format!("request could not be encoded: {error}"),
            body: String::new(),
        })?;
        let response = self
            .http
            .post(url.clone())
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body)
            .send()
            .await
            .map_err(BankIdError::Transport)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(BankIdError::Transport)?;
        if status.is_success() {
            serde_json::from_slice(&bytes).map_err(|error| BankIdError::Decode {
                status: status.as_u16(),
                message: error.to_string(),
                body: excerpt(&bytes),
            })
        } else {
            match serde_json::from_slice::<ErrorBody>(&bytes) {
                Ok(error) => Err(BankIdError::Api {
                    status: status.as_u16(),
                    code: error.error_code,
                    details: error.details,
                }),
                Err(_) => Err(BankIdError::UnexpectedResponse {
                    status: status.as_u16(),
                    body: excerpt(&bytes),
                }),
            }
        }
    }
}

fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().take(MAX_BODY_IN_ERROR).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_test_certificate_converts_to_a_pem_identity() {
        let pem = pkcs12_to_pem(certs::TEST_RP_PKCS12, certs::TEST_RP_PKCS12_PASSWORD).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(pem.contains("-----BEGIN CERTIFICATE-----\n"));
        assert!(pem.lines().all(|line| line.len() <= 64));
        reqwest::Identity::from_pem(pem.as_bytes()).unwrap();
    }

    #[test]
    fn a_wrong_pkcs12_password_is_a_configuration_error() {
        let error = pkcs12_to_pem(certs::TEST_RP_PKCS12, "wrong").unwrap_err();
        assert!(matches!(error, BankIdError::Config(_)), "{error}");
    }

    #[test]
    fn the_embedded_roots_parse_as_one_certificate_each() {
        for pem in [certs::TEST_ROOT_CA_PEM, certs::PRODUCTION_ROOT_CA_PEM] {
            let roots = reqwest::Certificate::from_pem_bundle(pem.as_bytes()).unwrap();
            assert_eq!(roots.len(), 1);
        }
    }

    #[test]
    fn a_client_for_the_test_service_builds_with_the_public_test_certificate() {
        let client =
            BankIdClient::new(ClientConfig::test_environment(TlsConfig::public_test())).unwrap();
        assert_eq!(client.base_url().as_str(), certs::TEST_BASE_URL);
        assert_eq!(
            client.endpoints.phone_auth.as_str(),
            "https://appapi2.test.bankid.com/rp/v6.0/phone/auth"
        );
    }

    #[test]
    fn a_base_url_without_a_final_slash_still_resolves_the_endpoints() {
        let client = BankIdClient::new(ClientConfig::new("http://127.0.0.1:8088/rp/v6.0")).unwrap();
        assert_eq!(
            client.endpoints.collect.as_str(),
            "http://127.0.0.1:8088/rp/v6.0/collect"
        );
    }

    #[test]
    fn https_without_tls_settings_and_a_ca_without_certificates_are_refused() {
        let error = BankIdClient::new(ClientConfig::new(certs::TEST_BASE_URL)).unwrap_err();
        assert!(matches!(error, BankIdError::Config(_)));

        let tls = TlsConfig::new(certs::TEST_RP_PKCS12, "qwerty123", "not a pem");
        let error = BankIdClient::new(ClientConfig::test_environment(tls)).unwrap_err();
        assert!(matches!(error, BankIdError::Config(_)), "{error}");

        let error = BankIdClient::new(
            ClientConfig::new("http://127.0.0.1:1/").with_tls(TlsConfig::public_test()),
        )
        .unwrap_err();
        assert!(matches!(error, BankIdError::Config(_)));
    }

    #[test]
    fn the_tls_settings_never_show_the_password_in_debug_output() {
        let text = format!("{:?}", TlsConfig::public_test());
        assert!(!text.contains("qwerty123"));
    }

    #[test]
    fn errors_tell_the_user_the_recommended_message() {
        let error = BankIdError::Api {
            status: 400,
            code: ErrorCode::AlreadyInProgress,
            details: String::new(),
        };
        assert_eq!(error.rfa(), Rfa::Rfa4);
        assert_eq!(error.error_code(), Some(&ErrorCode::AlreadyInProgress));
        let error = BankIdError::UnexpectedResponse {
            status: 502,
            body: String::new(),
        };
        assert_eq!(error.rfa(), Rfa::Rfa5);
    }
}
