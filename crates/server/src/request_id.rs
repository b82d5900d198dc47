//! A request id on every request: generated here (an incoming `X-Request-Id` is not trusted, as
//! it would let a client write into our logs), put on the tracing span, returned as the
//! `x-request-id` header and inside every problem body.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled on this task, if any.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Middleware: assigns the id, logs one line per request (method, route pattern, status, time;
/// never the path or the query string, which could carry personal data).
pub async fn middleware(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let method = request.method().clone();
    // The pattern, never the path itself: an address the SPA routes (or anyone types) may hold
    // anything.
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "(no route)".to_owned());
    let span = tracing::info_span!("request", request_id = %id, %method, route = %route);
    let started = std::time::Instant::now();
    let result = REQUEST_ID
        .scope(id.clone(), next.call(request).instrument(span.clone()))
        .await;
    let mut response = result?;
    let status = response.status().as_u16();
    span.in_scope(|| {
        tracing::info!(
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "request"
        );
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}
