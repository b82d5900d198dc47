//! The site information (the municipality's name, contacts, page texts) as it loads, shared
//! through context.

use api_types::SiteInfo;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::site::fetch_site;

/// The site information as it loads, shared through context.
#[derive(Clone, Copy)]
pub struct SiteContext(pub LocalResource<Result<SiteInfo, ApiError>>);

impl std::fmt::Debug for SiteContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteContext").finish_non_exhaustive()
    }
}

/// Starts loading the site information and puts it in context.
pub fn provide_site() -> LocalResource<Result<SiteInfo, ApiError>> {
    let site = LocalResource::new(fetch_site);
    provide_context(SiteContext(site));
    site
}

/// The site information as it loads (see [`crate::context`] for a missing context; the fallback
/// never loads).
pub fn use_site_context() -> SiteContext {
    crate::context::expect_context_or(|| SiteContext(LocalResource::new(std::future::pending)))
}

/// The site information once it has loaded; `None` while loading and after a failure.
pub fn use_site() -> Signal<Option<SiteInfo>> {
    let SiteContext(site) = use_site_context();
    Signal::derive(move || site.get()?.ok())
}
