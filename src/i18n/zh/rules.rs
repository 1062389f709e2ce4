//! 校验规则：用途、改正方法、发现的问题。

use crate::domain::check::Severity;
use crate::i18n::{Labelled, Lang, field_label};
use crate::rules::{Detail, Finding, Rule};

pub fn purpose(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => "身份证号必须符合 GB 11643：18位、校验位正确、出生日期真实",
        Rule::Id02 => "出生日期、性别必须与身份证号一致",
        Rule::Id03 => "身份证号前6位地址码应是1981年以来用过的行政区划代码",
        Rule::Per01 => "同一证件号码不能登记为两个人员",
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
    }
}

pub fn fix(rule: Rule) -> &'static str {
    match rule {
        Rule::Id01 => "对照身份证原件改正号码；15位旧号码可直接输入，系统会自动升位",
        Rule::Id02 => "以身份证号为准改正出生日期或性别；若号码输错，先改号码",
        Rule::Id03 => "核对身份证号前6位；确认无误可以保留（代码表可能有缺漏）",
        Rule::Per01 => "打开两条人员记录核对，保留一条，把另一条的培训、证书记录改到保留的人员名下后删除它",
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
    }
}

fn what(f: &Finding) -> String {
    match &f.detail {
        Detail::Field(issue) => super::problems::problem(&issue.problem, issue.kind.code()),
        Detail::Age(age) => format!("入班时 {age} 周岁"),
        Detail::Unprintable(chars) => format!("报表字体无法打印 {chars}，报表上将印出编码"),
        Detail::OtherPerson { name, doc } => format!("与人员“{name}（{doc}）”可能是同一人"),
        Detail::None => purpose(f.rule).to_string(),
    }
}

/// 一条发现："错误 ID01 人员 张三（150102********1238）· 证件号码：……。改正：……"
/// What is wrong and how to fix it, without the rule, record and field (shown beside them).
pub fn finding_message(f: &Finding) -> String {
    format!("{}。改正：{}", what(f), fix(f.rule))
}

pub fn finding(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
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
