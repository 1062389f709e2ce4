//! 办公桌前的窗口：放弃修改前的询问、操作人、提示、打开已保存的文件等。

use crate::i18n::desk::DeskText;

pub static TEXT: DeskText = DeskText {
    discard_question: "表单有未保存的修改。放弃这些修改吗？（再按 Esc 也可放弃）",
    discard: "放弃修改",
    keep_editing: "继续编辑",
    operator_question: "请填写操作人姓名，每次新建、修改和删除都会记下它：",
    operator_hint: "您的姓名",
    operator_set: "确定",
    later: "稍后",
    high_skill: "三级及以上（高技能人才）",
    grade_and_above: |g| format!("{g}及以上"),
    highest_grade_is: |g| format!("最高等级：{g}"),
    units: &[],
    own_record_counts: "本单位各登记簿记录数",
    young_backbones_title: "近五年培养青年技能骨干",
    young_backbones_columns: &["年度", "青年技能骨干（人）", "目标", "完成情况"],
    hosted_studio_apprenticeships: |name, n| format!("本基地依托的工作室“{name}”有名师带徒 {n} 条。"),
    show_studio: "查看该工作室",
    all_rules: "全部规则",
    all_registers: "全部登记簿",
    errors_only: "只看错误",
    findings_shown: |n, all| format!("显示 {n} / {all} 条（错误在前）"),
    no_file_dialog: "本机没有可用的文件选择窗口（系统未提供桌面门户）：请在左边的框中输入完整路径。",
    open_file: "打开文件",
    open_folder: "打开所在文件夹",
    cannot_open_file: |path, why| format!("无法打开 {path}：{why}。请在文件管理器中打开它。"),
    people_not_enrolled: |n| {
        format!(
            "新增的 {n} 名人员未加入任何培训班次，不计入年度指标。若这是培训学员名单，请按“培训学员名单”导入。"
        )
    },
    import_as_enrolments: "按培训学员名单导入此文件",
    service_totals: |n, times, hours| format!("合计：{n} 次服务，{times} 人次，{hours} 学时"),
    utilisation_five_years: "近五年实训能力利用情况",
    return_folder: |year| format!("年度报表-{year}"),
    findings_file: |year| format!("校验结果-{year}.xlsx"),
    template_file: |kind| format!("导入模板-{kind}.xlsx"),
};
