//! Possible duplicates of a new prospect: the prospects whose company name is the same, or the
//! same once written the same way (issue 17: a second 深圳华强电子有限公司 went through
//! silently). A warning, never a refusal: the rep decides.
//!
//! **Decisions** (kept simple on purpose; the full check is the field-visits issue's):
//! - *Exact*: the same name once trimmed.
//! - *Similar*: the same [`normalize`]d name. Normalising makes full-width ASCII half-width,
//!   folds Latin case, drops spaces and punctuation, drops trailing legal forms (有限公司,
//!   有限责任公司, 股份有限公司, 集团, 公司 and their traditional forms; Co., Ltd., Inc.,
//!   Limited, Corp., Company, Group, LLC) and up to two leading region names (a province,
//!   then a city, such as 广东 / 深圳 / 上海, with or without 省 / 市). A name made only of
//!   those keeps them (公司 alone is still 公司).
//! - Nothing smarter (no pinyin, no edit distance, no address or phone matching).

/// How a name matches an existing prospect's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same name (trimmed).
    Exact,
    /// The same name once normalised ([`normalize`]).
    Similar,
}

/// Legal forms dropped from the end of a Chinese name, longest first.
const CJK_SUFFIXES: [&str; 9] = [
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "总公司",
    "總公司",
    "集团",
    "集團",
    "公司",
];

/// Legal forms dropped from the end of a Latin name (whole words, case-folded).
const LATIN_SUFFIXES: [&str; 9] = [
    "co",
    "ltd",
    "inc",
    "limited",
    "corp",
    "corporation",
    "company",
    "group",
    "llc",
];

/// Region names dropped from the start (provinces, municipalities and manufacturing cities;
/// simplified and traditional).
const REGIONS: [&str; 48] = [
    "北京", "上海", "天津", "重庆", "重慶", "广东", "廣東", "浙江", "江苏", "江蘇", "山东", "山東",
    "福建", "河北", "河南", "湖北", "湖南", "安徽", "四川", "江西", "辽宁", "遼寧", "深圳", "广州",
    "廣州", "东莞", "東莞", "佛山", "中山", "珠海", "惠州", "苏州", "蘇州", "无锡", "無錫", "宁波",
    "寧波", "杭州", "温州", "溫州", "厦门", "廈門", "青岛", "青島", "南京", "武汉", "武漢", "成都",
];

/// The half-width form of a full-width ASCII character or ideographic space.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The name written one way: half-width, lower case, without spaces, punctuation, trailing
/// legal forms or leading region names (see the module's decisions). Empty for a name made
/// of nothing but spaces and punctuation.
pub fn normalize(name: &str) -> String {
    // Words of letters and digits (any script), split at spaces and punctuation.
    let folded: String = name.trim().chars().map(half_width).collect();
    let folded = folded.to_lowercase();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| LATIN_SUFFIXES.contains(w)) {
        words.pop();
    }
    let mut key: String = words.concat();
    // Several forms may follow each other (集团有限公司): drop them one by one.
    'suffix: loop {
        for s in CJK_SUFFIXES {
            if let Some(rest) = key.strip_suffix(s) {
                if !rest.is_empty() {
                    key.truncate(rest.len());
                    continue 'suffix;
                }
            }
        }
        break;
    }
    for _ in 0..2 {
        let Some(rest) = REGIONS.iter().find_map(|r| key.strip_prefix(r)) else {
            break;
        };
        let rest = rest
            .strip_prefix('省')
            .or_else(|| rest.strip_prefix('市'))
            .unwrap_or(rest);
        if rest.is_empty() {
            break;
        }
        key = rest.to_owned();
    }
    key
}

/// How `name` matches `existing`, if it does.
pub fn match_kind(name: &str, existing: &str) -> Option<MatchKind> {
    if name.trim().is_empty() {
        return None;
    }
    if name.trim() == existing.trim() {
        return Some(MatchKind::Exact);
    }
    let key = normalize(name);
    (!key.is_empty() && key == normalize(existing)).then_some(MatchKind::Similar)
}

/// The items whose company (`company` of each) matches `name`, exact matches first, at most
/// `limit` of them.
pub fn duplicates<'a, T>(
    name: &str,
    items: &'a [T],
    company: impl Fn(&T) -> &str,
    limit: usize,
) -> Vec<(&'a T, MatchKind)> {
    let trimmed = name.trim();
    let key = normalize(name);
    if trimmed.is_empty() || key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(&T, MatchKind)> = items
        .iter()
        .filter_map(|item| {
            let other = company(item).trim();
            if other == trimmed {
                Some((item, MatchKind::Exact))
            } else {
                (normalize(other) == key).then_some((item, MatchKind::Similar))
            }
        })
        .collect();
    found.sort_by_key(|(_, kind)| *kind);
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_legal_forms_regions_case_spaces_and_punctuation() {
        assert_eq!(normalize("深圳华强电子有限公司"), "华强电子");
        assert_eq!(normalize("  华强电子 "), "华强电子");
        assert_eq!(normalize("广东深圳华强电子集团有限公司"), "华强电子");
        assert_eq!(normalize("深圳市华强电子股份有限公司"), "华强电子");
        assert_eq!(normalize("上海 华强·电子（有限公司）"), "华强电子");
        assert_eq!(normalize("廣東華強電子有限責任公司"), "華強電子");
        assert_eq!(
            normalize("Huaqiang Electronics Co., Ltd."),
            "huaqiangelectronics"
        );
        assert_eq!(
            normalize("ＨＵＡＱＩＡＮＧ　Ｅｌｅｃｔｒｏｎｉｃｓ　Ｉｎｃ．"),
            "huaqiangelectronics"
        );
    }

    #[test]
    fn normalize_keeps_a_name_made_only_of_forms_or_regions() {
        assert_eq!(normalize("公司"), "公司");
        assert_eq!(normalize("深圳"), "深圳");
        assert_eq!(normalize("深圳公司"), "深圳");
        assert_eq!(normalize("Co"), "co");
        assert_eq!(normalize(" ，。 "), "");
    }

    #[test]
    fn normalize_keeps_letters_inside_words() {
        // "co" ends "Tesco" but is not a word of its own there.
        assert_eq!(normalize("Tesco"), "tesco");
        assert_eq!(normalize("东莞精工五金制品厂"), "精工五金制品厂");
    }

    #[test]
    fn match_kind_tells_exact_from_similar_and_different() {
        let name = "深圳华强电子有限公司";
        assert_eq!(
            match_kind(name, " 深圳华强电子有限公司"),
            Some(MatchKind::Exact)
        );
        assert_eq!(match_kind(name, "华强电子"), Some(MatchKind::Similar));
        assert_eq!(match_kind(name, "深圳华强科技有限公司"), None);
        assert_eq!(match_kind("  ", "  "), None);
    }

    #[test]
    fn duplicates_lists_exact_matches_first_up_to_the_limit() {
        let items = [
            "华强电子公司",
            "东莞精工",
            "深圳华强电子有限公司",
            "华强电子",
        ];
        let found = duplicates("深圳华强电子有限公司", &items, |s| s, 5);
        let names: Vec<(&str, MatchKind)> = found.iter().map(|(s, k)| (**s, *k)).collect();
        assert_eq!(
            names,
            [
                ("深圳华强电子有限公司", MatchKind::Exact),
                ("华强电子公司", MatchKind::Similar),
                ("华强电子", MatchKind::Similar),
            ]
        );
        assert_eq!(
            duplicates("深圳华强电子有限公司", &items, |s| s, 1).len(),
            1
        );
        assert!(duplicates("", &items, |s| s, 5).is_empty());
        assert!(duplicates("。", &items, |s| s, 5).is_empty());
    }
}
