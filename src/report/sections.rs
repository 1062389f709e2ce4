//! The annual return as a [`Document`]: which sections a base's and a studio's return
//! have, in which order, and what each says. One function per section; each takes the
//! figures (`AnnualReturn`) and the lists (`detail`) and nothing else, so the PDF, the
//! XLSX and the JSON, all made from the document, say the same.
//!
//! A base's return: its details, the indicators, capacity, trainees, certificates, public
//! services, the studios it hosts (headline figures, pointing to their own returns),
//! teachers, course packages, competitions and honours, funds, data quality. A studio's:
//! its details, the indicator, apprentices, the agreements one by one, achievements, funds,
//! data quality, and a base's sections only where it has such records. Numbered without
//! gaps; footnotes only for the definitions used.

use super::Words;
use super::detail::{AchievementItem, Agreement, HostedStudio};
use super::figures::{AnnualReturn, Counts, MoneyRow, Row as FigureRow};
use super::layout::Align;
use super::model::{Column, Document, Row, Section, Table, Value, figure_id, grouped};
use super::status::{DocumentInfo, Status};
use crate::lang::Lang;

/// What a return's document is made from.
pub struct Inputs<'a> {
    pub annual: &'a AnnualReturn,
    pub info: &'a DocumentInfo,
    pub hosted: &'a [HostedStudio],
    pub agreements: &'a [Agreement],
    pub achievements: &'a [AchievementItem],
}

fn is_studio(r: &AnnualReturn) -> bool {
    r.organisation.kind == "master_studio"
}

/// The return's title.
pub fn title(r: &AnnualReturn) -> String {
    let what = if is_studio(r) {
        "技能大师工作室"
    } else {
        "高技能人才培训基地"
    };
    format!("内蒙古自治区{what}{}年度工作报表", r.year)
}

/// The whole return.
pub fn document(i: &Inputs<'_>) -> Document {
    let r = i.annual;
    let mut sections: Vec<Section> = correction(r).into_iter().collect();
    sections.push(organisation(r));
    sections.push(indicators(r));
    let has_training = !r.trainees_by_occupation.is_empty() || !r.certificates_by_grade.is_empty();
    let has_competitions = !r.competitions_by_level.is_empty() || !r.honours.is_empty();
    if is_studio(r) {
        sections.push(apprentices(r));
        sections.push(agreements(i.agreements));
        sections.push(achievements(i.achievements));
        if has_training {
            sections.push(trainees(r));
            sections.push(certificates(r));
        }
        if !r.services_by_recipient.is_empty() {
            sections.push(services(r));
        }
        if r.teachers.total > 0 || r.teachers.trainings > 0 {
            sections.push(teachers(r));
        }
        if r.course_packages.total > 0 {
            sections.push(packages(r));
        }
        if has_competitions {
            sections.push(competitions(r));
        }
    } else {
        sections.push(capacity(r));
        sections.push(trainees(r));
        sections.push(certificates(r));
        sections.push(services(r));
        if !i.hosted.is_empty() {
            sections.push(hosted(r, i.hosted));
        }
        if r.apprentices.active > 0 {
            sections.push(apprentices(r));
            sections.push(agreements(i.agreements));
        }
        sections.push(teachers(r));
        sections.push(packages(r));
        sections.push(competitions(r));
        if !i.achievements.is_empty() {
            sections.push(achievements(i.achievements));
        }
    }
    if has_training || !is_studio(r) {
        sections.push(super::training_quality::section(r));
    }
    sections.push(funds(r));
    sections.push(quality(r));
    let info = i.info;
    let mut doc = Document {
        title: title(r),
        subtitle: subtitle(r, info),
        sections,
        notes: Vec::new(),
        colophon: vec![format!(
            "生成：{}，{}；代码表：{}；指标依据：{}。",
            info.software,
            info.generated_at_shown(),
            r.code_tables,
            r.indicator_set.as_ref().map_or_else(
                || "本年度无适用指标集".to_string(),
                |s| format!("{}（版本 {}）", s.document, s.version)
            )
        )],
        signature: (
            ["填报人：", "负责人：", "联系电话：", "填报日期："]
                .map(str::to_string)
                .to_vec(),
            "单位盖章：".into(),
        ),
        footer: vec![
            r.organisation.name.clone(),
            format!("{}年度报表 · {}", r.year, info.status_label),
        ],
        watermark: (info.status == Status::Draft).then(|| "草稿".to_string()),
    };
    doc.number(|key| Lang::Zh.definition(key).to_string());
    doc
}

fn subtitle(r: &AnnualReturn, info: &DocumentInfo) -> Vec<String> {
    let status = match info.status {
        Status::Draft if !info.year_ended => {
            "草稿：仅供核对，不得作为正式报表上报；报告年度尚未结束，数字截至生成时".to_string()
        }
        Status::Draft => "草稿：仅供核对，不得作为正式报表上报".to_string(),
        Status::Final => "正式报表".to_string(),
        Status::Correction => format!("{}：替代此前已上报的本年度报表", info.status_label),
    };
    vec![
        format!("报告期：{0}年1月1日至{0}年12月31日", r.year),
        status,
        format!(
            "生成时间：{}　　{}　　指标依据：{}",
            info.generated_at_shown(),
            info.software,
            set_named(r)
        ),
    ]
}

fn text(s: &str) -> Value {
    Value::text(s)
}

fn count(n: u64) -> Value {
    Value::Count(n)
}

/// 更正说明: every figure that differs from the submitted return, once.
fn correction(r: &AnnualReturn) -> Option<Section> {
    let c = r.correction.as_ref()?;
    let mut table = Table::new(
        "correction",
        vec![
            Column::label("item", "项目", 5.0),
            Column::figure("submitted", "已上报", None, 2.0),
            Column::figure("corrected", "更正后", None, 2.0),
        ],
    );
    for (n, x) in c.changes.iter().enumerate() {
        table.push(Row::new(
            format!("change-{}", n + 1),
            vec![text(&x.item), text(&x.submitted), text(&x.corrected)],
        ));
    }
    let lead = format!(
        "本报表替代 {} 上报的本年度报表（校验码 {}）。与之相比，以下数字有变化，每项列一次（含由其计算的比率）：",
        c.submitted_at, c.corrects
    );
    let section = Section::new("correction", "更正说明").unnumbered().lead(lead);
    Some(if c.changes.is_empty() {
        section.remark("各项数字均无变化。")
    } else {
        section.table(table)
    })
}

fn organisation(r: &AnnualReturn) -> Section {
    let o = &r.organisation;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "（未填写）".into());
    let mut rows = vec![
        ("name", "单位名称", o.name.clone()),
        ("kind", "类型", o.kind_label.clone()),
        ("tier", "级别", opt(&o.tier_label)),
        ("credit_code", "统一社会信用代码", opt(&o.credit_code)),
        (
            "division",
            "所在地区",
            o.division_name
                .clone()
                .or(o.division.clone())
                .unwrap_or_else(|| "（未填写）".into()),
        ),
        ("host_unit", "依托单位", opt(&o.host_unit)),
        ("industry", "所属重点产业", opt(&o.industry)),
        ("approval_doc", "批准文件", opt(&o.approval_doc)),
        (
            "approval_year",
            "批准年度",
            o.approval_year
                .map_or_else(|| "（未填写）".into(), |y| y.to_string()),
        ),
    ];
    if is_studio(r) {
        rows.push(("master", "领办技能大师", opt(&o.master)));
    } else {
        let hosted = if o.hosted.is_empty() {
            "无".to_string()
        } else {
            o.hosted.join("、")
        };
        rows.push(("hosted", "承建技能大师工作室", hosted));
    }
    rows.push(("contact_name", "联系人", opt(&o.contact_name)));
    rows.push(("contact_phone", "联系电话", opt(&o.contact_phone)));
    rows.push(("address", "地址", opt(&o.address)));
    let table = Table::new(
        "organisation",
        vec![
            Column::label("item", "项目", 2.2),
            Column::figure("content", "内容", None, 4.0).align(Align::Left),
        ],
    )
    .pairs()
    .with(
        rows.into_iter()
            .map(|(k, item, v)| Row::new(k, vec![text(item), Value::Text(v)])),
    );
    Section::new("organisation", "单位基本情况").table(table)
}

fn indicators(r: &AnnualReturn) -> Section {
    let table = Table::new(
        "indicators",
        vec![
            Column::label("item", "指标", 3.4),
            Column::label("basis", "计量口径", 2.2),
            Column::label("unit", "计量单位", 1.1).align(Align::Center),
            Column::figure("value", "申报/实际", None, 1.6),
            Column::figure("target", "目标", None, 1.6),
            Column::figure("met", "是否达标", None, 1.3).align(Align::Center),
        ],
    )
    .with(r.indicators.iter().map(|i| {
        let basis = match &i.over_years {
            Some(years) => format!("{}：{years}", i.basis_label),
            None => i.basis_label.clone(),
        };
        Row::new(
            i.id(),
            vec![
                Value::Text(i.label.clone()),
                Value::Text(basis),
                Value::Text(i.unit.clone()),
                i.value_cell(),
                Value::Text(i.threshold_shown()),
                Value::met(i.met),
            ],
        )
        .defined_by(i.key)
    }));
    let remark = match &r.indicator_set {
        Some(set) => format!(
            "目标依据：{}，{}（{}；版本：{}）。申报能力取本年度能力申报，年度实际取本年度记录；未申报、未记录者不作达标判定。",
            set.name,
            set.document,
            years(set.from_year, set.to_year),
            set.version_shown()
        ),
        None => format!(
            "本年度无适用于{}{}的指标集，不作达标判定。",
            r.organisation.tier_label.clone().unwrap_or_default(),
            r.organisation.kind_label
        ),
    };
    Section::new("indicators", "政策指标完成情况")
        .table(table)
        .remark(remark)
}

/// A set's years in force as printed.
fn years(from: i32, to: Option<i32>) -> String {
    match to {
        Some(to) => format!("{from}—{to}年适用"),
        None => format!("{from}年起适用"),
    }
}

/// The set in force as printed on the first page and in the colophon.
fn set_named(r: &AnnualReturn) -> String {
    r.indicator_set
        .as_ref()
        .map_or_else(|| "本年度无适用指标集".to_string(), |s| s.name.clone())
}

/// The indicator a capacity line is delivered against.
fn delivered_as(capacity_key: &str) -> &'static str {
    match capacity_key {
        "capacity_high_skill" => "high_skill_trained",
        _ => "public_service_person_times",
    }
}

fn capacity(r: &AnnualReturn) -> Section {
    let unit = |key: &str| {
        if key == "capacity_high_skill" {
            "人"
        } else {
            "人次"
        }
    };
    let table = Table::new(
        "capacity",
        vec![
            Column::label("item", "项目", 3.6),
            Column::label("unit", "计量单位", 1.3).align(Align::Center),
            Column::figure("declared", "申报能力", None, 1.7),
            Column::figure("delivered", "实际完成", None, 1.7),
            Column::figure("utilisation", "利用率", Some("%"), 1.5),
        ],
    )
    .with(r.capacity.iter().map(|c| {
        // The figures the indicators table states already (the set in force may judge
        // capacity, delivery, both or neither).
        let stated = |basis: &str| {
            r.indicators
                .iter()
                .find(|i| i.key == delivered_as(c.key) && i.basis == basis)
                .map(|i| figure_id("indicators", &i.id(), "value"))
        };
        let mut row = Row::new(
            c.key,
            vec![
                Value::Text(c.label.clone()),
                text(unit(c.key)),
                c.declared.map_or_else(|| Value::absent("未申报"), count),
                count(c.delivered),
                c.utilisation_percent
                    .map_or_else(|| Value::absent("—"), Value::Percent),
            ],
        );
        if c.declared.is_some()
            && let Some(id) = stated("capacity")
        {
            row = row.same_as("declared", id);
        }
        if let Some(id) = stated("delivered") {
            row = row.same_as("delivered", id);
        }
        row
    }));
    Section::new("capacity", "培训能力与利用率")
        .defined_by("capacity")
        .table(table)
}

fn counts_cells(c: &Counts) -> [Value; 3] {
    [count(c.enrolled), count(c.completed), count(c.passed)]
}

fn count_columns() -> [Column; 3] {
    [
        Column::figure("enrolled", "在训", Some("人"), 1.2),
        Column::figure("completed", "结业", Some("人"), 1.2),
        Column::figure("passed", "合格", Some("人"), 1.2),
    ]
}

/// A note when rows counting distinct persons add up to more than the total.
fn overlap_note(what: &str, rows: &[&Counts], total: &Counts) -> Option<String> {
    let sum: u64 = rows.iter().map(|c| c.enrolled).sum();
    (sum > total.enrolled).then(|| {
        format!(
            "同一学员参加不同{what}的班次时在各行分别计入：按{what}各行的在训人数相加为 {} 人，多于合计 {} 人（按人数去重）。",
            grouped(&sum.to_string()),
            grouped(&total.enrolled.to_string())
        )
    })
}

fn trainees(r: &AnnualReturn) -> Section {
    let mut columns = vec![
        Column::label("code", "职业代码", 1.8),
        Column::label("occupation", "职业（工种）", 3.0),
        Column::label("grade", "培训等级", 2.0),
    ];
    columns.extend(count_columns());
    let mut by_occupation = Table::new("trainees_by_occupation", columns)
        .caption("按职业（工种）和培训等级")
        .with(r.trainees_by_occupation.iter().map(|x| {
            let mut cells = vec![
                Value::Text(x.occupation.clone()),
                Value::Text(x.occupation_name.clone()),
                Value::Text(x.grade_label.clone()),
            ];
            cells.extend(counts_cells(&x.counts));
            Row::new(format!("{}.{}", x.occupation, x.grade), cells)
        }));
    if !by_occupation.rows.is_empty() {
        let mut cells = vec![text("合计"), text("按人数去重"), text("")];
        cells.extend(counts_cells(&r.trainees_total));
        by_occupation.push(Row::new("total", cells).total());
    }
    let mut columns = vec![
        Column::label("group", "分组", 1.5),
        Column::label("class", "类别", 4.3),
    ];
    columns.extend(count_columns());
    let groups: [(&str, &str, &[FigureRow<Counts>]); 4] = [
        ("programme", "所属项目", &r.trainees_by_programme),
        ("sex", "性别", &r.trainees_by_sex),
        ("ethnicity", "民族", &r.trainees_by_ethnicity),
        ("age", "年龄", &r.trainees_by_age),
    ];
    let mut by_group = Table::new("trainees_by_group", columns).caption("按所属项目、性别、民族和年龄");
    for (key, name, rows) in groups {
        for (n, x) in rows.iter().enumerate() {
            let mut cells = vec![text(if n == 0 { name } else { "" }), Value::Text(x.label.clone())];
            cells.extend(counts_cells(&x.counts));
            by_group.push(Row::new(format!("{key}.{}", x.key), cells));
        }
    }
    let occupations: Vec<&Counts> = r.trainees_by_occupation.iter().map(|x| &x.counts).collect();
    let programmes: Vec<&Counts> = r.trainees_by_programme.iter().map(|x| &x.counts).collect();
    if let Some(note) = overlap_note("职业（工种）或等级", &occupations, &r.trainees_total) {
        by_occupation = by_occupation.note(note);
    }
    if let Some(note) = overlap_note("项目", &programmes, &r.trainees_total) {
        by_group = by_group.note(note);
    }
    Section::new("trainees", "培训学员情况")
        .defined_by("trainees")
        .table(by_occupation)
        .table(by_group)
}

fn certificates(r: &AnnualReturn) -> Section {
    let mut table = Table::new(
        "certificates",
        vec![
            Column::label("grade", "等级", 5.0),
            Column::figure("count", "证书", Some("张"), 2.0),
        ],
    )
    .with(
        r.certificates_by_grade
            .iter()
            .map(|x| Row::new(x.key.clone(), vec![Value::Text(x.label.clone()), count(x.count)])),
    );
    if !table.rows.is_empty() {
        let total = r.certificates_by_grade.iter().map(|x| x.count).sum();
        table.push(Row::new("total", vec![text("合计"), count(total)]).total());
        table.push(Row::new(
            "high_skill",
            vec![
                text("其中高技能人才证书（高级工及以上）"),
                count(r.certificates_high_skill),
            ],
        ));
    }
    Section::new("certificates", "取得证书")
        .defined_by("certificates")
        .table(table)
}

fn services(r: &AnnualReturn) -> Section {
    let mut table = Table::new(
        "services",
        vec![
            Column::label("recipient", "服务对象类型", 3.0),
            Column::figure("records", "服务记录", Some("条"), 1.6),
            Column::figure("person_times", "服务人次", Some("人次"), 1.8),
            Column::figure("hours", "学时", Some("学时"), 1.6),
        ],
    )
    .with(r.services_by_recipient.iter().map(|x| {
        Row::new(
            x.key.clone(),
            vec![
                Value::Text(x.label.clone()),
                count(x.counts.records),
                count(x.counts.person_times),
                Value::Decimal(x.counts.hours, 1),
            ],
        )
    }));
    if !table.rows.is_empty() {
        let s = &r.services_by_recipient;
        let hours: f64 = s.iter().map(|x| x.counts.hours).sum();
        let mut total = Row::new(
            "total",
            vec![
                text("合计"),
                count(s.iter().map(|x| x.counts.records).sum()),
                count(s.iter().map(|x| x.counts.person_times).sum()),
                Value::Decimal((hours * 10.0).round() / 10.0, 1),
            ],
        )
        .total();
        if r.indicators
            .iter()
            .any(|i| i.key == "public_service_person_times" && i.basis == "delivered")
        {
            total = total.same_as(
                "person_times",
                figure_id("indicators", "public_service_person_times", "value"),
            );
        }
        table.push(total);
    }
    Section::new("services", "公共实训服务")
        .defined_by("services")
        .table(table)
}

fn hosted(r: &AnnualReturn, studios: &[HostedStudio]) -> Section {
    let table = Table::new(
        "hosted_studios",
        vec![
            Column::label("name", "工作室", 30.0),
            Column::label("tier", "级别", 13.0),
            Column::label("master", "领办技能大师", 23.0),
            Column::figure("active", "在带徒弟", Some("人"), 16.0),
            Column::figure("completed", "出师", Some("人"), 12.0),
            Column::figure("young_backbones", "青年技能骨干", Some("人"), 23.0),
            Column::figure("target", "目标", Some("人"), 13.0),
            Column::label("return", "本年度报表", 40.0),
        ],
    )
    .with(studios.iter().map(|s| {
        Row::new(
            s.id.clone(),
            vec![
                Value::Text(s.name.clone()),
                Value::Text(s.tier_label.clone().unwrap_or_default()),
                Value::Text(s.master.clone().unwrap_or_default()),
                count(s.active_apprentices),
                count(s.completed),
                count(s.young_backbones),
                s.target
                    .clone()
                    .map_or_else(|| Value::absent("无适用指标集"), Value::Text),
                Value::Text(match &s.submitted_code {
                    Some(code) => format!("已上报 校验码 {code}"),
                    None => "尚未登记上报".into(),
                }),
            ],
        )
    }));
    Section::new("hosted_studios", "承建的技能大师工作室")
        .defined_by("hosted_studios")
        .lead(format!(
            "各工作室的名师带徒、带徒协议和成果由工作室在其本身的{}年度报表中填报；下表只列主要数字，不计入本基地的指标。",
            r.year
        ))
        .table(table)
}

fn apprentices(r: &AnnualReturn) -> Section {
    let a = &r.apprentices;
    let mut table = Table::list(
        "apprentices",
        vec![
            ("active", "在带徒弟", "人", count(a.active)),
            ("new_agreements", "新签带徒协议", "份", count(a.new_agreements)),
            ("completed", "出师", "人", count(a.completed)),
            ("grade_raised", "其中出师时等级提升", "人", count(a.grade_raised)),
            ("terminated", "终止带徒", "人", count(a.terminated)),
            ("young_backbones", "青年技能骨干", "人", count(a.young_backbones)),
            (
                "training_hours",
                "带徒培训学时",
                "学时",
                Value::Decimal(a.training_hours, 1),
            ),
            ("log_entries", "带徒记录", "条", count(a.log_entries)),
            (
                "stages_completed",
                "完成培养阶段",
                "个",
                count(a.stages_completed),
            ),
            (
                "no_recent_entry",
                "三个月以上无带徒记录的在带徒弟",
                "人",
                count(a.no_recent_entry),
            ),
        ],
    );
    if r.indicators
        .iter()
        .any(|i| i.key == "young_backbones" && i.basis == "delivered")
        && let Some(row) = table.rows.last_mut()
    {
        row.same_as.insert(
            "value".into(),
            figure_id("indicators", "young_backbones", "value"),
        );
    }
    Section::new("apprentices", "名师带徒与青年技能骨干")
        .defined_by("apprentices")
        .table(table)
}

fn agreements(list: &[Agreement]) -> Section {
    let table = Table::new(
        "agreements",
        vec![
            Column::label("apprentice", "徒弟", 1.5),
            Column::label("occupation", "职业（工种）", 2.2),
            Column::figure("agreement_date", "协议签订", None, 1.8).align(Align::Center),
            Column::figure("period", "带徒期", None, 2.2).align(Align::Center),
            Column::figure("grades", "等级（开始→出师）", None, 2.6).align(Align::Left),
            Column::figure("status", "年末状态", None, 1.3).align(Align::Center),
            Column::figure("young_backbone", "青年骨干", None, 1.3).align(Align::Center),
        ],
    )
    .with(list.iter().map(|a| {
        let dash = || "—".to_string();
        Row::new(
            a.id.clone(),
            vec![
                Value::Text(a.apprentice.clone()),
                Value::Text(a.occupation.clone()),
                Value::Text(a.agreement_date.clone().unwrap_or_else(|| "未签".into())),
                Value::Text(match &a.end_date {
                    Some(end) => format!("{} 至 {end}", a.start_date),
                    None => format!("{} 起", a.start_date),
                }),
                Value::Text(format!(
                    "{} → {}",
                    a.grade_at_start.clone().unwrap_or_else(dash),
                    a.grade_at_end.clone().unwrap_or_else(dash)
                )),
                Value::Text(a.status.clone()),
                text(if a.young_backbone { "是" } else { "—" }),
            ],
        )
    }));
    Section::new("agreements", "带徒协议")
        .defined_by("agreements")
        .table(table)
        .remark(format!(
            "“青年骨干”为“是”的计入年培养青年技能骨干（{}）。",
            super::detail::youth_rule()
        ))
}

fn achievements(list: &[AchievementItem]) -> Section {
    let mut table = Table::new(
        "achievements",
        vec![
            Column::label("title", "成果名称", 3.3),
            Column::label("kind", "类别", 2.0),
            Column::figure("date", "日期", None, 1.6).align(Align::Center),
            Column::figure("patent", "专利号", None, 1.6).align(Align::Left),
            Column::figure("benefit", "年经济效益", Some("元"), 1.9),
        ],
    )
    .with(list.iter().map(|a| {
        Row::new(
            a.id.clone(),
            vec![
                Value::Text(a.title.clone()),
                Value::Text(a.kind.clone()),
                Value::Text(a.date.clone()),
                Value::Text(a.patent_number.clone().unwrap_or_else(|| "—".into())),
                Value::Money(a.economic_benefit),
            ],
        )
    }));
    if !list.is_empty() {
        table.push(
            Row::new(
                "total",
                vec![
                    text(&format!("合计 {} 项", list.len())),
                    text(""),
                    text(""),
                    text(""),
                    Value::Money(list.iter().map(|a| a.economic_benefit).sum()),
                ],
            )
            .total(),
        );
    }
    Section::new("achievements", "技术成果")
        .defined_by("achievements")
        .table(table)
}

fn teachers(r: &AnnualReturn) -> Section {
    let t = &r.teachers;
    let table = Table::list(
        "teachers",
        vec![
            ("total", "教师总数", "人", count(t.total)),
            ("full_time", "其中专职", "人", count(t.full_time)),
            (
                "part_time_enterprise",
                "企业兼职",
                "人",
                count(t.part_time_enterprise),
            ),
            ("part_time_other", "其他兼职", "人", count(t.part_time_other)),
            ("integrated", "一体化教师", "人", count(t.integrated)),
            ("dual_qualified", "双师型教师", "人", count(t.dual_qualified)),
            ("trainings", "参加师资培训", "次", count(t.trainings)),
            ("teachers_trained", "参训教师", "人", count(t.teachers_trained)),
            (
                "training_hours",
                "师资培训学时",
                "学时",
                Value::Decimal(t.training_hours, 1),
            ),
        ],
    );
    Section::new("teachers", "师资队伍")
        .defined_by("teachers")
        .table(table)
}

fn packages(r: &AnnualReturn) -> Section {
    let p = &r.course_packages;
    let table = Table::list(
        "course_packages",
        vec![
            ("total", "培训包总数", "个", count(p.total)),
            ("developed_here", "其中本单位开发", "个", count(p.developed_here)),
            (
                "developed_this_year",
                "本年开发",
                "个",
                count(p.developed_this_year),
            ),
            ("integrated", "一体化培训包", "个", count(p.integrated)),
            ("used_this_year", "本年使用", "个", count(p.used_this_year)),
        ],
    );
    Section::new("course_packages", "培训包开发与使用")
        .defined_by("course_packages")
        .table(table)
}

fn competitions(r: &AnnualReturn) -> Section {
    let levels = &r.competitions_by_level;
    let mut by_level = Table::new(
        "competitions",
        vec![
            Column::label("level", "竞赛级别", 2.4),
            Column::figure("competitions", "竞赛", Some("项"), 1.3),
            Column::figure("participants", "参赛", Some("人次"), 1.5),
            Column::figure("organised_here", "其中承办", Some("项"), 1.5),
            Column::figure("awards", "获奖", Some("项"), 1.3),
        ],
    )
    .caption("技能竞赛")
    .with(levels.iter().map(|x| {
        let c = &x.counts;
        Row::new(
            x.key.clone(),
            vec![
                Value::Text(x.label.clone()),
                count(c.competitions),
                count(c.participants),
                count(c.organised_here),
                count(c.awards),
            ],
        )
    }));
    if !levels.is_empty() {
        let sum =
            |f: fn(&super::figures::CompetitionCounts) -> u64| levels.iter().map(|x| f(&x.counts)).sum();
        by_level.push(
            Row::new(
                "total",
                vec![
                    text("合计"),
                    count(sum(|c| c.competitions)),
                    count(sum(|c| c.participants)),
                    count(sum(|c| c.organised_here)),
                    count(sum(|c| c.awards)),
                ],
            )
            .total(),
        );
    }
    let honours = Table::new(
        "honours",
        vec![
            Column::label("honour", "荣誉", 5.0),
            Column::figure("count", "获得", Some("人次"), 2.0),
        ],
    )
    .caption("荣誉")
    .with(
        r.honours
            .iter()
            .map(|x| Row::new(x.key.clone(), vec![Value::Text(x.label.clone()), count(x.count)])),
    );
    Section::new("competitions", "技能竞赛与荣誉")
        .defined_by("competitions")
        .table(by_level)
        .table(honours)
}

fn funds(r: &AnnualReturn) -> Section {
    let f = &r.funds;
    let sum = |rows: &[MoneyRow]| rows.iter().map(|m| m.fen).sum::<i64>();
    let (income, expense) = (sum(&f.income), sum(&f.expense));
    let mut table = Table::new(
        "funds",
        vec![
            Column::label("direction", "收支", 1.2).align(Align::Center),
            Column::label("category", "类别", 4.0),
            Column::figure("amount", "金额", Some("元"), 2.4),
        ],
    );
    if f.income.is_empty() && f.expense.is_empty() {
        return Section::new("funds", "经费收支").defined_by("funds").table(table);
    }
    let lines = |direction: &'static str, rows: &[MoneyRow]| -> Vec<Row> {
        rows.iter()
            .map(|m| {
                Row::new(
                    format!("{direction}.{}", m.key),
                    vec![
                        text(if direction == "income" { "收入" } else { "支出" }),
                        Value::Text(m.label.clone()),
                        Value::Money(m.fen),
                    ],
                )
            })
            .collect()
    };
    table = table.with(lines("income", &f.income));
    table.push(
        Row::new(
            "income_total",
            vec![text("收入"), text("收入合计"), Value::Money(income)],
        )
        .total(),
    );
    table = table.with(lines("expense", &f.expense));
    table.push(
        Row::new(
            "expense_total",
            vec![text("支出"), text("支出合计"), Value::Money(expense)],
        )
        .total(),
    );
    table.push(
        Row::new(
            "balance",
            vec![
                text("结余"),
                text("收入合计－支出合计"),
                Value::Money(income - expense),
            ],
        )
        .total(),
    );
    Section::new("funds", "经费收支").defined_by("funds").table(table)
}

fn quality(r: &AnnualReturn) -> Section {
    let q = &r.data_quality;
    let mut table = Table::new(
        "data_quality",
        vec![
            Column::label("rule", "规则", 1.2),
            Column::label("severity", "级别", 1.0).align(Align::Center),
            Column::figure("count", "条数", Some("条"), 1.2),
            Column::label("purpose", "规则说明", 6.0),
        ],
    )
    .with(q.by_rule.iter().map(|x| {
        Row::new(
            x.rule,
            vec![
                text(x.rule),
                text(if x.severity == "error" { "错误" } else { "警告" }),
                count(x.count),
                text(x.purpose),
            ],
        )
    }));
    table.push(
        Row::new(
            "errors",
            vec![
                text("合计"),
                text("错误"),
                count(q.errors),
                text("有错误时不能生成正式报表"),
            ],
        )
        .total(),
    );
    table.push(
        Row::new(
            "warnings",
            vec![
                text("合计"),
                text("警告"),
                count(q.warnings),
                text("不影响上报，但应核实"),
            ],
        )
        .total(),
    );
    Section::new("data_quality", "数据质量")
        .defined_by("data_quality")
        .table(table)
}
