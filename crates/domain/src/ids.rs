//! Typed ids, so a case id cannot be passed where an attachment id is meant. They are random
//! UUIDs (never sequential, so they cannot be guessed) and travel as their hyphenated text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// The id as a UUID.
            #[must_use]
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(text).map(Self)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                Uuid::parse_str(other).is_ok_and(|other| other == self.0)
            }
        }
    };
}

id_type!(
    /// A case, draft included.
    CaseId
);
id_type!(
    /// A user (citizen or staff).
    UserId
);
id_type!(
    /// An attached file.
    AttachmentId
);
id_type!(
    /// A staff member (officer or administrator).
    StaffId
);
id_type!(
    /// A message in a case's thread.
    MessageId
);

/// A version of an e-service definition: 1 for the first import, counting up. A draft stays on
/// the version it was started on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = u32, minimum = 1))]
#[serde(transparent)]
pub struct EServiceVersion(u32);

impl EServiceVersion {
    /// The version number.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl From<u32> for EServiceVersion {
    fn from(version: u32) -> Self {
        Self(version)
    }
}

impl fmt::Display for EServiceVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_their_uuid_text() {
        let id = CaseId::from(Uuid::from_u128(7));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"00000000-0000-0000-0000-000000000007\"");
        assert_eq!(serde_json::from_str::<CaseId>(&json).unwrap(), id);
        assert_eq!(id.to_string().parse::<CaseId>().unwrap(), id);
        assert!(id == *"00000000-0000-0000-0000-000000000007");
        assert!(serde_json::from_str::<AttachmentId>("\"nej\"").is_err());
    }
}
