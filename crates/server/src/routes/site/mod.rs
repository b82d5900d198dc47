//! Public facts about the installation.

pub mod get_site_info;
