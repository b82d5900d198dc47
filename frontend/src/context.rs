//! Reading the contexts the app provides (the language, the session, the site information, the
//! form's state).
//!
//! A context that is missing is a bug in how the app is put together (a component used outside
//! the provider, or a context read where there is no reactive owner, e.g. in a spawned task).
//! Debug builds fail loudly, naming the type; release builds log it and carry on with a
//! fallback, so that a citizen still gets a working page.

use leptos::prelude::*;

/// The context of type `T`; see the module documentation for what happens when it is missing.
pub fn expect_context_or<T: Clone + 'static>(fallback: impl FnOnce() -> T) -> T {
    use_context::<T>().unwrap_or_else(|| missing(std::any::type_name::<T>(), fallback))
}

#[cfg(debug_assertions)]
#[expect(
    clippy::panic,
    reason = "a missing context is a bug; debug builds must fail loudly instead of hiding it"
)]
fn missing<T>(name: &str, _fallback: impl FnOnce() -> T) -> T {
    panic!("no {name} in context: provide it in an enclosing component, and read it in one");
}

#[cfg(not(debug_assertions))]
fn missing<T>(name: &str, fallback: impl FnOnce() -> T) -> T {
    leptos::logging::error!("no {name} in context; using a fallback");
    fallback()
}
