//! 带徒计划与带徒记录的中文。

use crate::i18n::studio_log::StudioLogText;

pub static TEXT: StudioLogText = StudioLogText {
    missing: |flag: &str, expected: &str| format!("缺少 {flag}：应为{expected}"),
    not_valid: |flag: &str, value: &str, expected: &str| {
        format!(
            "{flag} 的值“{}”无效：应为{expected}",
            crate::i18n::shown::value(value, crate::i18n::Lang::Zh)
        )
    },
    apprenticeship_expected: "带徒关系的记录标识（在“名师带徒”中复制，或用 skillbase export --kind apprenticeships 导出）",
    date_expected: "日期，如 2025-03-01",
    hours_expected: "大于 0、不超过 24 的学时数，如 4 或 2.5",
    text_expected: "带教内容（不能为空）",
    stage_expected: "培养计划中的阶段序号，如 1",
    no_apprenticeship: |value: &str| {
        format!(
            "--apprenticeship：没有记录标识为“{}”的带徒关系（或已删除）",
            crate::i18n::shown::value(value, crate::i18n::Lang::Zh)
        )
    },
    no_stage: |n: u32, have: &[u32]| {
        if have.is_empty() {
            format!(
                "--stage：这个带徒关系还没有培养计划，没有第 {n} 阶段；先在“名师带徒”中按模板生成计划，或不加 --stage"
            )
        } else {
            let list: Vec<String> = have.iter().map(|s| s.to_string()).collect();
            format!(
                "--stage：这个带徒关系的培养计划没有第 {n} 阶段（现有阶段：{}）",
                list.join("、")
            )
        }
    },
    refused: |flag: &str, label: &str, problem: &str| format!("{flag}（{label}）：{problem}"),
    nothing_written: "未写入任何内容。",
    logged: |who: &str, date: &str, hours: f64, stage: Option<u32>, id: &str| match stage {
        Some(n) => format!("已记录：{who} {date} {hours} 学时，第 {n} 阶段（记录标识 {id}）"),
        None => format!("已记录：{who} {date} {hours} 学时（记录标识 {id}）"),
    },
    columns: [
        "徒弟",
        "师傅",
        "完成阶段",
        "逾期阶段",
        "学时（实际/计划）",
        "最近记录",
        "待签字",
    ],
    progress_heading: "带徒进度",
    never: "尚无记录",
    quiet: "三个月以上无记录",
    overdue_heading: "逾期未完成的培养阶段",
    overdue_line: |who: &str, n: u32, title: &str, end: &str| {
        format!("{who}：第 {n} 阶段“{title}”，计划 {end} 完成")
    },
    no_overdue: "没有逾期的培养阶段。",
    quick_entry: "快速记录",
    apprentice: "徒弟",
    stage: "阶段",
    no_stage_chosen: "（不指定阶段）",
    date: "日期",
    hours: "学时",
    content: "带教内容",
    add_entry: "记录（Ctrl+Enter）",
    entry_saved: |who: &str, date: &str, hours: f64| format!("已记录：{who} {date} {hours} 学时"),
    plan_from_template: "按模板生成计划",
    save_as_template: "存为本职业模板",
    print_plan: "打印培养计划（协议附件）",
    plan_made: |n: usize| format!("已按模板生成 {n} 个培养阶段"),
    already_planned: |n: usize| format!("这个带徒关系已有 {n} 个培养阶段，未改动"),
    no_template: "本工作室还没有这个职业的计划模板：先为一个徒弟录好各阶段，再“存为本职业模板”",
    template_saved: |n: usize| format!("已把 {n} 个阶段存为本职业的计划模板"),
    sign_off: |n: u32| format!("师傅签字确认（{n} 条待签）"),
    signed_off: |n: usize| format!("已签字确认 {n} 条带徒记录"),
    plan_of: |who: &str| format!("{who}的培养计划"),
    log_of: |who: &str| format!("{who}的带徒记录"),
    plan_file: "培养计划保存为",
    choose_apprentice: "选择徒弟",
    plan_printed: |p: &std::path::Path| format!("培养计划已保存为 {}", p.display()),
};
