//! People's identity documents and organisations' codes: sex, document types, the
//! citizen ID number (GB 11643-1999: structure, check character, birth date, sex, address
//! code, upgrade of old 15-digit numbers), other document numbers, and the unified social
//! credit code (GB 32100-2015, with the GB 11714 organisation-code check inside it).
//!
//! Checks follow `reference/id_number.md` §5 and `reference/credit_code.md`. An address
//! code missing from the national history is not an error here: [`CitizenIdInfo::address`]
//! is `None` and the validator reports a warning. User-facing messages live in
//! `i18n/{zh,en}/identity.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::{self, HistoricDivision};
use super::text;

// ---------------------------------------------------------------------------------------
// Sex
// ---------------------------------------------------------------------------------------

/// Sex as recorded on the citizen ID (digit 17: odd = male, even = female).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];

    /// `male` / `female` (the serde form).
    pub fn code(&self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.code() == code)
    }

    /// 男 / 女.
    pub fn name_zh(&self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            Sex::Male => "Male",
            Sex::Female => "Female",
        }
    }

    /// 男/女/男性/女性, M/F, male/female, 1/2 (GB/T 2261.1), any case, full-width tolerated.
    pub fn parse_loose(s: &str) -> Option<Sex> {
        match text::normalise(s).to_lowercase().as_str() {
            "男" | "男性" | "m" | "male" | "1" => Some(Sex::Male),
            "女" | "女性" | "f" | "female" | "2" => Some(Sex::Female),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Document types
// ---------------------------------------------------------------------------------------

/// The identity document a person is registered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// 居民身份证 (GB 11643, checked in full).
    CitizenId,
    /// 护照.
    Passport,
    /// 港澳居民来往内地通行证.
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证.
    TaiwanPermit,
    /// 外国人永久居留身份证.
    ForeignPermanentResident,
}

impl DocType {
    pub const ALL: [DocType; 5] = [
        DocType::CitizenId,
        DocType::Passport,
        DocType::HkMacaoPermit,
        DocType::TaiwanPermit,
        DocType::ForeignPermanentResident,
    ];

    /// The stable storage code (the same string serde writes).
    pub fn code(&self) -> &'static str {
        match self {
            DocType::CitizenId => "citizen_id",
            DocType::Passport => "passport",
            DocType::HkMacaoPermit => "hk_macao_permit",
            DocType::TaiwanPermit => "taiwan_permit",
            DocType::ForeignPermanentResident => "foreign_permanent_resident",
        }
    }

    pub fn from_code(code: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn name_zh(&self) -> &'static str {
        match self {
            DocType::CitizenId => "居民身份证",
            DocType::Passport => "护照",
            DocType::HkMacaoPermit => "港澳居民来往内地通行证",
            DocType::TaiwanPermit => "台湾居民来往大陆通行证",
            DocType::ForeignPermanentResident => "外国人永久居留身份证",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            DocType::CitizenId => "Resident identity card",
            DocType::Passport => "Passport",
            DocType::HkMacaoPermit => "Mainland travel permit for Hong Kong and Macao residents",
            DocType::TaiwanPermit => "Mainland travel permit for Taiwan residents",
            DocType::ForeignPermanentResident => "Foreign permanent resident ID card",
        }
    }

    /// The storage code, the Chinese name, or a common short form (身份证, 港澳通行证,
    /// 回乡证, 台胞证, 永居证, 外国人永久居留证).
    pub fn parse_loose(s: &str) -> Option<DocType> {
        let s = text::normalise(s);
        if let Some(d) = DocType::ALL
            .into_iter()
            .find(|d| d.code() == s.to_ascii_lowercase() || d.name_zh() == s)
        {
            return Some(d);
        }
        match s.as_str() {
            "身份证" | "二代身份证" | "居民身份证号" | "身份证号" => {
                Some(DocType::CitizenId)
            }
            "港澳通行证" | "回乡证" | "港澳居民通行证" => Some(DocType::HkMacaoPermit),
            "台胞证" | "台湾通行证" | "台湾居民通行证" => Some(DocType::TaiwanPermit),
            "永居证" | "外国人永久居留证" | "永久居留证" => {
                Some(DocType::ForeignPermanentResident)
            }
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// Why a citizen ID number or other document number was rejected. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("document number is empty")]
    Empty,
    #[error("citizen ID number must have 18 characters (or 15 for an old number), got {len}")]
    WrongLength { len: usize },
    #[error("citizen ID number: character {position} ({found:?}) is not a digit")]
    NotDigit { position: usize, found: char },
    #[error("citizen ID number: check character should be {expected}, found {found}")]
    CheckChar { expected: char, found: char },
    #[error("citizen ID number: birth date {text} is not a real date")]
    ImpossibleDate { text: String },
    #[error("citizen ID number: birth date {date} is in the future")]
    FutureDate { date: NaiveDate },
    #[error("citizen ID number: birth date {date} is before 1900-01-01")]
    TooOld { date: NaiveDate },
    #[error("citizen ID number: {prefix} is not a province-level code")]
    UnknownProvince { prefix: String },
    #[error("{doc_type:?} number must have 5 to 20 characters, got {len}")]
    DocWrongLength { doc_type: DocType, len: usize },
    #[error("{doc_type:?} number: character {position} ({found:?}) is not a letter, digit or '-'")]
    DocBadChar {
        doc_type: DocType,
        position: usize,
        found: char,
    },
}

/// Why a unified social credit code was rejected. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("unified social credit code is empty")]
    Empty,
    #[error("unified social credit code must have 18 characters, got {len}")]
    WrongLength { len: usize },
    #[error("unified social credit code: character {position} ({found:?}) is not allowed")]
    BadChar { position: usize, found: char },
    #[error(
        "unified social credit code: organisation-code check (character 17) should be {expected}, found {found}"
    )]
    OrgCodeCheck { expected: char, found: char },
    #[error("unified social credit code: check character should be {expected}, found {found}")]
    CheckChar { expected: char, found: char },
}

// ---------------------------------------------------------------------------------------
// Citizen ID number (GB 11643-1999)
// ---------------------------------------------------------------------------------------

/// Weights of body digits 1–17 (GB 11643 Table 1).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by weighted sum mod 11 (GB 11643 Table 2).
const ID_CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The earliest birth date accepted.
pub const EARLIEST_BIRTH_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The check character (0–9 or X) for 17 body digits; `None` unless exactly 17 ASCII
/// digits.
pub fn citizen_id_check_char(body17: &str) -> Option<char> {
    if body17.len() != 17 || !body17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = body17
        .bytes()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    ID_CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// The first non-digit among `chars`, as an error at its 1-based position.
fn first_non_digit(chars: &[char]) -> Result<(), IdError> {
    match chars.iter().position(|c| !c.is_ascii_digit()) {
        Some(i) => Err(IdError::NotDigit {
            position: i + 1,
            found: chars[i],
        }),
        None => Ok(()),
    }
}

/// Converts an old 15-digit number (GB 11643-1989) to 18 digits: "19" inserted after the
/// 6-digit address code, and the check character appended. Only the form is checked
/// here; [`parse_citizen_id`] checks the result.
pub fn upgrade_15(id15: &str) -> Result<String, IdError> {
    let id = text::normalise_code(id15);
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 15 {
        return Err(IdError::WrongLength { len: chars.len() });
    }
    first_non_digit(&chars)?;
    // All 15 are ASCII digits, so byte slicing is safe.
    let body = format!("{}19{}", &id[..6], &id[6..]);
    match citizen_id_check_char(&body) {
        Some(check) => Ok(format!("{body}{check}")),
        None => Err(IdError::WrongLength { len: chars.len() }),
    }
}

/// What a valid citizen ID number says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenIdInfo {
    /// The normalised 18-character number (upper-case X).
    pub number: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// The first six digits.
    pub address_code: String,
    /// The division the address code stands for, in any status since 1981; `None` if
    /// the code is in no list (a warning, not an error).
    pub address: Option<&'static HistoricDivision>,
    /// True if the number was typed in the old 15-digit form.
    pub upgraded_from_15: bool,
}

impl CitizenIdInfo {
    /// Age in whole years on `date`; `None` if `date` is before the birth date.
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        date.years_since(self.birth_date)
    }

    /// The number for printing: address code and last four kept, birth date hidden.
    pub fn masked(&self) -> String {
        mask_document_number(&self.number)
    }
}

/// Checks a citizen ID number and reads what it says. Input is normalised first
/// (full-width digits, spaces, lower-case x); a 15-digit number is upgraded. Checks run in
/// the order of `reference/id_number.md` §5: length 18, digits 1–17, check character, a
/// real birth date neither after `today` nor before 1900-01-01, a province-level prefix.
pub fn parse_citizen_id(raw: &str, today: NaiveDate) -> Result<CitizenIdInfo, IdError> {
    let mut number = text::normalise_code(raw);
    if number.is_empty() {
        return Err(IdError::Empty);
    }
    let mut upgraded_from_15 = false;
    if number.chars().count() == 15 {
        number = upgrade_15(&number)?;
        upgraded_from_15 = true;
    }
    let chars: Vec<char> = number.chars().collect();
    if chars.len() != 18 {
        return Err(IdError::WrongLength { len: chars.len() });
    }
    first_non_digit(&chars[..17])?;
    // Characters 1–17 are ASCII digits, so byte slicing below is safe.
    let body = &number[..17];
    let found = chars[17];
    match citizen_id_check_char(body) {
        Some(expected) if expected == found => {}
        Some(expected) => return Err(IdError::CheckChar { expected, found }),
        None => return Err(IdError::WrongLength { len: chars.len() }),
    }

    let date_text = &number[6..14];
    let birth_date = parse_yyyymmdd(date_text).ok_or_else(|| IdError::ImpossibleDate {
        text: date_text.to_string(),
    })?;
    if birth_date > today {
        return Err(IdError::FutureDate { date: birth_date });
    }
    if birth_date < EARLIEST_BIRTH_DATE {
        return Err(IdError::TooOld { date: birth_date });
    }

    let prefix = &number[..2];
    if !codes::is_province_code(prefix) {
        return Err(IdError::UnknownProvince {
            prefix: prefix.to_string(),
        });
    }
    let address_code = number[..6].to_string();
    let address = codes::historic_division(&address_code);
    let sex = if chars[16].to_digit(10).is_some_and(|d| d % 2 == 1) {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(CitizenIdInfo {
        number,
        birth_date,
        sex,
        address_code,
        address,
        upgraded_from_15,
    })
}

/// "19900307" → 1990-03-07; `None` for a date that does not exist.
fn parse_yyyymmdd(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    let month: u32 = s[4..6].parse().ok()?;
    let day: u32 = s[6..].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Masks a document number for printing. An 18-character citizen ID keeps its first six
/// and last four characters ("150102********1237"); other numbers keep the first two and
/// last two (all masked if 4 characters or fewer).
pub fn mask_document_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let (keep_front, keep_back) = match chars.len() {
        18 => (6, 4),
        n if n > 4 => (2, 2),
        _ => (0, 0),
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i < keep_front || i >= chars.len() - keep_back {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Masks a phone number for anything that leaves the base: a mobile number keeps its
/// first three and last four digits ("138****5678"); a shorter number keeps its last
/// two. Separators are kept where they stand.
pub fn mask_phone(phone: &str) -> String {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let (front, back) = if digits >= 11 { (3, 4) } else { (0, 2.min(digits)) };
    let mut seen = 0;
    phone
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= front || seen > digits - back {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Masks every ID number and mobile phone number standing in a free text ("已电话联系
/// 13812345678" → "已电话联系 138****5678"): a run of 18 characters (17 digits and a digit or
/// X), of 15 digits, or of 11 digits starting with 1, not part of a longer word of ASCII
/// letters and digits (so hashes and record ids are left alone).
pub fn mask_numbers_in(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &text[start..i];
        let digits = word.bytes().filter(u8::is_ascii_digit).count();
        let id18 = word.len() == 18
            && digits >= 17
            && word[..17].bytes().all(|b| b.is_ascii_digit())
            && matches!(word.as_bytes()[17], b'0'..=b'9' | b'X' | b'x');
        let masked = if id18 || (word.len() == 15 && digits == 15) {
            mask_document_number(word)
        } else if word.len() == 11 && digits == 11 && word.starts_with('1') {
            mask_phone(word)
        } else {
            continue;
        };
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[last..start]);
        o.push_str(&masked);
        last = i;
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[last..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

// ---------------------------------------------------------------------------------------
// Other documents
// ---------------------------------------------------------------------------------------

/// Checks the number of a document other than the citizen ID: normalised (spaces
/// removed, upper-case), 5–20 characters of A–Z, 0–9 and `-`. These documents have no
/// published checksum. For [`DocType::CitizenId`] the full GB 11643 check runs against
/// today's date. Returns the normalised number.
pub fn validate_other_document(doc_type: DocType, raw: &str) -> Result<String, IdError> {
    if doc_type == DocType::CitizenId {
        let today = chrono::Local::now().date_naive();
        return parse_citizen_id(raw, today).map(|info| info.number);
    }
    let number = text::normalise_code(raw);
    if number.is_empty() {
        return Err(IdError::Empty);
    }
    let chars: Vec<char> = number.chars().collect();
    if let Some(i) = chars
        .iter()
        .position(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(IdError::DocBadChar {
            doc_type,
            position: i + 1,
            found: chars[i],
        });
    }
    if !(5..=20).contains(&chars.len()) {
        return Err(IdError::DocWrongLength {
            doc_type,
            len: chars.len(),
        });
    }
    Ok(number)
}

// ---------------------------------------------------------------------------------------
// Unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------------------

/// The 31 characters of the code, in value order (no I, O, Z, S, V).
pub const CREDIT_CODE_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17.
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// Weights of positions 9–16 for the organisation-code check (GB 11714).
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

fn credit_value(c: char) -> Option<u32> {
    CREDIT_CODE_CHARSET
        .chars()
        .position(|x| x == c)
        .and_then(|i| u32::try_from(i).ok())
}

/// The check character (position 18) for 17 characters of the credit-code set; `None`
/// if the input is not 17 such characters.
pub fn credit_code_check_char(body17: &str) -> Option<char> {
    let values: Vec<u32> = body17.chars().map(credit_value).collect::<Option<_>>()?;
    if values.len() != 17 {
        return None;
    }
    let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
    let r = (31 - sum % 31) % 31;
    CREDIT_CODE_CHARSET.chars().nth(r as usize)
}

/// The GB 11714 check character for an 8-character organisation-code body (digits
/// 0–9, letters A=10 … Z=35): 0–9 or X. `None` for any other input.
pub fn org_code_check_char(body8: &str) -> Option<char> {
    let values: Vec<u32> = body8
        .chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' => c.to_digit(36),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if values.len() != 8 {
        return None;
    }
    let sum: u32 = values.iter().zip(ORG_WEIGHTS).map(|(v, w)| v * w).sum();
    match 11 - sum % 11 {
        10 => Some('X'),
        11 => Some('0'),
        r => char::from_digit(r, 10),
    }
}

/// Checks a unified social credit code and returns it normalised (upper-case, no
/// spaces, half-width). Order: length 18, every character in the set, the
/// organisation-code check at position 17, the check character at position 18.
pub fn validate_credit_code(raw: &str) -> Result<String, CreditCodeError> {
    let code = text::normalise_code(raw);
    if code.is_empty() {
        return Err(CreditCodeError::Empty);
    }
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::WrongLength { len: chars.len() });
    }
    if let Some(i) = chars.iter().position(|&c| credit_value(c).is_none()) {
        return Err(CreditCodeError::BadChar {
            position: i + 1,
            found: chars[i],
        });
    }
    // All 18 characters are ASCII now, so byte slicing is safe.
    let org_found = chars[16];
    if let Some(expected) = org_code_check_char(&code[8..16])
        && expected != org_found
    {
        return Err(CreditCodeError::OrgCodeCheck {
            expected,
            found: org_found,
        });
    }
    let found = chars[17];
    match credit_code_check_char(&code[..17]) {
        Some(expected) if expected != found => Err(CreditCodeError::CheckChar { expected, found }),
        _ => Ok(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// 17 body digits plus their correct check character.
    fn with_check(body17: &str) -> String {
        format!("{body17}{}", citizen_id_check_char(body17).unwrap())
    }

    #[test]
    fn numbers_inside_free_text_are_masked_and_hashes_left_alone() {
        assert_eq!(
            mask_numbers_in("已电话联系13812345678，身份证150102199003071237。"),
            "已电话联系138****5678，身份证150102********1237。"
        );
        assert_eq!(mask_numbers_in("旧号 150102900307123"), "旧号 15***********23");
        assert_eq!(
            mask_numbers_in("x.xlsx 15010219900307123X"),
            "x.xlsx 150102********123X"
        );
        let hash = "a13812345678b0150102199003071237c";
        assert_eq!(mask_numbers_in(hash), hash);
        assert_eq!(
            mask_numbers_in("0192d3e5-7a3c-7b2e-9f00-123456789012"),
            "0192d3e5-7a3c-7b2e-9f00-123456789012"
        );
        assert_eq!(mask_numbers_in("共 12 人"), "共 12 人");
    }

    // --- id_number.md worked examples -------------------------------------------------

    #[test]
    fn check_char_worked_examples() {
        assert_eq!(citizen_id_check_char("15010219900307123"), Some('7'));
        assert_eq!(citizen_id_check_char("15250219850615034"), Some('X'));
        assert_eq!(citizen_id_check_char("15078120010920212"), Some('0'));
        assert_eq!(citizen_id_check_char("11010519491231002"), Some('X'));
        assert_eq!(citizen_id_check_char("44052418800101001"), Some('4'));
        assert_eq!(citizen_id_check_char("15292119990230123"), Some('X'));
        assert_eq!(citizen_id_check_char("15019919900101001"), Some('8'));
        assert_eq!(citizen_id_check_char("1501021990030712"), None);
        assert_eq!(citizen_id_check_char("1501021990030712A"), None);
        assert_eq!(citizen_id_check_char("１５０１０２１９９００３０７１２３"), None);
    }

    #[test]
    fn valid_examples() {
        let info = parse_citizen_id("150102199003071237", today()).unwrap();
        assert_eq!(info.number, "150102199003071237");
        assert_eq!(info.birth_date, date(1990, 3, 7));
        assert_eq!(info.sex, Sex::Male);
        assert_eq!(info.address_code, "150102");
        assert_eq!(info.address.map(|a| a.name), Some("新城区"));
        assert!(!info.upgraded_from_15);
        assert_eq!(info.age_on(date(2025, 3, 6)), Some(34));
        assert_eq!(info.age_on(date(2025, 3, 7)), Some(35));
        assert_eq!(info.masked(), "150102********1237");

        let info = parse_citizen_id("15250219850615034X", today()).unwrap();
        assert_eq!(info.birth_date, date(1985, 6, 15));
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.address.map(|a| a.name), Some("锡林浩特市"));

        let info = parse_citizen_id("150781200109202120", today()).unwrap();
        assert_eq!(info.birth_date, date(2001, 9, 20));
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.address.map(|a| a.name), Some("满洲里市"));

        // The standard's Annex A example (Beijing, 1949).
        let info = parse_citizen_id("11010519491231002X", today()).unwrap();
        assert_eq!(info.birth_date, date(1949, 12, 31));
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.address.map(|a| a.name), Some("朝阳区"));
    }

    #[test]
    fn annex_example_born_1880_is_too_old_for_the_app() {
        // The checksum is right (the standard's own example) but the app accepts no birth
        // date before 1900.
        assert_eq!(
            parse_citizen_id("440524188001010014", today()),
            Err(IdError::TooOld {
                date: date(1880, 1, 1)
            })
        );
    }

    #[test]
    fn invalid_examples() {
        assert_eq!(
            parse_citizen_id("150102199003071238", today()),
            Err(IdError::CheckChar {
                expected: '7',
                found: '8'
            })
        );
        assert_eq!(
            parse_citizen_id("15292119990230123X", today()),
            Err(IdError::ImpossibleDate {
                text: "19990230".to_string()
            })
        );
        // 150199 was never a division code: accepted, with no address (a warning).
        let info = parse_citizen_id("150199199001010018", today()).unwrap();
        assert_eq!(info.address_code, "150199");
        assert_eq!(info.address, None);
        assert_eq!(info.sex, Sex::Male);
    }

    #[test]
    fn retired_address_code_is_found() {
        // 152101 海拉尔市 (呼伦贝尔盟), retired in 2001.
        let id = with_check("15210119800101002");
        let info = parse_citizen_id(&id, today()).unwrap();
        assert_eq!(
            info.address.map(|a| (a.name, a.status)),
            Some(("海拉尔市", "弃用"))
        );
    }

    #[test]
    fn normalisation_of_input() {
        let info = parse_citizen_id("15250219850615034x", today()).unwrap();
        assert_eq!(info.number, "15250219850615034X");
        let info = parse_citizen_id("１５０１０２１９９００３０７１２３７", today()).unwrap();
        assert_eq!(info.number, "150102199003071237");
        let info = parse_citizen_id(" 150102 19900307 1237\u{3000}", today()).unwrap();
        assert_eq!(info.number, "150102199003071237");
        let info = parse_citizen_id("１５２５０２１９８５０６１５０３４ｘ", today()).unwrap();
        assert_eq!(info.number, "15250219850615034X");
    }

    #[test]
    fn fifteen_digit_numbers_are_upgraded() {
        assert_eq!(upgrade_15("150102900307123").unwrap(), "150102199003071237");
        let info = parse_citizen_id("150102900307123", today()).unwrap();
        assert_eq!(info.number, "150102199003071237");
        assert!(info.upgraded_from_15);
        assert_eq!(info.birth_date, date(1990, 3, 7));
        assert_eq!(info.birth_date.year() / 100, 19);
        assert_eq!(info.sex, Sex::Male);

        let upgraded = upgrade_15("152502850615034").unwrap();
        assert_eq!(upgraded, "15250219850615034X");
        let info = parse_citizen_id(&upgraded, today()).unwrap();
        assert_eq!(info.sex, Sex::Female);
        assert!((1900..2000).contains(&info.birth_date.year()));

        assert_eq!(upgrade_15(""), Err(IdError::Empty));
        assert_eq!(
            upgrade_15("15010290030712"),
            Err(IdError::WrongLength { len: 14 })
        );
        assert_eq!(
            upgrade_15("15010290030712X"),
            Err(IdError::NotDigit {
                position: 15,
                found: 'X'
            })
        );
        // A 15-digit number with an impossible date fails after the upgrade.
        assert_eq!(
            parse_citizen_id("152921990230123", today()),
            Err(IdError::ImpossibleDate {
                text: "19990230".to_string()
            })
        );
    }

    #[test]
    fn each_check_gives_its_own_error_in_order() {
        assert_eq!(parse_citizen_id("", today()), Err(IdError::Empty));
        assert_eq!(parse_citizen_id(" \u{3000} ", today()), Err(IdError::Empty));
        assert_eq!(
            parse_citizen_id("15010219900307123", today()),
            Err(IdError::WrongLength { len: 17 })
        );
        assert_eq!(
            parse_citizen_id("1501021990030712377", today()),
            Err(IdError::WrongLength { len: 19 })
        );
        assert_eq!(
            parse_citizen_id("15010219900307A237", today()),
            Err(IdError::NotDigit {
                position: 15,
                found: 'A'
            })
        );
        assert_eq!(
            parse_citizen_id("1501021990030712.7", today()),
            Err(IdError::NotDigit {
                position: 17,
                found: '.'
            })
        );
        // A bad digit is reported before a wrong length only when the length is right.
        assert_eq!(
            parse_citizen_id("1501021990030712A", today()),
            Err(IdError::WrongLength { len: 17 })
        );
        // Check character must be a digit or X.
        assert_eq!(
            parse_citizen_id("15010219900307123A", today()),
            Err(IdError::CheckChar {
                expected: '7',
                found: 'A'
            })
        );
        // Impossible month.
        let id = with_check("15010219901307123");
        assert_eq!(
            parse_citizen_id(&id, today()),
            Err(IdError::ImpossibleDate {
                text: "19901307".to_string()
            })
        );
        // Future date.
        let id = with_check("15010220300101123");
        assert_eq!(
            parse_citizen_id(&id, today()),
            Err(IdError::FutureDate {
                date: date(2030, 1, 1)
            })
        );
        // Born today is fine; born tomorrow is not.
        let id = with_check("15010220250601123");
        assert!(parse_citizen_id(&id, today()).is_ok());
        let id = with_check("15010220250602123");
        assert!(matches!(
            parse_citizen_id(&id, today()),
            Err(IdError::FutureDate { .. })
        ));
        // Before 1900.
        let id = with_check("15010218991231123");
        assert_eq!(
            parse_citizen_id(&id, today()),
            Err(IdError::TooOld {
                date: date(1899, 12, 31)
            })
        );
        let id = with_check("15010219000101123");
        assert!(parse_citizen_id(&id, today()).is_ok());
        // Unknown province prefix.
        for prefix in ["99", "00", "16", "10"] {
            let id = with_check(&format!("{prefix}010219900307123"));
            assert_eq!(
                parse_citizen_id(&id, today()),
                Err(IdError::UnknownProvince {
                    prefix: prefix.to_string()
                })
            );
        }
        // Known province, unknown county: accepted without an address.
        let id = with_check("15999919900307123");
        assert_eq!(parse_citizen_id(&id, today()).map(|i| i.address), Ok(None));
    }

    // --- Sex and document types -------------------------------------------------------

    #[test]
    fn sex_parsing() {
        for s in ["男", "M", "m", "male", "MALE", "Male", "1", "１", " 男性 "] {
            assert_eq!(Sex::parse_loose(s), Some(Sex::Male), "{s}");
        }
        for s in ["女", "F", "f", "female", "FEMALE", "2", "女性", "Ｆ"] {
            assert_eq!(Sex::parse_loose(s), Some(Sex::Female), "{s}");
        }
        for s in ["", "0", "9", "x", "未知"] {
            assert_eq!(Sex::parse_loose(s), None, "{s}");
        }
        assert_eq!(Sex::Male.name_zh(), "男");
        assert_eq!(Sex::Female.name_zh(), "女");
        for s in Sex::ALL {
            assert_eq!(Sex::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
    }

    #[test]
    fn doc_types() {
        for d in DocType::ALL {
            assert_eq!(DocType::from_code(d.code()), Some(d));
            assert_eq!(DocType::parse_loose(d.code()), Some(d));
            assert_eq!(DocType::parse_loose(d.name_zh()), Some(d));
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{}\"", d.code()));
        }
        assert_eq!(DocType::HkMacaoPermit.name_zh(), "港澳居民来往内地通行证");
        assert_eq!(DocType::parse_loose("身份证"), Some(DocType::CitizenId));
        assert_eq!(DocType::parse_loose("台胞证"), Some(DocType::TaiwanPermit));
        assert_eq!(DocType::parse_loose("驾驶证"), None);
    }

    #[test]
    fn other_documents() {
        assert_eq!(
            validate_other_document(DocType::Passport, " e1234 5678 "),
            Ok("E12345678".to_string())
        );
        assert_eq!(
            validate_other_document(DocType::HkMacaoPermit, "ｈ１２３４５６７８"),
            Ok("H12345678".to_string())
        );
        assert_eq!(
            validate_other_document(DocType::ForeignPermanentResident, "USA-1234"),
            Ok("USA-1234".to_string())
        );
        assert_eq!(
            validate_other_document(DocType::Passport, "  "),
            Err(IdError::Empty)
        );
        assert_eq!(
            validate_other_document(DocType::Passport, "E123"),
            Err(IdError::DocWrongLength {
                doc_type: DocType::Passport,
                len: 4
            })
        );
        assert_eq!(
            validate_other_document(DocType::TaiwanPermit, "123456789012345678901"),
            Err(IdError::DocWrongLength {
                doc_type: DocType::TaiwanPermit,
                len: 21
            })
        );
        assert_eq!(
            validate_other_document(DocType::Passport, "E12/45678"),
            Err(IdError::DocBadChar {
                doc_type: DocType::Passport,
                position: 4,
                found: '/'
            })
        );
        assert_eq!(
            validate_other_document(DocType::CitizenId, "15250219850615034x"),
            Ok("15250219850615034X".to_string())
        );
        assert_eq!(
            validate_other_document(DocType::CitizenId, "150102199003071238"),
            Err(IdError::CheckChar {
                expected: '7',
                found: '8'
            })
        );
    }

    #[test]
    fn masking() {
        assert_eq!(mask_document_number("15250219850615034X"), "152502********034X");
        assert_eq!(mask_document_number("E12345678"), "E1*****78");
        assert_eq!(mask_document_number("E123"), "****");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0472-5123456"), "047*-***3456");
        assert_eq!(mask_phone("5123456"), "*****56");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_document_number(""), "");
    }

    // --- credit_code.md worked examples ----------------------------------------------

    #[test]
    fn credit_code_examples() {
        for code in [
            "91350100M000100Y43",
            "12150100460001231U",
            "52150105MJY1234587",
            "911506027013456A1T",
        ] {
            assert_eq!(validate_credit_code(code), Ok(code.to_string()), "{code}");
            assert_eq!(credit_code_check_char(&code[..17]), code.chars().nth(17));
            assert_eq!(org_code_check_char(&code[8..16]), code.chars().nth(16));
        }
        assert_eq!(org_code_check_char("M000100Y"), Some('4'));
        assert_eq!(
            validate_credit_code("911506027013456A10"),
            Err(CreditCodeError::CheckChar {
                expected: 'T',
                found: '0'
            })
        );
        assert_eq!(
            validate_credit_code("91150602701345OA1T"),
            Err(CreditCodeError::BadChar {
                position: 15,
                found: 'O'
            })
        );
    }

    #[test]
    fn credit_code_normalisation_and_errors() {
        assert_eq!(
            validate_credit_code(" 91350100m000100y43 "),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("９１３５０１００Ｍ０００１００Ｙ４３"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(
            validate_credit_code("9135 0100 M000 100Y 43"),
            Ok("91350100M000100Y43".to_string())
        );
        assert_eq!(validate_credit_code(""), Err(CreditCodeError::Empty));
        assert_eq!(
            validate_credit_code("91350100M000100Y4"),
            Err(CreditCodeError::WrongLength { len: 17 })
        );
        assert_eq!(
            validate_credit_code("91350100M000100Y433"),
            Err(CreditCodeError::WrongLength { len: 19 })
        );
        for (code, position, found) in [
            ("91I50100M000100Y43", 3, 'I'),
            ("9135010OM000100Y43", 8, 'O'),
            ("91350100M000100Z43", 16, 'Z'),
            ("91350100S000100Y43", 9, 'S'),
            ("V1350100M000100Y43", 1, 'V'),
            ("91350100M000-00Y43", 13, '-'),
        ] {
            assert_eq!(
                validate_credit_code(code),
                Err(CreditCodeError::BadChar { position, found }),
                "{code}"
            );
        }
        // Organisation-code check wrong, whole-code check recomputed so only it fails.
        let body = "911506027013456A2";
        let code = format!("{body}{}", credit_code_check_char(body).unwrap());
        assert_eq!(
            validate_credit_code(&code),
            Err(CreditCodeError::OrgCodeCheck {
                expected: '1',
                found: '2'
            })
        );
        assert_eq!(credit_code_check_char("91350100M000100Y"), None);
        assert_eq!(credit_code_check_char("91350100M000100YO"), None);
        assert_eq!(org_code_check_char("M000100"), None);
    }
}
