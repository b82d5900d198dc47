//! HTTP semantics every route shares: HEAD answers like GET, a known API path asked with a
//! method it does not have is 405 with `Allow` (an unknown one is 404), both as problem+json.
//! The table of paths and methods is the OpenAPI document, so a new route is covered by
//! being registered.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};

use crate::error::ApiError;

/// Every documented API path (as segments; `{…}` matches one segment) with its methods.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<&'static str>)>,
}

impl RouteTable {
    /// The table of the OpenAPI document's paths.
    pub fn from_document(document: &utoipa::openapi::OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                for (method, present) in [
                    ("GET", item.get.is_some()),
                    ("HEAD", item.get.is_some() || item.head.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ] {
                    if present {
                        methods.push(method);
                    }
                }
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods `path` answers, if it is a documented path.
    pub fn methods_of(&self, path: &str) -> Option<Vec<&'static str>> {
        let asked: Vec<&str> = path.split('/').collect();
        let mut found: Option<Vec<&'static str>> = None;
        for (segments, methods) in &self.routes {
            let matches = segments.len() == asked.len()
                && segments.iter().zip(&asked).all(|(template, segment)| {
                    (template.starts_with('{') && template.ends_with('}') && !segment.is_empty())
                        || template == segment
                });
            if matches {
                let all = found.get_or_insert_with(Vec::new);
                for method in methods {
                    if !all.contains(method) {
                        all.push(method);
                    }
                }
            }
        }
        found
    }
}

/// The API's fallback: 405 with `Allow` for a known path, else 404.
pub async fn api_fallback(request: HttpRequest, table: Option<web::Data<RouteTable>>) -> ApiError {
    let methods = table.and_then(|table| table.methods_of(request.path()));
    match methods {
        Some(methods) if !methods.iter().any(|m| *m == request.method().as_str()) => {
            ApiError::MethodNotAllowed {
                allow: methods.join(", "),
            }
        }
        _ => ApiError::NotFound,
    }
}

/// The method rules of every route: a documented path asked with a method it does not have is
/// 405 with `Allow` (TRACE and OPTIONS included), and HEAD is answered as GET without the body
/// (RFC 9110 9.3.2).
pub async fn method_rules(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let allowed = request
        .app_data::<web::Data<RouteTable>>()
        .and_then(|table| table.methods_of(request.path()));
    if let Some(methods) = allowed
        && !methods.contains(&request.method().as_str())
    {
        let error = ApiError::MethodNotAllowed {
            allow: methods.join(", "),
        };
        let (http_request, _) = request.into_parts();
        return Ok(ServiceResponse::new(
            http_request,
            actix_web::ResponseError::error_response(&error),
        ));
    }
    let head = request.method() == Method::HEAD;
    if head {
        request.head_mut().method = Method::GET;
    }
    let response = next.call(request).await?.map_into_boxed_body();
    if head {
        return Ok(response.map_body(|_, _| BoxBody::new(())));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_segment_matches_any_one_segment() {
        let table = RouteTable {
            routes: vec![
                (
                    "/api/v1/drafts/{case_id}"
                        .split('/')
                        .map(str::to_owned)
                        .collect(),
                    vec!["PUT", "DELETE"],
                ),
                (
                    "/api/v1/drafts".split('/').map(str::to_owned).collect(),
                    vec!["POST"],
                ),
            ],
        };
        assert_eq!(
            table.methods_of("/api/v1/drafts/abc"),
            Some(vec!["PUT", "DELETE"])
        );
        assert_eq!(table.methods_of("/api/v1/drafts"), Some(vec!["POST"]));
        assert_eq!(table.methods_of("/api/v1/drafts/abc/x"), None);
        assert_eq!(table.methods_of("/api/v1/drafts/"), None);
    }
}
