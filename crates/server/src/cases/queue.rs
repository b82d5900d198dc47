//! The officers' queue: the received cases of the officer's groups, filtered, searched and
//! paged by key (received time and id), never by offset, so a page costs the same at the end of
//! a million cases as at the start. The filters are columns of the case row with indexes
//! (`cases_queue_by_group`, `cases_queue_by_group_status`, `cases_by_assigned_officer`).

use std::collections::{BTreeSet, HashMap};

use api_types::{QueueAssignee, QueueItem, QueuePage, QueueSort};
use chrono::{DateTime, NaiveDate, Utc};
use domain::CaseStatus;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entities::{cases, users};
use crate::error::ApiError;
use crate::staff::StaffMember;

/// What the officer asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// One e-service.
    pub eservice: Option<String>,
    /// One status (submitted, in_progress or closed).
    pub status: Option<CaseStatus>,
    /// Whose.
    pub assignee: QueueAssignee,
    /// A colleague's cases (wins over `assignee`).
    pub assigned_to: Option<Uuid>,
    /// Received on or after this Swedish date.
    pub received_from: Option<NaiveDate>,
    /// Received on or before this Swedish date.
    pub received_to: Option<NaiveDate>,
    /// A case number, or the start of the applicant's given name or surname.
    pub search: Option<String>,
    /// Order.
    pub sort: QueueSort,
    /// The cursor of the previous page.
    pub after: Option<String>,
    /// Page size, 1–100.
    pub limit: u64,
}

fn cursor_of(case: &cases::Model) -> Option<String> {
    case.submitted_at
        .map(|at| crate::paging::cursor(at, case.id))
}

fn parse_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    crate::paging::parse(cursor, "after")
}

/// Midnight Swedish time at the start of `date`, in UTC.
fn swedish_midnight(date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // The offset at that moment (one or two hours); at most an hour off around a DST switch
    // for the first hour of the day, which the date filter tolerates.
    naive - chrono::Duration::seconds(i64::from(domain::utc_offset_seconds(naive)))
}

/// The applicants a name search matches: `None` when the search is no name search (empty or
/// a case number).
async fn name_matches(
    db: &impl ConnectionTrait,
    filter: &Filter,
) -> Result<Option<Vec<Uuid>>, ApiError> {
    match filter.search.as_deref().map(str::trim) {
        Some(search) if !search.is_empty() && domain::CaseNumber::parse(search).is_err() => {
            Ok(Some(applicants_named(db, search).await?))
        }
        _ => Ok(None),
    }
}

/// The query of one page (`limit + 1` rows, to know whether there is a next page); `None`
/// when nothing can match. `owners` are the applicants a name search matched.
pub fn select(
    member: &StaffMember,
    filter: &Filter,
    owners: Option<Vec<Uuid>>,
) -> Result<Option<sea_orm::Select<cases::Entity>>, ApiError> {
    let groups: Vec<String> = member.groups.iter().cloned().collect();
    // Only submitted cases have a group, so drafts never match.
    let mut query = cases::Entity::find()
        .filter(cases::Column::OfficerGroup.is_in(groups))
        .filter(cases::Column::SubmittedAt.is_not_null());
    query = match filter.status {
        Some(status @ (CaseStatus::Submitted | CaseStatus::InProgress | CaseStatus::Closed)) => {
            query.filter(cases::Column::Status.eq(cases::Status::from(status)))
        }
        Some(CaseStatus::Draft | CaseStatus::AwaitingCosignature) => return Ok(None),
        None => query,
    };
    if let Some(slug) = &filter.eservice {
        query = query.filter(cases::Column::EServiceSlug.eq(slug.as_str()));
    }
    query = match (filter.assigned_to, filter.assignee) {
        (Some(colleague), _) => query.filter(cases::Column::AssignedOfficerId.eq(colleague)),
        (None, QueueAssignee::Me) => query.filter(cases::Column::AssignedOfficerId.eq(member.id())),
        (None, QueueAssignee::Unassigned) => {
            query.filter(cases::Column::AssignedOfficerId.is_null())
        }
        (None, QueueAssignee::Anyone) => query,
    };
    if let Some(from) = filter.received_from {
        query = query.filter(cases::Column::SubmittedAt.gte(swedish_midnight(from)));
    }
    if let Some(to) = filter.received_to.and_then(|to| to.succ_opt()) {
        query = query.filter(cases::Column::SubmittedAt.lt(swedish_midnight(to)));
    }
    if let Some(number) = filter
        .search
        .as_deref()
        .and_then(|search| domain::CaseNumber::parse(search.trim()).ok())
    {
        query = query.filter(cases::Column::CaseNumber.eq(number.to_string()));
    }
    if let Some(owners) = owners {
        if owners.is_empty() {
            return Ok(None);
        }
        query = query.filter(cases::Column::OwnerId.is_in(owners));
    }
    if let Some(cursor) = &filter.after {
        let (at, id) = parse_cursor(cursor)?;
        query = query.filter(match filter.sort {
            QueueSort::ReceivedAsc => Condition::any().add(cases::Column::SubmittedAt.gt(at)).add(
                Condition::all()
                    .add(cases::Column::SubmittedAt.eq(at))
                    .add(cases::Column::Id.gt(id)),
            ),
            QueueSort::ReceivedDesc => Condition::any().add(cases::Column::SubmittedAt.lt(at)).add(
                Condition::all()
                    .add(cases::Column::SubmittedAt.eq(at))
                    .add(cases::Column::Id.lt(id)),
            ),
        });
    }
    query = match filter.sort {
        QueueSort::ReceivedAsc => query
            .order_by_asc(cases::Column::SubmittedAt)
            .order_by_asc(cases::Column::Id),
        QueueSort::ReceivedDesc => query
            .order_by_desc(cases::Column::SubmittedAt)
            .order_by_desc(cases::Column::Id),
    };
    let limit = filter.limit.clamp(1, 100);
    Ok(Some(query.limit(limit + 1)))
}

/// One page of `member`'s queue.
pub async fn page(
    db: &impl ConnectionTrait,
    member: &StaffMember,
    filter: &Filter,
) -> Result<QueuePage, ApiError> {
    let owners = name_matches(db, filter).await?;
    let Some(query) = select(member, filter, owners)? else {
        return Ok(empty());
    };
    let limit = filter.limit.clamp(1, 100);
    let mut rows = query.all(db).await.map_err(ApiError::internal)?;
    let more = u64::try_from(rows.len()).unwrap_or(u64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = if more {
        rows.last().and_then(cursor_of)
    } else {
        None
    };
    Ok(QueuePage {
        items: items(db, &rows).await?,
        next_cursor,
    })
}

fn empty() -> QueuePage {
    QueuePage {
        items: Vec::new(),
        next_cursor: None,
    }
}

/// Citizens whose given name or surname starts with `search` (case-insensitive), at most 500.
async fn applicants_named(db: &impl ConnectionTrait, search: &str) -> Result<Vec<Uuid>, ApiError> {
    let mut condition = Condition::all();
    for word in search.split_whitespace().take(3) {
        let pattern = format!("{}%", escape_like(&word.to_lowercase()));
        let starts = |column: users::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        condition = condition.add(
            Condition::any()
                .add(starts(users::Column::GivenName))
                .add(starts(users::Column::Surname)),
        );
    }
    Ok(users::Entity::find()
        .filter(condition)
        .limit(500)
        .all(db)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|user| user.id)
        .collect())
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

async fn items(
    db: &impl ConnectionTrait,
    rows: &[cases::Model],
) -> Result<Vec<QueueItem>, ApiError> {
    let owner_ids: BTreeSet<Uuid> = rows.iter().map(|case| case.owner_id).collect();
    let owners: HashMap<Uuid, users::Model> = if owner_ids.is_empty() {
        HashMap::new()
    } else {
        users::Entity::find()
            .filter(users::Column::Id.is_in(owner_ids))
            .all(db)
            .await
            .map_err(ApiError::internal)?
            .into_iter()
            .map(|user| (user.id, user))
            .collect()
    };
    let officers =
        crate::staff::accounts_by_id(db, rows.iter().filter_map(|case| case.assigned_officer_id))
            .await
            .map_err(ApiError::internal)?;
    let mut titles = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for case in rows {
        let key = (case.e_service_slug.clone(), case.e_service_version);
        if !titles.contains_key(&key) {
            let definition =
                crate::eservices::version(db, &case.e_service_slug, case.e_service_version).await?;
            titles.insert(
                key.clone(),
                crate::routes::eservices::localized(definition.title()),
            );
        }
        let title = titles.get(&key).cloned().ok_or(ApiError::NotFound)?;
        items.push(QueueItem {
            id: case.id.into(),
            case_number: case.case_number.clone().unwrap_or_default(),
            eservice_slug: case.e_service_slug.clone(),
            eservice_title: title,
            status: case.status.into(),
            applicant_name: owners
                .get(&case.owner_id)
                .map(|user| format!("{} {}", user.given_name, user.surname))
                .unwrap_or_default(),
            submitted_at: case
                .submitted_at
                .map(|at| at.to_rfc3339())
                .unwrap_or_default(),
            updated_at: case.updated_at.to_rfc3339(),
            assigned_to: case
                .assigned_officer_id
                .and_then(|id| officers.get(&id))
                .map(crate::staff::colleague),
            unread_messages: u32::try_from(case.unread_by_officer).unwrap_or_default(),
        });
    }
    Ok(items)
}
