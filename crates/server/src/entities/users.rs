//! `users`: citizens and staff, identified by the personnummer from BankID.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Random id; the only identifier that leaves the server.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// 12 digits. Only used to map a BankID identity to this row.
    #[sea_orm(unique)]
    pub personnummer: String,
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

/// Relations of `users`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Never prints the personnummer (rows end up in logs and panics through `{:?}`).
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("personnummer", &"************")
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
            personnummer: "198112189876".into(),
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
