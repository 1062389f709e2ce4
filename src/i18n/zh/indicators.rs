//! 指标集的中文。

use crate::i18n::indicators::IndicatorsText;
use crate::report::figures::Absent;

pub static TEXT: IndicatorsText = IndicatorsText {
    help: "指标集规定各年度、各类型和级别的基地与工作室据以考核的指标和目标值，由自治区人社部门发布。年度报表采用当年适用的指标集。新建指标集后，选中它再在下方添加指标。",
    send_hint: "发给基地和工作室：在“数据交换”中选择“只含指标集”制作数据包；对方导入后即按其当年适用的指标集考核。",
    built_in_heading: "内置指标集",
    built_in_note: "随本软件提供，不能修改。要修改，先复制为本库的指标集（起始年度相同时，本库的指标集优先）。",
    built_in: "内置",
    stored: "本库",
    copy: "复制为本库指标集",
    copied: |name: &str| format!("已将“{name}”复制为本库的指标集，可在上表中修改"),
    in_force_heading: "各年度适用的指标集",
    in_force_columns: ["年度", "类型", "级别", "适用指标集"],
    none_in_force: "无适用的指标集（不作达标判定）",
    indicator_columns: ["类型", "级别", "指标", "计量口径", "目标", "单位"],
    years: |from: i32, to: Option<i32>| match to {
        Some(to) => format!("{from}—{to}年"),
        None => format!("{from}年起"),
    },
    judged_by: "指标依据",
    document: "发文",
    attendance_floor: |share: f64| format!("结业最低出勤率 {:.0}%", share * 100.0),
    sets_heading: "指标集",
    no_sets: "没有指标集",
    period: |n: u32| format!("·{n}年"),
    absent: |why: Absent| match why {
        Absent::NotDeclared => "未申报",
        Absent::NotRecorded => "未记录",
        Absent::NotApplicable => "不适用",
    },
};
