//! Realistic people for demo data: Han and Mongolian names, valid citizen ID numbers with
//! Inner Mongolia address codes (and some from elsewhere), phones, employers.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use super::rng::Rng;
use crate::domain::codes::{self, DivisionLevel};
use crate::domain::identity::{self, Sex};
use crate::domain::person::EmployerType;

const HAN_SURNAMES: &[(&str, u32)] = &[
    ("王", 72),
    ("李", 70),
    ("张", 68),
    ("刘", 52),
    ("陈", 40),
    ("杨", 30),
    ("赵", 26),
    ("黄", 14),
    ("周", 16),
    ("吴", 14),
    ("徐", 12),
    ("孙", 14),
    ("胡", 11),
    ("朱", 10),
    ("高", 12),
    ("林", 6),
    ("何", 7),
    ("郭", 12),
    ("马", 14),
    ("罗", 5),
    ("梁", 8),
    ("宋", 7),
    ("郑", 6),
    ("谢", 5),
    ("韩", 9),
    ("唐", 4),
    ("冯", 6),
    ("于", 8),
    ("董", 7),
    ("程", 5),
    ("曹", 6),
    ("袁", 4),
    ("邓", 3),
    ("许", 5),
    ("傅", 3),
    ("沈", 3),
    ("曾", 2),
    ("彭", 3),
    ("吕", 5),
    ("苏", 6),
    ("卢", 3),
    ("蒋", 2),
    ("蔡", 2),
    ("贾", 6),
    ("丁", 4),
    ("魏", 5),
    ("薛", 4),
    ("叶", 2),
    ("阎", 4),
    ("潘", 2),
    ("杜", 4),
    ("戴", 2),
    ("夏", 2),
    ("钟", 2),
    ("田", 5),
    ("任", 5),
    ("姜", 4),
    ("范", 4),
    ("方", 2),
    ("石", 4),
    ("姚", 3),
    ("谭", 1),
    ("邹", 1),
    ("金", 3),
    ("陆", 2),
    ("郝", 5),
    ("孔", 2),
    ("白", 5),
    ("崔", 4),
    ("康", 3),
    ("毛", 2),
    ("秦", 3),
    ("史", 3),
    ("侯", 4),
    ("孟", 4),
    ("段", 2),
    ("武", 5),
    ("乔", 3),
    ("贺", 3),
    ("常", 3),
    ("闫", 5),
    ("霍", 2),
    ("牛", 3),
    ("尚", 2),
    ("訾", 1),
    ("慕", 1),
];

const HAN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "宁", "亮", "建国", "建军", "志强", "海涛", "晓东", "永刚", "文博", "俊杰", "浩然", "子轩", "宇航",
    "振华", "国庆", "利民", "红军", "占山", "福林", "有才", "德胜", "长青", "玉峰", "云龙", "晓峰", "海龙",
    "志远", "金宝", "鸿飞", "天宇", "博文", "泽宇", "彦军", "俊峰", "文涛",
];

const HAN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "慧", "红", "颖", "琳", "洁", "秀英",
    "桂兰", "玉兰", "海燕", "晓梅", "丽华", "雅琴", "欣怡", "子涵", "梓萱", "淑珍", "春梅", "美玲", "佳琪",
    "思雨", "雨欣", "文静", "晓燕", "红梅", "凤英", "金凤", "丽娟", "雪梅", "馨月",
];

const MONGOL_MALE: &[&str] = &[
    "巴特尔",
    "巴图",
    "宝音",
    "额尔敦",
    "苏和",
    "那顺",
    "朝鲁",
    "孟和",
    "吉日格勒",
    "阿拉坦",
    "布和",
    "特木尔",
    "达来",
    "毕力格",
    "哈斯",
    "格日勒图",
    "乌力吉",
    "斯琴巴特尔",
    "额尔德木图",
    "巴雅尔",
    "宝力道",
    "查干",
    "图门",
    "满都拉",
    "朝克图",
    "呼和",
    "赛音",
    "敖日格乐",
    "那木拉",
    "巴音",
    "乌恩",
    "道尔吉",
    "扎那",
    "阿古拉",
    "吉雅",
    "都古尔",
    "苏日图",
    "额日和木",
];

const MONGOL_FEMALE: &[&str] = &[
    "其其格",
    "乌日娜",
    "敖登",
    "斯琴",
    "图雅",
    "萨仁",
    "娜仁花",
    "高娃",
    "托娅",
    "乌兰",
    "塔娜",
    "阿茹娜",
    "琪琪格",
    "萨日娜",
    "格日乐",
    "苏布道",
    "乌云",
    "哈斯其其格",
    "娜布其",
    "诺敏",
    "额尔登其其格",
    "斯琴高娃",
    "乌仁图雅",
    "塔拉",
    "包日玛",
    "明珠",
    "莎日娜",
];

const MONGOL_HAN_SURNAMES: &[&str] = &["包", "白", "宝", "韩", "吴", "额", "鲍", "敖", "康"];

/// GB/T 3304 codes with the shares seen in Inner Mongolia's workforce.
const ETHNICITIES: &[(&str, u32)] = &[
    ("01", 760),
    ("02", 180),
    ("03", 12),
    ("11", 25),
    ("31", 6),
    ("45", 4),
    ("52", 2),
    ("10", 5),
    ("30", 1),
];

/// GB/T 4658-2006 codes weighted for skilled workers.
const EDUCATION: &[(&str, u32)] = &[
    ("47", 24),
    ("41", 14),
    ("44", 8),
    ("61", 16),
    ("31", 20),
    ("21", 8),
    ("71", 9),
    ("14", 1),
];

/// Current Inner Mongolia county-level codes.
static IM_COUNTIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    codes::im_divisions()
        .iter()
        .filter(|d| d.level == DivisionLevel::County)
        .map(|d| d.code)
        .collect()
});

/// County-level codes of other provinces that are still in use.
static OTHER_COUNTIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    codes::historic_divisions()
        .iter()
        .filter(|d| !d.code.starts_with("15") && d.in_use() && d.level == "县级")
        .map(|d| d.code)
        .collect()
});

/// Makes people, never the same ID number twice.
#[derive(Default)]
pub struct People {
    used: HashSet<String>,
}

/// One generated person's particulars.
pub struct Someone {
    pub name: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub id_number: String,
    pub ethnicity: &'static str,
    pub education: &'static str,
    pub phone: Option<String>,
}

impl People {
    pub fn new() -> People {
        People { used: HashSet::new() }
    }

    /// Someone born in `birth_year`, mostly from `home` (a league's code prefix such as
    /// `1502`), some from elsewhere in the region and a few from other provinces.
    pub fn someone(&mut self, rng: &mut Rng, birth_year: i32, female_share: f64, home: &str) -> Someone {
        let sex = if rng.chance(female_share) {
            Sex::Female
        } else {
            Sex::Male
        };
        let ethnicity = *rng.weighted(ETHNICITIES).unwrap_or(&"01");
        let name = name(rng, sex, ethnicity);
        let (birth_date, id_number) = self.id_number(rng, birth_year, sex, home);
        Someone {
            name,
            sex,
            birth_date,
            id_number,
            ethnicity,
            education: rng.weighted(EDUCATION).copied().unwrap_or("47"),
            phone: rng.chance(0.9).then(|| phone(rng)),
        }
    }

    fn id_number(&mut self, rng: &mut Rng, birth_year: i32, sex: Sex, home: &str) -> (NaiveDate, String) {
        let home_counties: Vec<&str> = IM_COUNTIES
            .iter()
            .copied()
            .filter(|c| c.starts_with(home))
            .collect();
        loop {
            let address = if rng.chance(0.06) {
                rng.pick(&OTHER_COUNTIES).copied()
            } else if rng.chance(0.75) && !home_counties.is_empty() {
                rng.pick(&home_counties).copied()
            } else {
                rng.pick(&IM_COUNTIES).copied()
            }
            .unwrap_or("150102");
            let day = rng.range(0, 364) as u64;
            let birth = NaiveDate::from_ymd_opt(birth_year, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(day)))
                .filter(|d| d.year() == birth_year)
                .unwrap_or(NaiveDate::from_ymd_opt(birth_year, 6, 1).unwrap_or_default());
            let mut seq = rng.range(0, 998) as u32;
            if (seq % 2 == 1) != (sex == Sex::Male) {
                seq += 1;
            }
            let body = format!("{address}{}{seq:03}", birth.format("%Y%m%d"));
            let Some(check) = identity::citizen_id_check_char(&body) else {
                continue;
            };
            let number = format!("{body}{check}");
            if self.used.insert(number.clone()) {
                return (birth, number);
            }
        }
    }
}

fn name(rng: &mut Rng, sex: Sex, ethnicity: &str) -> String {
    let pick = |rng: &mut Rng, list: &[&'static str]| rng.pick(list).copied().unwrap_or("明");
    if ethnicity == "02" && rng.chance(0.65) {
        let list = if sex == Sex::Male {
            MONGOL_MALE
        } else {
            MONGOL_FEMALE
        };
        return pick(rng, list).to_string();
    }
    let surname = if ethnicity == "02" {
        pick(rng, MONGOL_HAN_SURNAMES)
    } else {
        rng.weighted(HAN_SURNAMES).copied().unwrap_or("王")
    };
    let given = if sex == Sex::Male { HAN_MALE } else { HAN_FEMALE };
    format!("{surname}{}", pick(rng, given))
}

fn phone(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] = &[
        "139", "138", "137", "136", "135", "150", "151", "152", "158", "186", "156", "133", "153", "189",
        "180", "177", "199",
    ];
    format!(
        "{}{:08}",
        rng.pick(PREFIXES).copied().unwrap_or("139"),
        rng.below(100_000_000)
    )
}

/// Words that start company and school names (invented, none a real firm's).
pub const BRANDS: &[&str] = &[
    "北方",
    "蒙西",
    "塞北",
    "阴山",
    "黄河",
    "大青山",
    "草原",
    "星光",
    "恒泰",
    "金桥",
    "宏远",
    "瑞丰",
    "天元",
    "广源",
    "鑫达",
    "华晟",
];

/// Employers near a base: name, type.
pub fn employers(
    rng: &mut Rng,
    city: &str,
    industry_words: &[&str],
    n: usize,
) -> Vec<(String, EmployerType)> {
    const SUFFIX: &[(&str, EmployerType, u32)] = &[
        ("集团有限公司", EmployerType::StateOwned, 3),
        ("有限责任公司", EmployerType::StateOwned, 3),
        ("股份有限公司", EmployerType::Private, 3),
        ("有限公司", EmployerType::Private, 5),
        ("科技有限公司", EmployerType::Private, 2),
    ];
    let weights: Vec<((&str, EmployerType), u32)> = SUFFIX.iter().map(|(s, t, w)| ((*s, *t), *w)).collect();
    let mut out: Vec<(String, EmployerType)> = Vec::with_capacity(n);
    let mut seen = HashSet::new();
    while out.len() < n {
        let brand = rng.pick(BRANDS).copied().unwrap_or("北方");
        let word = rng.pick(industry_words).copied().unwrap_or("机械");
        let (suffix, kind) = rng
            .weighted(&weights)
            .copied()
            .unwrap_or(("有限公司", EmployerType::Private));
        let name = format!("{city}{brand}{word}{suffix}");
        if seen.insert(name.clone()) {
            out.push((name, kind));
        }
        if seen.len() > n * 20 {
            break;
        }
    }
    out
}

/// A unified social credit code that passes GB 32100: `prefix` is the authority and
/// class (`12` 事业单位, `91` 企业, `52` 民办非企业单位).
pub fn credit_code(rng: &mut Rng, prefix: &str, division: &str) -> String {
    const BODY: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    loop {
        let org_body: String = (0..8)
            .map(|_| BODY[rng.below(BODY.len() as u64) as usize] as char)
            .collect();
        let Some(org_check) = identity::org_code_check_char(&org_body) else {
            continue;
        };
        let body17 = format!("{prefix}{division}{org_body}{org_check}");
        if let Some(check) = identity::credit_code_check_char(&body17) {
            return format!("{body17}{check}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_people_have_valid_unique_id_numbers_that_agree_with_birth_and_sex() {
        let mut rng = Rng::new(7);
        let mut people = People::new();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for i in 0..2000 {
            let s = people.someone(&mut rng, 1970 + (i % 35), 0.3, "1502");
            let info = identity::parse_citizen_id(&s.id_number, today).unwrap();
            assert_eq!(info.birth_date, s.birth_date);
            assert_eq!(info.sex, s.sex);
            assert!(info.address.is_some(), "{}", s.id_number);
            assert!(!s.name.is_empty());
        }
        assert_eq!(people.used.len(), 2000);
    }

    #[test]
    fn generated_credit_codes_pass_the_check() {
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let code = credit_code(&mut rng, "91", "150203");
            assert!(identity::validate_credit_code(&code).is_ok(), "{code}");
        }
    }
}
