//! `/mina-sidor/profil`: the citizen's contact details, used to prefill e-services and for
//! notifications: name (from BankID, read-only), e-mail, mobile number, postal address and the
//! channels for notifications.
//!
//! - this module: the page;
//! - [`inputs`]: the inputs as typed, and the request they make;
//! - [`test_notice`]: the button that sends a test notice;
//! - [`texts`]: the texts in both languages.

mod inputs;
mod test_notice;
mod texts;

use api_types::{NoticeLanguage, ProfileResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use self::inputs::{Inputs, input_id};
use self::texts::{Texts, texts};
use crate::api::ApiError;
use crate::api::profile;
use crate::i18n::use_lang;
use crate::page::PageHeading;
use crate::pages::form::{ErrorSummary, ShownError, SummaryItem, focus_error_summary};
use crate::session;

/// The profile page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || texts(lang.get());
    let is_logged_in = session::is_logged_in();
    let inputs = Inputs::new();
    let profile = RwSignal::new(None::<Result<ProfileResponse, ApiError>>);
    let errors = RwSignal::new(Vec::<ShownError>::new());
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let failed = RwSignal::new(false);

    Effect::new(move |loaded: Option<bool>| {
        if loaded == Some(true) || !is_logged_in.get() {
            return loaded.unwrap_or(false);
        }
        spawn_local(async move {
            let answer = profile::get_profile().await;
            if let Ok(p) = &answer {
                inputs.fill(p);
            }
            let _ = profile.try_set(Some(answer));
        });
        true
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        saved.set(false);
        failed.set(false);
        let request = inputs.request();
        spawn_local(async move {
            match profile::update_profile(&request).await {
                Ok(updated) => {
                    inputs.fill(&updated);
                    let _ = errors.try_set(Vec::new());
                    let _ = saved.try_set(true);
                }
                Err(ApiError::Problem(problem)) if problem.code == "validation_failed" => {
                    let _ =
                        errors.try_set(problem.errors.iter().map(ShownError::from_field).collect());
                    focus_error_summary();
                }
                Err(error) => {
                    leptos::logging::warn!("PUT /api/v1/profile failed: {error}");
                    let _ = failed.try_set(true);
                }
            }
            let _ = saving.try_set(false);
        });
    };

    let summary = Signal::derive(move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|e| {
                    let id = input_id(&e.field);
                    SummaryItem {
                        target: Some(id.to_owned()),
                        href: format!("#{id}"),
                        sv: e.sv.clone(),
                        en: e.en.clone(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // The first error of each input.
    let error_of = move |id: &'static str| {
        move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| input_id(&e.field) == id)
                    .map(|e| e.text(lang.get()).to_owned())
            })
        }
    };

    let text_field = move |id: &'static str,
                           label: fn(&Texts) -> &'static str,
                           help: Option<fn(&Texts) -> &'static str>,
                           input_type: &'static str,
                           autocomplete: &'static str,
                           value: RwSignal<String>| {
        let error = error_of(id);
        let help_id = format!("{id}-help");
        let error_id = format!("{id}-error");
        let described = {
            let help_id = help_id.clone();
            let error_id = error_id.clone();
            move || {
                let mut ids = Vec::new();
                if help.is_some() {
                    ids.push(help_id.clone());
                }
                if error().is_some() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        let invalid = { move || error().is_some().then_some("true") };
        view! {
            <div class="ds-field form-field">
                <label class="ds-label" for=id>
                    {move || label(t())}
                </label>
                {help
                    .map(|help| {
                        view! {
                            <p class="ds-paragraph form-field__help" data-field="description" id=help_id.clone()>
                                {move || help(t())}
                            </p>
                        }
                    })}
                {move || {
                    error()
                        .map(|text| {
                            view! {
                                <p class="ds-validation-message form-field__error" id=error_id.clone()>
                                    {text}
                                </p>
                            }
                        })
                }}
                <input
                    class="ds-input"
                    type=input_type
                    id=id
                    autocomplete=autocomplete
                    prop:value=move || value.get()
                    aria-describedby=described
                    aria-invalid=invalid
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    let form = move || {
        let name = match profile.get()? {
            Ok(p) => format!("{} {}", p.given_name, p.surname),
            Err(_) => {
                return Some(
                    view! {
                        <div class="ds-alert page-alert" data-color="danger" role="alert">
                            <p class="ds-paragraph">{move || t().load_error}</p>
                        </div>
                    }
                    .into_any(),
                );
            }
        };
        Some(view! {
            <form class="profile-form" novalidate on:submit=on_submit>
                <div class="ds-field form-field">
                    <label class="ds-label" for="profile-name">
                        {move || t().name}
                    </label>
                    <p class="ds-paragraph form-field__help" data-field="description" id="profile-name-help">
                        {move || t().name_help}
                    </p>
                    <input
                        class="ds-input"
                        type="text"
                        id="profile-name"
                        readonly
                        prop:value=name
                        aria-describedby="profile-name-help"
                    />
                </div>
                {text_field("profile-email", |t| t.email, Some(|t| t.email_help), "email", "email", inputs.email)}
                {text_field("profile-phone", |t| t.phone, Some(|t| t.phone_help), "tel", "tel", inputs.phone)}
                <fieldset class="ds-fieldset form-field form-address" aria-describedby="profile-address-help">
                    <legend class="ds-label">{move || t().address}</legend>
                    <p class="ds-paragraph form-field__help" data-field="description" id="profile-address-help">
                        {move || t().address_help}
                    </p>
                    {text_field("profile-street", |t| t.street, None, "text", "street-address", inputs.street)}
                    <div class="form-address__short">
                        {text_field("profile-postal-code", |t| t.postal_code, None, "text", "postal-code", inputs.postal_code)}
                    </div>
                    {text_field("profile-city", |t| t.city, None, "text", "address-level2", inputs.city)}
                </fieldset>
                <fieldset class="ds-fieldset form-field" aria-describedby="profile-notify-help">
                    <legend class="ds-label">{move || t().notify}</legend>
                    <p class="ds-paragraph form-field__help" data-field="description" id="profile-notify-help">
                        {move || t().notify_help}
                    </p>
                    <div class="form-choices">
                        <div class="ds-field form-choice">
                            <input
                                class="ds-input"
                                type="checkbox"
                                id="profile-notify-email"
                                prop:checked=move || inputs.notify_email.get()
                                on:change=move |ev| inputs.notify_email.set(event_target_checked(&ev))
                            />
                            <label class="ds-label" data-weight="regular" for="profile-notify-email">
                                {move || t().notify_email}
                            </label>
                        </div>
                        <div class="ds-field form-choice">
                            <input
                                class="ds-input"
                                type="checkbox"
                                id="profile-notify-sms"
                                prop:checked=move || inputs.notify_sms.get()
                                on:change=move |ev| inputs.notify_sms.set(event_target_checked(&ev))
                            />
                            <label class="ds-label" data-weight="regular" for="profile-notify-sms">
                                {move || t().notify_sms}
                            </label>
                        </div>
                    </div>
                </fieldset>
                <fieldset class="ds-fieldset form-field">
                    <legend class="ds-label">{move || t().language}</legend>
                    <div class="form-choices">
                        {[(NoticeLanguage::Sv, "profile-language-sv", "Svenska"), (NoticeLanguage::En, "profile-language-en", "English")]
                            .into_iter()
                            .map(|(language, id, label)| {
                                view! {
                                    <div class="ds-field form-choice">
                                        <input
                                            class="ds-input"
                                            type="radio"
                                            name="profile-language"
                                            id=id
                                            prop:checked=move || inputs.language.get() == language
                                            on:change=move |_| inputs.language.set(language)
                                        />
                                        <label class="ds-label" data-weight="regular" for=id lang=language.as_str()>
                                            {label}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="button-row">
                    <button
                        type="submit"
                        class="ds-button"
                        data-variant="primary"
                        aria-disabled=move || saving.get().then_some("true")
                    >
                        {move || if saving.get() { t().saving } else { t().save }}
                    </button>
                </div>
            </form>
        }.into_any())
    };

    view! {
        <PageHeading title=|lang| texts(lang).title />
        {move || {
            (!summary.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <ErrorSummary
                            items=summary
                            heading=Signal::derive(move || t().error_heading.to_owned())
                        />
                    }
                })
        }}
        <p class="ds-paragraph lead">{move || t().intro}</p>
        {move || {
            profile
                .with(Option::is_none)
                .then(|| view! { <p class="ds-paragraph" role="status">{move || t().loading}</p> })
        }}
        {form}
        <p class="ds-paragraph profile-status" role="status">
            {move || saved.get().then(|| t().saved)}
        </p>
        <div role="alert">
            {move || {
                failed
                    .get()
                    .then(|| {
                        view! {
                            <div class="ds-alert page-alert" data-color="danger">
                                <p class="ds-paragraph">{move || t().save_error}</p>
                            </div>
                        }
                    })
            }}
        </div>
        {move || {
            profile
                .with(|p| matches!(p, Some(Ok(_))))
                .then(|| view! { <test_notice::TestNotice /> })
        }}
        <p class="ds-paragraph">
            <A href="/mina-sidor" attr:class="ds-link">
                {move || t().back}
            </A>
        </p>
    }
}
