//! `staff_groups`: the officer groups a staff member belongs to.

use sea_orm::entity::prelude::*;

/// A row of `staff_groups`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_groups")]
pub struct Model {
    /// The staff member.
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: Uuid,
    /// The group, as e-service definitions name it (`settings.officer_group`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub group_name: String,
}

/// Relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
