//! Staff: officers and administrators, their groups, local accounts and sessions, and the
//! extractors (`Officer`, `Admin`) that make a handler's role check impossible to forget.

pub mod demo;
pub mod extractor;
pub mod oidc;
pub mod passwords;
pub mod sessions;

use std::collections::BTreeSet;

use api_types::{ColleagueResponse, StaffMemberResponse, StaffRole};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use uuid::Uuid;

use crate::entities::{staff, staff_groups};

/// A staff member with their role and groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    /// The account.
    pub account: staff::Model,
    /// Officer or administrator (an unknown stored role is refused when loading).
    pub role: StaffRole,
    /// The officer groups.
    pub groups: BTreeSet<String>,
}

impl StaffMember {
    /// The member's id.
    pub const fn id(&self) -> Uuid {
        self.account.id
    }

    /// Whether the member handles cases of `group`.
    pub fn handles(&self, group: &str) -> bool {
        self.role == StaffRole::Officer && self.groups.contains(group)
    }

    /// The API view.
    pub fn response(&self) -> StaffMemberResponse {
        StaffMemberResponse {
            id: self.account.id.into(),
            username: self.account.username.clone(),
            display_name: self.account.display_name.clone(),
            role: self.role,
            groups: self.groups.iter().cloned().collect(),
        }
    }

    /// As a colleague.
    pub fn colleague(&self) -> ColleagueResponse {
        colleague(&self.account)
    }
}

/// A staff row as a colleague.
pub fn colleague(account: &staff::Model) -> ColleagueResponse {
    ColleagueResponse {
        id: account.id.into(),
        display_name: account.display_name.clone(),
    }
}

/// What can go wrong creating an account.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// The user name is taken.
    #[error("the user name {0:?} is already taken")]
    UsernameTaken(String),
    /// A value is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// A user name as stored: trimmed, lower case, 1–100 characters of letters, digits, `.`, `_`,
/// `-` and `@`.
pub fn normalize_username(username: &str) -> Result<String, StaffError> {
    let name = username.trim().to_lowercase();
    let valid = !name.is_empty()
        && name.chars().count() <= 100
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if valid {
        Ok(name)
    } else {
        Err(StaffError::Invalid(format!(
            "{username:?} is not a valid user name (letters, digits, . _ - @; at most 100)"
        )))
    }
}

/// An officer group name, as e-service definitions spell them.
pub(crate) fn valid_group(group: &str) -> bool {
    (1..=64).contains(&group.len())
        && group
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A new local account.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    /// Login name.
    pub username: &'a str,
    /// Shown name.
    pub display_name: &'a str,
    /// Role.
    pub role: StaffRole,
    /// Officer groups.
    pub groups: &'a [String],
    /// Password (at least [`passwords::MIN_LENGTH`] characters); `None` for OpenID Connect
    /// only.
    pub password: Option<&'a str>,
}

/// Creates an account with its groups in one transaction.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    new: NewStaff<'_>,
    now: DateTime<Utc>,
) -> Result<StaffMember, StaffError> {
    let username = normalize_username(new.username)?;
    let display_name = new.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 200 {
        return Err(StaffError::Invalid(
            "the display name must be 1-200 characters".into(),
        ));
    }
    if let Some(bad) = new.groups.iter().find(|group| !valid_group(group)) {
        return Err(StaffError::Invalid(format!(
            "{bad:?} is not a group name (lowercase a-z, digits, - and _)"
        )));
    }
    let password_hash = match new.password {
        Some(password) if password.chars().count() < passwords::MIN_LENGTH => {
            return Err(StaffError::Invalid(format!(
                "the password must be at least {} characters",
                passwords::MIN_LENGTH
            )));
        }
        Some(password) => Some(
            passwords::hash(password).map_err(|error| StaffError::Invalid(error.to_string()))?,
        ),
        None => None,
    };
    let txn = db.begin().await?;
    if find_by_username_in(&txn, &username).await?.is_some() {
        return Err(StaffError::UsernameTaken(username));
    }
    let account = staff::ActiveModel {
        id: Set(Uuid::new_v4()),
        username: Set(username),
        display_name: Set(display_name.to_owned()),
        email: Set(None),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(password_hash),
        oidc_subject: Set(None),
        created_at: Set(now),
        last_login_at: Set(None),
        disabled_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let groups: BTreeSet<String> = new.groups.iter().cloned().collect();
    for group in &groups {
        staff_groups::ActiveModel {
            staff_id: Set(account.id),
            group_name: Set(group.clone()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(StaffMember {
        account,
        role: new.role,
        groups,
    })
}

async fn find_by_username_in(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    staff::Entity::find()
        .filter(staff::Column::Username.eq(username))
        .one(db)
        .await
}

/// The account with this login name (any case), if any.
pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<staff::Model>, sea_orm::DbErr> {
    match normalize_username(username) {
        Ok(name) => find_by_username_in(db, &name).await,
        Err(_) => Ok(None),
    }
}

/// The member with their groups; `None` for an unknown id or an unknown stored role.
pub async fn member(
    db: &impl ConnectionTrait,
    account: staff::Model,
) -> Result<Option<StaffMember>, sea_orm::DbErr> {
    let Some(role) = StaffRole::parse(&account.role) else {
        tracing::warn!(staff_id = %account.id, "staff account with an unknown role refused");
        return Ok(None);
    };
    let groups = staff_groups::Entity::find()
        .filter(staff_groups::Column::StaffId.eq(account.id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.group_name)
        .collect();
    Ok(Some(StaffMember {
        account,
        role,
        groups,
    }))
}

/// Staff accounts by id (for names in histories and lists).
pub async fn accounts_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, staff::Model>, sea_orm::DbErr> {
    let ids: BTreeSet<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|account| (account.id, account))
        .collect())
}

/// The active officers of `group`, by name.
pub async fn officers_of(
    db: &impl ConnectionTrait,
    groups: &BTreeSet<String>,
) -> Result<Vec<staff::Model>, sea_orm::DbErr> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = staff_groups::Entity::find()
        .filter(staff_groups::Column::GroupName.is_in(groups.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.staff_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .filter(staff::Column::Role.eq(StaffRole::Officer.as_str()))
        .filter(staff::Column::DisabledAt.is_null())
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await
}
