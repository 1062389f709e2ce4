//! 考核自评表的中文。

use crate::i18n::assessment::AssessmentText;

pub static TEXT: AssessmentText = AssessmentText {
    no_scheme: |key: &str, have: &[String]| {
        format!(
            "--scheme：没有标识为“{}”的评分办法；现有：{}",
            crate::i18n::shown::value(key, crate::i18n::Lang::Zh),
            have.join("、")
        )
    },
    wrong_kind: |scheme: &str, org: &str| format!("评分办法“{scheme}”不适用于“{org}”这类单位"),
    year_outside: |year, first, last, org| {
        format!(
            "--year {year}：“{org}”可自评的年度是 {first} 到 {last} 年（从批准设立的年度到今年）；没有写入任何文件"
        )
    },
    done: |d| {
        format!(
            "已生成 {} {} 年度考核自评表：{}（assessment.pdf、assessment.json、assessment.xlsx）\n  自评总分 {}，{}；无佐证材料的二级指标 {} 项；佐证材料 {} 份；校验码 {}；用时 {:.1} 秒",
            d.org,
            d.year,
            d.dir.display(),
            d.total,
            d.band,
            d.missing,
            d.files,
            d.code,
            d.seconds
        )
    },
    copied: |n, dir| format!("  已复制 {n} 份佐证材料到 {}", dir.display()),
    unreadable_evidence: |name, sha| {
        format!("佐证材料“{name}”（SHA-256 {sha}）在数据库中读不到；未写入任何文件")
    },
    score_out_of_range: |item, points| format!("“{item}”的得分应在 0 到 {points} 之间，最多一位小数"),
    heading: "年度考核自评",
    columns: [
        "二级指标",
        "分值",
        "记录数据",
        "按记录",
        "自评分",
        "计入",
        "专家评分",
        "佐证材料",
        "说明",
    ],
    no_evidence: "缺佐证，计 0 分",
    totals: |own, expert, _| format!("自评：{own}　　专家评分：{expert}"),
    not_yet: "未完成",
    not_recorded: "未记录",
    save: "保存",
    saved: "已保存",
    scheme: "评分办法",
    year: "年度",
    expert_side: "专家评分（评审）",
    edit_scheme: "编辑评分办法",
    scheme_fields: ["标识", "名称", "依据（发文单位与文号）", "总分"],
    close: "关闭",
    add_item: "＋ 二级指标",
    remove_item: "删除",
    scheme_refused: |p| {
        use crate::domain::assessment::SchemeProblem as P;
        match p {
            P::NoKey => "评分办法的标识不能为空".into(),
            P::NoName => "评分办法的名称不能为空".into(),
            P::NoItems => "每个一级指标至少要有一个二级指标".into(),
            P::DuplicateKey(k) => format!("指标标识“{k}”重复"),
            P::Points(k) => format!("“{k}”的分值应大于 0、最多一位小数，全表不超过 1000 分"),
            P::Rule(k) => format!("“{k}”的目标值不能为负，每项扣分应大于 0"),
            P::UnknownFigure { item, key } => format!("“{item}”取数的“{key}”不是记录中有的数据"),
        }
    },
    scheme_saved: |name| format!("已保存评分办法“{name}”"),
};
