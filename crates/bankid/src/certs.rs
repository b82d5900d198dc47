//! BankID's public certificates and addresses, embedded (see `certs/README.md` for where they
//! come from and their fingerprints).

/// Base URL of BankID's test service.
pub const TEST_BASE_URL: &str = "https://appapi2.test.bankid.com/rp/v6.0/";

/// Base URL of BankID's production service.
pub const PRODUCTION_BASE_URL: &str = "https://appapi2.bankid.com/rp/v6.0/";

/// "Test BankID SSL Root CA v1 Test": the only root the test service's certificate chains to.
pub const TEST_ROOT_CA_PEM: &str = include_str!("../certs/bankid-ssl-root-ca-v1-test.pem");

/// "BankID SSL Root CA v1": the only root the production service's certificate chains to.
pub const PRODUCTION_ROOT_CA_PEM: &str = include_str!("../certs/bankid-ssl-root-ca-v1.pem");

/// BankID's public relying-party test certificate (`FPTestcert5_20240610.p12`, valid to
/// 2029-05-28). Accepted by the test service only.
pub const TEST_RP_PKCS12: &[u8] = include_bytes!("../certs/FPTestcert5_20240610.p12");

/// The password of [`TEST_RP_PKCS12`].
pub const TEST_RP_PKCS12_PASSWORD: &str = "qwerty123";
