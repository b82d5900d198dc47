//! Case numbers people can read out on the phone: `2026-000123`, counted per year without gaps
//! from concurrent submissions (one atomic upsert per number).

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbBackend};

use crate::entities::case_number_counters;
use crate::error::ApiError;

/// Takes the next number of `year`. Call inside the submitting transaction, so a rolled-back
/// submission gives its number back.
pub async fn next(db: &impl ConnectionTrait, year: i32) -> Result<domain::CaseNumber, ApiError> {
    let mut insert = Query::insert();
    insert
        .into_table(case_number_counters::Entity)
        .columns([
            case_number_counters::Column::Year,
            case_number_counters::Column::LastNumber,
        ])
        .values([year.into(), 1.into()])
        .map_err(|error| ApiError::Internal(error.to_string().into()))?
        .on_conflict(
            OnConflict::column(case_number_counters::Column::Year)
                .value(
                    case_number_counters::Column::LastNumber,
                    Expr::col((
                        case_number_counters::Entity,
                        case_number_counters::Column::LastNumber,
                    ))
                    .add(1),
                )
                .to_owned(),
        )
        .returning_col(case_number_counters::Column::LastNumber);
    let backend: DbBackend = db.get_database_backend();
    let row = db
        .query_one_raw(backend.build(&insert))
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::Internal("no case number returned".into()))?;
    let number: i32 = row.try_get("", "last_number").map_err(ApiError::internal)?;
    let sequence = u32::try_from(number).map_err(ApiError::internal)?;
    domain::CaseNumber::new(year, sequence).map_err(ApiError::internal)
}
