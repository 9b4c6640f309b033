//! The price list (SPEC §8 formal quote): the ERP modules the company sells, their list
//! prices and units, the consultant day rate, in CNY, under a version number.
//!
//! Decisions:
//! - The server owns the price list and keeps every version; a manager or admin sends a new
//!   one as a [`PriceListInput`] (no version) and the server stores it as the next
//!   [`PriceList`] version. The phone keeps the lists offline; a quote records the version it
//!   was built from, so an old quote never changes when prices do.
//! - Amounts are whole yuan (`i64`), like [`QuoteLine::list_price_cny`]; the only currency is
//!   CNY ([`Currency`]).
//! - A module's `code` is what a quote line carries as its `module`
//!   ([`PriceModule::quote_line`]): stable across versions and languages; the module's name in
//!   each UI language is in the price list of the quote's version.
//! - [`PriceListInput::check`] is the one validation rule, run by the phone before saving and
//!   by the server before storing; every refusal is a code ([`PriceListError`]).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::negotiation::QuoteLine;

/// At most this many modules in one price list.
pub const MAX_MODULES: usize = 500;
/// At most this many characters in a module code.
pub const MAX_CODE_CHARS: usize = 32;
/// At most this many characters in a module name (in each language).
pub const MAX_NAME_CHARS: usize = 100;
/// The highest list price of one unit of a module, in CNY (100 million yuan): anything above
/// is a typing mistake.
pub const MAX_LIST_PRICE_CNY: i64 = 100_000_000;
/// The highest consultant day rate, in CNY.
pub const MAX_DAY_RATE_CNY: i64 = 1_000_000;

/// The currency of a price list: only the renminbi.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Currency {
    /// Chinese yuan (人民币).
    #[default]
    #[serde(rename = "CNY")]
    Cny,
}

/// What one unit of a module's list price buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceUnit {
    /// One site (a plant, a company, a server installation).
    PerSite,
    /// One named or concurrent user.
    PerUser,
    /// The module as a whole.
    PerModule,
}

/// A module's name in the three UI languages (keys are the languages' tags).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleName {
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    /// Traditional Chinese (Taiwan wording).
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
    /// English.
    pub en: String,
}

impl ModuleName {
    /// Build a name from its three languages.
    pub fn new(zh_hans: &str, zh_hant: &str, en: &str) -> Self {
        ModuleName {
            zh_hans: zh_hans.to_owned(),
            zh_hant: zh_hant.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        }
    }
}

/// One ERP module of the price list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceModule {
    /// Stable code (`FIN`, `MRP` …): ASCII letters, digits, `-`, `_`, `.`; unique in its list
    /// regardless of case.
    pub code: String,
    /// Name in each UI language.
    pub name: ModuleName,
    /// List price of one unit, in whole CNY.
    pub list_price_cny: i64,
    /// What one unit is.
    pub unit: PriceUnit,
}

impl PriceModule {
    /// The quote line for `qty` units of this module at its list price (`module` = the code).
    pub fn quote_line(&self, qty: u32) -> QuoteLine {
        QuoteLine {
            module: self.code.clone(),
            list_price_cny: self.list_price_cny,
            qty,
        }
    }
}

/// A price list as a manager or admin sends it (`PUT /api/v1/price-list`, the CLI import):
/// everything but the version, which the server assigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceListInput {
    /// Always CNY.
    pub currency: Currency,
    /// Consultant day rate in whole CNY.
    pub day_rate_cny: i64,
    /// The modules, in the order the phone lists them.
    pub modules: Vec<PriceModule>,
}

/// A stored price list: a version number and its contents (`GET /api/v1/price-list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceList {
    /// 1, 2, …: each change is a new version; the old ones stay readable.
    pub version: u32,
    /// Always CNY.
    pub currency: Currency,
    /// Consultant day rate in whole CNY.
    pub day_rate_cny: i64,
    /// The modules, in the order the phone lists them.
    pub modules: Vec<PriceModule>,
}

/// Why a price list is refused (`module` is the index into `modules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PriceListError {
    /// No module at all.
    #[error("a price list needs at least one module")]
    NoModules,
    /// More than [`MAX_MODULES`] modules.
    #[error("a price list has at most {max} modules")]
    TooManyModules {
        /// The limit.
        max: usize,
    },
    /// A blank code.
    #[error("module {module}: the code is empty")]
    EmptyCode {
        /// Module index.
        module: usize,
    },
    /// A code over [`MAX_CODE_CHARS`] characters.
    #[error("module {module}: the code is longer than {max} characters")]
    CodeTooLong {
        /// Module index.
        module: usize,
        /// The limit.
        max: usize,
    },
    /// A code with characters other than ASCII letters, digits, `-`, `_` and `.`.
    #[error("module {module}: the code may only hold letters, digits, '-', '_' and '.'")]
    InvalidCode {
        /// Module index.
        module: usize,
    },
    /// The same code (ignoring case) as an earlier module.
    #[error("module {module}: the code repeats that of module {first}")]
    DuplicateCode {
        /// Module index (the later one).
        module: usize,
        /// Index of the module that has it first.
        first: usize,
    },
    /// A blank name in one language.
    #[error("module {module}: the name in {lang:?} is empty")]
    BlankName {
        /// Module index.
        module: usize,
        /// The language.
        lang: Lang,
    },
    /// A name over [`MAX_NAME_CHARS`] characters in one language.
    #[error("module {module}: the name in {lang:?} is longer than {max} characters")]
    NameTooLong {
        /// Module index.
        module: usize,
        /// The language.
        lang: Lang,
        /// The limit.
        max: usize,
    },
    /// A negative list price.
    #[error("module {module}: the list price is negative")]
    NegativePrice {
        /// Module index.
        module: usize,
    },
    /// A list price over [`MAX_LIST_PRICE_CNY`].
    #[error("module {module}: the list price is above {max} CNY")]
    PriceTooHigh {
        /// Module index.
        module: usize,
        /// The limit.
        max: i64,
    },
    /// A negative consultant day rate.
    #[error("the consultant day rate is negative")]
    NegativeDayRate,
    /// A consultant day rate over [`MAX_DAY_RATE_CNY`].
    #[error("the consultant day rate is above {max} CNY")]
    DayRateTooHigh {
        /// The limit.
        max: i64,
    },
}

impl PriceListError {
    /// The stable code (the serde tag): what the server answers and the phone translates.
    pub fn code(&self) -> &'static str {
        match self {
            PriceListError::NoModules => "no_modules",
            PriceListError::TooManyModules { .. } => "too_many_modules",
            PriceListError::EmptyCode { .. } => "empty_code",
            PriceListError::CodeTooLong { .. } => "code_too_long",
            PriceListError::InvalidCode { .. } => "invalid_code",
            PriceListError::DuplicateCode { .. } => "duplicate_code",
            PriceListError::BlankName { .. } => "blank_name",
            PriceListError::NameTooLong { .. } => "name_too_long",
            PriceListError::NegativePrice { .. } => "negative_price",
            PriceListError::PriceTooHigh { .. } => "price_too_high",
            PriceListError::NegativeDayRate => "negative_day_rate",
            PriceListError::DayRateTooHigh { .. } => "day_rate_too_high",
        }
    }

    /// Every code, for tests and translation tables.
    pub const CODES: [&'static str; 12] = [
        "no_modules",
        "too_many_modules",
        "empty_code",
        "code_too_long",
        "invalid_code",
        "duplicate_code",
        "blank_name",
        "name_too_long",
        "negative_price",
        "price_too_high",
        "negative_day_rate",
        "day_rate_too_high",
    ];
}

/// The rule, once: the first problem of a list's day rate and modules.
fn check_contents(day_rate_cny: i64, modules: &[PriceModule]) -> Result<(), PriceListError> {
    if modules.is_empty() {
        return Err(PriceListError::NoModules);
    }
    if modules.len() > MAX_MODULES {
        return Err(PriceListError::TooManyModules { max: MAX_MODULES });
    }
    if day_rate_cny < 0 {
        return Err(PriceListError::NegativeDayRate);
    }
    if day_rate_cny > MAX_DAY_RATE_CNY {
        return Err(PriceListError::DayRateTooHigh {
            max: MAX_DAY_RATE_CNY,
        });
    }
    let mut seen: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(modules.len());
    for (i, m) in modules.iter().enumerate() {
        let code = m.code.trim();
        if code.is_empty() {
            return Err(PriceListError::EmptyCode { module: i });
        }
        if m.code.chars().count() > MAX_CODE_CHARS {
            return Err(PriceListError::CodeTooLong {
                module: i,
                max: MAX_CODE_CHARS,
            });
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        if !m.code.chars().all(allowed) {
            return Err(PriceListError::InvalidCode { module: i });
        }
        if let Some(&first) = seen.get(&m.code.to_ascii_uppercase()) {
            return Err(PriceListError::DuplicateCode { module: i, first });
        }
        seen.insert(m.code.to_ascii_uppercase(), i);
        for lang in Lang::ALL {
            let name = m.name.get(lang);
            if name.trim().is_empty() {
                return Err(PriceListError::BlankName { module: i, lang });
            }
            if name.chars().count() > MAX_NAME_CHARS {
                return Err(PriceListError::NameTooLong {
                    module: i,
                    lang,
                    max: MAX_NAME_CHARS,
                });
            }
        }
        if m.list_price_cny < 0 {
            return Err(PriceListError::NegativePrice { module: i });
        }
        if m.list_price_cny > MAX_LIST_PRICE_CNY {
            return Err(PriceListError::PriceTooHigh {
                module: i,
                max: MAX_LIST_PRICE_CNY,
            });
        }
    }
    Ok(())
}

impl PriceListInput {
    /// Whether this list may be stored: the first problem, if any.
    pub fn check(&self) -> Result<(), PriceListError> {
        check_contents(self.day_rate_cny, &self.modules)
    }

    /// This list as version `version`.
    pub fn with_version(self, version: u32) -> PriceList {
        PriceList {
            version,
            currency: self.currency,
            day_rate_cny: self.day_rate_cny,
            modules: self.modules,
        }
    }
}

impl PriceList {
    /// Whether this list's contents are valid (the same rule as [`PriceListInput::check`]).
    pub fn check(&self) -> Result<(), PriceListError> {
        check_contents(self.day_rate_cny, &self.modules)
    }

    /// The contents without the version (what an edit or an import sends).
    pub fn into_input(self) -> PriceListInput {
        PriceListInput {
            currency: self.currency,
            day_rate_cny: self.day_rate_cny,
            modules: self.modules,
        }
    }

    /// The module with this code (ignoring case).
    pub fn module(&self, code: &str) -> Option<&PriceModule> {
        self.modules
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(code))
    }

    /// The quote line for `qty` units of the module `code`; `None` if it is not in the list.
    pub fn quote_line(&self, code: &str, qty: u32) -> Option<QuoteLine> {
        self.module(code).map(|m| m.quote_line(qty))
    }
}

/// The demo's consultant day rate (CNY per consultant day).
pub const DEMO_DAY_RATE_CNY: i64 = 2_500;

/// The demo price list of a mid-market Chinese ERP vendor: the nine module families of the
/// issue (finance, purchasing, sales, inventory, production planning, MRP, costing, quality,
/// HR/payroll) and a few usual extras (platform licence, shop floor, mobile warehouse
/// scanning, reports, integration), at plausible list prices; consultant days at
/// [`DEMO_DAY_RATE_CNY`]. `--demo` stores it as version 1.
pub fn demo_price_list() -> PriceListInput {
    use PriceUnit::*;
    #[rustfmt::skip]
    let rows: [(&str, &str, &str, &str, i64, PriceUnit); 14] = [
        ("SYS",  "系统平台（服务器授权）", "系統平台（伺服器授權）", "Platform (server licence)",     30_000, PerSite),
        ("FIN",  "财务会计",               "財務會計",               "Financial accounting",          6_800, PerUser),
        ("PUR",  "采购管理",               "採購管理",               "Purchasing",                    5_800, PerUser),
        ("SAL",  "销售管理",               "銷售管理",               "Sales management",              5_800, PerUser),
        ("INV",  "库存管理",               "庫存管理",               "Inventory management",          5_200, PerUser),
        ("PP",   "生产计划",               "生產計畫",               "Production planning",          48_000, PerModule),
        ("MRP",  "物料需求计划（MRP）",    "物料需求計畫（MRP）",    "Material requirements planning (MRP)", 58_000, PerModule),
        ("COST", "成本管理",               "成本管理",               "Cost accounting",              45_000, PerModule),
        ("QM",   "质量管理",               "品質管理",               "Quality management",           36_000, PerModule),
        ("HR",   "人力资源与薪资",         "人力資源與薪資",         "HR and payroll",               32_000, PerModule),
        ("SFC",  "车间管理",               "車間管理",               "Shop floor control",           42_000, PerModule),
        ("WMS-M", "移动仓库扫码",          "行動倉儲掃碼",           "Mobile warehouse scanning",     2_600, PerUser),
        ("BI",   "经营分析报表",           "經營分析報表",           "Management reports (BI)",      28_000, PerModule),
        ("API",  "系统集成接口",           "系統整合介面",           "Integration interfaces",       25_000, PerModule),
    ];
    PriceListInput {
        currency: Currency::Cny,
        day_rate_cny: DEMO_DAY_RATE_CNY,
        modules: rows
            .into_iter()
            .map(|(code, zh_hans, zh_hant, en, price, unit)| PriceModule {
                code: code.to_owned(),
                name: ModuleName::new(zh_hans, zh_hant, en),
                list_price_cny: price,
                unit,
            })
            .collect(),
    }
}
