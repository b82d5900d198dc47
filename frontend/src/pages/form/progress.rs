//! The progress indicator above every step and the review page.

use leptos::prelude::*;

use super::state::use_form;
use crate::forms_i18n::FormTexts;
use crate::i18n::{Lang, use_lang};

/// The progress indicator: an ordered list of the steps and the review page, the current one
/// marked with `aria-current="step"`; earlier steps are links.
#[component]
pub fn Progress(
    /// 1-based; the review page is one more than the number of steps.
    current: usize,
) -> impl IntoView {
    let ctx = use_form();
    let lang = use_lang();
    let t = move || FormTexts::get(lang.get());
    let titles = move || {
        let mut titles: Vec<(String, String)> = ctx
            .definition
            .with(|d| {
                d.as_ref().map(|d| {
                    d.steps()
                        .iter()
                        .map(|step| (step.title.sv.clone(), step.title.en.clone()))
                        .collect()
                })
            })
            .unwrap_or_default();
        titles.push((
            FormTexts::get(Lang::Sv).review_title.to_owned(),
            FormTexts::get(Lang::En).review_title.to_owned(),
        ));
        titles
    };
    view! {
        <nav class="form-progress" aria-label=move || t().progress_label>
            <ol class="form-progress__list">
                {move || {
                    let all = titles();
                    let total = all.len();
                    all.into_iter()
                        .enumerate()
                        .map(|(index, (sv, en))| {
                            let number = index + 1;
                            let title = move || lang.get().pick(sv.clone(), en.clone());
                            let state = if number < current {
                                "done"
                            } else if number == current {
                                "current"
                            } else {
                                "todo"
                            };
                            let href = if number == total {
                                ctx.url("granska")
                            } else {
                                ctx.step_url(number)
                            };
                            let body = if number < current {
                                view! {
                                    <a class="ds-link form-progress__link" href=href>
                                        {title}
                                        <span class="ds-sr-only">
                                            {move || format!(" ({})", t().step_done)}
                                        </span>
                                    </a>
                                }
                                    .into_any()
                            } else {
                                view! { <span class="form-progress__text">{title}</span> }
                                    .into_any()
                            };
                            view! {
                                <li
                                    class="form-progress__step"
                                    data-state=state
                                    aria-current=(number == current).then_some("step")
                                >
                                    <span class="form-progress__number" aria-hidden="true">
                                        {number}
                                    </span>
                                    {body}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
