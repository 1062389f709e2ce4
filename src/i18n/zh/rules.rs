//! 校验规则：用途、改正方法、发现的问题。

use crate::domain::RecordKind;
use crate::domain::check::Severity;
use crate::i18n::{Labelled, Lang, field_label};
use crate::rules::{Detail, Finding, Rule};

pub fn purpose(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => "身份证号必须符合 GB 11643：18位、校验位正确、出生日期真实",
        Rule::Id02 => "出生日期、性别必须与身份证号一致",
        Rule::Id03 => "身份证号前6位地址码应是1981年以来用过的行政区划代码",
        Rule::Per01 => "同一证件号码不能登记为两个人员",
        Rule::Per04 => "同一证件号码在整个数据库中只能有一个在用的人员记录（旧版本可能留下了重复）",
        Rule::Per03 => "姓名、出生日期、性别都相同的两条人员记录可能是同一个人",
        Rule::Per02 => "参训学员入班时应在16至65周岁之间",
        Rule::Qua01 => "证书发证日期不能早于持证人16周岁生日",
        Rule::Qua02 => "通过培训取得的证书，发证日期不能早于入班日期",
        Rule::Enr01 => "结业日期必须在培训班次的起止日期之内",
        Rule::Enr02 => "已结业的学员必须有考核结果",
        Rule::Enr03 => "已结业的学员必须有结业日期",
        Rule::Enr04 => "考核合格的学员应登记所取得的证书",
        Rule::Srv01 => "公共实训服务记录必须有服务人次",
        Rule::Coh01 => "每个培训班次必须对应一个培训包",
        Rule::App01 => "名师带徒应登记带徒协议的签订日期",
        Rule::App02 => "同一工作室中，师傅不能同时是徒弟",
        Rule::Org01 => "组织信息必须有统一社会信用代码",
        Rule::Org02 => "组织信息必须有所在行政区划",
        Rule::Org03 => "组织信息必须有级别（国家级、自治区级或盟市级）",
        Rule::Rec01 => "每条记录的字段必须符合登记规则（代码有效、日期先后正确、数量不为负等）",
        Rule::Fnt01 => "姓名中的字应能用报表字体打印",
        Rule::Qua03 => "证书与其关联的报名记录必须是同一个人的（错误：别人的证书不能算作本班学员取得的证书）",
        Rule::Qua04 => "通过培训取得的证书，发证日期不能早于该培训班次的开始日期（错误：这不可能是真的）",
        Rule::Qua05 => {
            "通过培训取得的证书，职业和等级应与培训班次的职业和目标等级一致（警告：可能另有原因，但多为录入差错）"
        }
        Rule::Qua06 => "证书与报名记录的关联必须双向一致：报名记录的“取得证书”和证书的“取得途径”互相指向对方",
        Rule::Enr05 => "同一人在同一培训班次中只能有一条报名记录（错误：会被重复计数）",
        Rule::Enr06 => "入班日期不能晚于培训班次的结束日期（错误：班次结束后不可能再入班）",
        Rule::Ref01 => "有效记录不能引用已删除或不存在的记录（错误：否则合计与分项会互相矛盾）",
        Rule::Rec02 => {
            "数据库中保存的每个值都必须能按字段类型读出（日期、数字、代码）；读不出的记录无法计入报表"
        }
        Rule::Cap01 => "实际完成数超过本年度申报的培训能力时应核实（警告：可能是申报偏低，也可能是录入差错）",
        Rule::Cap02 => "有培训或公共实训服务的年度应申报培训能力，否则无法计算利用率（警告）",
        Rule::Srv02 => "一条公共实训服务记录每学时超过200人次时应核实人次和学时（警告：多为多录了位数）",
        Rule::Yoy01 => "已结束的年度中，主要指标与上一年相比变化超过一半时应核实（警告；未结束的年度不比较）",
        Rule::App03 => "在带的徒弟三个月以上没有带徒记录时应核实（警告；以年底为准，未结束的年度以今天为准）",
        Rule::Qua07 => {
            "证书编号应符合该类证书的通常格式，编号中的等级、年份、省份应与证书记录一致（警告：旧证书和外地证书可能另有格式）"
        }
        Rule::Enr07 => "已结业学员的实际学时应达到班次计划学时的规定比例（默认80%）（警告）",
        Rule::Fnd01 => {
            "本年度结束的班次中学员申领的各项补贴合计，不应超过经费登记中本年度收到的职业培训补贴资金（警告）"
        }
    }
}

pub fn fix(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => "对照身份证原件改正号码；15位旧号码可直接输入，系统会自动升位",
        Rule::Id02 => "以身份证号为准改正出生日期或性别；若号码输错，先改号码",
        Rule::Id03 => "核对身份证号前6位；确认无误可以保留（代码表可能有缺漏）",
        Rule::Per01 => "打开两条人员记录核对，保留一条，把另一条的培训、证书记录改到保留的人员名下后删除它",
        Rule::Per04 => {
            "核对这两条人员记录：保留先登记的一条，把这一条名下的培训、证书等记录改到保留的人员名下，再删除这一条"
        }
        Rule::Per03 => "核对两人的证件：确是两个人可以不处理；是同一人则按 PER01 的方法合并",
        Rule::Per02 => "核对出生日期或入班日期",
        Rule::Qua01 => "核对发证日期和持证人的身份证号",
        Rule::Qua02 => "核对发证日期；若证书不是本次培训取得，去掉它与报名记录的关联",
        Rule::Enr01 => "核对结业日期或培训班次的起止日期",
        Rule::Enr02 => "在学员报名记录中填写考核结果（合格、不合格或缺考）",
        Rule::Enr03 => "在学员报名记录中填写结业日期",
        Rule::Enr04 => "在学员报名记录中登记取得的证书；证书尚未发放的可暂不处理",
        Rule::Srv01 => "填写服务人次；若没有实际服务，删除这条记录",
        Rule::Coh01 => "在培训班次中选择所用的培训包；没有的先在“培训包”中建立",
        Rule::App01 => "在名师带徒记录中填写带徒协议日期",
        Rule::App02 => "核对师徒关系：师傅不应作为本工作室的徒弟登记",
        Rule::Org01 => "在“组织”中填写统一社会信用代码（18位）",
        Rule::Org02 => "在“组织”中选择所在旗县区",
        Rule::Org03 => "在“组织”中选择级别",
        Rule::Rec01 => "打开该记录，按字段旁的提示改正",
        Rule::Fnt01 => {
            "核对姓名是否录入了错字或私用区字符；确是生僻字的，报表上会印出它的编码，请在纸质报表上手写补正"
        }
        Rule::Qua03 => {
            "打开报名记录，在“取得证书”中改选该学员本人的证书；证书确属另一人的，去掉它与这条报名记录的关联"
        }
        Rule::Qua04 => "核对发证日期和班次的开始日期；证书不是这次培训取得的，去掉它与报名记录的关联",
        Rule::Qua05 => "核对证书的职业、等级和班次的职业、目标等级，改正录错的一方",
        Rule::Qua06 => "打开报名记录，在“取得证书”中重新选择这张证书（或清除），系统会同时改好证书一侧",
        Rule::Enr05 => "打开这两条报名记录核对，保留一条（把结业、证书等信息合到保留的一条上），删除另一条",
        Rule::Enr06 => "核对入班日期和班次的起止日期；入班日期一般是班次的开始日期",
        Rule::Ref01 => "恢复被删除的记录，或打开这条记录改掉引用；确实不该存在的，删除这条记录",
        Rule::Rec02 => "打开这条记录，重新填写该字段并保存；数据库可能在本软件之外被改动过，请从备份核对",
        Rule::Cap01 => "核对实际完成数的记录；申报能力偏低的，在“培训能力”中修改本年度的申报",
        Rule::Cap02 => "在“培训能力”中为本年度新增一条年度培训能力申报",
        Rule::Srv02 => "核对服务人次和学时，改正多录或少录的一方",
        Rule::Yoy01 => "核对本年度的相关记录是否录全、有无重复；确有变化的可以不处理",
        Rule::App03 => "在“名师带徒”中补录带徒记录；带徒已结束或终止的，把状态改为“已出师”或“已终止”",
        Rule::Qua07 => {
            "对照证书原件核对证书编号、技能等级和发证日期，改正录错的一方；确是旧证书或外地证书的可以保留"
        }
        Rule::Enr07 => "核对学员的实际学时和班次的计划学时；学时确实不足的，核实能否结业",
        Rule::Fnd01 => "在“经费”中登记本年度收到的职业培训补贴资金，或核对学员报名记录中的补贴金额",
    }
}

fn what(f: &Finding) -> String {
    match &f.detail {
        Detail::Field(issue) => super::problems::problem(&issue.problem, issue.kind.code()),
        Detail::Age(age) => format!("入班时 {age} 周岁"),
        Detail::Unprintable(chars) => format!("报表字体无法打印 {chars}，报表上将印出编码"),
        Detail::OtherPerson { name, doc } if f.rule == crate::rules::Rule::Per04 => {
            format!("与先登记的人员“{name}（{doc}）”持同一证件号码")
        }
        Detail::OtherPerson { name, doc } => format!("与人员“{name}（{doc}）”可能是同一人"),
        Detail::None => purpose(f.rule).to_string(),
        Detail::Dangling {
            target,
            target_label,
            exists: true,
        } => format!("引用的{}“{target_label}”已删除", target.label(Lang::Zh)),
        Detail::Dangling {
            target,
            exists: false,
            ..
        } if f.value.is_empty() => {
            format!("没有指向任何{}记录（编号为空）", target.label(Lang::Zh))
        }
        Detail::Dangling {
            target,
            exists: false,
            ..
        } => {
            format!("引用的{}记录 {} 不存在", target.label(Lang::Zh), f.value)
        }
        Detail::Unreadable => format!(
            "保存的值“{}”无法读取，应为{}",
            f.value,
            super::store::expected(f.kind, f.field)
        ),
        Detail::TwoPeople { holder, enrolled } => {
            format!("证书属于 {holder}，报名记录的学员却是 {enrolled}")
        }
        Detail::OtherEnrolment { enrolled_on } => {
            format!("此人在该班次已有一条 {enrolled_on} 入班的报名记录")
        }
        Detail::LinkedTo(None) => match f.kind {
            RecordKind::Enrolment => "报名记录关联了这张证书，证书一侧却没有指向这条报名记录".into(),
            _ => "证书指向这条报名记录，报名记录的“取得证书”却是空的".into(),
        },
        Detail::LinkedTo(Some(other)) => match f.kind {
            RecordKind::Enrolment => format!("报名记录关联了这张证书，证书一侧却指向另一次报名（{other}）"),
            _ => format!("证书指向这条报名记录，报名记录的“取得证书”却是另一张证书（{other}）"),
        },
        Detail::Figures { value, against } => match f.rule {
            Rule::Yoy01 => format!(
                "本年 {value}，上年 {against}，变化 {:+.0}%",
                (*value as f64 - *against as f64) * 100.0 / *against as f64
            ),
            _ => format!("实际完成 {value}，超过申报能力 {against}"),
        },
        Detail::NoEntrySince { last: Some(last), on } => {
            format!("最近一条带徒记录是 {last}，到 {on} 已超过三个月")
        }
        Detail::NoEntrySince { last: None, on } => {
            format!("带徒开始至 {on} 已超过三个月，还没有任何带徒记录")
        }
        Detail::Attendance {
            attended,
            planned,
            floor,
        } => format!(
            "实际学时 {attended} 为计划学时 {planned} 的 {:.1}%，低于 {:.0}%",
            attended * 100.0 / f64::from(*planned),
            floor * 100.0
        ),
        Detail::Subsidies { claimed, income } => format!(
            "申领补贴合计 {} 元，本年度收到的职业培训补贴资金 {} 元",
            crate::domain::Money(*claimed),
            crate::domain::Money(*income)
        ),
        Detail::PerHour { person_times, hours } if *hours <= 0.0 => {
            format!("{person_times} 人次，服务学时却为 0")
        }
        Detail::PerHour { person_times, hours } => format!(
            "{person_times} 人次 ÷ {hours} 学时 = 每学时 {:.0} 人次，超过 {:.0}",
            *person_times as f64 / hours,
            crate::rules::MAX_PER_HOUR
        ),
    }
}

/// 一条发现："错误 ID01 人员 张三（150102********1238）· 证件号码：……。改正：……"
/// What is wrong and how to fix it, without the rule, record and field (shown beside them).
pub fn finding_message(f: &Finding) -> String {
    format!("{}。改正：{}", what(f), fix(f.rule))
}

pub fn finding(f: &Finding) -> String {
    let severity = severity(f.severity);
    let field = field_label(f.kind.code(), f.field, Lang::Zh);
    format!(
        "{severity} {} {} {} · {field}：{}。改正：{}",
        f.rule.id(),
        f.kind.label(Lang::Zh),
        crate::i18n::shown::value(&f.record, Lang::Zh),
        what(f),
        fix(f.rule)
    )
}

/// 错误或警告。
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    }
}

/// 校验结果工作簿：各条发现的工作表及其列。
pub const FINDINGS_SHEET: (&str, [&str; 8]) = (
    "校验结果",
    ["规则", "级别", "登记簿", "记录", "字段", "值", "问题", "改正方法"],
);

/// 按规则汇总的工作表及其列。
pub const BY_RULE_SHEET: (&str, [&str; 4]) = ("按规则汇总", ["规则", "级别", "条数", "规则说明"]);
