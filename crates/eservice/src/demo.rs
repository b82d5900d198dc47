//! The demo e-services under `eservices/demo/`, built into the crate so that
//! the server can seed them and tests can load them without file I/O.

/// Felanmälan gata och park: a simple fault report with photo upload.
pub const FELANMALAN_GATA_PARK: &str =
    include_str!("../../../eservices/demo/felanmalan-gata-park.json");

/// Ansökan om parkeringstillstånd för rörelsehindrade: attachments and a
/// signature.
pub const PARKERINGSTILLSTAND: &str =
    include_str!("../../../eservices/demo/parkeringstillstand.json");

/// Ansökan om byte av skola: signed by both guardians.
pub const SKOLBYTE: &str = include_str!("../../../eservices/demo/skolbyte.json");

/// Every demo definition as (file name, JSON text).
pub const ALL: [(&str, &str); 3] = [
    ("felanmalan-gata-park.json", FELANMALAN_GATA_PARK),
    ("parkeringstillstand.json", PARKERINGSTILLSTAND),
    ("skolbyte.json", SKOLBYTE),
];
