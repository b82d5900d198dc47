//! Building and running the HTTP server. Tests start it the same way on port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::dev::{ServerHandle, ServiceFactory, ServiceRequest};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use api_types::{AccessibilityInfo, Localized, PrivacyInfo, SiteInfo};
use utoipa_actix_web::{AppExt, UtoipaApp};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::tokens::TokenKeys;
use crate::clock::{Clock, SystemClock};
use crate::config::{Environment, Settings};
use crate::error::{
    api_not_found, form_error_handler, json_error_handler, path_error_handler, query_error_handler,
};
use crate::security_headers::{api_headers, default_headers};
use crate::spa::{self, SpaIndex};
use crate::state::AppState;
use crate::{db, openapi, request_id, routes};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Database connection or migration.
    #[error(transparent)]
    Database(#[from] db::DbSetupError),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// host:port
        address: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The BankID client could not be set up (certificate, password, CA, URL).
    #[error("BankID: {0}")]
    BankId(#[from] bankid::BankIdError),
    /// The demo e-services could not be loaded.
    #[error("loading the demo e-services failed: {0}")]
    DemoData(String),
    /// The attachment folder cannot be used.
    #[error("cannot use the attachment folder {dir}: {source}")]
    Storage {
        /// The folder.
        dir: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The S3 object store cannot be used (settings, or the bucket does not answer).
    #[error(transparent)]
    ObjectStore(#[from] crate::storage::s3::S3SetupError),
    /// The mail server or SMS gateway settings cannot be used.
    #[error("notifications: {0}")]
    Notify(String),
    /// The OpenAPI document could not be rendered.
    #[error("cannot render the OpenAPI document: {0}")]
    OpenApi(#[from] serde_json::Error),
}

/// A started server, not yet awaited.
pub struct Application {
    port: u16,
    server: actix_web::dev::Server,
    state: AppState,
    drain: Duration,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

/// Registers every documented route (the OpenAPI document is collected from the same call).
pub fn register_routes<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<
            ServiceRequest,
            Config = (),
            Error = actix_web::Error,
            InitError = (),
            Response = actix_web::dev::ServiceResponse<actix_web::body::BoxBody>,
        >,
{
    app.configure(routes::configure_probes).service(
        utoipa_actix_web::scope("/api/v1")
            .wrap(api_headers())
            .configure(routes::configure_api)
            .default_service(web::to(crate::routing::api_fallback)),
    )
}

/// The public facts the SPA shows, from the settings.
fn site_info(settings: &Settings) -> SiteInfo {
    let m = &settings.municipality;
    SiteInfo {
        municipality_name: m.name.clone(),
        contact_email: m.contact_email.clone(),
        privacy: PrivacyInfo {
            controller: m.controller.clone(),
            dpo_email: m.dpo_email.clone(),
            purposes: Localized {
                sv: m.purposes_sv.clone(),
                en: m.purposes_en.clone(),
            },
            legal_basis: Localized {
                sv: m.legal_basis_sv.clone(),
                en: m.legal_basis_en.clone(),
            },
            retention: Localized {
                sv: m.retention_sv.clone(),
                en: m.retention_en.clone(),
            },
            policy_url: m.privacy_policy_url.clone(),
        },
        accessibility: AccessibilityInfo {
            contact_email: m.accessibility_contact_email.clone(),
            reviewed: m.accessibility_reviewed.clone(),
            known_issues: Localized {
                sv: m.accessibility_known_issues_sv.clone(),
                en: m.accessibility_known_issues_en.clone(),
            },
        },
        staff_oidc_login: settings.oidc.issuer_url.is_some(),
    }
}

/// The BankID client: the configured service, else the built-in simulator on this server, else
/// BankID's production service. Mutual TLS when a certificate is configured.
fn bankid_client(settings: &Settings, port: u16) -> Result<bankid::BankIdClient, StartupError> {
    let base_url = match &settings.bankid.base_url {
        Some(url) => url.clone(),
        None if settings.bankid_simulator_enabled() => {
            // The server calls its own simulator over HTTP, exactly as it would call BankID.
            format!("http://127.0.0.1:{port}/bankid-sim/rp/v6.0/")
        }
        None => bankid::certs::PRODUCTION_BASE_URL.to_owned(),
    };
    let mut config = bankid::ClientConfig::new(base_url.clone());
    if let Some(pkcs12_path) = &settings.bankid.pkcs12_path {
        let pkcs12 = std::fs::read(pkcs12_path).map_err(|error| {
            bankid::BankIdError::Config(format!(
                "APP__BANKID__PKCS12_PATH {}: {error}",
                pkcs12_path.display()
            ))
        })?;
        let root = match &settings.bankid.ca_pem_path {
            Some(path) => std::fs::read(path).map_err(|error| {
                bankid::BankIdError::Config(format!(
                    "APP__BANKID__CA_PEM_PATH {}: {error}",
                    path.display()
                ))
            })?,
            None if base_url == bankid::certs::TEST_BASE_URL => {
                bankid::certs::TEST_ROOT_CA_PEM.as_bytes().to_vec()
            }
            None => bankid::certs::PRODUCTION_ROOT_CA_PEM.as_bytes().to_vec(),
        };
        config = config.with_tls(bankid::TlsConfig::new(
            pkcs12,
            settings.bankid.pkcs12_password.clone().unwrap_or_default(),
            root,
        ));
    }
    Ok(bankid::BankIdClient::new(config)?)
}

/// The configured secret, or in development a random one for this process (`check` refuses a
/// missing secret in production).
fn jwt_secret(settings: &Settings) -> Vec<u8> {
    match &settings.auth.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => {
            let mut secret = uuid::Uuid::new_v4().as_bytes().to_vec();
            secret.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
            secret
        }
    }
}

/// The API reference needs inline styles (Swagger UI sets them); its scripts are local files.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data:; object-src 'none'; base-uri 'none'; \
                        frame-ancestors 'none'";

impl Application {
    /// Connects, migrates (when configured), binds and starts serving, on the system clock.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// As [`Application::build`], with a given clock (tests move time with a `ManualClock`).
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, StartupError> {
        let mut db = db::connect(&settings.database).await?;
        // Every statement is counted (one atomic add), for tests that keep requests cheap.
        let statements = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = Arc::clone(&statements);
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        db::check_schema(&db, &settings.database).await?;
        if settings.database.auto_migrate {
            db::migrate(&db, &settings.database).await?;
            if settings.demo_data_enabled() {
                crate::eservices::load_demo(&db, clock.now())
                    .await
                    .map_err(|error| StartupError::DemoData(error.to_string()))?;
                crate::staff::demo::load(&db, clock.now())
                    .await
                    .map_err(|error| StartupError::DemoData(error.to_string()))?;
            }
            crate::cases::backfill_officer_groups(&db)
                .await
                .map_err(|error| StartupError::DemoData(error.to_string()))?;
        }
        let blobs = crate::storage::from_settings(&settings.storage).await?;
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let listener = TcpListener::bind(&address).map_err(|source| StartupError::Bind {
            address: address.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind {
                address: address.clone(),
                source,
            })?
            .port();

        let simulator = if settings.bankid_simulator_enabled() {
            crate::dev_simulator::start(Duration::from_secs_f64(
                settings.bankid.simulator_step_seconds,
            ))
        } else {
            None
        };
        let bankid = bankid_client(&settings, port)?;
        let secret = jwt_secret(&settings);
        let notifier =
            crate::notify::worker::Notifier::from_settings(&settings, port, &db, &secret)
                .map_err(StartupError::Notify)?;

        let settings = Arc::new(settings);
        let rate_limits = Arc::new(crate::rate_limit::RateLimits::from_settings(
            &settings.rate_limit,
            &db,
        ));
        let state = AppState {
            bankid,
            blobs,
            db,
            site_info: Arc::new(site_info(&settings)),
            settings: Arc::clone(&settings),
            accepting: Arc::new(AtomicBool::new(true)),
            clock,
            token_keys: Arc::new(TokenKeys::from_secret(&secret)),
            rate_limits,
            statements,
            notifier: Arc::new(notifier),
            upload_slots: Arc::new(tokio::sync::Semaphore::new(
                usize::try_from(settings.storage.concurrent_uploads.max(1)).unwrap_or(8),
            )),
        };
        crate::notify::worker::spawn(state.clone());
        crate::cases::retention::spawn_expiry_task(
            state.clone(),
            Duration::from_secs(settings.database.draft_expiry_interval_seconds),
        );
        let spa_index = web::Data::new(SpaIndex::load(&settings.server.static_dir));
        let document = openapi::document();
        let route_table = web::Data::new(crate::routing::RouteTable::from_document(&document));
        let production = settings.environment == Environment::Production;
        let dev_outbox = settings.mailbox_enabled();
        let data = web::Data::new(state.clone());

        let server = HttpServer::new(move || {
            let (app, _) = register_routes(App::new().into_utoipa_app()).split_for_parts();
            let docs =
                SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", document.clone());
            let mut app = app
                .app_data(data.clone())
                .app_data(spa_index.clone())
                .app_data(route_table.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(64 * 1024)
                        .error_handler(json_error_handler),
                )
                .app_data(
                    web::FormConfig::default()
                        .limit(16 * 1024)
                        .error_handler(form_error_handler),
                )
                .app_data(web::PathConfig::default().error_handler(path_error_handler))
                .app_data(web::QueryConfig::default().error_handler(query_error_handler))
                // Before the /api scope, which would otherwise answer these with 404.
                .service(docs)
                .service(
                    web::scope("/api")
                        .wrap(api_headers())
                        .route("/docs", web::get().to(redirect_to_docs))
                        .default_service(web::to(api_not_found)),
                )
                .route("/", web::get().to(spa::index))
                .route("/index.html", web::get().to(spa::index));
            if dev_outbox {
                app = app.configure(crate::notify::dev_outbox::configure);
            }
            // Without the simulator its paths are a plain 404, never the SPA.
            let simulator_scope = web::scope("/bankid-sim").wrap(api_headers());
            app = app.service(match simulator.clone() {
                Some(simulator) => simulator_scope
                    .configure(|config| crate::dev_simulator::configure(config, simulator)),
                None => simulator_scope.default_service(web::to(api_not_found)),
            });
            // The built files (hashed: cached for a year, pre-compressed where the build made
            // it); every other path is a client-side route of the SPA.
            app = app
                .route("/{file}", web::get().to(crate::spa_assets::serve))
                .default_service(web::get().to(spa::index));
            app.wrap(from_fn(docs_csp))
                .wrap(from_fn(crate::rate_limit::middleware))
                .wrap(from_fn(crate::routing::method_rules))
                .wrap(from_fn(request_id::middleware))
                .wrap(Compress::default())
                .wrap(default_headers(production))
        })
        .disable_signals()
        .shutdown_timeout(settings.server.shutdown_timeout_seconds)
        .listen(listener)
        .map_err(|source| StartupError::Bind { address, source })?
        .run();

        Ok(Self {
            port,
            server,
            state,
            drain: Duration::from_secs(settings.server.shutdown_drain_seconds),
        })
    }

    /// The bound port (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server (tests).
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// The shared state (tests).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM or SIGINT: see [`Application::run_until`].
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(wait_for_signal()).await
    }

    /// Serves until `stop` completes: readiness turns false first, then after the drain delay
    /// the listener closes and in-flight requests get the shutdown timeout to finish.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let handle = self.server.handle();
        let accepting = Arc::clone(&self.state.accepting);
        let drain = self.drain;
        tokio::spawn(async move {
            stop.await;
            tracing::info!(
                drain_seconds = drain.as_secs(),
                "shutting down: readiness off"
            );
            accepting.store(false, Ordering::SeqCst);
            tokio::time::sleep(drain).await;
            handle.stop(true).await;
        });
        self.server.await
    }
}

/// The simulator's test app page: its own stylesheet and forms, nothing else.
const SIMULATOR_APP_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                                 form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The dev outbox: its own stylesheet and links, nothing else.
const DEV_OUTBOX_CSP: &str = "default-src 'none'; style-src 'self'; form-action 'none'; \
                              base-uri 'none'; frame-ancestors 'none'";

/// Gives the API reference, the simulator's test app and the dev outbox their own CSP; everything else keeps
/// the strict defaults.
async fn docs_csp(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let csp = if request.path().starts_with("/api/docs/") {
        Some(DOCS_CSP)
    } else if request.path().starts_with("/bankid-sim/app") {
        Some(SIMULATOR_APP_CSP)
    } else if request.path().starts_with("/dev/outbox") {
        Some(DEV_OUTBOX_CSP)
    } else {
        None
    };
    let mut response = next.call(request).await?;
    if let Some(csp) = csp {
        response.headers_mut().insert(
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            actix_web::http::header::HeaderValue::from_static(csp),
        );
    }
    Ok(response)
}

async fn redirect_to_docs() -> actix_web::HttpResponse {
    actix_web::HttpResponse::PermanentRedirect()
        .insert_header(("Location", "/api/docs/"))
        .finish()
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {},
                    _ = int.recv() => {},
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
