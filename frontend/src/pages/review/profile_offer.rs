//! The offer to save changed contact details in the profile: which answers differ from the
//! profile, and the profile as the shared prefill rules read it.

use std::sync::Arc;

use api_types::ProfileResponse;
use eservice::{EServiceDefinition, ProfileBinding, ProfileValues};
use leptos::prelude::*;
use serde_json::Value;

use super::flow::Flow;
use crate::forms_i18n::FormTexts;
use crate::i18n::use_lang;
use crate::pages::case::answer_lines;

/// The profile as the shared prefill rules read it.
pub(super) fn profile_values(profile: &ProfileResponse) -> ProfileValues {
    ProfileValues {
        email: profile.email.clone(),
        phone: profile.phone.clone(),
        postal_address: profile
            .postal_address
            .as_ref()
            .map(|address| eservice::PostalAddress {
                street: address.street.clone(),
                postal_code: address.postal_code.clone(),
                city: address.city.clone(),
            }),
        given_name: Some(profile.given_name.clone()),
        surname: Some(profile.surname.clone()),
    }
}

/// The answer of the first visible field bound to this profile value.
pub(super) fn bound_answer(
    definition: &eservice::EServiceDefinition,
    answers: &eservice::Answers,
    binding: ProfileBinding,
) -> Option<Value> {
    eservice::visible_fields(definition, answers)
        .into_iter()
        .find(|field| field.prefill == Some(binding))
        .and_then(|field| answers.get(&field.id).cloned())
}

/// "Save the changes in your profile?": the answers that differ from the profile, with a
/// checkbox; nothing when there is no difference.
#[component]
pub(super) fn ProfileOffer(definition: Arc<EServiceDefinition>, flow: Flow) -> impl IntoView {
    let ctx = flow.ctx;
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let differences = {
        let definition = definition.clone();
        Memo::new(move |_| {
            let Some(profile) = flow.profile.get() else {
                return Vec::new();
            };
            ctx.answers.with(|answers| {
                eservice::profile_differences(&definition, answers, &profile_values(&profile))
                    .into_iter()
                    .filter(|binding| {
                        matches!(
                            binding,
                            ProfileBinding::Email
                                | ProfileBinding::Phone
                                | ProfileBinding::PostalAddress
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    move || {
        let list = differences.get();
        if list.is_empty() {
            return None;
        }
        let lang_now = lang.get();
        let answers = ctx.answers.get_untracked();
        let items = list
            .into_iter()
            .map(|binding| {
                let name = match binding {
                    ProfileBinding::Email => t().binding_email,
                    ProfileBinding::Phone => t().binding_phone,
                    ProfileBinding::PostalAddress => t().binding_address,
                    _ => t().binding_name,
                };
                let value = definition
                    .fields()
                    .find(|f| f.prefill == Some(binding))
                    .and_then(|field| {
                        bound_answer(&definition, &answers, binding)
                            .map(|v| answer_lines(field, &v, &[], lang_now).join(", "))
                    })
                    .unwrap_or_default();
                view! {
                    <li>
                        <span class="profile-diff__name">{format!("{name}: ")}</span>
                        {value}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section aria-labelledby="profile-diff-heading" class="review-section profile-diff">
                <h2 id="profile-diff-heading" class="ds-heading" data-size="sm">
                    {move || t().profile_heading}
                </h2>
                <p class="ds-paragraph">{move || t().profile_intro}</p>
                <ul class="ds-list">{items}</ul>
                <div class="ds-field form-choice">
                    <input
                        class="ds-input"
                        type="checkbox"
                        id="update-profile"
                        prop:checked=move || flow.update_profile.get()
                        on:change=move |ev| flow.update_profile.set(event_target_checked(&ev))
                    />
                    <label class="ds-label" data-weight="regular" for="update-profile">
                        {move || t().profile_update}
                    </label>
                </div>
            </section>
        })
    }
}
