//! Leptos actions for flows that wait a long time (a BankID login or signature).
//!
//! A running action future keeps the reactive owner the action was created in alive (Leptos runs
//! it inside that owner). Created in a page's own owner, a flow that polls until it is aborted
//! would keep the page from being cleaned up when it is left, and so never be aborted. These
//! actions get an owner of their own instead, a child kept by the page: leaving the page cleans
//! the page up, its cleanup aborts the run, and the run lets go of its owner.

use std::future::Future;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;

/// An action (`Action::new_local`) in an owner of its own; see the module documentation.
pub fn long_running<I, O, Fu>(action_fn: impl Fn(&I) -> Fu + 'static) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    Fu: Future<Output = O> + 'static,
{
    let owner = Owner::new();
    let action = owner.with(|| Action::new_local(action_fn));
    // Kept (and released) with the calling component.
    StoredValue::new(owner);
    action
}
