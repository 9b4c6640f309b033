//! Prospects shaped like those of the end-to-end benchmark (tests/e2e/bench/prospects.mjs),
//! for the search benchmarks (`benches/search.rs` natively, `tests/search_bench.rs` in
//! wasm): the same companies, contacts and products; random ids, held in id order as the
//! phone holds them; next contacts spread over ten months, so that the order by next contact
//! is not the order in which they are stored.

use chrono::{Duration, NaiveDate};
use tuoke_core::types::{Stage, Status};
use tuoke_sync::summary::ProspectSummary;

/// `n` prospects, the same on every call.
pub fn prospects(n: usize) -> Vec<ProspectSummary> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let mut list: Vec<ProspectSummary> = (0..n)
        .map(|i| ProspectSummary {
            id: format!("{:016x}", random()),
            company: format!(
                "{}{}制造有限公司 {i}",
                ["深圳", "东莞", "苏州", "宁波"][i % 4],
                ["精工", "华强", "恒力", "海天"][i % 4]
            ),
            products: [
                "PCB 组件",
                "伺服电机",
                "五金冲压件",
                "数控机床",
                "电源模块",
                "电动工具",
            ][i % 6]
                .into(),
            contacts: vec![(
                ["王经理", "李总", "张工", "陈厂长", "刘主任", "赵会计"][i % 6].into(),
                format!("0755-83{i:06}"),
            )],
            region: "华南".into(),
            grade: None,
            needs_confirmation: false,
            stage: Stage::Lead,
            status: Status::Open,
            pending_stage: None,
            fit: None,
            source: None,
            next_contact_due: Some(first + Duration::days((random() % 300) as i64)),
            last_contact: None,
            owner_id: "u1".into(),
            updated_at: None,
            pending: false,
        })
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list
}
