//! The SPA's files. Trunk names every built file with a content hash (`frontend-<hash>.wasm`),
//! so those are cached for a year as immutable; anything else revalidates. Where the build left
//! a pre-compressed sibling (`.br`, `.gz`, made by `scripts/precompress.sh` at the highest
//! levels, which would be too slow per request), it is sent to clients that accept it; other
//! answers are compressed on the fly by the middleware.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::spa::SpaIndex;

/// A year: what browsers may keep a hashed file.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Whether `name` carries Trunk's content hash: `stem-<15 or 16 hex digits>.ext`.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (15..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "wasm" => "application/wasm",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The pre-compressed variant to send, if the client accepts it and the build made it.
fn variant(request: &HttpRequest, file: &Path) -> Option<(PathBuf, ContentEncoding)> {
    let accepted = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let accepts = |coding: &str| {
        accepted.split(',').any(|part| {
            let mut pieces = part.split(';');
            let name = pieces.next().unwrap_or_default().trim();
            let refused = pieces.any(|q| q.trim().replace(' ', "") == "q=0");
            name == coding && !refused
        })
    };
    [
        ("br", ContentEncoding::Brotli),
        ("gzip", ContentEncoding::Gzip),
    ]
    .into_iter()
    .filter(|(coding, _)| accepts(coding))
    .map(|(coding, encoding)| {
        let extension = if coding == "br" { "br" } else { "gz" };
        (
            PathBuf::from(format!("{}.{extension}", file.display())),
            encoding,
        )
    })
    .find(|(path, _)| path.is_file())
}

/// `GET /{file}`: a built file, else the SPA (a client-side route such as `/handlaggare`).
pub async fn serve(
    request: HttpRequest,
    spa: web::Data<SpaIndex>,
    file: web::Path<String>,
) -> HttpResponse {
    let name = file.into_inner();
    let Some(dir) = spa.static_dir.as_ref() else {
        return crate::spa::index(spa).await;
    };
    let plain = dir.join(&name);
    if name.starts_with('.') || name.contains(['/', '\\']) || !plain.is_file() {
        return crate::spa::index(spa).await;
    }
    if name == "index.html" {
        return crate::spa::index(spa).await;
    }
    let (path, encoding) = match variant(&request, &plain) {
        Some((path, encoding)) => (path, Some(encoding)),
        None => (plain, None),
    };
    let Ok(mut named) = NamedFile::open(&path) else {
        return crate::spa::index(spa).await;
    };
    named = named
        .set_content_type(content_type(&name).parse().unwrap_or(mime_octet()))
        .disable_content_disposition();
    if let Some(encoding) = encoding {
        named = named.set_content_encoding(encoding);
    }
    let mut response = named.into_response(&request);
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if is_hashed(&name) {
            IMMUTABLE
        } else {
            "no-cache"
        }),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if encoding.is_none() {
        // Compressed on the fly by the middleware when the client accepts it.
        headers.remove(header::CONTENT_ENCODING);
    }
    response
}

fn mime_octet() -> mime::Mime {
    mime::APPLICATION_OCTET_STREAM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_names_are_recognised() {
        assert!(is_hashed("frontend-55c8124c32bcab0c_bg.wasm"));
        assert!(is_hashed("frontend-55c8124c32bcab0c.js"));
        assert!(is_hashed("favicon-e62a5e637f11a5b.svg"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("robots.txt"));
        assert!(!is_hashed("app-css.css"));
    }
}
