//! The receipt shown right after submitting.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;
use crate::local_time;
use crate::pages::form::{FormHeading, Load, WhenLoaded, def_lang, set_document_title, use_form};

/// `/arenden/:id/kvitto`: the receipt, with the case number and a link to the case.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let ctx = use_form();
    let navigate = use_navigate();
    // A draft has no receipt yet: to its review page.
    Effect::new(move |_| {
        if ctx.load.get() == Load::Ready && ctx.is_draft() && !ctx.submitted_here.get() {
            navigate(
                &ctx.url("granska"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let draft = Memo::new(move |_| ctx.is_draft());
    view! {
        <WhenLoaded>
            {move || (!draft.get()).then(|| view! { <Receipt /> })}
        </WhenLoaded>
    }
}

#[component]
fn Receipt() -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let title = Signal::derive(move || t().receipt_title.to_owned());
    Effect::new(move |_| {
        let eservice = ctx
            .definition
            .with(|d| {
                d.as_ref()
                    .map(|d| d.title().get(def_lang(lang.get())).to_owned())
            })
            .unwrap_or_default();
        set_document_title(&format!("{} – {eservice}", t().receipt_title));
    });
    let number = move || {
        ctx.case
            .with(|c| c.as_ref().and_then(|c| c.case_number.clone()))
            .unwrap_or_default()
    };
    let submitted = move || {
        ctx.case.with(|c| {
            let at = c.as_ref()?.submitted_at.as_deref()?;
            let date = local_time::date_time_words(lang.get(), at)?;
            Some(t().receipt_submitted.replace("{date}", &date))
        })
    };
    let handling = move || {
        ctx.definition.with(|d| {
            let days = d.as_ref()?.settings().expected_handling_days?;
            Some(t().receipt_handling.replace("{days}", &days.to_string()))
        })
    };
    view! {
        <div class="receipt">
            <FormHeading text=title focus_instead=None />
            <div class="receipt__panel">
                <p class="ds-paragraph receipt__label">{move || t().receipt_number}</p>
                <p class="receipt__number case-number">{number}</p>
            </div>
            <p class="ds-paragraph">{submitted}</p>
            <p class="ds-paragraph">{handling}</p>
            <p class="ds-paragraph">{move || t().receipt_follow}</p>
            <p class="button-row">
                <a class="ds-button" data-variant="primary" href=ctx.url("")>
                    {move || t().receipt_case_link}
                </a>
                <A href="/mina-sidor" attr:class="ds-button" attr:data-variant="secondary">
                    {move || t().receipt_my_pages}
                </A>
            </p>
        </div>
    }
}
