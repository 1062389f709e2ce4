//! The eight skill grades (新八级工, 人社部发〔2022〕14号): their order, their relation to
//! the five national levels (五级…一级), which of them count as high-skill talent
//! (高技能人才), their stored codes, their names, and lenient parsing of what offices type.
//!
//! See `reference/skill_levels.md`. The five national levels count downwards (一级 is the
//! highest), so the app sorts by [`SkillGrade::rank`] (1 = 学徒工 … 8 = 首席技师) instead.

use serde::{Deserialize, Serialize};

use super::text;

/// A skill grade, declared from lowest to highest so that `Ord` follows rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillGrade {
    /// 学徒工 (added below 初级工 in 2022).
    Apprentice,
    /// 初级工, 五级.
    Junior,
    /// 中级工, 四级.
    Intermediate,
    /// 高级工, 三级 — the lowest high-skill grade.
    Senior,
    /// 技师, 二级.
    Technician,
    /// 高级技师, 一级.
    SeniorTechnician,
    /// 特级技师 (new top grade, 2022).
    SpecialTechnician,
    /// 首席技师 (new top grade, 2022).
    ChiefTechnician,
}

impl SkillGrade {
    /// All grades, lowest first.
    pub const ALL: [SkillGrade; 8] = [
        SkillGrade::Apprentice,
        SkillGrade::Junior,
        SkillGrade::Intermediate,
        SkillGrade::Senior,
        SkillGrade::Technician,
        SkillGrade::SeniorTechnician,
        SkillGrade::SpecialTechnician,
        SkillGrade::ChiefTechnician,
    ];

    /// 1 (学徒工) … 8 (首席技师).
    pub fn rank(&self) -> u8 {
        match self {
            SkillGrade::Apprentice => 1,
            SkillGrade::Junior => 2,
            SkillGrade::Intermediate => 3,
            SkillGrade::Senior => 4,
            SkillGrade::Technician => 5,
            SkillGrade::SeniorTechnician => 6,
            SkillGrade::SpecialTechnician => 7,
            SkillGrade::ChiefTechnician => 8,
        }
    }

    /// The grade with this [`rank`](Self::rank), if 1..=8.
    pub fn from_rank(rank: u8) -> Option<SkillGrade> {
        SkillGrade::ALL.into_iter().find(|g| g.rank() == rank)
    }

    /// The national level (5 = 初级工 … 1 = 高级技师), or `None` for 学徒工, 特级技师 and
    /// 首席技师, which have no level number.
    pub fn national_level(&self) -> Option<u8> {
        match self {
            SkillGrade::Junior => Some(5),
            SkillGrade::Intermediate => Some(4),
            SkillGrade::Senior => Some(3),
            SkillGrade::Technician => Some(2),
            SkillGrade::SeniorTechnician => Some(1),
            SkillGrade::Apprentice | SkillGrade::SpecialTechnician | SkillGrade::ChiefTechnician => None,
        }
    }

    /// The grade for a national level 1..=5 (1 = 高级技师).
    pub fn from_national_level(level: u8) -> Option<SkillGrade> {
        SkillGrade::ALL
            .into_iter()
            .find(|g| g.national_level() == Some(level))
    }

    /// High-skill talent (高技能人才) = 高级工 (三级) or above, including 特级技师 and
    /// 首席技师.
    pub fn is_high_skill(&self) -> bool {
        *self >= SkillGrade::Senior
    }

    /// The stable storage code (the same string serde writes).
    pub fn code(&self) -> &'static str {
        match self {
            SkillGrade::Apprentice => "apprentice",
            SkillGrade::Junior => "junior",
            SkillGrade::Intermediate => "intermediate",
            SkillGrade::Senior => "senior",
            SkillGrade::Technician => "technician",
            SkillGrade::SeniorTechnician => "senior_technician",
            SkillGrade::SpecialTechnician => "special_technician",
            SkillGrade::ChiefTechnician => "chief_technician",
        }
    }

    /// The grade stored under this code (exact match).
    pub fn from_code(code: &str) -> Option<SkillGrade> {
        SkillGrade::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The plain Chinese name: 学徒工, 初级工, …, 首席技师.
    pub fn name_zh(&self) -> &'static str {
        match self {
            SkillGrade::Apprentice => "学徒工",
            SkillGrade::Junior => "初级工",
            SkillGrade::Intermediate => "中级工",
            SkillGrade::Senior => "高级工",
            SkillGrade::Technician => "技师",
            SkillGrade::SeniorTechnician => "高级技师",
            SkillGrade::SpecialTechnician => "特级技师",
            SkillGrade::ChiefTechnician => "首席技师",
        }
    }

    /// The form used on certificates and standards: "三级/高级工"; the plain name for
    /// the three grades without a level number.
    pub fn label_zh(&self) -> &'static str {
        match self {
            SkillGrade::Junior => "五级/初级工",
            SkillGrade::Intermediate => "四级/中级工",
            SkillGrade::Senior => "三级/高级工",
            SkillGrade::Technician => "二级/技师",
            SkillGrade::SeniorTechnician => "一级/高级技师",
            SkillGrade::Apprentice | SkillGrade::SpecialTechnician | SkillGrade::ChiefTechnician => {
                self.name_zh()
            }
        }
    }

    /// The English name.
    pub fn name_en(&self) -> &'static str {
        match self {
            SkillGrade::Apprentice => "Apprentice",
            SkillGrade::Junior => "Junior worker",
            SkillGrade::Intermediate => "Intermediate worker",
            SkillGrade::Senior => "Senior worker",
            SkillGrade::Technician => "Technician",
            SkillGrade::SeniorTechnician => "Senior technician",
            SkillGrade::SpecialTechnician => "Special technician",
            SkillGrade::ChiefTechnician => "Chief technician",
        }
    }

    /// The English label with the level number: "Level 3 / Senior worker".
    pub fn label_en(&self) -> String {
        match self.national_level() {
            Some(level) => format!("Level {level} / {}", self.name_en()),
            None => self.name_en().to_string(),
        }
    }

    /// Reads a grade as offices type it: "三级", "3", "３", "三级/高级工", "高级工",
    /// "高级工（三级）", "国家职业资格三级", "高级", "技师", "学徒", "特级技师",
    /// "Senior technician", "senior_technician", "Level 3" … Spaces and full-width
    /// characters are tolerated. A text naming two different grades ("三级/技师") gives
    /// `None`, as does anything unrecognised.
    pub fn parse_loose(s: &str) -> Option<SkillGrade> {
        let cleaned: String = text::normalise(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if cleaned.is_empty() {
            return None;
        }
        if let Some(grade) = parse_single(&cleaned) {
            return Some(grade);
        }
        // Several parts, e.g. "三级/高级工", "高级工(三级)", "中级(国家职业资格四级)":
        // every non-empty part must name the same grade.
        let mut found: Option<SkillGrade> = None;
        for part in cleaned.split(['/', '(', ')', '、', '|', '\\', '【', '】', '[', ']']) {
            if part.is_empty() {
                continue;
            }
            let grade = parse_single(part)?;
            match found {
                Some(previous) if previous != grade => return None,
                _ => found = Some(grade),
            }
        }
        found
    }
}

/// Prefixes that add nothing to the grade: "国家职业资格三级", "职业技能等级二级".
const NOISE_PREFIXES: [&str; 6] = [
    "国家职业资格",
    "职业资格",
    "国家职业技能等级",
    "职业技能等级",
    "技能等级",
    "等级",
];

/// Suffixes that add nothing to the grade: "高级工证书", "三级资格".
const NOISE_SUFFIXES: [&str; 3] = ["证书", "资格", "证"];

/// One part without separators, already lower-cased and without spaces.
fn parse_single(part: &str) -> Option<SkillGrade> {
    let mut part = part;
    for prefix in NOISE_PREFIXES {
        if let Some(rest) = part.strip_prefix(prefix)
            && !rest.is_empty()
        {
            part = rest;
            break;
        }
    }
    for suffix in NOISE_SUFFIXES {
        if let Some(rest) = part.strip_suffix(suffix)
            && !rest.is_empty()
        {
            part = rest;
            break;
        }
    }
    let grade = match part {
        "学徒工" | "学徒" => SkillGrade::Apprentice,
        "初级工" | "初级" => SkillGrade::Junior,
        "中级工" | "中级" => SkillGrade::Intermediate,
        "高级工" | "高级" => SkillGrade::Senior,
        "技师" => SkillGrade::Technician,
        "高级技师" => SkillGrade::SeniorTechnician,
        "特级技师" => SkillGrade::SpecialTechnician,
        "首席技师" => SkillGrade::ChiefTechnician,
        // English names and storage codes, compared without spaces, '_' or '-'.
        _ => return parse_level(part).or_else(|| parse_english(part)),
    };
    Some(grade)
}

/// "三级", "3级", "3", "level3", "grade3", "l3" → the national level.
fn parse_level(part: &str) -> Option<SkillGrade> {
    let part = part.strip_suffix('级').unwrap_or(part);
    let part = part
        .strip_prefix("level")
        .or_else(|| part.strip_prefix("grade"))
        .or_else(|| part.strip_prefix("lv"))
        .or_else(|| part.strip_prefix('l'))
        .unwrap_or(part);
    let level = match part {
        "一" | "1" => 1,
        "二" | "2" => 2,
        "三" | "3" => 3,
        "四" | "4" => 4,
        "五" | "5" => 5,
        _ => return None,
    };
    SkillGrade::from_national_level(level)
}

fn parse_english(part: &str) -> Option<SkillGrade> {
    let squeezed: String = part.chars().filter(|c| !matches!(c, '_' | '-')).collect();
    let squeezed = squeezed.strip_suffix("worker").unwrap_or(&squeezed);
    SkillGrade::ALL.into_iter().find(|g| {
        let code: String = g.code().chars().filter(|&c| c != '_').collect();
        let name: String = g
            .name_en()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let name = name.strip_suffix("worker").unwrap_or(&name);
        squeezed == code || squeezed == name
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_rank_and_levels() {
        for (i, g) in SkillGrade::ALL.iter().enumerate() {
            assert_eq!(usize::from(g.rank()), i + 1);
            assert_eq!(SkillGrade::from_rank(g.rank()), Some(*g));
            assert_eq!(SkillGrade::from_code(g.code()), Some(*g));
            if i > 0 {
                assert!(SkillGrade::ALL[i - 1] < *g);
            }
        }
        assert_eq!(SkillGrade::from_rank(0), None);
        assert_eq!(SkillGrade::from_rank(9), None);
        assert_eq!(SkillGrade::Junior.national_level(), Some(5));
        assert_eq!(SkillGrade::Senior.national_level(), Some(3));
        assert_eq!(SkillGrade::SeniorTechnician.national_level(), Some(1));
        assert_eq!(SkillGrade::Apprentice.national_level(), None);
        assert_eq!(SkillGrade::ChiefTechnician.national_level(), None);
        for level in 1..=5 {
            let g = SkillGrade::from_national_level(level);
            assert_eq!(g.and_then(|g| g.national_level()), Some(level));
        }
    }

    #[test]
    fn high_skill_is_senior_and_above() {
        let high: Vec<_> = SkillGrade::ALL
            .into_iter()
            .filter(SkillGrade::is_high_skill)
            .collect();
        assert_eq!(
            high,
            [
                SkillGrade::Senior,
                SkillGrade::Technician,
                SkillGrade::SeniorTechnician,
                SkillGrade::SpecialTechnician,
                SkillGrade::ChiefTechnician
            ]
        );
    }

    #[test]
    fn names_and_labels() {
        assert_eq!(SkillGrade::Senior.name_zh(), "高级工");
        assert_eq!(SkillGrade::Senior.label_zh(), "三级/高级工");
        assert_eq!(SkillGrade::SeniorTechnician.label_zh(), "一级/高级技师");
        assert_eq!(SkillGrade::Apprentice.label_zh(), "学徒工");
        assert_eq!(SkillGrade::ChiefTechnician.label_zh(), "首席技师");
        assert_eq!(SkillGrade::Senior.label_en(), "Level 3 / Senior worker");
        assert_eq!(SkillGrade::SpecialTechnician.label_en(), "Special technician");
    }

    #[test]
    fn serde_uses_the_storage_code() {
        for g in SkillGrade::ALL {
            let json = serde_json::to_string(&g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.code()));
            let back: SkillGrade = serde_json::from_str(&json).unwrap();
            assert_eq!(back, g);
        }
    }

    #[test]
    fn parse_loose_accepts_what_offices_type() {
        use SkillGrade::*;
        let cases: &[(&str, SkillGrade)] = &[
            ("三级", Senior),
            ("3", Senior),
            ("３", Senior),
            ("3级", Senior),
            ("三级/高级工", Senior),
            ("三级／高级工", Senior),
            ("高级工", Senior),
            ("高级工（三级）", Senior),
            ("高级工(三级)", Senior),
            ("国家职业资格三级", Senior),
            ("高级（国家职业资格三级）", Senior),
            ("高级", Senior),
            ("  高 级 工\u{3000}", Senior),
            ("高级工证书", Senior),
            ("技师", Technician),
            ("二级", Technician),
            ("二级/技师", Technician),
            ("技师（国家职业资格二级）", Technician),
            ("高级技师", SeniorTechnician),
            ("一级", SeniorTechnician),
            ("1", SeniorTechnician),
            ("一级/高级技师", SeniorTechnician),
            ("五级", Junior),
            ("五级/初级工", Junior),
            ("初级工", Junior),
            ("初级", Junior),
            ("四级/中级工", Intermediate),
            ("中级", Intermediate),
            ("中级（国家职业资格四级）", Intermediate),
            ("学徒", Apprentice),
            ("学徒工", Apprentice),
            ("特级技师", SpecialTechnician),
            ("首席技师", ChiefTechnician),
            ("Senior technician", SeniorTechnician),
            ("SENIOR TECHNICIAN", SeniorTechnician),
            ("Senior worker", Senior),
            ("senior", Senior),
            ("Junior worker", Junior),
            ("Apprentice", Apprentice),
            ("Technician", Technician),
            ("Special technician", SpecialTechnician),
            ("chief technician", ChiefTechnician),
            ("Level 3", Senior),
            ("senior_technician", SeniorTechnician),
            ("special_technician", SpecialTechnician),
            ("chief_technician", ChiefTechnician),
            ("intermediate", Intermediate),
            ("ｓｅｎｉｏｒ＿ｔｅｃｈｎｉｃｉａｎ", SeniorTechnician),
        ];
        for (input, expected) in cases {
            assert_eq!(SkillGrade::parse_loose(input), Some(*expected), "input {input:?}");
        }
        for g in SkillGrade::ALL {
            assert_eq!(SkillGrade::parse_loose(g.code()), Some(g));
            assert_eq!(SkillGrade::parse_loose(g.name_zh()), Some(g));
            assert_eq!(SkillGrade::parse_loose(g.label_zh()), Some(g));
            assert_eq!(SkillGrade::parse_loose(g.name_en()), Some(g));
            assert_eq!(SkillGrade::parse_loose(&g.label_en()), Some(g));
        }
    }

    #[test]
    fn parse_loose_rejects_nonsense_and_contradictions() {
        for input in [
            "",
            "   ",
            "0",
            "6",
            "六级",
            "工程师",
            "三级/技师",
            "高级工(二级)",
            "/",
            "()",
            "x",
        ] {
            assert_eq!(SkillGrade::parse_loose(input), None, "input {input:?}");
        }
    }
}
