//! File uploads: choosing files, uploading each as it is chosen, the list of uploaded files
//! with "Remove", and messages about size, type and count.

use api_types::AttachmentResponse;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::Common;
use crate::api::ApiError;
use crate::api::cases;
use crate::forms_i18n::{FormTexts, format_size};
use crate::i18n::Lang;
use crate::pages::form::{FormCtx, field_dom_id, focus_id};

/// A message about a file, in both languages once drawn.
#[derive(Debug, Clone, PartialEq)]
enum FileMessage {
    Uploading(String),
    Uploaded(String),
    Removed(String),
    TooLarge(String),
    WrongType(String),
    TooMany,
    /// The server's own words (the draft's total size).
    Said {
        sv: String,
        en: String,
    },
    UploadFailed(String),
    RemoveFailed,
}

impl FileMessage {
    fn text(&self, lang: Lang, max_size: u64, max_count: u32, types: &str) -> String {
        let t = FormTexts::get(lang);
        match self {
            FileMessage::Uploading(name) => t.uploading.replace("{name}", name),
            FileMessage::Uploaded(name) => t.uploaded.replace("{name}", name),
            FileMessage::Removed(name) => t.removed.replace("{name}", name),
            FileMessage::TooLarge(name) => t
                .file_too_large
                .replace("{name}", name)
                .replace("{max}", &format_size(lang, max_size)),
            FileMessage::WrongType(name) => t
                .file_wrong_type
                .replace("{name}", name)
                .replace("{types}", types),
            FileMessage::TooMany => t.too_many_files.replace("{max}", &max_count.to_string()),
            FileMessage::Said { sv, en } => lang.pick(sv, en).clone(),
            FileMessage::UploadFailed(name) => t.upload_failed.replace("{name}", name),
            FileMessage::RemoveFailed => t.remove_failed.to_owned(),
        }
    }

    fn from_upload_error(error: &ApiError, name: String) -> FileMessage {
        match error.problem().map(|p| p.code.as_str()) {
            Some("payload_too_large") => FileMessage::TooLarge(name),
            Some("unsupported_file_type") => FileMessage::WrongType(name),
            Some("too_many_files") => FileMessage::TooMany,
            Some("draft_files_too_large") => match error.problem() {
                Some(p) => FileMessage::Said {
                    sv: p.detail_sv.clone(),
                    en: p.detail.clone(),
                },
                None => FileMessage::UploadFailed(name),
            },
            _ if error.status() == Some(413) => FileMessage::TooLarge(name),
            _ if error.status() == Some(415) => FileMessage::WrongType(name),
            _ => FileMessage::UploadFailed(name),
        }
    }
}

/// Short names of accepted types, e.g. "JPEG, PNG".
pub(super) fn type_names(accept: &[String]) -> String {
    accept
        .iter()
        .map(|mime| match mime.as_str() {
            "image/jpeg" => "JPEG".to_owned(),
            "image/png" => "PNG".to_owned(),
            "image/heic" => "HEIC".to_owned(),
            "application/pdf" => "PDF".to_owned(),
            other => other
                .rsplit('/')
                .next()
                .unwrap_or(other)
                .to_ascii_uppercase(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn file_ids(ctx: FormCtx, field: &str) -> Vec<String> {
    match ctx.answer_untracked(field) {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn file_upload(
    common: Common,
    accept: Vec<String>,
    max_size: u64,
    max_count: u32,
) -> AnyView {
    let ctx = common.ctx;
    let lang = common.lang;
    let t = move || FormTexts::get(lang.get());
    let id = common.field.id.clone();
    let types = type_names(&accept);
    let input_ref = NodeRef::<Input>::new();
    // The polite status (uploading, uploaded, removed) and the alert (a file refused).
    let status = RwSignal::new(None::<FileMessage>);
    let problem = RwSignal::new(None::<FileMessage>);
    let busy = RwSignal::new(false);

    let files = {
        let id = id.clone();
        Memo::new(move |_| {
            let ids: Vec<String> = ctx.answers.with(|answers| match answers.get(&id) {
                Some(Value::Array(values)) => values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            });
            ctx.attachments.with(|attachments| {
                ids.iter()
                    .filter_map(|file_id| {
                        attachments
                            .iter()
                            .find(|a| a.id == *file_id.as_str())
                            .cloned()
                            .or_else(|| {
                                // A file the case no longer lists: shown by its id, so the
                                // citizen can remove it (the server refuses it at submit).
                                Some(AttachmentResponse {
                                    id: file_id.parse().ok()?,
                                    field_id: String::new(),
                                    file_name: file_id.clone(),
                                    content_type: String::new(),
                                    size_bytes: 0,
                                })
                            })
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let on_change = {
        let id = id.clone();
        move |_| {
            let Some(input) = input_ref.get() else {
                return;
            };
            let Some(list) = input.files() else {
                return;
            };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            if chosen.is_empty() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                let case_id = ctx.case_id.get_untracked();
                for file in chosen {
                    let name = file.name();
                    if file_ids(ctx, &id).len() >= max_count as usize {
                        let _ = problem.try_set(Some(FileMessage::TooMany));
                        break;
                    }
                    let _ = status.try_set(Some(FileMessage::Uploading(name.clone())));
                    match cases::upload_attachment(&case_id, &id, &file).await {
                        Ok(attachment) => {
                            if ctx
                                .attachments
                                .try_update(|list| list.push(attachment.clone()))
                                .is_none()
                            {
                                return;
                            }
                            let mut ids = file_ids(ctx, &id);
                            ids.push(attachment.id.to_string());
                            ctx.set_answer(
                                &id,
                                Value::Array(ids.into_iter().map(Value::String).collect()),
                            );
                            let _ =
                                status.try_set(Some(FileMessage::Uploaded(attachment.file_name)));
                        }
                        Err(error) => {
                            leptos::logging::warn!("upload failed: {error}");
                            let _ = status.try_set(None);
                            let _ =
                                problem.try_set(Some(FileMessage::from_upload_error(&error, name)));
                        }
                    }
                }
                if let Some(input) = input_ref.get_untracked() {
                    input.set_value("");
                }
                let _ = busy.try_set(false);
                ctx.save_now().await;
            });
        }
    };

    let remove = {
        let id = id.clone();
        move |attachment: AttachmentResponse| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let id = id.clone();
            spawn_local(async move {
                let case_id = ctx.case_id.get_untracked();
                match cases::delete_attachment(&case_id, &attachment.id.to_string()).await {
                    Ok(()) => {
                        let ids: Vec<Value> = file_ids(ctx, &id)
                            .into_iter()
                            .filter(|file_id| attachment.id != *file_id.as_str())
                            .map(Value::String)
                            .collect();
                        ctx.attachments
                            .update(|list| list.retain(|a| a.id != attachment.id));
                        ctx.set_answer(&id, Value::Array(ids));
                        status.set(Some(FileMessage::Removed(attachment.file_name.clone())));
                        focus_id(&field_dom_id(&id));
                        ctx.save_now().await;
                    }
                    Err(error) => {
                        leptos::logging::warn!("removing a file failed: {error}");
                        let _ = problem.try_set(Some(FileMessage::RemoveFailed));
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    let upload_error_id = format!("{}-upload-error", common.ids.input);
    let described_by = {
        let base = common.described_by();
        let upload_error_id = upload_error_id.clone();
        move || {
            let mut ids: Vec<String> = base().into_iter().collect();
            if problem.with(Option::is_some) {
                ids.push(upload_error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = {
        let base = common.invalid();
        move || base().or_else(|| problem.with(Option::is_some).then_some("true"))
    };
    let list_label_id = format!("{}-files", common.ids.input);
    let multiple = max_count > 1;
    let types_for_status = types.clone();
    let types_for_problem = types.clone();

    view! {
        <div class="ds-field form-field form-files">
            <label class="ds-label" for=common.ids.input.clone()>
                {common.label()}
            </label>
            {common.help()}
            {common.error_message()}
            <div role="alert" id=upload_error_id class="form-files__problem">
                {move || {
                    problem
                        .get()
                        .map(|message| {
                            let types = types_for_problem.clone();
                            view! {
                                <p class="ds-validation-message">
                                    {move || message.text(lang.get(), max_size, max_count, &types)}
                                </p>
                            }
                        })
                }}
            </div>
            <input
                class="ds-input form-files__input"
                type="file"
                id=common.ids.input.clone()
                name=id.clone()
                accept=accept.join(",")
                multiple=multiple
                node_ref=input_ref
                aria-describedby=described_by
                aria-invalid=invalid
                aria-required=common.required()
                on:change=on_change
            />
            <p class="ds-paragraph form-files__count" data-size="sm">
                {move || {
                    crate::forms_i18n::file_count(lang.get(), files.with(Vec::len), max_count)
                }}
            </p>
            {move || {
                let list = files.get();
                (!list.is_empty())
                    .then(|| {
                        let remove = remove.clone();
                        view! {
                            <p class="ds-label form-files__heading" id=list_label_id.clone()>
                                {move || t().uploaded_files}
                            </p>
                            <ul class="form-files__list" aria-labelledby=list_label_id.clone()>
                                {list
                                    .into_iter()
                                    .map(|attachment| {
                                        let remove = remove.clone();
                                        let name = attachment.file_name.clone();
                                        let size = attachment.size_bytes;
                                        let href = cases::attachment_url(&attachment.id.to_string());
                                        view! {
                                            <li class="form-files__item">
                                                <a class="ds-link form-files__name" href=href download="">
                                                    {name.clone()}
                                                </a>
                                                <span class="form-files__size">
                                                    {move || (size > 0).then(|| format!("({})", format_size(lang.get(), size)))}
                                                </span>
                                                <button
                                                    type="button"
                                                    class="ds-button form-files__remove"
                                                    data-variant="tertiary"
                                                    data-size="sm"
                                                    on:click=move |_| remove(attachment.clone())
                                                >
                                                    {move || t().remove_file.replace("{name}", &name)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            <p class="ds-paragraph form-files__status" role="status" data-size="sm">
                {move || status.get().map(|message| message.text(lang.get(), max_size, max_count, &types_for_status))}
            </p>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_types_have_short_names() {
        let accept = ["image/jpeg", "image/png", "application/pdf", "image/webp"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(type_names(&accept), "JPEG, PNG, PDF, WEBP");
    }
}
