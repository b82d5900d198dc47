//! `/dev/outbox`: every e-mail and SMS the dev mailbox caught, newest first, so that `just run`
//! shows each notice without any account. Mounted only while the dev mailbox is on, which
//! production refuses.

use actix_web::{HttpResponse, web};
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

use super::templates::escape_html;
use crate::entities::dev_outbox;
use crate::state::AppState;

/// Registers the page (call only with the dev mailbox on).
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/dev/outbox", web::get().to(page))
        .route("/dev/outbox.css", web::get().to(stylesheet));
}

/// Long links wrap on a phone; nothing else is styled.
const STYLESHEET: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:1rem;\
                          max-width:45rem;color:#1a1a1a;background:#fff}\
                          pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit}\
                          a{color:#0b4f9c}li{margin-bottom:1.5rem}";

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .body(STYLESHEET)
}

/// Escapes `text` and makes its `http(s)://` words links.
fn linkify(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            let rest = &word[trimmed.len()..];
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                let href = escape_html(trimmed);
                format!("<a href=\"{href}\">{href}</a>{rest}")
            } else {
                escape_html(word)
            }
        })
        .collect()
}

async fn page(state: web::Data<AppState>) -> HttpResponse {
    let rows = match dev_outbox::Entity::find()
        .order_by_desc(dev_outbox::Column::CreatedAt)
        .limit(200)
        .all(&state.db)
        .await
    {
        Ok(rows) => rows,
        Err(error) => {
            tracing::warn!(%error, "the dev outbox could not be read");
            return HttpResponse::ServiceUnavailable().finish();
        }
    };
    let mut items = String::new();
    for row in &rows {
        let (heading, channel_class) = if row.channel == "email" {
            ("E-post till", "email")
        } else {
            ("SMS till", "sms")
        };
        let at = domain::swedish_local_time(row.created_at).format("%Y-%m-%d %H:%M:%S");
        items.push_str(&format!(
            "<li class=\"{channel_class}\"><article aria-labelledby=\"m-{id}\">\n\
             <h2 id=\"m-{id}\">{heading} {to}</h2>\n<p>Tid: {at}</p>\n",
            id = row.id.simple(),
            to = escape_html(&row.recipient),
        ));
        if let Some(subject) = &row.subject {
            items.push_str(&format!("<p>Ämne: {}</p>\n", escape_html(subject)));
        }
        items.push_str(&format!(
            "<pre>{}</pre>\n</article></li>\n",
            linkify(&row.text_body)
        ));
    }
    let body = if rows.is_empty() {
        "<p>Inga meddelanden ännu.</p>".to_owned()
    } else {
        format!("<ol>\n{items}</ol>")
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Utkorg för utveckling – Mina sidor</title>\n\
         <link rel=\"stylesheet\" href=\"/dev/outbox.css\">\n</head>\n<body>\n<main>\n\
         <h1>Utkorg för utveckling</h1>\n<p>E-post och SMS som servern skulle ha skickat. \
         Finns bara i utvecklingsläge.</p>\n{body}\n</main>\n</body>\n</html>\n"
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .body(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_anchors_and_the_rest_is_escaped() {
        assert_eq!(
            linkify("Se <här>: https://x.se/a?b=1&c=2\nHej"),
            "Se &lt;här&gt;: <a href=\"https://x.se/a?b=1&amp;c=2\">https://x.se/a?b=1&amp;c=2</a>\nHej"
        );
    }
}
