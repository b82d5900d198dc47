//! HTTP handlers, one file per action. `configure_api` registers each route together with its
//! OpenAPI entry, so a route cannot exist without documentation.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod auth;
pub mod health;
pub mod profile;
pub mod session;
pub mod site;

/// Routes under `/api/v1`.
pub fn configure_api(config: &mut ServiceConfig) {
    config
        .service(site::get_site_info::get_site_info)
        .service(auth::start_bankid_login::start_bankid_login)
        .service(auth::get_bankid_qr::get_bankid_qr)
        .service(auth::get_bankid_qr_svg::get_bankid_qr_svg)
        .service(auth::collect_bankid_login::collect_bankid_login)
        .service(auth::cancel_bankid_login::cancel_bankid_login)
        .service(session::get_session::get_session)
        .service(session::refresh_session::refresh_session)
        .service(session::end_session::end_session)
        .service(profile::get_profile::get_profile)
        .service(profile::update_profile::update_profile);
}

/// Routes at the root (probes for load balancers and orchestrators).
pub fn configure_probes(config: &mut ServiceConfig) {
    config
        .service(health::livez::livez)
        .service(health::readyz::readyz);
}
