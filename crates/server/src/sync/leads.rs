//! The marketing assistant's side: lead-list import (CSV in UTF-8 or GBK) with a
//! de-duplication report and assignment by territory, and transfers of prospects between reps
//! (the prospect keeps its notes, activities and history; the old owner's side receives
//! tombstones).

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use serde::Serialize;
use serde_json::Value;
use tuoke_core::contract::Entity;
use tuoke_core::types::Prospect;
use tuoke_core::validate::{create_prospect, parse_patch};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::Db;
use crate::domain::Username;
use crate::error::ApiError;
use crate::repo::sql::Tx;
use crate::repo::{history, prospects, records, shares, tombstones, users};
use crate::sync::records::{
    cancel_pending_approvals, dedup_key, insert_prospect, load_prospect, prospect_dedup_key,
    touch_prospect, visible_prospect, HistoryRow, NewProspect,
};
use crate::sync::visibility as rights;
use crate::sync::{Seq, WriteLock, Writer};

#[derive(Debug, Serialize, ToSchema)]
pub struct TransferResult {
    pub prospect_id: String,
    pub from: Option<String>,
    pub to: String,
}

/// Whether `user` may hand a prospect owned by `owner` to someone else ([`rights::may_transfer`]).
async fn may_transfer(
    tx: &mut Tx,
    user: &AuthUser,
    owner: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let owners_manager = match owner {
        Some(owner) => manager_of(tx, owner).await?,
        None => None,
    };
    Ok(rights::may_transfer(
        user.role,
        &user.id,
        owner,
        owners_manager.as_deref(),
    ))
}

async fn manager_of(tx: &mut Tx, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    users::manager_of(tx, user_id).await
}

/// Users who see a prospect because of its owner: the owner and the owner's manager; for an
/// unassigned lead, the assistants (so that assigning it hides it from them).
async fn owner_side(tx: &mut Tx, owner: Option<&str>) -> Result<BTreeSet<String>, sqlx::Error> {
    let mut set = BTreeSet::new();
    if owner.is_none() {
        set.extend(users::assistant_ids(tx).await?);
    }
    if let Some(owner) = owner {
        set.insert(owner.to_owned());
        if let Some(m) = manager_of(tx, owner).await? {
            set.insert(m);
        }
    }
    Ok(set)
}

pub async fn transfer(
    db: &Db,
    lock: &WriteLock,
    user: &AuthUser,
    prospect_id: Uuid,
    to_username: &str,
) -> Result<TransferResult, ApiError> {
    let id = prospect_id.to_string();
    let mut w = Writer::begin(db, lock).await?;
    let Some(row) = load_prospect(&mut w.tx, &id).await? else {
        return Err(ApiError::not_found(format!("no prospect {id}")));
    };
    if visible_prospect(&mut w.tx, user, &id).await?.is_none() {
        return Err(ApiError::not_found(format!("no prospect {id}")));
    }
    if !may_transfer(&mut w.tx, user, row.owner_id.as_deref()).await? {
        return Err(ApiError::forbidden(
            "only the assistant, an admin, the owner or the owner's manager may transfer a prospect",
        ));
    }
    let target: Option<(String, String)> = match Username::parse(to_username) {
        Ok(name) => users::id_and_role(&mut w.tx, name.as_str()).await?,
        Err(_) => None,
    };
    let Some((target_id, role)) = target else {
        return Err(ApiError::bad_request(
            "invalid_body",
            format!("to: no user {to_username:?}"),
        ));
    };
    if role != "rep" && role != "manager" {
        return Err(ApiError::bad_request(
            "invalid_body",
            format!("to: {to_username} is a {role}; prospects belong to reps or managers"),
        ));
    }
    let result = TransferResult {
        prospect_id: id.clone(),
        from: row.owner_id.clone(),
        to: target_id.clone(),
    };
    if row.owner_id.as_deref() == Some(target_id.as_str()) {
        return Ok(result);
    }
    let now = Utc::now();
    let before = owner_side(&mut w.tx, row.owner_id.as_deref()).await?;
    let after = owner_side(&mut w.tx, Some(&target_id)).await?;
    let shared: BTreeSet<String> = shares::users_of(&mut w.tx, &id)
        .await?
        .into_iter()
        .collect();

    prospects::set_owner(&mut w.tx, &id, &target_id).await?;
    cancel_pending_approvals(
        &mut w.tx,
        &mut w.seq,
        &id,
        "cancelled: the prospect was transferred to another owner",
        now,
    )
    .await?;
    touch_prospect(&mut w.tx, &mut w.seq, &id, now).await?;
    let history = HistoryRow {
        prospect_id: &id,
        field: "owner_id",
        old: &Value::from(row.owner_id.clone()),
        new: &Value::from(target_id.clone()),
        user: &user.id,
        now,
        mutation_id: None,
    };
    w.history.push(history.args());
    let gone: BTreeSet<String> = before
        .iter()
        .filter(|u| !after.contains(*u) && !shared.contains(*u))
        .cloned()
        .collect();
    reveal_and_hide(&mut w.tx, &mut w.seq, &id, row.version + 1, &after, &gone).await?;
    w.commit().await?;
    Ok(result)
}

/// After a change of who sees prospect `id`: renumbers its records so that users who gained
/// sight of them (with cursors past their old numbers) receive them, clears those users' old
/// tombstones, and writes tombstones (pulled as `data: null`) for the users in `gone`.
pub async fn reveal_and_hide(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    prospect_version: i64,
    gained: &BTreeSet<String>,
    gone: &BTreeSet<String>,
) -> Result<(), sqlx::Error> {
    let records = records::of_prospect(tx, id).await?;
    for (rid, _, _) in &records {
        let next = seq.take();
        records::set_seq(tx, rid, next).await?;
    }
    let mut entries = vec![(
        Entity::Prospect.as_str().to_owned(),
        id.to_owned(),
        prospect_version,
    )];
    entries.extend(
        records
            .iter()
            .map(|(rid, e, v)| (e.clone(), rid.clone(), *v)),
    );
    for u in gone {
        for (entity, eid, version) in &entries {
            tombstone(tx, seq, u, entity, eid, *version).await?;
        }
    }
    for u in gained {
        tombstones::clear_prospect(tx, u, id).await?;
    }
    Ok(())
}

/// Users who see a prospect because of its owner (the owner and the owner's manager).
pub async fn owner_viewers(
    tx: &mut Tx,
    owner: Option<&str>,
) -> Result<BTreeSet<String>, sqlx::Error> {
    owner_side(tx, owner).await
}

async fn tombstone(
    tx: &mut Tx,
    seq: &mut Seq,
    user: &str,
    entity: &str,
    id: &str,
    version: i64,
) -> Result<(), sqlx::Error> {
    tombstones::upsert(tx, user, entity, id, version, seq.take()).await
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportReport {
    /// `utf-8` or `gbk`.
    pub encoding: String,
    pub rows: usize,
    pub imported: usize,
    pub assigned: usize,
    pub unassigned: usize,
    pub duplicates: Vec<Duplicate>,
    pub errors: Vec<RowError>,
    pub ignored_columns: Vec<String>,
    pub prospects: Vec<ImportedProspect>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Duplicate {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub company: String,
    pub phone: Option<String>,
    /// The existing prospect it duplicates, if it was already stored.
    pub existing_id: Option<String>,
    /// The earlier line of this file it duplicates.
    pub duplicate_of_line: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedProspect {
    pub line: usize,
    pub id: String,
    pub company: String,
    pub owner_id: Option<String>,
}

/// Decodes a CSV file: UTF-8 (a BOM is dropped), else GBK as Chinese Excel writes it.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "utf-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GBK.decode(bytes);
            (text.into_owned(), "gbk")
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Company,
    Phone,
    Contact,
    Region,
    Industry,
    Source,
    Products,
    Address,
    Revenue,
    Employees,
}

fn column(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase();
    Some(match h.as_str() {
        "company" | "company_name" | "公司" | "公司名称" | "公司名稱" | "客户" | "客户名称"
        | "客戶名稱" | "企业名称" | "企業名稱" => Column::Company,
        "phone" | "tel" | "telephone" | "mobile" | "电话" | "電話" | "联系电话" | "聯絡電話"
        | "手机" | "手機" => Column::Phone,
        "contact" | "contact_name" | "联系人" | "聯絡人" | "聯繫人" => Column::Contact,
        "region" | "territory" | "area" | "地区" | "地區" | "区域" | "區域" | "责任区域"
        | "責任區域" => Column::Region,
        "industry" | "行业" | "行業" => Column::Industry,
        "source" | "lead_source" | "来源" | "來源" => Column::Source,
        "products" | "产品" | "產品" | "主要产品" | "主要產品" => Column::Products,
        "address" | "地址" => Column::Address,
        "annual_revenue_cny" | "revenue" | "年营业额" | "年營業額" | "营业额" | "營業額" => {
            Column::Revenue
        }
        "employees" | "headcount" | "员工人数" | "員工人數" | "人数" | "人數" => {
            Column::Employees
        }
        _ => return None,
    })
}

/// Chinese spellings of the industry codes (SPEC §2); codes themselves pass through.
fn industry_code(value: &str) -> String {
    let v = value.trim();
    match v {
        "电子" | "電子" => "electronics",
        "电机" | "電機" => "electrical_machinery",
        "电器" | "電器" => "electrical_appliances",
        "机械" | "機械" => "machinery",
        "五金" => "hardware",
        "工具" => "tools",
        "运输器材" | "運輸器材" => "transport_equipment",
        "其他" | "其它" => "other",
        other => return other.to_lowercase(),
    }
    .to_owned()
}

/// Chinese spellings of the lead sources (SPEC §9); codes themselves pass through.
fn source_code(value: &str) -> String {
    let v = value.trim();
    match v {
        "活动" | "活動" | "参加活动" | "參加活動" => "event",
        "电话行销" | "電話行銷" | "电销" => "telemarketing",
        "上门" | "上門" | "来电" | "上门客户" => "call_in",
        "客户介绍" | "客戶介紹" | "旧客户介绍" | "舊客戶介紹" => {
            "customer_referral"
        }
        "亲友介绍" | "親友介紹" | "亲朋好友介绍" => "personal_referral",
        "增购" | "升级" | "增購昇級" => "upgrade",
        "其他" | "其它" => "other",
        other => return other.to_lowercase(),
    }
    .to_owned()
}

/// A number column: the number, or the text as written (which the core then refuses,
/// naming the field).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Number {
    Parsed(i64),
    Written(String),
}

fn number(value: &str) -> Number {
    let cleaned: String = value
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    cleaned
        .parse::<i64>()
        .map_or_else(|_| Number::Written(value.to_owned()), Number::Parsed)
}

/// A lead-list row as a `prospect.put` patch, values as the list spells them: serialised and
/// parsed by the core ([`parse_patch`]), so that a row is checked exactly as a put, with the
/// same reasons. Absent fields stay out of the patch.
#[derive(Debug, Default, Serialize)]
struct LeadPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    industry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    products: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annual_revenue_cny: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employees: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contacts: Option<[LeadContact; 1]>,
}

/// The one contact a lead-list row names.
#[derive(Debug, Serialize)]
struct LeadContact {
    name: String,
    phone: Option<String>,
}

pub async fn import(
    db: &Db,
    lock: &WriteLock,
    user: &AuthUser,
    bytes: &[u8],
) -> Result<ImportReport, ApiError> {
    if !rights::may_import(user.role) {
        return Err(ApiError::forbidden(
            "only the marketing assistant imports lead lists",
        ));
    }
    let (text, encoding) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ApiError::bad_request("invalid_csv", format!("header line: {e}")))?
        .clone();
    let mut report = ImportReport {
        encoding: encoding.into(),
        ..ImportReport::default()
    };
    let columns: Vec<Option<Column>> = headers.iter().map(column).collect();
    for (h, c) in headers.iter().zip(&columns) {
        if c.is_none() && !h.is_empty() {
            report.ignored_columns.push(h.to_owned());
        }
    }
    if !columns.contains(&Some(Column::Company)) {
        return Err(ApiError::bad_request(
            "invalid_csv",
            "no company column (company / 公司名称 / 客户名称)",
        ));
    }

    let reps: Vec<(String, Option<String>)> = {
        let mut tx = db.read().await?;
        users::reps_with_territory(&mut tx).await?
    };
    let mut by_territory: HashMap<String, Vec<String>> = HashMap::new();
    for (id, territory) in reps {
        if let Some(t) = territory.filter(|t| !t.trim().is_empty()) {
            by_territory
                .entry(t.trim().to_owned())
                .or_default()
                .push(id);
        }
    }
    let mut round_robin: HashMap<String, usize> = HashMap::new();

    // Rows are parsed and checked against each other before anything is locked; then they
    // are written in chunks, one transaction each, so that pushes get in between (a 30,000-row
    // list must not stop every rep's sync while it is stored).
    let now = Utc::now();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<LeadRow> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        report.rows += 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                report.errors.push(RowError {
                    line,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let row = match lead_row(line, &record, &columns) {
            Ok(row) => row,
            Err(reason) => {
                report.errors.push(RowError { line, reason });
                continue;
            }
        };
        if let Some(first) = seen.get(&row.key) {
            report.duplicates.push(Duplicate {
                line,
                company: row.company,
                phone: row.phone,
                existing_id: None,
                duplicate_of_line: Some(*first),
            });
            continue;
        }
        seen.insert(row.key.clone(), line);
        rows.push(row);
    }
    for chunk in rows.chunks(IMPORT_CHUNK) {
        let mut w = Writer::begin(db, lock).await?;
        for row in chunk {
            let existing = prospects::by_dedup_key(&mut w.tx, &row.key).await?;
            if let Some(existing_id) = existing {
                report.duplicates.push(Duplicate {
                    line: row.line,
                    company: row.company.clone(),
                    phone: row.phone.clone(),
                    existing_id: Some(existing_id),
                    duplicate_of_line: None,
                });
                continue;
            }
            let owner = row.region.as_deref().and_then(|r| {
                let reps = by_territory.get(r.trim())?;
                let turn = round_robin.entry(r.trim().to_owned()).or_default();
                let rep = reps.get(*turn % reps.len())?.clone();
                *turn += 1;
                Some(rep)
            });
            let id = Uuid::now_v7().to_string();
            insert_prospect(
                &mut w.tx,
                &mut w.seq,
                NewProspect {
                    id: &id,
                    owner_id: owner.as_deref(),
                    lead_list: true,
                    prospect: &row.prospect,
                    created_by: &user.id,
                    now,
                },
            )
            .await?;
            report.imported += 1;
            if owner.is_some() {
                report.assigned += 1;
            } else {
                report.unassigned += 1;
            }
            report.prospects.push(ImportedProspect {
                line: row.line,
                id,
                company: row.company.clone(),
                owner_id: owner,
            });
        }
        w.commit().await?;
        tokio::task::yield_now().await;
    }
    Ok(report)
}

/// Rows of a lead list written per transaction (see [`import`]).
pub const IMPORT_CHUNK: usize = 500;

/// A lead-list row, parsed and validated.
struct LeadRow {
    line: usize,
    prospect: Prospect,
    key: String,
    company: String,
    phone: Option<String>,
    region: Option<String>,
}

/// Reads one CSV record as a prospect, or says why it cannot be one.
fn lead_row(
    line: usize,
    record: &csv::StringRecord,
    columns: &[Option<Column>],
) -> Result<LeadRow, String> {
    let mut patch = LeadPatch::default();
    let mut phone = None;
    let mut contact = None;
    for (value, col) in record.iter().zip(columns) {
        if value.is_empty() {
            continue;
        }
        if value.contains('\0') {
            // PostgreSQL cannot store it: refuse the row, not the whole list with a 503.
            return Err("a value contains a NUL character".to_owned());
        }
        let text = Some(value.to_owned());
        match col {
            Some(Column::Company) => patch.company = text,
            Some(Column::Phone) => phone = text,
            Some(Column::Contact) => contact = text,
            Some(Column::Region) => patch.region = text,
            Some(Column::Industry) => patch.industry = Some(industry_code(value)),
            Some(Column::Source) => patch.source = Some(source_code(value)),
            Some(Column::Products) => patch.products = text,
            Some(Column::Address) => patch.address = text,
            Some(Column::Revenue) => patch.annual_revenue_cny = Some(number(value)),
            Some(Column::Employees) => patch.employees = Some(number(value)),
            None => {}
        }
    }
    if phone.is_some() || contact.is_some() {
        let name = contact
            .or_else(|| patch.company.clone())
            .unwrap_or_default();
        patch.contacts = Some([LeadContact {
            name,
            phone: phone.clone(),
        }]);
    }
    let company = patch.company.clone().unwrap_or_default();
    let region = patch.region.clone();
    // The core validates the row exactly as it validates a prospect.put.
    let prospect = serde_json::to_value(&patch)
        .map_err(|e| e.to_string())
        .and_then(|patch| {
            parse_patch(&patch)
                .and_then(|p| create_prospect(&p))
                .map_err(|e| e.to_string())
        })?;
    let key = prospect_dedup_key(&prospect);
    debug_assert_eq!(key, dedup_key(&company, phone.as_deref()));
    Ok(LeadRow {
        line,
        prospect,
        key,
        company,
        phone,
        region,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// Increases with every change; `?before=ID` pages back from the oldest entry shown.
    pub id: i64,
    pub field: String,
    #[schema(value_type = Object)]
    pub old: Value,
    #[schema(value_type = Object)]
    pub new: Value,
    pub changed_by: String,
    pub changed_by_username: Option<String>,
    pub changed_at: chrono::DateTime<Utc>,
    pub mutation_id: Option<String>,
}

/// Most entries one history answer holds.
pub const HISTORY_LIMIT: i64 = 1_000;
/// Most bytes of old and new values one history answer holds (always at least one entry).
pub const HISTORY_BYTES: i64 = 8 * 1024 * 1024;

/// The field history of a prospect the caller may see (`None`: not visible), oldest first:
/// the newest [`HISTORY_LIMIT`] entries (at most [`HISTORY_BYTES`] of values) before entry
/// `before`, so that one answer's work is bounded however long the history.
pub async fn history(
    db: &Db,
    user: &AuthUser,
    id: Uuid,
    before: Option<i64>,
) -> Result<Option<Vec<HistoryEntry>>, sqlx::Error> {
    let id = id.to_string();
    let before = before.unwrap_or(i64::MAX);
    let mut tx = db.read().await?;
    if visible_prospect(&mut tx, user, &id).await?.is_none() {
        return Ok(None);
    }
    // Sizes first (newest first, no values read), then the values of the entries that fit.
    let sizes = history::sizes(&mut tx, &id, before, HISTORY_LIMIT).await?;
    let mut bytes: i64 = 0;
    let mut oldest = None;
    for (entry, size) in sizes {
        bytes = bytes.saturating_add(size);
        if oldest.is_some() && bytes > HISTORY_BYTES {
            break;
        }
        oldest = Some(entry);
    }
    let Some(oldest) = oldest else {
        return Ok(Some(Vec::new()));
    };
    let rows = history::entries(&mut tx, &id, oldest, before).await?;
    Ok(Some(
        rows.into_iter()
            .map(
                |(id, field, old, new, by, username, at, mutation_id)| HistoryEntry {
                    id,
                    field,
                    old: serde_json::from_str(&old).unwrap_or(Value::Null),
                    new: serde_json::from_str(&new).unwrap_or(Value::Null),
                    changed_by: by,
                    changed_by_username: username,
                    changed_at: at,
                    mutation_id,
                },
            )
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_utf8_with_bom_decode_to_the_same_text() {
        let text = "公司名称,电话\n深圳电子,123\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk), (text.to_owned(), "gbk"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom), (text.to_owned(), "utf-8"));
    }

    /// `lead_row` on one CSV line under `header`.
    fn row(header: &str, line: &str) -> Result<LeadRow, String> {
        let columns: Vec<Option<Column>> = header.split(',').map(column).collect();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        lead_row(2, &record, &columns)
    }

    #[test]
    fn a_lead_row_is_the_prospect_its_patch_always_made() {
        let r = row(
            "公司名称,电话,联系人,地区,行业,来源,产品,地址,营业额,人数,备注",
            "深圳电子,0755-1,王总,华南,五金,活动,PCB,南山,\"1,200\",80,x",
        );
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        let expected: Value = serde_json::from_str(
            r#"{"company":"深圳电子","region":"华南","industry":"hardware","source":"event",
                "products":"PCB","address":"南山","annual_revenue_cny":1200,"employees":80,
                "contacts":[{"name":"王总","phone":"0755-1"}]}"#,
        )
        .unwrap();
        let expected = create_prospect(&parse_patch(&expected).unwrap()).unwrap();
        assert_eq!(r.prospect, expected);
        assert_eq!(
            (r.company.as_str(), r.region.as_deref()),
            ("深圳电子", Some("华南"))
        );
        assert_eq!(r.phone.as_deref(), Some("0755-1"));
        // Without a contact name, the company names the contact; no phone is a null phone.
        let r = row("公司名称,联系人", "东莞机械,").unwrap();
        assert!(r.prospect.contacts.is_empty());
        let r = row("公司名称,电话", "东莞机械,0769-2").unwrap();
        assert_eq!(r.prospect.contacts[0].name, "东莞机械");
        let r = row("公司名称,联系人", "东莞机械,李工").unwrap();
        assert_eq!(r.prospect.contacts[0].phone, None);
    }

    #[test]
    fn a_lead_row_is_refused_with_the_reasons_it_always_had() {
        let reason = |header: &str, line: &str| row(header, line).err().unwrap_or_default();
        assert_eq!(
            reason("公司名称,营业额", "甲厂,很多"),
            "annual_revenue_cny: invalid value: invalid type: string \"很多\", expected i64"
        );
        assert_eq!(
            reason("公司名称,人数", "甲厂,-3"),
            "employees: must not be negative"
        );
        assert!(reason("公司名称,行业", "甲厂,纺织").starts_with("industry: invalid value: "));
        assert_eq!(reason("电话", "123"), "contacts[0].name: must not be empty");
    }

    #[test]
    fn headers_map_in_chinese_and_english() {
        assert_eq!(column("公司名称"), Some(Column::Company));
        assert_eq!(column(" Phone "), Some(Column::Phone));
        assert_eq!(column("責任區域"), Some(Column::Region));
        assert_eq!(column("备注"), None);
        assert_eq!(industry_code("五金"), "hardware");
        assert_eq!(source_code("Event"), "event");
    }
}
