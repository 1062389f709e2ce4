//! 字段问题的说明：错在哪里、应当怎样。

use crate::domain::cert_number::{NumberFormat, NumberIssue, NumberPart};
use crate::domain::check::{CodeTable, NotAllowed, Problem};
use crate::domain::identity::Sex;
use crate::domain::text::{CharClass, CharRule};
use crate::i18n::{Lang, field_label};

fn sex(s: Sex) -> &'static str {
    match s {
        Sex::Male => "男",
        Sex::Female => "女",
    }
}

fn table(t: CodeTable) -> &'static str {
    match t {
        CodeTable::ImDivision => "内蒙古自治区现行行政区划代码（GB/T 2260）",
        CodeTable::HistoricDivision => "1981年以来的行政区划代码（GB/T 2260）",
        CodeTable::Ethnicity => "民族代码（GB/T 3304）",
        CodeTable::Education => "学历代码（GB/T 4658）",
        CodeTable::Occupation => "《职业分类大典（2022年版）》",
    }
}

/// 一个问题的说明。`kind` 是登记簿表名，用于说出相关字段的名称。
pub fn problem(p: &Problem, kind: &str) -> String {
    match p {
        Problem::Required => "必须填写".into(),
        Problem::TooLong { max, len } => format!("最多 {max} 个字，现为 {len} 个字"),
        Problem::IdNumber(e) => super::identity::id_error(e),
        Problem::DocNumber(e) => super::identity::id_error(e),
        Problem::BirthDateMismatch { from_id, entered } => {
            format!("与身份证号不符：号码中的出生日期是 {from_id}，填写的是 {entered}。请核对号码或出生日期")
        }
        Problem::SexMismatch { from_id, entered } => format!(
            "与身份证号不符：号码第17位表示“{}”，填写的是“{}”",
            sex(*from_id),
            sex(*entered)
        ),
        Problem::UnknownAddressCode { code } => format!(
            "身份证号前6位地址码 {code} 不在1981年以来的任何行政区划代码表中，请核对（代码表可能有缺漏，可以保存）"
        ),
        Problem::CreditCode(e) => super::identity::credit_code_error(e),
        Problem::UnknownCode { table: t, value } => format!("“{}”不在{}中", shown(value), table(*t)),
        Problem::OccupationForm { value } => {
            format!(
                "职业代码“{}”格式不对，应为“6-18-02-04”这样的四段代码",
                shown(value)
            )
        }
        Problem::DateBefore { other } => format!("不能早于{}", field_label(kind, other, Lang::Zh)),
        Problem::FutureDate { date } => format!("{date} 晚于今天，请核对"),
        Problem::TooEarly { date, earliest } => format!("{date} 早于 {earliest}，请核对"),
        Problem::CertificateBeforeAge16 { birth_date } => {
            format!("发证时持证人未满16周岁（出生于 {birth_date}），请核对发证日期")
        }
        Problem::OutOfRange { min, max } => format!("应在 {min} 到 {max} 之间"),
        Problem::Year { value } => format!("年度 {value} 不合理，应在1949年到明年之间"),
        Problem::Phone { value } => {
            format!("电话号码“{}”应为7到20位数字（可含 +、- 和空格）", shown(value))
        }
        Problem::GradeFell { start, end } => format!(
            "出师时等级（{}）低于带徒前等级（{}）",
            end.name_zh(),
            start.name_zh()
        ),
        Problem::SamePerson => "师傅和徒弟不能是同一个人".into(),
        Problem::CertNumber(issue) => cert_number(issue),
        Problem::Character { ch, class, rule } => {
            let what = match class {
                CharClass::Control | CharClass::Layout => "控制字符",
                CharClass::Bidi => "改变文字方向的控制符",
                CharClass::Invisible => "看不见的格式字符",
                CharClass::Unassigned => "乱码留下的字符",
                CharClass::Plain => "数字或符号",
            };
            let allowed = match rule {
                CharRule::PersonName => "姓名只能由文字组成，可含空格、间隔号“·”、连字符“-”和撇号“'”",
                CharRule::Name => "名称应为一行文字，不能含控制字符、方向控制符或看不见的字符",
                CharRule::Text => "文字中不能含控制字符或改变文字方向的控制符",
            };
            format!(
                "含有不允许的字符 {}（{what}）。{allowed}",
                crate::i18n::shown::character(*ch, Lang::Zh)
            )
        }
        Problem::NotAllowed { reason } => match reason {
            NotAllowed::OnlyStudiosAreHosted => "只有技能大师工作室可以隶属于基地".into(),
            NotAllowed::HostsItself => "组织不能隶属于自己".into(),
            NotAllowed::CompletionDateWithoutCompletion => "填写了结业日期，但状态不是“结业”".into(),
            NotAllowed::FundCategoryDirection => "类别与收支方向不一致".into(),
        },
        Problem::EnrolledAfterCohortEnded { cohort_end } => {
            format!(
                "晚于培训班次的结束日期 {cohort_end}：班次结束后不能再入班。请核对入班日期，入班日期一般是班次的开始日期"
            )
        }
        Problem::OutsideCohort { start, end } => {
            format!("应在培训班次的起止日期 {start} 至 {end} 之内")
        }
        Problem::CertificateBeforeCohort { cohort_start } => {
            format!(
                "早于取得证书的培训班次开始日期 {cohort_start}：证书不可能是这次培训取得的。请核对发证日期，或去掉证书与报名记录的关联"
            )
        }
        Problem::CertificateBeforeEnrolment { enrolled_on } => {
            format!(
                "早于入班日期 {enrolled_on}：证书不可能是这次培训取得的。请核对发证日期，或去掉证书与报名记录的关联"
            )
        }
        Problem::OccupationDiffersFromCohort { cohort } => format!(
            "与取得证书的培训班次的职业 {cohort}{} 不同，请核对",
            crate::domain::codes::occupation(cohort).map_or(String::new(), |o| format!("（{}）", o.name))
        ),
        Problem::GradeDiffersFromCohort { cohort } => format!(
            "与取得证书的培训班次的目标等级（{}）不同，请核对",
            cohort.name_zh()
        ),
        Problem::CohortDatesExclude { count, example } => format!(
            "改动后，本班次有 {count} 条报名记录（或其证书）的日期落在班次起止日期之外（例如 {example}）。请先核对那些报名记录的入班、结业日期或证书的发证日期"
        ),
        Problem::EntryHours => "学时应大于 0 且不超过 24 小时".into(),
        Problem::HoursInDay { date, total } => format!(
            "加上该带徒关系 {date} 当天的其他记录共 {} 小时，一天不能超过 24 小时",
            round1(*total)
        ),
        Problem::OutsideApprenticeship { start, end } => match end {
            Some(end) => format!("应在带徒的起止日期 {start} 至 {end} 之内"),
            None => format!("不能早于带徒开始日期 {start}"),
        },
        Problem::StageNumberTaken { seq } => format!("这个带徒关系的培养计划已有第 {seq} 阶段，请换一个序号"),
        Problem::StageOfAnotherApprenticeship => {
            "这个阶段属于另一个带徒关系的培养计划，请选本带徒关系的阶段".into()
        }
    }
}

/// A value from a record inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::Zh)
}

/// Hours to one decimal, as the return shows them.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// 证书编号与证书不符之处（提醒，可以保存）。
fn cert_number(issue: &NumberIssue) -> String {
    match issue {
        NumberIssue::Shape {
            format: NumberFormat::SkillLevel,
        } => "不是职业技能等级证书编号的通常格式（22位：Y或S加21位数字），请核对（可以保存）".into(),
        NumberIssue::Shape {
            format: NumberFormat::Qualification,
        } => "不是职业资格证书编号的通常格式（16位数字），请核对（可以保存）".into(),
        NumberIssue::Mismatch {
            part,
            in_number,
            recorded,
        } => match part {
            NumberPart::Grade => format!(
                "编号中的等级位是“{in_number}”，而记录的技能等级{}，请核对（可以保存）",
                if recorded.is_empty() {
                    "没有对应的五级等级号".to_string()
                } else {
                    format!("对应“{recorded}”级")
                }
            ),
            NumberPart::Year => format!(
                "编号中的年份是“{in_number}”，而发证日期的年份末两位是“{recorded}”，请核对（可以保存）"
            ),
            NumberPart::Province => {
                if recorded.is_empty() {
                    format!("编号中的省份代码“{in_number}”不是任何省级行政区划代码，请核对（可以保存）")
                } else {
                    format!(
                        "编号中的省份代码是“{in_number}”，而经本单位培训取得的证书应为“{recorded}”（内蒙古），请核对（可以保存）"
                    )
                }
            }
        },
    }
}
