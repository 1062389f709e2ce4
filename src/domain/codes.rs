//! The national code tables compiled into the program: Inner Mongolia's current
//! divisions, every division code of China since 1981 (GB/T 2260), ethnic groups
//! (GB/T 3304), education levels (GB/T 4658), the 2022 occupational classification
//! (职业分类大典) and the seven key industries of the 2015 policy with their occupations.
//!
//! The CSV files live in `assets/codes/` (see its README for sources and licences) and are
//! embedded with `include_str!`, so no file or network is needed at run time. Each table
//! is parsed once, lazily; lines starting with `#` are comments and the first other line
//! is the header. A malformed line is skipped rather than stopping the program; the unit
//! tests prove every line of the shipped tables parses.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::text;

/// The editions of the code tables built into this program; printed in returns and
/// data packages so a reader knows which lists a check was made against.
pub const CODE_TABLE_VERSION: &str = "GB/T 2260-2024.12; 职业分类大典2022; GB/T 3304-1991; GB/T 4658-2006";

const DIVISIONS_CSV: &str = include_str!("../../assets/codes/divisions.csv");
const GB2260_CSV: &str = include_str!("../../assets/codes/gb2260_1981_2024.csv");
const ETHNIC_GROUPS_CSV: &str = include_str!("../../assets/codes/ethnic_groups.csv");
const EDUCATION_LEVELS_CSV: &str = include_str!("../../assets/codes/education_levels.csv");
const OCCUPATIONS_CSV: &str = include_str!("../../assets/codes/occupations_2022.csv");

/// The data rows of an embedded CSV: comments (`#`) and blank lines skipped, the header
/// (the first remaining line) skipped, fields split on `,` and trimmed. None of the
/// shipped tables quotes a field.
fn csv_rows(csv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    csv.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1)
        .map(|line| line.split(',').map(str::trim).collect())
}

fn non_empty(s: &'static str) -> Option<&'static str> {
    if s.is_empty() { None } else { Some(s) }
}

fn all_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------
// Inner Mongolia's current divisions (divisions.csv)
// ---------------------------------------------------------------------------------------

/// The level of an administrative division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DivisionLevel {
    /// 省级: the autonomous region itself.
    Province,
    /// 地级: a 地级市 or 盟.
    Prefecture,
    /// 县级: 市辖区, 县, 旗, 自治旗, 县级市.
    County,
}

impl DivisionLevel {
    /// `province`, `prefecture`, `county` (as in divisions.csv).
    pub fn code(&self) -> &'static str {
        match self {
            DivisionLevel::Province => "province",
            DivisionLevel::Prefecture => "prefecture",
            DivisionLevel::County => "county",
        }
    }

    pub fn from_code(code: &str) -> Option<DivisionLevel> {
        match code {
            "province" => Some(DivisionLevel::Province),
            "prefecture" => Some(DivisionLevel::Prefecture),
            "county" => Some(DivisionLevel::County),
            _ => None,
        }
    }

    /// 省级, 地级, 县级.
    pub fn name_zh(&self) -> &'static str {
        match self {
            DivisionLevel::Province => "省级",
            DivisionLevel::Prefecture => "地级",
            DivisionLevel::County => "县级",
        }
    }
}

/// One current Inner Mongolia division.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImDivision {
    /// 6-digit GB/T 2260 code.
    pub code: &'static str,
    /// The name as listed, e.g. "新城区" (without its prefecture).
    pub name: &'static str,
    pub level: DivisionLevel,
    /// The code of the division above (none for the region itself).
    pub parent: Option<&'static str>,
    /// 自治区, 地级市, 盟, 市辖区, 县, 旗, 自治旗 or 县级市.
    pub kind: &'static str,
}

static IM_DIVISIONS: LazyLock<Vec<ImDivision>> = LazyLock::new(|| {
    csv_rows(DIVISIONS_CSV)
        .filter_map(|f| {
            let [code, name, level, parent, kind] = f.as_slice() else {
                return None;
            };
            if code.len() != 6 || !all_ascii_digits(code) || name.is_empty() {
                return None;
            }
            Some(ImDivision {
                code,
                name,
                level: DivisionLevel::from_code(level)?,
                parent: non_empty(parent),
                kind,
            })
        })
        .collect()
});

/// Inner Mongolia's 116 current divisions, in code order (region, then each league or
/// city followed by its counties).
/// Reads every code table now (each is otherwise read at its first use): for a caller that
/// will look codes up later and can read them on another thread meanwhile (`return`).
pub fn load_all() {
    LazyLock::force(&IM_DIVISIONS);
    LazyLock::force(&HISTORIC);
    LazyLock::force(&ETHNICITIES);
    LazyLock::force(&EDUCATION_LEVELS);
    LazyLock::force(&OCCUPATIONS);
}

pub fn im_divisions() -> &'static [ImDivision] {
    &IM_DIVISIONS
}

/// A current Inner Mongolia division by its 6-digit code (spaces and full-width digits
/// tolerated).
pub fn im_division(code: &str) -> Option<&'static ImDivision> {
    let code = text::normalise_code(code);
    IM_DIVISIONS.iter().find(|d| d.code == code)
}

/// The divisions directly under `parent_code` (the counties of a league or city, or the
/// leagues and cities of the region).
pub fn im_division_children(parent_code: &str) -> Vec<&'static ImDivision> {
    let parent_code = text::normalise_code(parent_code);
    IM_DIVISIONS
        .iter()
        .filter(|d| d.parent == Some(parent_code.as_str()))
        .collect()
}

/// The name people write: "呼和浩特市新城区" for a county (prefecture + county),
/// "呼和浩特市" for a prefecture, "内蒙古自治区" for the region itself.
pub fn im_division_full_name(code: &str) -> Option<String> {
    let division = im_division(code)?;
    match division.level {
        DivisionLevel::Province | DivisionLevel::Prefecture => Some(division.name.to_string()),
        DivisionLevel::County => {
            let parent = division.parent.and_then(im_division);
            match parent {
                Some(p) if p.level == DivisionLevel::Prefecture => {
                    Some(format!("{}{}", p.name, division.name))
                }
                _ => Some(division.name.to_string()),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Every division code since 1981 (gb2260_1981_2024.csv)
// ---------------------------------------------------------------------------------------

/// One row of the national code history: a code with the name it had over a span of
/// years. A code can have several rows (renamed, or re-used after a change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoricDivision {
    /// 6-digit GB/T 2260 code.
    pub code: &'static str,
    /// 一级行政区, e.g. "内蒙古自治区".
    pub province: &'static str,
    /// 二级行政区, e.g. "呼伦贝尔盟"; "直辖" under a municipality; empty for a province row.
    pub prefecture: &'static str,
    /// The division's own name, e.g. "海拉尔市".
    pub name: &'static str,
    /// 省级, 地级 or 县级.
    pub level: &'static str,
    /// 在用 (in use), 变更 (changed) or 弃用 (retired).
    pub status: &'static str,
    /// The year the code came into use with this name.
    pub from_year: Option<u16>,
    /// The year it was changed or retired; `None` while in use.
    pub until_year: Option<u16>,
    /// The successor codes as written in the source, e.g. "150702" or
    /// "152302[1985];150526"; empty if none.
    pub successors: &'static str,
}

impl HistoricDivision {
    /// True if the code is in use today with this name.
    pub fn in_use(&self) -> bool {
        self.until_year.is_none()
    }

    /// The full name, e.g. "内蒙古自治区呼伦贝尔盟海拉尔市", "北京市东城区",
    /// "内蒙古自治区".
    pub fn full_name(&self) -> String {
        let mut full = String::from(self.province);
        if !self.prefecture.is_empty() && self.prefecture != "直辖" && self.prefecture != self.province {
            full.push_str(self.prefecture);
        }
        if self.name != self.province && self.name != self.prefecture {
            full.push_str(self.name);
        }
        full
    }
}

struct HistoricTable {
    rows: Vec<HistoricDivision>,
    /// code → index of its newest row.
    newest: HashMap<&'static str, usize>,
    /// The two-digit prefixes of the province-level rows.
    provinces: HashSet<&'static str>,
}

fn parse_year(s: &str) -> Option<u16> {
    if s.len() == 4 && all_ascii_digits(s) {
        s.parse().ok()
    } else {
        None
    }
}

/// Sort key for "newest": a row still in use beats any ended row; then the later end
/// year; then the later start year.
fn newness(row: &HistoricDivision) -> (u16, u16) {
    (row.until_year.unwrap_or(u16::MAX), row.from_year.unwrap_or(0))
}

static HISTORIC: LazyLock<HistoricTable> = LazyLock::new(|| {
    let rows: Vec<HistoricDivision> = csv_rows(GB2260_CSV)
        .filter_map(|f| {
            let [
                code,
                province,
                prefecture,
                name,
                level,
                status,
                from,
                until,
                successors,
            ] = f.as_slice()
            else {
                return None;
            };
            if code.len() != 6 || !all_ascii_digits(code) || name.is_empty() {
                return None;
            }
            Some(HistoricDivision {
                code,
                province,
                prefecture,
                name,
                level,
                status,
                from_year: parse_year(from),
                until_year: parse_year(until),
                successors,
            })
        })
        .collect();
    let mut newest: HashMap<&'static str, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        match newest.get(row.code) {
            Some(&j) if newness(&rows[j]) >= newness(row) => {}
            _ => {
                newest.insert(row.code, i);
            }
        }
    }
    let provinces = rows
        .iter()
        .filter(|r| r.level == "省级")
        .map(|r| &r.code[..2])
        .collect();
    HistoricTable {
        rows,
        newest,
        provinces,
    }
});

/// Every row of the national code history, in table order.
pub fn historic_divisions() -> &'static [HistoricDivision] {
    &HISTORIC.rows
}

/// The newest row for a 6-digit code in any status (in use, changed or retired): the
/// name an ID number's address code stands for. `None` if the code was never used.
pub fn historic_division(code: &str) -> Option<&'static HistoricDivision> {
    let code = text::normalise_code(code);
    let table = &*HISTORIC;
    table.newest.get(code.as_str()).map(|&i| &table.rows[i])
}

/// Every row for a code, oldest first (for showing a code's history).
pub fn historic_division_rows(code: &str) -> Vec<&'static HistoricDivision> {
    let code = text::normalise_code(code);
    let mut rows: Vec<_> = HISTORIC.rows.iter().filter(|r| r.code == code).collect();
    rows.sort_by_key(|r| newness(r));
    rows
}

/// True for the 34 two-digit province-level prefixes (11 北京 … 82 澳门) of the national
/// table.
pub fn is_province_code(two_digits: &str) -> bool {
    HISTORIC.provinces.contains(two_digits)
}

// ---------------------------------------------------------------------------------------
// Ethnic groups (ethnic_groups.csv, GB/T 3304-1991)
// ---------------------------------------------------------------------------------------

/// One of the 56 ethnic groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ethnicity {
    /// 2-digit code, "01" … "56".
    pub code: &'static str,
    /// e.g. "蒙古族".
    pub name: &'static str,
    /// GB/T 3304 romanisation, e.g. "Mongol".
    pub roman: &'static str,
    /// 2-letter code, e.g. "MG".
    pub letter: &'static str,
}

static ETHNICITIES: LazyLock<Vec<Ethnicity>> = LazyLock::new(|| {
    csv_rows(ETHNIC_GROUPS_CSV)
        .filter_map(|f| {
            let [code, name, roman, letter] = f.as_slice() else {
                return None;
            };
            if code.len() != 2 || !all_ascii_digits(code) || name.is_empty() {
                return None;
            }
            Some(Ethnicity {
                code,
                name,
                roman,
                letter,
            })
        })
        .collect()
});

/// The 56 ethnic groups in code order.
pub fn ethnicities() -> &'static [Ethnicity] {
    &ETHNICITIES
}

/// By numeric code: "02" or "2" (full-width and spaces tolerated).
pub fn ethnicity(code: &str) -> Option<&'static Ethnicity> {
    let code = text::normalise_code(code);
    let code = if code.len() == 1 { format!("0{code}") } else { code };
    ETHNICITIES.iter().find(|e| e.code == code)
}

/// By name: "蒙古族", "蒙古" (without 族), the romanisation ("Mongol", any case) or the
/// letter code ("MG").
pub fn ethnicity_by_name(name: &str) -> Option<&'static Ethnicity> {
    let name = text::normalise(name);
    if name.is_empty() {
        return None;
    }
    let list = &*ETHNICITIES;
    list.iter()
        .find(|e| e.name == name)
        .or_else(|| list.iter().find(|e| e.name.strip_suffix('族') == Some(&name)))
        .or_else(|| list.iter().find(|e| e.roman.eq_ignore_ascii_case(&name)))
        .or_else(|| list.iter().find(|e| e.letter.eq_ignore_ascii_case(&name)))
}

/// What an import column may hold: a numeric code or any form [`ethnicity_by_name`]
/// accepts.
pub fn ethnicity_loose(s: &str) -> Option<&'static Ethnicity> {
    let code = text::normalise_code(s);
    if all_ascii_digits(&code) {
        ethnicity(&code)
    } else {
        ethnicity_by_name(s)
    }
}

// ---------------------------------------------------------------------------------------
// Education levels (education_levels.csv, GB/T 4658-2006)
// ---------------------------------------------------------------------------------------

/// One education (学历) code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EducationLevel {
    /// 2-digit code, e.g. "21".
    pub code: &'static str,
    /// e.g. "大学本科毕业".
    pub name: &'static str,
    /// True for the group rows (10, 20, … 90), false for a specific outcome.
    pub is_category: bool,
    /// The group code of a specific outcome, e.g. "20" for "21".
    pub parent: Option<&'static str>,
}

static EDUCATION_LEVELS: LazyLock<Vec<EducationLevel>> = LazyLock::new(|| {
    csv_rows(EDUCATION_LEVELS_CSV)
        .filter_map(|f| {
            let [code, name, level, parent] = f.as_slice() else {
                return None;
            };
            if code.len() != 2 || !all_ascii_digits(code) || name.is_empty() {
                return None;
            }
            let is_category = match *level {
                "category" => true,
                "detail" => false,
                _ => return None,
            };
            Some(EducationLevel {
                code,
                name,
                is_category,
                parent: non_empty(parent),
            })
        })
        .collect()
});

/// Common short forms and the code they mean (the 毕业 outcome of the level).
const EDUCATION_SHORT_FORMS: [(&str, &str); 22] = [
    ("博士", "11"),
    ("博士研究生", "11"),
    ("研究生", "14"),
    ("硕士", "14"),
    ("硕士研究生", "14"),
    ("本科", "21"),
    ("大学本科", "21"),
    ("大学", "21"),
    ("大专", "31"),
    ("专科", "31"),
    ("大学专科", "31"),
    ("高职", "31"),
    ("中专", "41"),
    ("中等专科", "41"),
    ("职高", "44"),
    ("职业高中", "44"),
    ("技校", "47"),
    ("技工学校", "47"),
    ("高中", "61"),
    ("普通高中", "61"),
    ("初中", "71"),
    ("小学", "81"),
];

/// The everyday words for education levels (本科, 大专, 研究生, 初中…) and the code each
/// means: what import accepts, offered by the form's picker too.
pub fn education_short_forms() -> &'static [(&'static str, &'static str)] {
    &EDUCATION_SHORT_FORMS
}

/// All education codes in code order (groups and outcomes).
pub fn education_levels() -> &'static [EducationLevel] {
    &EDUCATION_LEVELS
}

/// By 2-digit code.
pub fn education(code: &str) -> Option<&'static EducationLevel> {
    let code = text::normalise_code(code);
    EDUCATION_LEVELS.iter().find(|e| e.code == code)
}

/// By exact name ("大学本科毕业") or a common short form: 本科 → 21, 大专/专科 → 31,
/// 中专 → 41, 职高 → 44, 技校 → 47, 高中 → 61, 初中 → 71, 小学 → 81, 研究生/硕士 → 14,
/// 博士 → 11. A trailing 毕业 or 学历 is ignored ("大专毕业", "本科学历").
pub fn education_by_name(name: &str) -> Option<&'static EducationLevel> {
    let name: String = text::normalise(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if name.is_empty() {
        return None;
    }
    if let Some(level) = EDUCATION_LEVELS.iter().find(|e| e.name == name) {
        return Some(level);
    }
    let mut short = name.as_str();
    for suffix in ["学历", "毕业"] {
        if let Some(rest) = short.strip_suffix(suffix)
            && !rest.is_empty()
        {
            short = rest;
        }
    }
    EDUCATION_SHORT_FORMS
        .iter()
        .find(|(form, _)| *form == short)
        .and_then(|(_, code)| education(code))
}

/// A numeric code or any form [`education_by_name`] accepts.
pub fn education_loose(s: &str) -> Option<&'static EducationLevel> {
    let code = text::normalise_code(s);
    if all_ascii_digits(&code) {
        education(&code)
    } else {
        education_by_name(s)
    }
}

// ---------------------------------------------------------------------------------------
// Key industries (2015 policy) and occupations (职业分类大典 2022)
// ---------------------------------------------------------------------------------------

/// The seven key industries named by the 2015 Inner Mongolia policy. Stored by
/// [`code`](KeyIndustry::code); the serde impls (writing that code) are in `domain::org`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyIndustry {
    /// 房屋和土木工程建筑业
    Construction,
    /// 交通运输设备制造业
    TransportEquipment,
    /// 通用设备制造业
    GeneralEquipment,
    /// 能源化工
    EnergyChemical,
    /// 有色金属生产加工
    NonFerrous,
    /// 绿色农畜产品生产加工
    GreenAgriLivestock,
    /// 现代服务业
    ModernServices,
}

impl KeyIndustry {
    /// All seven, in the policy's order.
    pub const ALL: [KeyIndustry; 7] = [
        KeyIndustry::Construction,
        KeyIndustry::TransportEquipment,
        KeyIndustry::GeneralEquipment,
        KeyIndustry::EnergyChemical,
        KeyIndustry::NonFerrous,
        KeyIndustry::GreenAgriLivestock,
        KeyIndustry::ModernServices,
    ];

    /// The stable storage code, e.g. `energy_chemical`.
    pub fn code(&self) -> &'static str {
        match self {
            KeyIndustry::Construction => "construction",
            KeyIndustry::TransportEquipment => "transport_equipment",
            KeyIndustry::GeneralEquipment => "general_equipment",
            KeyIndustry::EnergyChemical => "energy_chemical",
            KeyIndustry::NonFerrous => "non_ferrous",
            KeyIndustry::GreenAgriLivestock => "green_agri_livestock",
            KeyIndustry::ModernServices => "modern_services",
        }
    }

    pub fn from_code(code: &str) -> Option<KeyIndustry> {
        KeyIndustry::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The policy's name, e.g. "房屋和土木工程建筑业".
    pub fn name_zh(&self) -> &'static str {
        match self {
            KeyIndustry::Construction => "房屋和土木工程建筑业",
            KeyIndustry::TransportEquipment => "交通运输设备制造业",
            KeyIndustry::GeneralEquipment => "通用设备制造业",
            KeyIndustry::EnergyChemical => "能源化工",
            KeyIndustry::NonFerrous => "有色金属生产加工",
            KeyIndustry::GreenAgriLivestock => "绿色农畜产品生产加工",
            KeyIndustry::ModernServices => "现代服务业",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            KeyIndustry::Construction => "Building and civil engineering",
            KeyIndustry::TransportEquipment => "Transport equipment manufacturing",
            KeyIndustry::GeneralEquipment => "General equipment manufacturing",
            KeyIndustry::EnergyChemical => "Energy and chemicals",
            KeyIndustry::NonFerrous => "Non-ferrous metals",
            KeyIndustry::GreenAgriLivestock => "Green agricultural and livestock products",
            KeyIndustry::ModernServices => "Modern services",
        }
    }

    /// By storage code or Chinese name.
    pub fn parse_loose(s: &str) -> Option<KeyIndustry> {
        let s = text::normalise(s);
        KeyIndustry::ALL
            .into_iter()
            .find(|k| k.code() == s || k.name_zh() == s)
    }

    /// This industry's occupations, in the order of `reference/occupations.md`.
    pub fn occupations(&self) -> Vec<&'static Occupation> {
        key_occupations()
            .into_iter()
            .filter(|o| o.key_industry == Some(*self))
            .collect()
    }
}

/// Occupations whose name contains `fragment` (at least two characters), in code order, at
/// most `limit`: what to offer when an office writes the everyday name of a trade the
/// classification splits ("钳工" → 工具钳工, 装配钳工, 机修钳工 …).
pub fn occupations_containing(fragment: &str, limit: usize) -> Vec<&'static Occupation> {
    let fragment = text::normalise(fragment);
    if fragment.chars().count() < 2 {
        return Vec::new();
    }
    OCCUPATIONS
        .list
        .iter()
        .filter(|o| o.name.contains(fragment.as_str()))
        .take(limit)
        .collect()
}

/// The 60 key-industry occupations, each with its name and industry, from
/// `reference/occupations.md` §3 (every code and name matched against the official 2022
/// classification table PDF). The name is kept so a test can prove it agrees with
/// occupations_2022.csv.
pub const KEY_OCCUPATIONS: [(&str, &str, KeyIndustry); 60] = [
    // Building and civil-engineering construction (建筑施工) (11)
    ("6-29-01-01", "砌筑工", KeyIndustry::Construction),
    ("6-29-01-03", "混凝土工", KeyIndustry::Construction),
    ("6-29-01-04", "钢筋工", KeyIndustry::Construction),
    ("6-29-01-05", "架子工", KeyIndustry::Construction),
    ("6-29-01-06", "装配式建筑施工员", KeyIndustry::Construction),
    ("6-29-02-08", "防水工", KeyIndustry::Construction),
    ("6-29-02-15", "管道工", KeyIndustry::Construction),
    ("6-29-03-02", "电气设备安装工", KeyIndustry::Construction),
    ("6-29-03-03", "电梯安装维修工", KeyIndustry::Construction),
    ("6-30-05-02", "起重工", KeyIndustry::Construction),
    ("4-08-08-23", "建筑信息模型技术员", KeyIndustry::Construction),
    // Transport equipment manufacturing (交通运输设备制造) (5)
    ("6-22-01-01", "汽车生产线操作工", KeyIndustry::TransportEquipment),
    ("6-22-02-01", "汽车装调工", KeyIndustry::TransportEquipment),
    ("6-23-01-01", "铁路机车制修工", KeyIndustry::TransportEquipment),
    ("6-23-01-02", "铁路车辆制修工", KeyIndustry::TransportEquipment),
    ("6-24-04-00", "电池制造工", KeyIndustry::TransportEquipment),
    // General equipment manufacturing and machining (通用设备制造) (12)
    ("6-18-01-01", "车工", KeyIndustry::GeneralEquipment),
    ("6-18-01-02", "铣工", KeyIndustry::GeneralEquipment),
    ("6-18-01-04", "磨工", KeyIndustry::GeneralEquipment),
    (
        "6-18-01-07",
        "多工序数控机床操作调整工",
        KeyIndustry::GeneralEquipment,
    ),
    ("6-18-02-01", "铸造工", KeyIndustry::GeneralEquipment),
    ("6-18-02-04", "焊工", KeyIndustry::GeneralEquipment),
    ("6-18-04-06", "工具钳工", KeyIndustry::GeneralEquipment),
    ("6-20-01-01", "装配钳工", KeyIndustry::GeneralEquipment),
    ("6-20-03-01", "机床装调维修工", KeyIndustry::GeneralEquipment),
    ("6-31-01-02", "机修钳工", KeyIndustry::GeneralEquipment),
    (
        "6-31-07-01",
        "工业机器人系统运维员",
        KeyIndustry::GeneralEquipment,
    ),
    (
        "6-31-07-03",
        "工业机器人系统操作员",
        KeyIndustry::GeneralEquipment,
    ),
    // Energy and chemicals: coal mining, coal chemicals, power (能源化工) (16)
    ("6-16-01-01", "露天采矿工", KeyIndustry::EnergyChemical),
    ("6-16-01-04", "矿井开掘工", KeyIndustry::EnergyChemical),
    ("6-16-01-05", "井下采矿工", KeyIndustry::EnergyChemical),
    ("6-16-01-12", "矿山救护工", KeyIndustry::EnergyChemical),
    ("6-16-01-15", "选矿工", KeyIndustry::EnergyChemical),
    ("6-10-03-03", "煤制气工", KeyIndustry::EnergyChemical),
    ("6-10-03-01", "煤制烯烃生产工", KeyIndustry::EnergyChemical),
    ("6-11-01-03", "化工总控工", KeyIndustry::EnergyChemical),
    ("6-31-03-01", "化学检验员", KeyIndustry::EnergyChemical),
    ("6-28-01-05", "发电集控值班员", KeyIndustry::EnergyChemical),
    ("6-28-01-10", "光伏发电运维值班员", KeyIndustry::EnergyChemical),
    ("6-28-01-12", "风力发电运维值班员", KeyIndustry::EnergyChemical),
    ("6-28-01-14", "变配电运行值班员", KeyIndustry::EnergyChemical),
    ("6-28-01-15", "继电保护员", KeyIndustry::EnergyChemical),
    ("6-29-02-12", "送配电线路工", KeyIndustry::EnergyChemical),
    ("6-31-01-03", "电工", KeyIndustry::EnergyChemical),
    // Non-ferrous metals and ferroalloys (有色金属) (6)
    ("6-17-06-01", "氧化铝制取工", KeyIndustry::NonFerrous),
    ("6-17-06-02", "铝电解工", KeyIndustry::NonFerrous),
    ("6-17-06-04", "硅冶炼工", KeyIndustry::NonFerrous),
    ("6-17-07-04", "稀土冶炼工", KeyIndustry::NonFerrous),
    ("6-17-07-05", "稀土材料生产工", KeyIndustry::NonFerrous),
    ("6-17-04-02", "铁合金火法冶炼工", KeyIndustry::NonFerrous),
    // Green agricultural and livestock product processing (绿色农畜产品加工) (5)
    ("6-01-04-01", "畜禽屠宰加工工", KeyIndustry::GreenAgriLivestock),
    ("6-01-04-03", "肉制品加工工", KeyIndustry::GreenAgriLivestock),
    ("6-02-04-01", "乳品加工工", KeyIndustry::GreenAgriLivestock),
    ("6-02-04-02", "乳品评鉴师", KeyIndustry::GreenAgriLivestock),
    ("4-08-05-01", "农产品食品检验员", KeyIndustry::GreenAgriLivestock),
    // Modern services (现代服务业) (5)
    ("4-12-01-01", "汽车维修工", KeyIndustry::ModernServices),
    ("4-03-02-01", "中式烹调师", KeyIndustry::ModernServices),
    ("4-03-02-02", "中式面点师", KeyIndustry::ModernServices),
    ("4-10-01-05", "养老护理员", KeyIndustry::ModernServices),
    ("4-10-01-01", "婴幼儿发展引导员", KeyIndustry::ModernServices),
];

/// One occupation (细类) of the 2022 classification with its groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occupation {
    /// `N-NN-NN-NN`, e.g. "6-18-01-01".
    pub code: &'static str,
    /// e.g. "车工".
    pub name: &'static str,
    /// 小类, e.g. "6-18-01" 机械冷加工人员.
    pub minor_code: &'static str,
    pub minor_name: &'static str,
    /// 中类, e.g. "6-18" 机械制造基础加工人员.
    pub middle_code: &'static str,
    pub middle_name: &'static str,
    /// 大类, e.g. "6" 生产制造及有关人员.
    pub major_code: &'static str,
    pub major_name: &'static str,
    /// The key industry if this is one of the 60 key occupations.
    pub key_industry: Option<KeyIndustry>,
}

struct OccupationTable {
    list: Vec<Occupation>,
    by_code: HashMap<&'static str, usize>,
    by_name: HashMap<&'static str, usize>,
}

static OCCUPATIONS: LazyLock<OccupationTable> = LazyLock::new(|| {
    let industry: HashMap<&str, KeyIndustry> = KEY_OCCUPATIONS
        .iter()
        .map(|(code, _, industry)| (*code, *industry))
        .collect();
    let list: Vec<Occupation> = csv_rows(OCCUPATIONS_CSV)
        .filter_map(|f| {
            let [
                code,
                name,
                minor_code,
                minor_name,
                middle_code,
                middle_name,
                major_code,
                major_name,
            ] = f.as_slice()
            else {
                return None;
            };
            if !is_occupation_code_form(code) || name.is_empty() {
                return None;
            }
            Some(Occupation {
                code,
                name,
                minor_code,
                minor_name,
                middle_code,
                middle_name,
                major_code,
                major_name,
                key_industry: industry.get(code).copied(),
            })
        })
        .collect();
    let mut by_code = HashMap::new();
    let mut by_name = HashMap::new();
    for (i, o) in list.iter().enumerate() {
        by_code.entry(o.code).or_insert(i);
        by_name.entry(o.name).or_insert(i);
    }
    OccupationTable {
        list,
        by_code,
        by_name,
    }
});

/// True if `s` is exactly `d-dd-dd-dd` (ASCII digits and hyphens, nothing else).
pub fn is_occupation_code_form(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            1 | 4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Normalises a typed occupation code: full-width characters, spaces, other dashes
/// (－ — – ‐), and 7 bare digits ("6180101") become "6-18-01-01".
fn normalise_occupation_code(s: &str) -> String {
    let code: String = text::normalise_code(s)
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            _ => c,
        })
        .collect();
    if code.len() == 7 && all_ascii_digits(&code) {
        format!("{}-{}-{}-{}", &code[..1], &code[1..3], &code[3..5], &code[5..])
    } else {
        code
    }
}

/// All 1,639 occupations in code order.
pub fn occupations() -> &'static [Occupation] {
    &OCCUPATIONS.list
}

/// By code, "6-18-01-01" (full-width, spaces, other dashes and "6180101" tolerated).
pub fn occupation(code: &str) -> Option<&'static Occupation> {
    let code = normalise_occupation_code(code);
    let table = &*OCCUPATIONS;
    table.by_code.get(code.as_str()).map(|&i| &table.list[i])
}

/// By exact name, e.g. "车工" (surrounding spaces and full-width characters tolerated).
pub fn occupation_by_name(name: &str) -> Option<&'static Occupation> {
    let name = text::normalise(name);
    let table = &*OCCUPATIONS;
    table.by_name.get(name.as_str()).map(|&i| &table.list[i])
}

/// The 60 key-industry occupations in the order of `reference/occupations.md` (grouped by
/// industry), for offering them first.
pub fn key_occupations() -> Vec<&'static Occupation> {
    KEY_OCCUPATIONS
        .iter()
        .filter_map(|(code, _, _)| occupation(code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Data lines of an embedded CSV (not comments, not blank, not the header).
    fn data_line_count(csv: &str) -> usize {
        csv.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count()
            - 1
    }

    #[test]
    fn every_line_of_every_table_parses() {
        assert_eq!(im_divisions().len(), data_line_count(DIVISIONS_CSV));
        assert_eq!(historic_divisions().len(), data_line_count(GB2260_CSV));
        assert_eq!(ethnicities().len(), data_line_count(ETHNIC_GROUPS_CSV));
        assert_eq!(education_levels().len(), data_line_count(EDUCATION_LEVELS_CSV));
        assert_eq!(occupations().len(), data_line_count(OCCUPATIONS_CSV));
    }

    #[test]
    fn table_sizes() {
        assert_eq!(im_divisions().len(), 116);
        assert_eq!(historic_divisions().len(), 6823);
        assert_eq!(ethnicities().len(), 56);
        assert_eq!(education_levels().len(), 40);
        assert_eq!(occupations().len(), 1639);
        assert_eq!(OCCUPATIONS.by_code.len(), 1639, "occupation codes are unique");
        assert_eq!(OCCUPATIONS.by_name.len(), 1639, "occupation names are unique");
    }

    #[test]
    fn im_division_counts_by_level_and_kind() {
        let count = |level| im_divisions().iter().filter(|d| d.level == level).count();
        assert_eq!(count(DivisionLevel::Province), 1);
        assert_eq!(count(DivisionLevel::Prefecture), 12);
        assert_eq!(count(DivisionLevel::County), 103);
        let kind = |k| im_divisions().iter().filter(|d| d.kind == k).count();
        assert_eq!(kind("盟"), 3);
        assert_eq!(kind("旗"), 49);
        assert_eq!(kind("自治旗"), 3);
        // Every parent exists and is one level up.
        for d in im_divisions() {
            match d.level {
                DivisionLevel::Province => assert_eq!(d.parent, None),
                DivisionLevel::Prefecture => assert_eq!(d.parent, Some("150000")),
                DivisionLevel::County => {
                    let p = d.parent.and_then(im_division).map(|p| p.level);
                    assert_eq!(p, Some(DivisionLevel::Prefecture), "{}", d.code);
                }
            }
            // Every current code is also in the national history, in use.
            let h = historic_division(d.code);
            assert_eq!(h.map(|h| h.status), Some("在用"), "{}", d.code);
        }
        assert_eq!(im_division_children("150100").len(), 9);
        assert_eq!(im_division_children("150000").len(), 12);
    }

    #[test]
    fn im_division_lookups() {
        let d = im_division("150102").map(|d| (d.name, d.level, d.parent, d.kind));
        assert_eq!(
            d,
            Some(("新城区", DivisionLevel::County, Some("150100"), "市辖区"))
        );
        assert_eq!(im_division("１５０１０２").map(|d| d.name), Some("新城区"));
        assert_eq!(im_division("152502").map(|d| d.name), Some("锡林浩特市"));
        assert_eq!(im_division("152502").map(|d| d.kind), Some("县级市"));
        assert_eq!(im_division("152500").map(|d| d.kind), Some("盟"));
        assert!(im_division("150199").is_none());
        assert!(im_division("110101").is_none());
        assert!(im_division("152101").is_none(), "retired codes are not current");
        assert_eq!(
            im_division_full_name("150102").as_deref(),
            Some("呼和浩特市新城区")
        );
        assert_eq!(
            im_division_full_name("152502").as_deref(),
            Some("锡林郭勒盟锡林浩特市")
        );
        assert_eq!(im_division_full_name("150100").as_deref(), Some("呼和浩特市"));
        assert_eq!(im_division_full_name("150000").as_deref(), Some("内蒙古自治区"));
        assert_eq!(im_division_full_name("999999"), None);
    }

    #[test]
    fn historic_lookups() {
        let d = historic_division("150102");
        assert_eq!(d.map(|d| (d.name, d.status)), Some(("新城区", "在用")));
        let d = historic_division("152502");
        assert_eq!(d.map(|d| (d.name, d.status)), Some(("锡林浩特市", "在用")));
        assert_eq!(
            d.map(HistoricDivision::full_name).as_deref(),
            Some("内蒙古自治区锡林郭勒盟锡林浩特市")
        );

        // A retired Inner Mongolia code: 海拉尔市 under 呼伦贝尔盟, replaced by 150702 in 2001.
        let d = historic_division("152101");
        assert_eq!(
            d.map(|d| (d.name, d.prefecture, d.status, d.from_year, d.until_year)),
            Some(("海拉尔市", "呼伦贝尔盟", "弃用", Some(1981), Some(2001))),
        );
        assert_eq!(d.map(|d| d.successors), Some("150702"));
        assert_eq!(d.map(HistoricDivision::in_use), Some(false));
        // Retired codes that start with 15 are all found.
        let retired: Vec<_> = historic_divisions()
            .iter()
            .filter(|r| r.code.starts_with("15") && r.status == "弃用")
            .collect();
        assert!(retired.len() > 50);
        for r in retired {
            assert!(historic_division(r.code).is_some(), "{}", r.code);
        }

        // Shared codes return the newest row.
        assert_eq!(historic_division("150105").map(|d| d.name), Some("赛罕区"));
        assert_eq!(historic_division_rows("150105").len(), 2);
        assert_eq!(historic_division("120110").map(|d| d.name), Some("东丽区"));
        assert_eq!(historic_division("650107").map(|d| d.name), Some("达坂城区"));
        assert_eq!(
            historic_division("452428").map(|d| (d.name, d.prefecture)),
            Some(("富川瑶族自治县", "贺州地区"))
        );

        // id_number.md §5: 197 rows for 193 distinct codes beginning 15.
        let im_rows: Vec<_> = historic_divisions()
            .iter()
            .filter(|r| r.code.starts_with("15"))
            .collect();
        assert_eq!(im_rows.len(), 197);
        let distinct: HashSet<_> = im_rows.iter().map(|r| r.code).collect();
        assert_eq!(distinct.len(), 193);

        assert!(historic_division("150199").is_none());
        assert_eq!(
            historic_division("110101")
                .map(HistoricDivision::full_name)
                .as_deref(),
            Some("北京市东城区")
        );
        assert_eq!(
            historic_division("150000")
                .map(HistoricDivision::full_name)
                .as_deref(),
            Some("内蒙古自治区")
        );
        assert_eq!(
            historic_division("150100")
                .map(HistoricDivision::full_name)
                .as_deref(),
            Some("内蒙古自治区呼和浩特市")
        );
    }

    #[test]
    fn province_prefixes() {
        assert_eq!(HISTORIC.provinces.len(), 34);
        for p in ["11", "15", "44", "65", "71", "81", "82"] {
            assert!(is_province_code(p), "{p}");
        }
        for p in ["00", "10", "16", "99", "1", "150", ""] {
            assert!(!is_province_code(p), "{p}");
        }
    }

    #[test]
    fn ethnicity_lookups() {
        let mongol = ethnicity("02");
        assert_eq!(
            mongol.map(|e| (e.name, e.roman, e.letter)),
            Some(("蒙古族", "Mongol", "MG"))
        );
        assert_eq!(ethnicity("2"), mongol);
        assert_eq!(ethnicity("０２"), mongol);
        assert_eq!(ethnicity_by_name("蒙古族"), mongol);
        assert_eq!(ethnicity_by_name("蒙古").map(|e| e.code), Some("02"));
        assert_eq!(ethnicity_by_name(" 蒙古 "), mongol);
        assert_eq!(ethnicity_by_name("mongol"), mongol);
        assert_eq!(ethnicity_by_name("MONGOL"), mongol);
        assert_eq!(ethnicity_by_name("MG"), mongol);
        assert_eq!(ethnicity_by_name("mg"), mongol);
        assert_eq!(ethnicity_loose("2"), mongol);
        assert_eq!(ethnicity_loose("蒙古"), mongol);
        assert_eq!(ethnicity_by_name("汉").map(|e| e.code), Some("01"));
        assert_eq!(ethnicity_by_name("达斡尔族").map(|e| e.code), Some("31"));
        assert_eq!(ethnicity_by_name("鄂温克").map(|e| e.code), Some("45"));
        assert_eq!(ethnicity_by_name("Oroqen").map(|e| e.code), Some("52"));
        assert_eq!(ethnicity_by_name("满").map(|e| e.code), Some("11"));
        assert_eq!(ethnicity("57"), None);
        assert_eq!(ethnicity("00"), None);
        assert_eq!(ethnicity_by_name(""), None);
        assert_eq!(ethnicity_by_name("族"), None);
        assert_eq!(ethnicity_by_name("火星族"), None);
        // Codes 01..56 in order; names, romanisations and letter codes unique; no letter
        // code is another group's romanisation.
        for (i, e) in ethnicities().iter().enumerate() {
            assert_eq!(e.code, format!("{:02}", i + 1));
            assert_eq!(ethnicity_by_name(e.name), Some(e));
            assert_eq!(ethnicity_by_name(e.roman), Some(e), "{}", e.roman);
            assert_eq!(ethnicity_by_name(e.letter), Some(e), "{}", e.letter);
        }
    }

    #[test]
    fn education_lookups() {
        let code = |s: &str| education_by_name(s).map(|e| e.code);
        assert_eq!(code("大学本科毕业"), Some("21"));
        assert_eq!(code("本科"), Some("21"));
        assert_eq!(code("大专"), Some("31"));
        assert_eq!(code("专科"), Some("31"));
        assert_eq!(code("中专"), Some("41"));
        assert_eq!(code("职高"), Some("44"));
        assert_eq!(code("技校"), Some("47"));
        assert_eq!(code("高中"), Some("61"));
        assert_eq!(code("初中"), Some("71"));
        assert_eq!(code("小学"), Some("81"));
        assert_eq!(code("研究生"), Some("14"));
        assert_eq!(code("硕士"), Some("14"));
        assert_eq!(code("博士"), Some("11"));
        assert_eq!(code("大专毕业"), Some("31"));
        assert_eq!(code("本科学历"), Some("21"));
        assert_eq!(code(" 高 中 "), Some("61"));
        assert_eq!(code("其他"), Some("90"));
        assert_eq!(code("初中肄业"), Some("73"));
        assert_eq!(code("幼儿园"), None);
        assert_eq!(code(""), None);
        let e = education("21");
        assert_eq!(
            e.map(|e| (e.name, e.is_category, e.parent)),
            Some(("大学本科毕业", false, Some("20")))
        );
        let e = education("20");
        assert_eq!(e.map(|e| (e.is_category, e.parent)), Some((true, None)));
        assert_eq!(education("50"), None);
        assert_eq!(education_loose("２１").map(|e| e.code), Some("21"));
        assert_eq!(education_loose("本科").map(|e| e.code), Some("21"));
        for (form, code) in EDUCATION_SHORT_FORMS {
            assert!(education(code).is_some(), "{form} → {code}");
        }
        // Every outcome's parent is a category.
        for e in education_levels() {
            if let Some(p) = e.parent {
                assert_eq!(education(p).map(|p| p.is_category), Some(true));
            }
        }
    }

    #[test]
    fn occupation_lookups() {
        let o = occupation("6-18-01-01");
        assert_eq!(
            o.map(|o| (o.name, o.minor_code, o.middle_code, o.major_code)),
            Some(("车工", "6-18-01", "6-18", "6"))
        );
        assert_eq!(o.map(|o| o.minor_name), Some("机械冷加工人员"));
        assert_eq!(o.map(|o| o.middle_name), Some("机械制造基础加工人员"));
        assert_eq!(o.map(|o| o.major_name), Some("生产制造及有关人员"));
        assert_eq!(
            o.and_then(|o| o.key_industry),
            Some(KeyIndustry::GeneralEquipment)
        );
        assert_eq!(occupation("６－１８－０１－０１"), o);
        assert_eq!(occupation(" 6—18—01—01 "), o);
        assert_eq!(occupation("6180101"), o);
        assert_eq!(occupation_by_name("车工"), o);
        assert_eq!(occupation_by_name(" 车工　"), o);
        assert_eq!(occupation_by_name("数控车工"), None);
        assert_eq!(occupation("4-10-01-02"), None, "no 4-10-01-02 in 2022");
        assert_eq!(occupation("4-10-01-01").map(|o| o.name), Some("婴幼儿发展引导员"));
        assert_eq!(occupation("1-01-00-01").and_then(|o| o.key_industry), None);
        assert!(is_occupation_code_form("6-18-01-01"));
        assert!(is_occupation_code_form("6-24-04-00"));
        for s in [
            "6-18-01",
            "6-18-01-1",
            "06-18-01-01",
            "6-18-01-01 ",
            "6_18_01_01",
            "a-bb-cc-dd",
            "",
        ] {
            assert!(!is_occupation_code_form(s), "{s:?}");
        }
        // Major groups 1..8 all present.
        let majors: HashSet<_> = occupations().iter().map(|o| o.major_code).collect();
        assert_eq!(majors.len(), 8);
    }

    #[test]
    fn key_occupations_match_the_classification() {
        let codes: HashSet<_> = KEY_OCCUPATIONS.iter().map(|(c, _, _)| *c).collect();
        assert_eq!(codes.len(), 60, "no code listed twice");
        for (code, name, industry) in KEY_OCCUPATIONS {
            let o = occupation(code);
            assert_eq!(o.map(|o| o.name), Some(name), "{code}");
            assert_eq!(o.and_then(|o| o.key_industry), Some(industry), "{code}");
        }
        let key = key_occupations();
        assert_eq!(key.len(), 60);
        assert_eq!(key[0].name, "砌筑工");
        assert_eq!(key[59].name, "婴幼儿发展引导员");
        let with_industry = occupations().iter().filter(|o| o.key_industry.is_some()).count();
        assert_eq!(with_industry, 60);
        let sizes: Vec<_> = KeyIndustry::ALL.iter().map(|k| k.occupations().len()).collect();
        assert_eq!(sizes, [11, 5, 12, 16, 6, 5, 5]);
    }

    #[test]
    fn key_industry_codes_and_names() {
        let names: Vec<_> = KeyIndustry::ALL.iter().map(KeyIndustry::name_zh).collect();
        assert_eq!(
            names,
            [
                "房屋和土木工程建筑业",
                "交通运输设备制造业",
                "通用设备制造业",
                "能源化工",
                "有色金属生产加工",
                "绿色农畜产品生产加工",
                "现代服务业"
            ]
        );
        for k in KeyIndustry::ALL {
            assert_eq!(KeyIndustry::from_code(k.code()), Some(k));
            assert_eq!(KeyIndustry::parse_loose(k.name_zh()), Some(k));
        }
        assert_eq!(KeyIndustry::from_code("mining"), None);
    }

    #[test]
    fn division_level_codes() {
        for l in [
            DivisionLevel::Province,
            DivisionLevel::Prefecture,
            DivisionLevel::County,
        ] {
            assert_eq!(DivisionLevel::from_code(l.code()), Some(l));
        }
        assert_eq!(DivisionLevel::County.name_zh(), "县级");
    }

    #[test]
    fn version_names_every_table() {
        for part in ["GB/T 2260", "职业分类大典2022", "GB/T 3304", "GB/T 4658"] {
            assert!(CODE_TABLE_VERSION.contains(part));
        }
    }
}
