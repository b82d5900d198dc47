//! One module per page.

pub mod accessibility;
pub mod case;
pub mod eservices;
pub mod fields;
pub mod form;
pub mod home;
pub mod login;
pub mod my_pages;
pub mod not_found;
pub mod officer;
pub mod privacy;
pub mod profile;
pub mod review;
