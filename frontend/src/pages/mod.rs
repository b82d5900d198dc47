//! One module per page.

pub mod accessibility;
pub mod home;
pub mod login;
pub mod my_pages;
pub mod not_found;
pub mod privacy;
