//! Sessions and authentication: server-side session rows, signed tokens that name them, and the
//! extractors handlers use (`CurrentUser`), so no handler can forget the check.

pub mod bankid_login;
pub mod bankid_orders;
pub mod client_ip;
pub mod extractor;
pub mod sessions;
pub mod tokens;

/// Name of the session cookie. `__Host-` makes the browser insist on Secure, Path=/ and no
/// Domain, so no other subdomain can set or read it.
pub const SESSION_COOKIE: &str = "__Host-minasidor_session";

/// Header the SPA sends on every state-changing request with cookie authentication. A
/// cross-site form cannot set it, and a cross-site script cannot send it without a CORS
/// preflight that this server never approves.
pub const CSRF_HEADER: &str = "x-requested-with";

/// The value of [`CSRF_HEADER`].
pub const CSRF_HEADER_VALUE: &str = "mina-sidor";
