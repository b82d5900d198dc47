//! Security headers on every response. `DefaultHeaders` only adds a header the handler has not
//! set, so the SPA's index (whose CSP carries the loader's hash) and the API reference (which
//! needs inline styles) set their own Content-Security-Policy.

use actix_web::middleware::DefaultHeaders;

/// CSP for responses that are not HTML pages (JSON, files): nothing may run or load.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; \
                           form-action 'none'";

/// The headers for every response. HSTS only in production: on a laptop over plain HTTP it
/// would do nothing but could pin `localhost` to HTTPS in the browser.
pub fn default_headers(production: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .add(("Content-Security-Policy", API_CSP));
    if production {
        headers.add((
            "Strict-Transport-Security",
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Extra headers for the API: nothing is cached anywhere (ASVS 14.2).
pub fn api_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Cache-Control", "no-store"))
        .add(("Pragma", "no-cache"))
}
