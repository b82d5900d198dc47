//! `users`: citizens and staff, identified by the personnummer from BankID.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Random id; the only identifier that leaves the server.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// 12 digits. Only used to map a BankID identity to this row; its `Debug` is masked.
    #[sea_orm(unique)]
    pub personnummer: StoredPersonnummer,
    /// Given name from BankID.
    pub given_name: String,
    /// Surname from BankID.
    pub surname: String,
    /// `citizen`, `officer` or `admin`.
    pub role: String,
    /// First login.
    pub created_at: DateTimeUtc,
    /// Latest login.
    pub last_login_at: Option<DateTimeUtc>,
}

/// A [`domain::Personnummer`] as the `users.personnummer` column holds it: the twelve digits.
/// Only a valid number can be read or written; `Debug` shows the masked form.
#[derive(Clone, Debug, PartialEq, Eq, DeriveValueType)]
#[sea_orm(
    value_type = "String",
    from_str = "StoredPersonnummer::from_digits",
    to_str = "StoredPersonnummer::to_digits"
)]
pub struct StoredPersonnummer(pub domain::Personnummer);

impl StoredPersonnummer {
    /// Reads the column.
    ///
    /// # Errors
    ///
    /// When the stored text is not a valid personnummer.
    pub fn from_digits(digits: &str) -> Result<Self, domain::PersonnummerError> {
        domain::Personnummer::parse(digits).map(Self)
    }

    /// Writes the column.
    pub fn to_digits(&self) -> String {
        self.0.as_str().to_owned()
    }
}

impl From<domain::Personnummer> for StoredPersonnummer {
    fn from(personnummer: domain::Personnummer) -> Self {
        Self(personnummer)
    }
}

/// Relations of `users`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Never prints the personnummer (rows end up in logs and panics through `{:?}`).
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("personnummer", &self.personnummer)
            .field("role", &self.role)
            .field("created_at", &self.created_at)
            .field("last_login_at", &self.last_login_at)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_output_masks_the_personnummer_and_names() {
        let user = super::Model {
            id: uuid::Uuid::nil(),
            personnummer: super::StoredPersonnummer::from_digits("198112189876").unwrap(),
            given_name: "Anna".into(),
            surname: "Andersson".into(),
            role: "citizen".into(),
            created_at: chrono::DateTime::UNIX_EPOCH,
            last_login_at: None,
        };
        let printed = format!("{user:?}");
        assert!(!printed.contains("198112189876"), "{printed}");
        assert!(!printed.contains("8112189876"), "{printed}");
        assert!(!printed.contains("Andersson"), "{printed}");
    }
}
