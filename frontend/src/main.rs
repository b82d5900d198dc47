//! Mina sidor in the browser: a Leptos single-page application, built to WASM by Trunk and served
//! by the `mina-sidor` server together with the API.

mod action;
mod api;
mod app;
mod context;
mod forms_i18n;
mod i18n;
mod idle;
mod local_time;
mod page;
mod pages;
mod protected;
mod session;
mod site;
mod time;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
