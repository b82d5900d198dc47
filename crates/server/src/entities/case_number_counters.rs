//! `case_number_counters`: the last case number given per year.

use sea_orm::entity::prelude::*;

/// A row of `case_number_counters`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_number_counters")]
pub struct Model {
    /// The year.
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// The last number given that year.
    pub last_number: i32,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
