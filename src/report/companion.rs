//! The machine-readable companion of the printed return: the same [`AnnualReturn`] as
//! canonical JSON (keys in the struct's declaration order, the schema named in `schema`)
//! and as XLSX (one sheet per table). The PDF's verification code is the first 16 hex
//! digits of the SHA-256 of the JSON bytes, so paper and data can be tied together.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sha2::{Digest, Sha256};

use super::figures::{AnnualReturn, Counts, Row};

/// The JSON companion: pretty-printed, keys in a fixed order, UTF-8, ending in a newline.
pub fn json(r: &AnnualReturn) -> String {
    let mut text = serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// The first 16 hex digits of the SHA-256 of `json`.
pub fn verification_code(json: &str) -> String {
    let digest = Sha256::digest(json.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A cell: text or a number.
enum Cell {
    Text(String),
    Number(f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Number(n as f64)
    }
}
impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

fn sheet(book: &mut Workbook, name: &str, header: &[&str], rows: Vec<Vec<Cell>>) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, if c == 0 { 28 } else { 16 })?;
    }
    for (r, row) in rows.into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            match cell {
                Cell::Text(t) => ws.write_string((r + 1) as u32, c as u16, t)?,
                Cell::Number(n) => ws.write_number((r + 1) as u32, c as u16, n)?,
            };
        }
    }
    Ok(())
}

fn counts(label: &str, c: &Counts) -> Vec<Cell> {
    vec![
        label.into(),
        c.enrolled.into(),
        c.completed.into(),
        c.passed.into(),
    ]
}

fn groups(name: &str, rows: &[Row<Counts>]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|x| {
            let mut v = counts(&x.label, &x.counts);
            v.insert(0, name.into());
            v
        })
        .collect()
}

/// The XLSX companion: one sheet per table of the return.
pub fn xlsx(r: &AnnualReturn) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let o = &r.organisation;
    let opt = |v: &Option<String>| -> Cell { v.clone().unwrap_or_default().into() };
    sheet(
        &mut book,
        "单位情况",
        &["项目", "内容"],
        vec![
            vec!["报告年度".into(), (r.year as u64).into()],
            vec!["单位名称".into(), o.name.clone().into()],
            vec!["类型".into(), o.kind_label.clone().into()],
            vec!["级别".into(), opt(&o.tier_label)],
            vec!["统一社会信用代码".into(), opt(&o.credit_code)],
            vec!["行政区划".into(), opt(&o.division)],
            vec!["所在地区".into(), opt(&o.division_name)],
            vec!["依托单位".into(), opt(&o.host_unit)],
            vec!["所属重点产业".into(), opt(&o.industry)],
            vec!["批准文件".into(), opt(&o.approval_doc)],
            vec!["领办技能大师".into(), opt(&o.master)],
            vec!["联系人".into(), opt(&o.contact_name)],
            vec!["联系电话".into(), opt(&o.contact_phone)],
            vec!["程序版本".into(), r.app_version.into()],
            vec!["代码表".into(), r.code_tables.into()],
        ],
    )?;
    sheet(
        &mut book,
        "政策指标",
        &["指标", "实际完成", "单位", "目标", "是否达标"],
        r.indicators
            .iter()
            .map(|i| {
                vec![
                    i.label.clone().into(),
                    i.value.into(),
                    i.unit.clone().into(),
                    i.target.map_or(Cell::Text("政策未规定".into()), Cell::from),
                    match i.met {
                        Some(true) => "达标",
                        Some(false) => "未达标",
                        None => "—",
                    }
                    .into(),
                ]
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        "培训能力",
        &["项目", "申报能力", "实际", "利用率（%）"],
        r.capacity
            .iter()
            .map(|c| {
                vec![
                    c.label.clone().into(),
                    c.declared.map_or(Cell::Text("未申报".into()), Cell::from),
                    c.delivered.into(),
                    c.utilisation_percent.map_or(Cell::Text("—".into()), Cell::from),
                ]
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        "学员_职业等级",
        &["职业代码", "职业", "培训等级", "在训", "结业", "合格"],
        r.trainees_by_occupation
            .iter()
            .map(|x| {
                vec![
                    x.occupation.clone().into(),
                    x.occupation_name.clone().into(),
                    x.grade_label.clone().into(),
                    x.counts.enrolled.into(),
                    x.counts.completed.into(),
                    x.counts.passed.into(),
                ]
            })
            .collect(),
    )?;
    let mut rows = vec![counts("合计", &r.trainees_total)];
    rows[0].insert(0, "合计".into());
    rows.extend(groups("所属项目", &r.trainees_by_programme));
    rows.extend(groups("性别", &r.trainees_by_sex));
    rows.extend(groups("民族", &r.trainees_by_ethnicity));
    rows.extend(groups("年龄", &r.trainees_by_age));
    sheet(
        &mut book,
        "学员_分组",
        &["分组", "类别", "在训", "结业", "合格"],
        rows,
    )?;
    let mut rows: Vec<Vec<Cell>> = r
        .certificates_by_grade
        .iter()
        .map(|x| vec![x.label.clone().into(), x.count.into()])
        .collect();
    rows.push(vec![
        "其中高技能人才证书".into(),
        r.certificates_high_skill.into(),
    ]);
    sheet(&mut book, "取得证书", &["等级", "证书数"], rows)?;
    sheet(
        &mut book,
        "公共实训",
        &["服务对象类型", "服务次数", "服务人次", "学时"],
        r.services_by_recipient
            .iter()
            .map(|x| {
                vec![
                    x.label.clone().into(),
                    x.counts.records.into(),
                    x.counts.person_times.into(),
                    x.counts.hours.into(),
                ]
            })
            .collect(),
    )?;
    let a = &r.apprentices;
    sheet(
        &mut book,
        "名师带徒",
        &["项目", "人数"],
        vec![
            vec!["在带徒弟".into(), a.active.into()],
            vec!["新签协议".into(), a.new_agreements.into()],
            vec!["出师".into(), a.completed.into()],
            vec!["出师晋级".into(), a.grade_raised.into()],
            vec!["终止".into(), a.terminated.into()],
            vec!["青年技能骨干".into(), a.young_backbones.into()],
        ],
    )?;
    let t = &r.teachers;
    sheet(
        &mut book,
        "师资",
        &["项目", "数量"],
        vec![
            vec!["教师总数".into(), t.total.into()],
            vec!["专职".into(), t.full_time.into()],
            vec!["企业兼职".into(), t.part_time_enterprise.into()],
            vec!["其他兼职".into(), t.part_time_other.into()],
            vec!["一体化教师".into(), t.integrated.into()],
            vec!["双师型".into(), t.dual_qualified.into()],
            vec!["师资培训（次）".into(), t.trainings.into()],
            vec!["参训教师（人）".into(), t.teachers_trained.into()],
            vec!["培训学时".into(), t.training_hours.into()],
        ],
    )?;
    let p = &r.course_packages;
    sheet(
        &mut book,
        "培训包",
        &["项目", "数量"],
        vec![
            vec!["培训包总数".into(), p.total.into()],
            vec!["本单位开发".into(), p.developed_here.into()],
            vec!["本年开发".into(), p.developed_this_year.into()],
            vec!["一体化".into(), p.integrated.into()],
            vec!["本年使用".into(), p.used_this_year.into()],
        ],
    )?;
    let mut rows: Vec<Vec<Cell>> = r
        .competitions_by_level
        .iter()
        .map(|x| {
            vec![
                "竞赛".into(),
                x.label.clone().into(),
                x.counts.competitions.into(),
                x.counts.participants.into(),
                x.counts.awards.into(),
            ]
        })
        .collect();
    rows.extend(
        r.honours
            .iter()
            .map(|x| vec!["荣誉".into(), x.label.clone().into(), x.count.into()]),
    );
    rows.extend(
        r.achievements
            .iter()
            .map(|x| vec!["成果".into(), x.label.clone().into(), x.count.into()]),
    );
    sheet(
        &mut book,
        "竞赛荣誉成果",
        &["类别", "项目", "数量", "参赛人次", "获奖"],
        rows,
    )?;
    let f = &r.funds;
    let money = |s: &str| -> Cell { s.parse::<f64>().map_or(Cell::Text(s.to_string()), Cell::Number) };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    rows.extend(
        f.income
            .iter()
            .map(|m| vec!["收入".into(), m.label.clone().into(), money(&m.yuan)]),
    );
    rows.push(vec!["收入".into(), "收入合计".into(), money(&f.income_total)]);
    rows.extend(
        f.expense
            .iter()
            .map(|m| vec!["支出".into(), m.label.clone().into(), money(&m.yuan)]),
    );
    rows.push(vec!["支出".into(), "支出合计".into(), money(&f.expense_total)]);
    rows.push(vec![
        "结余".into(),
        "收入合计－支出合计".into(),
        money(&f.balance),
    ]);
    sheet(&mut book, "经费", &["收支", "类别", "金额（元）"], rows)?;
    let q = &r.data_quality;
    let mut rows = vec![
        vec![
            "合计".into(),
            "错误".into(),
            q.errors.into(),
            String::new().into(),
        ],
        vec![
            "合计".into(),
            "警告".into(),
            q.warnings.into(),
            String::new().into(),
        ],
    ];
    rows.extend(q.by_rule.iter().map(|x| {
        vec![
            x.rule.into(),
            if x.severity == "error" { "错误" } else { "警告" }.into(),
            x.count.into(),
            x.purpose.into(),
        ]
    }));
    sheet(&mut book, "数据质量", &["规则", "级别", "条数", "说明"], rows)?;
    sheet(
        &mut book,
        "口径说明",
        &["编号", "口径"],
        r.definitions
            .iter()
            .enumerate()
            .map(|(i, d)| vec![format!("[{}]", i + 1).into(), d.text.into()])
            .collect(),
    )?;
    book.save_to_buffer()
}
