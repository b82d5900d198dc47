//! The OpenAPI document. It is collected from the handlers' annotations while the routes are
//! registered (see `startup::register_routes`), committed as `api-spec/openapi.json`, and a
//! test fails when the two differ.

use actix_web::App;
use api_types::{FieldError, Problem};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// The parts of the document that do not come from a handler.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mina sidor API",
        description = "REST API of Mina sidor, the e-service platform and citizen portal for \
            Swedish municipalities. Used by the web app, mobile apps and integrators.\n\n\
            Errors are `application/problem+json` with a stable snake_case `code`, an English \
            `detail`, a Swedish `detail_sv` and the `request_id` (also in the `x-request-id` \
            header).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    tags(
        (name = "health", description = "Probes for load balancers and orchestrators."),
        (name = "site", description = "Public facts about this installation."),
        (name = "auth", description = "BankID login. The SPA gets its session as a cookie; \
            mobile apps ask for `token_delivery: bearer` with a `code_challenge` (PKCE S256), \
            send the verifier as `X-Code-Verifier`, and get the token in the final poll."),
        (name = "eservices", description = "The e-service catalogue; definitions as versioned \
            data (`api-spec/eservice-definition.schema.json`)."),
        (name = "cases", description = "A citizen's drafts and cases: autosaved drafts, \
            validation, attachments, idempotent submission, the lists of Mina sidor."),
        (name = "profile", description = "The citizen's saved contact details (prefill, \
            notifications)."),
        (name = "session", description = "The logged-in session: the SPA uses the \
            `__Host-minasidor_session` cookie (and sends `X-Requested-With: mina-sidor` on \
            state-changing requests); mobile apps and integrators send `Authorization: Bearer`."),
        (name = "messages", description = "The message thread of a citizen's case with the \
            case officer: text and files, read receipts."),
        (name = "staff", description = "Staff login (officers and administrators): the SPA \
            uses the `__Host-minasidor_staff` cookie (with the same CSRF header as citizens), \
            integrations `Authorization: Bearer` with a staff token. A citizen's token never \
            opens these routes, nor a staff token the citizen's."),
        (name = "officer", description = "The officer workspace: the queue of the officer's \
            groups, a case with everything on it, the handling steps (assign, start, status \
            note, close, reopen), messages to the citizen and internal notes. Every read and \
            change is in the audit log."),
        (name = "notifications", description = "Notices by e-mail and SMS: the log of a \
            case's notices for its owner, and the SMS gateway's delivery reports (a signed \
            callback URL per notice). A notice never holds case content, only a link."),
        (name = "admin", description = "Administration: the audit log, the notification \
            outbox (failed deliveries with the reason) and the notice templates."),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&SecurityAddon)
)]
#[derive(Debug)]
pub struct ApiDoc;

/// Declares the two ways to present a session token.
#[derive(Debug)]
struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi
            .components
            .get_or_insert(utoipa::openapi::Components::new());
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
        components.add_security_scheme(
            "staff_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::staff::extractor::STAFF_COOKIE,
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The complete document, built the same way the server registers its routes.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_app, document) =
        crate::startup::register_routes(App::new().into_utoipa_app().openapi(ApiDoc::openapi()))
            .split_for_parts();
    let mut document = document;
    document_shared_answers(&mut document);
    document
}

/// A file download's range answers and headers (`crate::storage::download`).
fn document_ranges(operation: &mut utoipa::openapi::path::Operation) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let header = |name: &str, description: &str| {
        ParameterBuilder::new()
            .name(name)
            .parameter_in(ParameterIn::Header)
            .required(utoipa::openapi::Required::False)
            .description(Some(description))
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String),
            ))
            .build()
    };
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    parameters.push(RefOr::T(header(
        "Range",
        "One byte range, e.g. `bytes=1048576-`, to resume a download (206); several ranges \
         or one that does not parse get the whole file.",
    )));
    parameters.push(RefOr::T(header(
        "If-Range",
        "The `ETag` of an earlier answer: the range only if the file is still that one.",
    )));
    let responses = &mut operation.responses.responses;
    responses.entry("206".into()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description("The asked range of the file, with `Content-Range`.")
                .content("application/octet-stream", ContentBuilder::new().build())
                .build(),
        )
    });
    responses.entry("416".into()).or_insert_with(|| {
        RefOr::T(
            ResponseBuilder::new()
                .description(
                    "The range starts past the end of the file (`range_not_satisfiable`); \
                     `Content-Range: bytes */size`.",
                )
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    });
}

/// Adds the answers every operation can give whether or not its handler names them: 500 on
/// every operation, 400 (`invalid_query`) where there are query parameters, 404 where there
/// are path parameters (an id that does not parse names nothing), 400 (`invalid_json`) and 413
/// where there is a body, 429 and 503 where the route has a rate-limit budget.
fn document_shared_answers(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    };
    for (pattern, item) in &mut document.paths.paths {
        use actix_web::http::Method;
        let operations = [
            (Method::GET, &mut item.get),
            (Method::PUT, &mut item.put),
            (Method::POST, &mut item.post),
            (Method::DELETE, &mut item.delete),
            (Method::PATCH, &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else {
                continue;
            };
            let parameters = operation.parameters.as_deref().unwrap_or_default();
            let has = |place: ParameterIn| {
                parameters.iter().any(|parameter| {
                    matches!(parameter, RefOr::T(p) if std::mem::discriminant(&p.parameter_in)
                        == std::mem::discriminant(&place))
                })
            };
            let (query, path) = (has(ParameterIn::Query), has(ParameterIn::Path));
            let body = operation.request_body.is_some();
            let responses = &mut operation.responses.responses;
            if query {
                responses.entry("400".into()).or_insert_with(|| {
                    problem("Missing or malformed query parameters (`invalid_query`).")
                });
            }
            if path {
                responses
                    .entry("404".into())
                    .or_insert_with(|| problem("No such resource (`not_found`)."));
            }
            if body {
                responses.entry("400".into()).or_insert_with(|| {
                    problem("The body is not valid JSON for this operation (`invalid_json`).")
                });
                responses.entry("413".into()).or_insert_with(|| {
                    problem("The body is larger than this operation accepts (`payload_too_large`).")
                });
            }
            if crate::rate_limit::budget_of(&method, pattern)
                == Some(crate::rate_limit::Budget::Download)
            {
                document_ranges(operation);
            }
            let responses = &mut operation.responses.responses;
            if let Some(budget) = crate::rate_limit::budget_of(&method, pattern) {
                responses.entry("429".into()).or_insert_with(|| {
                    problem(&format!(
                        "Too many requests from this address or person (`rate_limited`, budget \
                         `{}`); try again after `Retry-After` seconds.",
                        budget.name()
                    ))
                });
                responses.entry("503".into()).or_insert_with(|| {
                    problem(
                        "The request could not be counted against its rate limit \
                         (`rate_limit_unavailable`); try again after `Retry-After` seconds.",
                    )
                });
            }
            responses.entry("500".into()).or_insert_with(|| {
                problem("Unexpected failure (`internal_error`); the request id is in the body.")
            });
        }
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_json() -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(&document())?;
    json.push('\n');
    Ok(json)
}
