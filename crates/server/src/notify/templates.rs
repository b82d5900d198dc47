//! The texts of notices: built-in Swedish and English texts per kind, which administrators may
//! replace, and rendering to an e-mail (text and HTML) and an SMS.
//!
//! A template can only use `{link}` (the link to Mina sidor, without any token) and
//! `{municipality}` (the municipality's name). Nothing about the case, the person or the
//! decision is ever passed to rendering, so no notice can contain it.

use api_types::{NoticeLanguage, NoticePreview, NoticeTemplateTexts};
use domain::NoticeKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::notification_templates;

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 2] = ["{link}", "{municipality}"];

const SIGN_OFF_SV: &str = "Med vänliga hälsningar\n{municipality}\n\nDet här meddelandet går inte \
                           att svara på. Du når oss genom Mina sidor.";
const SIGN_OFF_EN: &str = "Kind regards\n{municipality}\n\nPlease do not reply to this message. \
                           You can reach us through Mina sidor.";

/// The built-in texts: (subject, first paragraph, SMS lead).
const fn builtin_parts(
    kind: NoticeKind,
    language: NoticeLanguage,
) -> (&'static str, &'static str, &'static str) {
    use NoticeKind as K;
    match language {
        NoticeLanguage::Sv => match kind {
            K::CaseSubmitted => (
                "Vi har tagit emot ditt ärende",
                "Vi har tagit emot ditt ärende. Du kan följa det på Mina sidor:",
                "Vi har tagit emot ditt ärende. Följ det på Mina sidor:",
            ),
            K::OfficerMessage => (
                "Nytt meddelande på Mina sidor",
                "Du har fått ett nytt meddelande i ett av dina ärenden. Logga in på Mina sidor för att läsa det:",
                "Du har ett nytt meddelande på Mina sidor:",
            ),
            K::StatusNote => (
                "Nytt besked om ditt ärende",
                "Det finns ett nytt besked om hur ett av dina ärenden går. Logga in på Mina sidor för att läsa det:",
                "Det finns ett nytt besked om ditt ärende på Mina sidor:",
            ),
            K::CaseClosed => (
                "Ditt ärende är avslutat",
                "Ett av dina ärenden är avslutat. Logga in på Mina sidor för att läsa beskedet:",
                "Ett av dina ärenden är avslutat. Läs beskedet på Mina sidor:",
            ),
            K::CaseReopened => (
                "Ditt ärende handläggs igen",
                "Ett av dina avslutade ärenden handläggs igen. Logga in på Mina sidor för att se varför:",
                "Ett av dina ärenden handläggs igen. Se mer på Mina sidor:",
            ),
            K::CosignatureRequested => (
                "Du ombeds skriva under en ansökan",
                "Du har blivit ombedd att skriva under en ansökan. Logga in med BankID för att se den och skriva under:",
                "Du ombeds skriva under en ansökan. Logga in med BankID:",
            ),
            K::CosignatureReminder => (
                "Påminnelse: en ansökan väntar på din underskrift",
                "En ansökan väntar fortfarande på din underskrift. Logga in med BankID för att se den och skriva under:",
                "Påminnelse: en ansökan väntar på din underskrift. Logga in med BankID:",
            ),
            K::CosignatureCompleted => (
                "Alla har skrivit under",
                "Alla har nu skrivit under ansökan, och den är inskickad. Du kan följa den på Mina sidor:",
                "Alla har skrivit under och ansökan är inskickad. Följ den på Mina sidor:",
            ),
            K::CosignatureDeclined => (
                "En underskrift uteblev",
                "En person som skulle skriva under ansökan har avböjt. Ansökan är tillbaka som utkast på Mina sidor:",
                "En underskrift uteblev och ansökan är tillbaka som utkast. Se Mina sidor:",
            ),
            K::CosignatureExpired => (
                "Tiden för underskrifter har gått ut",
                "Alla hann inte skriva under ansökan i tid. Den är tillbaka som utkast på Mina sidor:",
                "Tiden för underskrifter har gått ut. Ansökan är ett utkast igen:",
            ),
            K::DraftExpiring => (
                "Ditt utkast tas snart bort",
                "Ett av dina utkast tas bort om några dagar om du inte fortsätter med det. Fortsätt på Mina sidor:",
                "Ett av dina utkast tas snart bort. Fortsätt på Mina sidor:",
            ),
            K::TestNotice => (
                "Testavisering från Mina sidor",
                "Det här är en testavisering. Så här får du veta när något händer i dina ärenden. Dina inställningar finns på Mina sidor:",
                "Testavisering: så här får du veta när något händer i dina ärenden. Mina sidor:",
            ),
        },
        NoticeLanguage::En => match kind {
            K::CaseSubmitted => (
                "We have received your case",
                "We have received your case. You can follow it on Mina sidor:",
                "We have received your case. Follow it on Mina sidor:",
            ),
            K::OfficerMessage => (
                "New message on Mina sidor",
                "You have a new message in one of your cases. Log in to Mina sidor to read it:",
                "You have a new message on Mina sidor:",
            ),
            K::StatusNote => (
                "News about your case",
                "There is news about the progress of one of your cases. Log in to Mina sidor to read it:",
                "There is news about your case on Mina sidor:",
            ),
            K::CaseClosed => (
                "Your case is closed",
                "One of your cases is closed. Log in to Mina sidor to read the outcome:",
                "One of your cases is closed. Read the outcome on Mina sidor:",
            ),
            K::CaseReopened => (
                "Your case is being handled again",
                "One of your closed cases is being handled again. Log in to Mina sidor to see why:",
                "One of your cases is being handled again. See Mina sidor:",
            ),
            K::CosignatureRequested => (
                "You are asked to sign an application",
                "You have been asked to sign an application. Log in with BankID to see it and sign:",
                "You are asked to sign an application. Log in with BankID:",
            ),
            K::CosignatureReminder => (
                "Reminder: an application awaits your signature",
                "An application is still waiting for your signature. Log in with BankID to see it and sign:",
                "Reminder: an application awaits your signature. Log in with BankID:",
            ),
            K::CosignatureCompleted => (
                "Everyone has signed",
                "Everyone has now signed the application, and it has been submitted. Follow it on Mina sidor:",
                "Everyone has signed and the application is submitted. Follow it on Mina sidor:",
            ),
            K::CosignatureDeclined => (
                "A signature was declined",
                "Someone who was to sign the application has declined. It is back as a draft on Mina sidor:",
                "A signature was declined and the application is a draft again. See Mina sidor:",
            ),
            K::CosignatureExpired => (
                "The time for signatures has run out",
                "Not everyone signed the application in time. It is back as a draft on Mina sidor:",
                "The time for signatures has run out. The application is a draft again:",
            ),
            K::DraftExpiring => (
                "Your draft will soon be deleted",
                "One of your drafts will be deleted in a few days unless you continue with it. Continue on Mina sidor:",
                "One of your drafts will soon be deleted. Continue on Mina sidor:",
            ),
            K::TestNotice => (
                "Test notice from Mina sidor",
                "This is a test notice. This is how you will hear when something happens in your cases. Your settings are on Mina sidor:",
                "Test notice: this is how you will hear about your cases. Mina sidor:",
            ),
        },
    }
}

/// The built-in texts of `kind` in `language`.
#[must_use]
pub fn builtin(kind: NoticeKind, language: NoticeLanguage) -> NoticeTemplateTexts {
    let (subject, lead, sms) = builtin_parts(kind, language);
    let sign_off = match language {
        NoticeLanguage::Sv => SIGN_OFF_SV,
        NoticeLanguage::En => SIGN_OFF_EN,
    };
    let greeting = match language {
        NoticeLanguage::Sv => "Hej!",
        NoticeLanguage::En => "Hello,",
    };
    NoticeTemplateTexts {
        subject: subject.to_owned(),
        body: format!("{greeting}\n\n{lead}\n\n{{link}}\n\n{sign_off}"),
        sms: format!("{{municipality}}: {sms} {{link}}"),
    }
}

/// The texts in use: an administrator's, else the built-in ones.
///
/// # Errors
///
/// The database's.
pub async fn effective(
    db: &impl ConnectionTrait,
    kind: NoticeKind,
    language: NoticeLanguage,
) -> Result<(NoticeTemplateTexts, bool), sea_orm::DbErr> {
    let custom = notification_templates::Entity::find()
        .filter(notification_templates::Column::Kind.eq(kind.as_str()))
        .filter(notification_templates::Column::Language.eq(language.as_str()))
        .one(db)
        .await?;
    Ok(match custom {
        Some(row) => (
            NoticeTemplateTexts {
                subject: row.subject,
                body: row.body,
                sms: row.sms,
            },
            true,
        ),
        None => (builtin(kind, language), false),
    })
}

/// A template rule that an administrator's texts break: `(field, message, message_sv)`.
pub type TemplateProblem = (&'static str, &'static str, &'static str);

/// Checks an administrator's texts: only the known placeholders, and the link in both the
/// e-mail and the SMS.
#[must_use]
pub fn problems(texts: &NoticeTemplateTexts) -> Vec<TemplateProblem> {
    let mut found = Vec::new();
    for (field, text) in [
        ("subject", &texts.subject),
        ("body", &texts.body),
        ("sms", &texts.sms),
    ] {
        if !only_known_placeholders(text) {
            found.push((
                field,
                "Only {link} and {municipality} can be filled in; remove other { } parts.",
                "Bara {link} och {municipality} kan fyllas i; ta bort andra { }-delar.",
            ));
        }
    }
    if texts.subject.contains("{link}") {
        found.push((
            "subject",
            "The subject cannot contain the link.",
            "Ämnesraden kan inte innehålla länken.",
        ));
    }
    for (field, text) in [("body", &texts.body), ("sms", &texts.sms)] {
        if !text.contains("{link}") {
            found.push((
                field,
                "The text must contain {link}, the link to Mina sidor.",
                "Texten måste innehålla {link}, länken till Mina sidor.",
            ));
        }
    }
    found
}

fn only_known_placeholders(text: &str) -> bool {
    let mut rest = text.to_owned();
    for placeholder in PLACEHOLDERS {
        rest = rest.replace(placeholder, "");
    }
    !rest.contains('{') && !rest.contains('}')
}

/// A notice ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// E-mail subject.
    pub subject: String,
    /// E-mail text part.
    pub text: String,
    /// E-mail HTML part.
    pub html: String,
    /// The SMS.
    pub sms: String,
}

impl From<Rendered> for NoticePreview {
    fn from(rendered: Rendered) -> Self {
        Self {
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            sms: rendered.sms,
        }
    }
}

/// Fills in the link and the municipality's name.
#[must_use]
pub fn render(
    texts: &NoticeTemplateTexts,
    language: NoticeLanguage,
    link: &str,
    municipality: &str,
) -> Rendered {
    let fill = |text: &str| {
        text.replace("{municipality}", municipality)
            .replace("{link}", link)
    };
    let subject = fill(&texts.subject).replace(['\r', '\n'], " ");
    let text = fill(&texts.body);
    let anchor = format!("<a href=\"{href}\">{href}</a>", href = escape_html(link));
    let paragraphs: Vec<String> = texts
        .body
        .replace("\r\n", "\n")
        .split("\n\n")
        .filter(|paragraph| !paragraph.trim().is_empty())
        .map(|paragraph| {
            let escaped = escape_html(paragraph)
                .replace("{municipality}", &escape_html(municipality))
                .replace("{link}", &anchor)
                .replace('\n', "<br>\n");
            format!("<p>{escaped}</p>")
        })
        .collect();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n<body style=\"font-family: sans-serif; \
         line-height: 1.5; color: #1a1a1a; max-width: 40em;\">\n{body}\n</body>\n</html>\n",
        lang = language.as_str(),
        title = escape_html(&subject),
        body = paragraphs.join("\n"),
    );
    Rendered {
        subject,
        text,
        html,
        sms: fill(&texts.sms),
    }
}

/// Escapes text for HTML element content and attribute values.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_is_valid_and_renders_the_link() {
        for kind in NoticeKind::ALL {
            for language in [NoticeLanguage::Sv, NoticeLanguage::En] {
                let texts = builtin(kind, language);
                assert!(problems(&texts).is_empty(), "{kind:?} {language:?}");
                let rendered = render(&texts, language, "https://x.se/arenden/1", "Sala kommun");
                assert!(rendered.text.contains("https://x.se/arenden/1"));
                assert!(rendered.html.contains("href=\"https://x.se/arenden/1\""));
                assert!(rendered.sms.contains("https://x.se/arenden/1"));
                assert!(!rendered.subject.contains('{'));
                assert!(
                    rendered.sms.chars().count() <= 160,
                    "{kind:?} {language:?}: {}",
                    rendered.sms
                );
            }
        }
    }

    #[test]
    fn administrators_cannot_add_placeholders_or_drop_the_link() {
        let texts = NoticeTemplateTexts {
            subject: "Hej {name}".into(),
            body: "Inget här".into(),
            sms: "{link}".into(),
        };
        let found: Vec<&str> = problems(&texts).into_iter().map(|p| p.0).collect();
        assert_eq!(found, vec!["subject", "body"]);
    }

    #[test]
    fn html_is_escaped() {
        let texts = NoticeTemplateTexts {
            subject: "<b>".into(),
            body: "<script>x</script>\n\n{link}".into(),
            sms: "{link}".into(),
        };
        let rendered = render(&texts, NoticeLanguage::Sv, "https://x.se/?a=1&b=2", "A & B");
        assert!(rendered.html.contains("&lt;script&gt;"));
        assert!(rendered.html.contains("https://x.se/?a=1&amp;b=2"));
        assert!(!rendered.html.contains("<b>"));
    }
}
