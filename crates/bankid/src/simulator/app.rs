//! The "BankID testapp" page: a server-rendered stand-in for the phone. Plain HTML forms, no
//! JavaScript, no inline styles; Swedish with English in parentheses.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::persons::{self, TEST_PERSONS};
use super::{ControlError, OrderInfo, OrderKind, PhoneAction, Simulator};
use crate::wire::HintCode;

/// The page's own CSP: only our stylesheet, forms only to us.
const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                        form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLESHEET: &str = include_str!("app.css");

/// The page's icon (so browsers do not ask for a missing `/favicon.ico`).
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
                    <rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#193e4f\"/>\
                    <text x=\"16\" y=\"22\" font-family=\"sans-serif\" font-size=\"14\" \
                    font-weight=\"700\" fill=\"#ffffff\" text-anchor=\"middle\">ID</text></svg>";

/// The failure hint codes offered on the page, with their descriptions.
const FAILURES: &[(&str, &str)] = &[
    ("userCancel", "användaren avbröt (user cancelled)"),
    (
        "certificateErr",
        "BankID spärrat eller för gammalt (BankID blocked or too old)",
    ),
    ("startFailed", "appen startade inte (the app did not start)"),
    ("expiredTransaction", "tiden gick ut (the order expired)"),
    (
        "cancelled",
        "ersatt av en nyare beställning (replaced by a newer order)",
    ),
    (
        "userDeclinedCall",
        "samtalet bekräftades inte (call not confirmed)",
    ),
    (
        "notSupportedByUserApp",
        "appen stödjer inte beställningen (not supported by the app)",
    ),
    (
        "transactionRiskBlocked",
        "stoppad av riskbedömning (blocked by risk assessment)",
    ),
];

/// The results a form post can redirect back with.
const RESULTS: &[(&str, &str, &str)] = &[
    (
        "approved",
        "Beställningen godkändes.",
        "The order was approved.",
    ),
    (
        "cancelled",
        "Användaren avbröt beställningen.",
        "The user cancelled the order.",
    ),
    (
        "failed",
        "Beställningen misslyckades med vald felkod.",
        "The order failed with the chosen hint code.",
    ),
    (
        "scanned",
        "QR-koden skannades och beställningen godkändes.",
        "The QR code was scanned and the order approved.",
    ),
    (
        "not-found",
        "Beställningen finns inte längre.",
        "The order no longer exists.",
    ),
    (
        "not-pending",
        "Beställningen väntar inte längre på appen.",
        "The order is no longer waiting for the app.",
    ),
    (
        "no-match",
        "Ingen väntande beställning matchar QR-koden.",
        "No pending order matches the QR code.",
    ),
    (
        "wrong-person",
        "Beställningen kräver en annan person.",
        "The order requires another person.",
    ),
    ("invalid", "Ogiltig uppgift.", "Invalid input."),
];

pub(super) fn configure(config: &mut web::ServiceConfig, data: web::Data<Simulator>) {
    let resource = |path: &str| web::resource(path).app_data(data.clone());
    config
        .service(resource("/app").route(web::get().to(page)))
        .service(web::resource("/app/style.css").route(web::get().to(stylesheet)))
        .service(web::resource("/app/icon.svg").route(web::get().to(icon)))
        .service(resource("/app/orders/{order_ref}/approve").route(web::post().to(approve)))
        .service(resource("/app/orders/{order_ref}/cancel").route(web::post().to(cancel)))
        .service(resource("/app/orders/{order_ref}/fail").route(web::post().to(fail)))
        .service(resource("/app/qr").route(web::post().to(scan)));
}

/// The page's absolute path, from the path of any request under it.
fn page_path(request: &HttpRequest) -> String {
    let path = request.path();
    let prefix = match path.rfind("/app/") {
        Some(index) => &path[..index],
        None => path.strip_suffix("/app").unwrap_or(""),
    };
    format!("{prefix}/app")
}

fn back(request: &HttpRequest, result: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("{}?result={result}", page_path(request)),
        ))
        .finish()
}

fn result_key(result: Result<OrderInfo, ControlError>, success: &'static str) -> &'static str {
    match result {
        Ok(_) => success,
        Err(ControlError::UnknownOrder) => "not-found",
        Err(ControlError::NotPending(_)) => "not-pending",
        Err(ControlError::NoMatch(_)) => "no-match",
        Err(ControlError::WrongPerson(_)) => "wrong-person",
        Err(ControlError::InvalidPersonalNumber | ControlError::Invalid(_)) => "invalid",
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersonForm {
    personal_number: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FailForm {
    hint_code: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct QrForm {
    qr_content: String,
    personal_number: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    result: Option<String>,
}

async fn approve(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    path: web::Path<String>,
    form: web::Form<PersonForm>,
) -> HttpResponse {
    let result = sim.approve(&path, form.personal_number.as_deref());
    back(&request, result_key(result, "approved"))
}

async fn cancel(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    path: web::Path<String>,
) -> HttpResponse {
    let result = sim.fail(&path, HintCode::UserCancel);
    back(&request, result_key(result, "cancelled"))
}

async fn fail(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    path: web::Path<String>,
    form: web::Form<FailForm>,
) -> HttpResponse {
    let result = if form.hint_code.is_empty() {
        Err(ControlError::Invalid("hintCode is required".to_owned()))
    } else {
        sim.fail(&path, HintCode::parse(&form.hint_code))
    };
    back(&request, result_key(result, "failed"))
}

async fn scan(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    form: web::Form<QrForm>,
) -> HttpResponse {
    let result = sim.scan_qr(
        &form.qr_content,
        form.personal_number.as_deref(),
        PhoneAction::Approve,
    );
    back(&request, result_key(result, "scanned"))
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(STYLESHEET)
}

async fn icon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(ICON)
}

async fn page(
    sim: web::Data<Simulator>,
    request: HttpRequest,
    query: web::Query<PageQuery>,
) -> HttpResponse {
    let html = render(
        &page_path(&request),
        &sim.list_orders(false),
        query.result.as_deref(),
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_CSP))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html)
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Swedish text with the English in parentheses, marked as English.
fn both(sv: &str, en: &str) -> String {
    format!("{} <span lang=\"en\">({})</span>", escape(sv), escape(en))
}

fn person_options(required: Option<&str>) -> String {
    let mut options = String::new();
    match required {
        Some(number) => {
            let label = persons::find(number)
                .map(|person| format!("{} – {}", person.name(), person.personal_number))
                .unwrap_or_else(|| number.to_owned());
            options.push_str(&format!(
                "<option value=\"{}\" selected>{}</option>",
                escape(number),
                escape(&label)
            ));
        }
        None => {
            for person in TEST_PERSONS {
                options.push_str(&format!(
                    "<option value=\"{}\">{} – {}</option>",
                    escape(person.personal_number),
                    escape(&person.name()),
                    escape(person.personal_number)
                ));
            }
        }
    }
    options
}

fn failure_options() -> String {
    FAILURES
        .iter()
        .map(|(code, description)| {
            format!(
                "<option value=\"{code}\">{code} – {}</option>",
                escape(description)
            )
        })
        .collect()
}

fn render_order(base: &str, order: &OrderInfo) -> String {
    let id = escape(&order.order_ref);
    let (kind_sv, kind_en) = match order.kind {
        OrderKind::Auth => ("Inloggning", "Login"),
        OrderKind::Sign => ("Underskrift", "Signature"),
    };
    let channel = if order.channel == "phone" {
        both("telefon", "phone")
    } else {
        both("webb", "web")
    };
    let short = order.order_ref.get(..8).unwrap_or(&order.order_ref);
    let hint = order.hint_code.as_ref().map(HintCode::as_str).unwrap_or("");
    let mut details = format!(
        "<dt>{}</dt><dd><code>{id}</code></dd>\
         <dt>{}</dt><dd>{channel}</dd>\
         <dt>{}</dt><dd><code>{}</code></dd>\
         <dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{}</dd>",
        both("Order", "Order reference"),
        both("Kanal", "Channel"),
        both("Status", "Status"),
        escape(hint),
        both("Skapad", "Created"),
        escape(&order.created),
        both("Användarens IP", "End user IP"),
        escape(&order.end_user_ip),
    );
    if let Some(number) = &order.personal_number {
        details.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            both("Kräver person", "Required person"),
            escape(number)
        ));
    }
    if let Some(text) = &order.user_visible_data {
        let label = match order.kind {
            OrderKind::Auth => both("Text i appen", "Text in the app"),
            OrderKind::Sign => both("Text att skriva under", "Text to sign"),
        };
        details.push_str(&format!(
            "<dt>{label}</dt><dd class=\"visible-text\">{}</dd>",
            escape(text)
        ));
    }
    format!(
        "<article class=\"order\" aria-labelledby=\"order-{id}\">\
         <h3 id=\"order-{id}\">{kind} – <code>{short}</code></h3>\
         <dl>{details}</dl>\
         <div class=\"actions\">\
         <form method=\"post\" action=\"{base}/orders/{id}/approve\">\
         <label for=\"person-{id}\">{person_label}</label>\
         <select id=\"person-{id}\" name=\"personalNumber\">{persons}</select>\
         <button type=\"submit\">{approve}</button></form>\
         <form method=\"post\" action=\"{base}/orders/{id}/cancel\">\
         <button type=\"submit\" class=\"secondary\">{cancel}</button></form>\
         <form method=\"post\" action=\"{base}/orders/{id}/fail\">\
         <label for=\"hint-{id}\">{hint_label}</label>\
         <select id=\"hint-{id}\" name=\"hintCode\">{failures}</select>\
         <button type=\"submit\" class=\"secondary\">{fail}</button></form>\
         </div></article>",
        kind = both(kind_sv, kind_en),
        short = escape(short),
        base = escape(base),
        person_label = both("Testperson", "Test person"),
        persons = person_options(order.personal_number.as_deref()),
        approve = both("Godkänn", "Approve"),
        cancel = both("Avbryt", "Cancel"),
        hint_label = both("Felkod", "Failure hint code"),
        failures = failure_options(),
        fail = both("Misslyckas", "Fail"),
    )
}

/// The whole page.
fn render(base: &str, orders: &[OrderInfo], result: Option<&str>) -> String {
    let status = result
        .and_then(|key| RESULTS.iter().find(|(k, _, _)| *k == key))
        .map(|(_, sv, en)| format!("<p class=\"result\" role=\"status\">{}</p>", both(sv, en)))
        .unwrap_or_default();
    let list = if orders.is_empty() {
        format!(
            "<p>{}</p>",
            both("Inga väntande beställningar.", "No pending orders.")
        )
    } else {
        orders
            .iter()
            .map(|order| render_order(base, order))
            .collect()
    };
    let base = escape(base);
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>BankID testapp (BankID test app)</title>\
         <link rel=\"icon\" href=\"{base}/icon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"{base}/style.css\"></head><body>\
         <header><h1>{title}</h1><p>{intro}</p></header>\
         <main>{status}\
         <section aria-labelledby=\"orders-heading\"><h2 id=\"orders-heading\">{orders_heading}</h2>\
         <p><a href=\"{base}\">{refresh}</a></p>{list}</section>\
         <section aria-labelledby=\"qr-heading\"><h2 id=\"qr-heading\">{qr_heading}</h2>\
         <p>{qr_intro}</p>\
         <form method=\"post\" action=\"{base}/qr\">\
         <label for=\"qr-content\">{qr_label}</label>\
         <input id=\"qr-content\" name=\"qrContent\" type=\"text\" required autocomplete=\"off\" \
         spellcheck=\"false\">\
         <label for=\"qr-person\">{person_label}</label>\
         <select id=\"qr-person\" name=\"personalNumber\">{persons}</select>\
         <button type=\"submit\">{scan}</button></form></section>\
         </main><footer><p>{footer}</p></footer></body></html>\n",
        title = both("BankID testapp", "BankID test app"),
        intro = both(
            "Den här sidan spelar BankID-appen på telefonen i utveckling och test. Inget är \
             riktigt BankID.",
            "This page plays the BankID app on the phone in development and testing. Nothing \
             here is real BankID."
        ),
        orders_heading = both("Väntande beställningar", "Pending orders"),
        refresh = both("Uppdatera", "Refresh"),
        qr_heading = both("Skanna QR-kod", "Scan QR code"),
        qr_intro = both(
            "Klistra in innehållet i den animerade QR-koden (bankid.…) för att godkänna \
             beställningen som den hör till.",
            "Paste the content of the animated QR code (bankid.…) to approve the order it \
             belongs to."
        ),
        qr_label = both("QR-kodens innehåll", "QR code content"),
        person_label = both("Testperson", "Test person"),
        persons = person_options(None),
        scan = both("Skanna och godkänn", "Scan and approve"),
        footer = both(
            "BankID-simulatorn för Mina sidor. Tester styr den via control/-API:t.",
            "The Mina sidor BankID simulator. Tests drive it through the control/ API."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_escapes_the_text_to_sign_and_has_no_inline_script_or_style() {
        let order = OrderInfo {
            order_ref: "0123456789".into(),
            kind: OrderKind::Sign,
            channel: "web",
            created: "2026-01-01T00:00:00Z".into(),
            status: crate::wire::CollectStatus::Pending,
            hint_code: Some(HintCode::OutstandingTransaction),
            user_visible_data: Some("<script>alert(1)</script> & Co".into()),
            personal_number: None,
            end_user_ip: "192.0.2.1".into(),
            auto_start_token: None,
        };
        let html = render("/bankid-sim/app", &[order], Some("approved"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("style="));
        assert!(html.contains("<html lang=\"sv\">"));
        assert!(html.contains("action=\"/bankid-sim/app/orders/0123456789/approve\""));
        assert!(html.contains("role=\"status\""));
        assert!(html.contains("<label for=\"person-0123456789\">"));
    }

    #[test]
    fn an_unknown_result_key_shows_no_message() {
        let html = render("/app", &[], Some("<b>injected</b>"));
        assert!(!html.contains("injected"));
        assert!(!html.contains("role=\"status\""));
    }
}
