//! 简体中文：身份证件号码与统一社会信用代码的错误提示。
//!
//! 每条提示都说明哪里不对、应当是什么；位置从 1 开始数。

use chrono::{Datelike, NaiveDate};

use crate::domain::identity::{CreditCodeError, IdError};

fn date_zh(date: &NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 身份证号或其他证件号码的错误提示。
pub fn id_error(e: &IdError) -> String {
    match e {
        IdError::Empty => "证件号码为空，请填写证件号码".to_string(),
        IdError::WrongLength { len } => {
            format!("身份证号应为18位（或15位旧号），现为 {len} 位")
        }
        IdError::NotDigit { position, found } => {
            format!("身份证号第 {position} 位“{found}”不是数字（前17位应全为数字，第18位为数字或 X）")
        }
        IdError::CheckChar { expected, found } => {
            format!("身份证号校验位应为 {expected}，现为 {found}，请核对号码")
        }
        IdError::ImpossibleDate { text } => format!(
            "身份证号中的出生日期 {text} 不是真实日期（第7–14位应为出生年月日，如 19900307），请核对号码"
        ),
        IdError::FutureDate { date } => {
            format!("身份证号中的出生日期 {} 晚于今天，请核对号码", date_zh(date))
        }
        IdError::TooOld { date } => format!(
            "身份证号中的出生日期 {} 早于1900年1月1日，请核对号码",
            date_zh(date)
        ),
        IdError::UnknownProvince { prefix } => {
            format!("身份证号前两位“{prefix}”不是任何省级行政区代码（如内蒙古为 15），请核对号码")
        }
        IdError::DocWrongLength { doc_type, len } => {
            format!("{}号码应为 5–20 位字母或数字，现为 {len} 位", doc_type.name_zh())
        }
        IdError::DocBadChar {
            doc_type,
            position,
            found,
        } => format!(
            "{}号码第 {position} 位“{found}”无效（只能使用英文字母、数字和连字符 -）",
            doc_type.name_zh()
        ),
    }
}

/// 统一社会信用代码的错误提示。
pub fn credit_code_error(e: &CreditCodeError) -> String {
    match e {
        CreditCodeError::Empty => "统一社会信用代码为空，请填写18位代码".to_string(),
        CreditCodeError::WrongLength { len } => {
            format!("统一社会信用代码应为18位，现为 {len} 位")
        }
        CreditCodeError::BadChar { position, found } => {
            format!("统一社会信用代码第 {position} 位“{found}”不是有效字符（不使用 I、O、Z、S、V）")
        }
        CreditCodeError::OrgCodeCheck { expected, found } => format!(
            "统一社会信用代码第 17 位（组织机构代码校验位）应为 {expected}，现为 {found}，请核对第 9–17 位"
        ),
        CreditCodeError::CheckChar { expected, found } => {
            format!("统一社会信用代码第 18 位校验码应为 {expected}，现为 {found}，请核对代码")
        }
    }
}
