//! Hosting the built SPA: static files from the Trunk output, `index.html` for every other
//! non-API path (client-side routing), with a CSP that allows exactly Trunk's inline loader by
//! its hash. The hash is computed from the file at start-up, so a rebuilt frontend needs no
//! configuration and no nonce is baked in at build time.

use std::path::{Path, PathBuf};

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use base64::Engine;
use sha2::{Digest, Sha256};

/// The SPA's index page and its CSP, read once at start-up.
#[derive(Debug, Clone)]
pub struct SpaIndex {
    html: String,
    csp: String,
    /// Where the static files are, if the frontend has been built.
    pub static_dir: Option<PathBuf>,
}

impl SpaIndex {
    /// Reads `index.html` from the static dir. A missing build is not an error: the API works
    /// without it and the page says how to build it.
    pub fn load(static_dir: &Path) -> Self {
        match std::fs::read_to_string(static_dir.join("index.html")) {
            Ok(html) => {
                let csp = page_csp(&inline_script_hashes(&html));
                Self {
                    html,
                    csp,
                    static_dir: Some(static_dir.to_path_buf()),
                }
            }
            Err(error) => {
                tracing::warn!(
                    dir = %static_dir.display(),
                    %error,
                    "the frontend is not built; serving the API only (run `just run`)"
                );
                Self {
                    html: NOT_BUILT.to_owned(),
                    csp: page_csp(&[]),
                    static_dir: None,
                }
            }
        }
    }
}

const NOT_BUILT: &str = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<title>Mina sidor</title></head><body><main><h1>Mina sidor</h1>\
<p>Webbgränssnittet är inte byggt. Kör <code>just run</code>.</p>\
<p lang=\"en\">The web interface is not built. Run <code>just run</code>.</p></main></body></html>";

/// `sha256-…` sources for every inline `<script>` in the page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(tag_end) = after_tag.find('>') else {
            break;
        };
        let tag = &after_tag[..tag_end];
        let body_and_rest = &after_tag[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..close]);
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// The page CSP: scripts only from us plus the hashed inline loader; WebAssembly compilation
/// allowed (`wasm-unsafe-eval`), never `unsafe-eval` or `unsafe-inline`.
pub fn page_csp(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Serves `index.html` with its CSP. Never cached, so a new release is picked up at once.
pub async fn index(spa: web::Data<SpaIndex>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CONTENT_SECURITY_POLICY, spa.csp.clone()))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(spa.html.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_inline_scripts_but_not_external_ones() {
        let html = "<head><script src=\"/a.js\"></script><script type=\"module\">init()</script>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn the_page_csp_allows_no_inline_code_or_eval() {
        let csp = page_csp(&["'sha256-abc'".into()]);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
        assert!(csp.contains("object-src 'none'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
