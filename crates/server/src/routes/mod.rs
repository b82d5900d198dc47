//! HTTP handlers, one file per action. `configure_api` registers each route together with its
//! OpenAPI entry, so a route cannot exist without documentation.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod admin;
pub mod auth;
pub mod cases;
pub mod eservices;
pub mod health;
pub mod notifications;
pub mod officer;
pub mod profile;
pub mod session;
pub mod signing;
pub mod site;
pub mod staff;
pub mod validation;

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
        .service(profile::update_profile::update_profile)
        .service(eservices::list_eservices::list_eservices)
        .service(eservices::get_eservice::get_eservice)
        .service(eservices::get_eservice_version::get_eservice_version)
        .service(eservices::import_eservice::import_eservice)
        .service(cases::create_draft::create_draft)
        .service(cases::list_cases::list_cases)
        .service(cases::get_case::get_case)
        .service(cases::save_draft::save_draft)
        .service(cases::validate_draft::validate_draft)
        .service(cases::delete_draft::delete_draft)
        .service(cases::submit_draft::submit_draft)
        .service(cases::upload_attachment::upload_attachment)
        .service(cases::delete_attachment::delete_attachment)
        .service(cases::download_attachment::download_attachment)
        .service(signing::start_signing::start_signing)
        .service(signing::get_signing_qr::get_signing_qr)
        .service(signing::get_signing_qr_svg::get_signing_qr_svg)
        .service(signing::collect_signing::collect_signing)
        .service(signing::cancel_signing::cancel_signing)
        .service(cases::list_messages::list_messages)
        .service(cases::post_message::post_message)
        .service(cases::mark_messages_read::mark_messages_read)
        .service(cases::upload_message_attachment::upload_message_attachment)
        .service(cases::download_message_attachment::download_message_attachment)
        .service(staff::staff_login::staff_login)
        .service(staff::get_staff_session::get_staff_session)
        .service(staff::end_staff_session::end_staff_session)
        .service(staff::start_oidc_login::start_oidc_login)
        .service(staff::finish_oidc_login::finish_oidc_login)
        .service(staff::list_colleagues::list_colleagues)
        .service(officer::list_queue::list_queue)
        .service(officer::get_officer_case::get_officer_case)
        .service(officer::assign_case::assign_case)
        .service(officer::start_case::start_case)
        .service(officer::publish_status_note::publish_status_note)
        .service(officer::close_case::close_case)
        .service(officer::reopen_case::reopen_case)
        .service(officer::post_officer_message::post_officer_message)
        .service(officer::mark_officer_messages_read::mark_officer_messages_read)
        .service(officer::add_note::add_note)
        .service(officer::upload_officer_message_attachment::upload_officer_message_attachment)
        .service(officer::download_case_attachment::download_case_attachment)
        .service(officer::download_officer_message_attachment::download_officer_message_attachment)
        .service(admin::list_audit::list_audit)
        .service(admin::list_outbox::list_outbox)
        .service(admin::list_notice_templates::list_notice_templates)
        .service(admin::update_notice_template::update_notice_template)
        .service(admin::reset_notice_template::reset_notice_template)
        .service(admin::preview_notice_template::preview_notice_template)
        .service(cases::list_case_notices::list_case_notices)
        .service(profile::send_test_notice::send_test_notice)
        .service(notifications::report_delivery::report_delivery);
}

/// Routes at the root (probes for load balancers and orchestrators).
pub fn configure_probes(config: &mut ServiceConfig) {
    config
        .service(health::livez::livez)
        .service(health::readyz::readyz);
}
