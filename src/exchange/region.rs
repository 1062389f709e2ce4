//! The regional summary (全区汇总): every loaded organisation's indicators against its
//! targets (the annual return's own figures, `report::compute`, per organisation), the
//! region-wide figures against the targets of SPEC.md (people counted once per document
//! across organisations), the people who appear in several organisations, each figure's
//! written definition; printed as a PDF with the annual return's layout and writer, with
//! JSON and XLSX companions tied to it by the verification code.

use serde::Serialize;

use crate::domain::codes;
use crate::i18n::{Labelled, Lang};
use crate::report::figures::Indicator;
use crate::report::layout::{Align, Column, Layout, Metrics, Page};
use crate::store::{RegionalCounts, Store, StoreError};

/// Identifies the JSON companion's layout.
pub const SCHEMA: &str = "skillbase.regional-summary/1";
/// The file names `skillbase region-return` writes.
pub const PDF_FILE: &str = "region-return.pdf";
pub const JSON_FILE: &str = "region-return.json";
pub const XLSX_FILE: &str = "region-return.xlsx";

/// One organisation in the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    pub tier_label: Option<String>,
    pub division_name: Option<String>,
    /// When its package was made at the source.
    pub exported_at: String,
    pub file_name: String,
    pub indicators: Vec<Indicator>,
    /// The validator's findings on its year.
    pub errors: u64,
    pub warnings: u64,
}

/// A region-wide figure against the region's target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionalFigure {
    /// Also the key of its definition.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// None where the registers hold nothing to count it from.
    pub value: Option<u64>,
    pub target: Option<u64>,
    pub met: Option<bool>,
}

/// A document held by people in several organisations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedRow {
    pub doc_number_masked: String,
    pub name: String,
    pub orgs: Vec<String>,
    /// Person records holding it (more than one: entered independently).
    pub records: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Definition {
    pub key: &'static str,
    pub text: &'static str,
}

/// Everything the regional summary states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionalSummary {
    pub schema: &'static str,
    pub year: i32,
    /// The year whose targets apply (2015, or 2020 for later years).
    pub target_year: i32,
    pub orgs: Vec<OrgRow>,
    /// Organisations named by the loaded records whose own package was not loaded.
    pub missing: Vec<String>,
    pub figures: Vec<RegionalFigure>,
    pub counts: RegionalCounts,
    /// Sum over organisations of the annual return's "high-skill people trained": people
    /// trained by two organisations count twice here, once in `counts`.
    pub sum_high_skill_trained: u64,
    pub sum_young_backbones: u64,
    pub shared: Vec<SharedRow>,
    pub definitions: Vec<Definition>,
    pub app_version: &'static str,
}

/// The definitions the summary prints, in order.
pub const DEFINITION_KEYS: &[&str] = &[
    "org_indicators",
    "high_skill_stock",
    "technicians_stock",
    "region_bases",
    "region_studios",
    "leading_talents",
    "shortage_technicians",
    "on_post_trainees",
    "new_high_skill",
    "competitions",
    "integrated_teachers",
    "frontline_funds",
    "shared_people",
];

fn figure(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    value: Option<u64>,
    target: Option<u64>,
) -> RegionalFigure {
    RegionalFigure {
        key,
        label,
        unit,
        value,
        target,
        met: match (value, target) {
            (Some(v), Some(t)) => Some(v >= t),
            _ => None,
        },
    }
}

/// The region's targets (SPEC.md): those for 2015 up to 2015, those for 2020 after.
fn figures(c: &RegionalCounts, target_year: i32) -> Vec<RegionalFigure> {
    let early = target_year <= 2015;
    let t = |a: u64, b: u64| Some(if early { a } else { b });
    vec![
        figure(
            "high_skill_stock",
            "全区高技能人才总量",
            "人",
            Some(c.high_skill_stock),
            t(540_000, 650_000),
        ),
        figure(
            "technicians_stock",
            "其中技师、高级技师",
            "人",
            Some(c.technicians_stock),
            t(210_000, 280_000),
        ),
        figure(
            "region_bases",
            "自治区级高技能人才培训基地",
            "个",
            Some(c.region_bases),
            t(25, 50),
        ),
        figure(
            "region_studios",
            "自治区级技能大师工作室",
            "个",
            Some(c.region_studios),
            t(25, 50),
        ),
        figure(
            "leading_talents",
            "年培养高技能领军人才",
            "人",
            Some(c.leading_talents),
            Some(100),
        ),
        figure(
            "leading_talents_3y",
            "　近三年累计",
            "人",
            Some(c.leading_talents_3y),
            Some(500),
        ),
        figure(
            "shortage_technicians",
            "年培养紧缺急需职业技师、高级技师",
            "人",
            Some(c.shortage_technicians),
            Some(2000),
        ),
        figure(
            "shortage_technicians_3y",
            "　近三年累计",
            "人",
            Some(c.shortage_technicians_3y),
            Some(10_000),
        ),
        figure(
            "on_post_trainees",
            "年企业岗位练兵",
            "人",
            Some(c.on_post_trainees),
            Some(100_000),
        ),
        figure(
            "new_high_skill",
            "年新增高技能人才",
            "人",
            Some(c.new_high_skill),
            Some(10_000),
        ),
        figure(
            "competition_occupations",
            "年技能竞赛职业（工种）",
            "个",
            Some(c.competition_occupations),
            Some(50),
        ),
        figure(
            "competitors",
            "年技能竞赛参赛",
            "人次",
            Some(c.competitors),
            Some(50_000),
        ),
        figure(
            "integrated_teachers",
            "近三年一体化教师",
            "人",
            Some(c.integrated_teachers_3y),
            Some(1000),
        ),
        figure(
            "frontline_funds",
            "企业职工教育经费用于一线职工比例",
            "%",
            None,
            Some(60),
        ),
    ]
}

/// Computes the summary of `year` from the consolidation database.
pub fn summary(
    store: &Store,
    year: i32,
    progress: &dyn crate::progress::Progress,
) -> Result<RegionalSummary, StoreError> {
    let loads = store.consolidation_loads()?;
    progress.stage("figures", loads.len() as u64 + 2);
    let mut orgs = Vec::new();
    let (mut sum_trained, mut sum_backbones) = (0, 0);
    for load in &loads {
        let Ok(id) = load.org.parse::<uuid::Uuid>() else {
            continue;
        };
        let org = store.get::<crate::domain::org::Organisation>(crate::domain::Id::from_uuid(id))?;
        if org.meta.is_deleted() {
            continue;
        }
        let (data, findings) = crate::rules::check_year(store, org.id, year)?;
        let annual = crate::report::compute(&data, &findings);
        for i in &annual.indicators {
            match i.key {
                "high_skill_trained" => sum_trained += i.value,
                "young_backbones" => sum_backbones += i.value,
                _ => {}
            }
        }
        let o = &org.record;
        orgs.push(OrgRow {
            id: org.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.code().to_string(),
            kind_label: o.kind.label(Lang::Zh).to_string(),
            tier_label: o.tier.map(|t| t.label(Lang::Zh).to_string()),
            division_name: o.division.as_deref().and_then(codes::im_division_full_name),
            exported_at: load.exported_at.clone(),
            file_name: load.file_name.clone(),
            indicators: annual.indicators,
            errors: findings.errors() as u64,
            warnings: findings.warnings() as u64,
        });
        progress.advance(1);
    }
    orgs.sort_by(|a, b| (a.kind != "training_base", &a.name).cmp(&(b.kind != "training_base", &b.name)));
    let loaded: std::collections::HashSet<&str> = loads.iter().map(|l| l.org.as_str()).collect();
    let missing = store
        .organisations()?
        .into_iter()
        .filter(|o| !loaded.contains(o.id.to_string().as_str()))
        .map(|o| o.record.name)
        .collect();
    let counts = store.regional_counts(year)?;
    progress.advance(1);
    let names: std::collections::HashMap<String, String> =
        orgs.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
    let shared = store
        .people_in_several_orgs()?
        .into_iter()
        .map(|p| SharedRow {
            doc_number_masked: crate::domain::identity::mask_document_number(&p.doc_number),
            name: p.name,
            orgs: p
                .orgs
                .iter()
                .map(|id| {
                    names
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| id.chars().take(8).collect())
                })
                .collect(),
            records: p.records,
        })
        .collect();
    progress.advance(1);
    let target_year = if year <= 2015 { 2015 } else { 2020 };
    Ok(RegionalSummary {
        schema: SCHEMA,
        year,
        target_year,
        figures: figures(&counts, target_year),
        orgs,
        missing,
        counts,
        sum_high_skill_trained: sum_trained,
        sum_young_backbones: sum_backbones,
        shared,
        definitions: DEFINITION_KEYS
            .iter()
            .map(|k| Definition {
                key: k,
                text: crate::i18n::zh::exchange::region_definition(k),
            })
            .collect(),
        app_version: crate::APP_VERSION,
    })
}

fn note(key: &str) -> String {
    let key = key.trim_end_matches("_3y");
    let key = match key {
        "competition_occupations" | "competitors" => "competitions",
        k => k,
    };
    DEFINITION_KEYS
        .iter()
        .position(|k| *k == key)
        .map_or_else(String::new, |i| format!("[{}]", i + 1))
}

fn value(v: u64, unit: &str) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} {unit}")
}

fn met(m: Option<bool>) -> String {
    match m {
        Some(true) => "达标".into(),
        Some(false) => "未达标".into(),
        None => "—".into(),
    }
}

/// Lays out the summary on A4 pages (the annual return's layout).
pub fn layout(s: &RegionalSummary, verification: &str, metrics: &dyn Metrics) -> Vec<Page> {
    let mut l = Layout::new(metrics);
    l.paragraph(
        &format!("内蒙古自治区高技能人才工作{}年度全区汇总", s.year),
        17.0,
        Align::Center,
    );
    l.space(1.0);
    l.paragraph(
        &format!(
            "报告期：{0}年1月1日至{0}年12月31日　　汇总单位 {1} 个　　目标：{2}年",
            s.year,
            s.orgs.len(),
            s.target_year
        ),
        9.5,
        Align::Center,
    );
    l.space(3.0);

    l.heading("一、全区指标完成情况");
    let rows: Vec<Vec<String>> = s
        .figures
        .iter()
        .map(|f| {
            vec![
                format!("{}{}", f.label, note(f.key)),
                f.value.map_or_else(|| "无法计算".into(), |v| value(v, f.unit)),
                f.target
                    .map_or_else(|| "—".into(), |t| format!("≥ {}", value(t, f.unit))),
                met(f.met),
            ]
        })
        .collect();
    l.table(
        &[
            Column::new("指标", 4.4, Align::Left),
            Column::new("全区合计", 2.2, Align::Right),
            Column::new("目标", 2.2, Align::Right),
            Column::new("是否达标", 1.4, Align::Center),
        ],
        &rows,
        9.5,
    );
    l.space(1.5);
    l.paragraph(
        &format!(
            "全区人数按身份证件去重：共 {}，其中 {} 个证件号码出现在两个及以上单位（见第三部分），在全区合计中只计一次。各单位“年培训高技能人才”相加为 {}，各工作室“年培养青年技能骨干”相加为 {}。",
            value(s.counts.people, "人"),
            value(s.counts.shared_documents, "").trim_end(),
            value(s.sum_high_skill_trained, "人"),
            value(s.sum_young_backbones, "人")
        ),
        9.0,
        Align::Left,
    );

    l.heading(&format!("二、各单位指标完成情况{}", note("org_indicators")));
    let mut rows = Vec::new();
    for o in &s.orgs {
        let who = format!(
            "{}（{}{}）",
            o.name,
            o.tier_label.clone().unwrap_or_default(),
            o.kind_label
        );
        if o.indicators.is_empty() {
            rows.push(vec![who.clone(), "—".into(), "—".into(), "—".into(), "—".into()]);
        }
        for (i, ind) in o.indicators.iter().enumerate() {
            rows.push(vec![
                if i == 0 { who.clone() } else { String::new() },
                ind.label.clone(),
                value(ind.value, &ind.unit),
                ind.target
                    .map_or_else(|| "政策未规定".into(), |t| format!("≥ {}", value(t, &ind.unit))),
                met(ind.met),
            ]);
        }
    }
    if rows.is_empty() {
        rows.push(vec![
            "（尚未载入数据包）".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    l.table(
        &[
            Column::new("单位", 4.2, Align::Left),
            Column::new("指标", 2.8, Align::Left),
            Column::new("实际", 1.4, Align::Right),
            Column::new("目标", 1.5, Align::Right),
            Column::new("达标", 1.0, Align::Center),
        ],
        &rows,
        8.5,
    );
    if !s.missing.is_empty() {
        l.space(1.5);
        l.paragraph(
            &format!(
                "以下单位出现在已载入的记录中，但尚未报送本单位数据包：{}。",
                s.missing.join("、")
            ),
            9.0,
            Align::Left,
        );
    }

    l.heading(&format!("三、在多个单位出现的人员{}", note("shared_people")));
    if s.shared.is_empty() {
        l.paragraph("没有证件号码出现在两个及以上单位。", 9.5, Align::Left);
    } else {
        let rows: Vec<Vec<String>> = s
            .shared
            .iter()
            .map(|p| {
                vec![
                    p.doc_number_masked.clone(),
                    p.name.clone(),
                    p.orgs.join("、"),
                    if p.records > 1 {
                        format!("{} 条（分别登记）", p.records)
                    } else {
                        "1 条".into()
                    },
                ]
            })
            .collect();
        l.table(
            &[
                Column::new("证件号码", 2.4, Align::Left),
                Column::new("姓名", 1.4, Align::Left),
                Column::new("出现的单位", 5.0, Align::Left),
                Column::new("人员记录", 1.6, Align::Right),
            ],
            &rows,
            8.5,
        );
    }

    l.heading("注：口径说明");
    for (i, d) in s.definitions.iter().enumerate() {
        l.paragraph(&format!("[{}] {}", i + 1, d.text), 8.5, Align::Left);
        l.space(0.8);
    }
    l.paragraph(&format!("生成：技能基地通 {}。", s.app_version), 8.0, Align::Left);
    l.space(4.0);
    l.signature_block(
        &["汇总人：", "审核人：", "联系电话：", "汇总日期："],
        "单位盖章：",
        "　　　　年　　月　　日",
    );
    let year = s.year;
    let version = s.app_version;
    l.finish(|page, total| {
        [
            format!("校验码 {verification}"),
            format!("第 {page} 页 共 {total} 页"),
            format!("全区汇总 {year} · 技能基地通 {version}"),
        ]
    })
}

/// The summary's three files: (name, bytes), and the verification code.
pub struct Built {
    pub json: String,
    pub code: String,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
    pub pages: Vec<Page>,
}

impl Built {
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (PDF_FILE, self.pdf.as_slice()),
            (JSON_FILE, self.json.as_bytes()),
            (XLSX_FILE, self.xlsx.as_slice()),
        ]
    }
}

/// Makes the PDF, JSON and XLSX of a summary.
pub fn build(s: &RegionalSummary) -> Result<Built, String> {
    let mut json = serde_json::to_string_pretty(s).map_err(|e| e.to_string())?;
    json.push('\n');
    let code = crate::report::companion::verification_code(&json);
    let font = crate::fonts::ReportFont::get().ok_or("font")?;
    let pages = layout(s, &code, font);
    let pdf = crate::report::pdf::write_pages(&format!("全区汇总 {}", s.year), &pages)
        .map_err(|e| e.to_string())?;
    let xlsx = xlsx(s).map_err(|e| e.to_string())?;
    Ok(Built {
        json,
        code,
        pdf,
        xlsx,
        pages,
    })
}

fn xlsx(s: &RegionalSummary) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let ws = book.add_worksheet();
        ws.set_name("全区指标")?;
        for (c, h) in ["指标", "全区合计", "单位", "目标", "是否达标"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.set_column_width(0, 36)?;
        for (r, f) in s.figures.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, f.label.trim_start_matches('　'))?;
            if let Some(v) = f.value {
                ws.write_number(r, 1, v as f64)?;
            }
            ws.write_string(r, 2, f.unit)?;
            if let Some(t) = f.target {
                ws.write_number(r, 3, t as f64)?;
            }
            ws.write_string(r, 4, met(f.met))?;
        }
    }
    {
        let ws = book.add_worksheet();
        ws.set_name("各单位指标")?;
        for (c, h) in [
            "单位",
            "类型",
            "级别",
            "所在地区",
            "指标",
            "实际",
            "目标",
            "是否达标",
            "错误",
            "警告",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        ws.set_column_width(0, 40)?;
        let mut r = 1u32;
        for o in &s.orgs {
            for i in &o.indicators {
                ws.write_string(r, 0, &o.name)?;
                ws.write_string(r, 1, &o.kind_label)?;
                ws.write_string(r, 2, o.tier_label.as_deref().unwrap_or(""))?;
                ws.write_string(r, 3, o.division_name.as_deref().unwrap_or(""))?;
                ws.write_string(r, 4, &i.label)?;
                ws.write_number(r, 5, i.value as f64)?;
                if let Some(t) = i.target {
                    ws.write_number(r, 6, t as f64)?;
                }
                ws.write_string(r, 7, met(i.met))?;
                ws.write_number(r, 8, o.errors as f64)?;
                ws.write_number(r, 9, o.warnings as f64)?;
                r += 1;
            }
        }
    }
    {
        let ws = book.add_worksheet();
        ws.set_name("跨单位人员")?;
        for (c, h) in ["证件号码", "姓名", "出现的单位", "人员记录"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, p) in s.shared.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &p.doc_number_masked)?;
            ws.write_string(r, 1, &p.name)?;
            ws.write_string(r, 2, p.orgs.join("、"))?;
            ws.write_number(r, 3, p.records as f64)?;
        }
    }
    {
        let ws = book.add_worksheet();
        ws.set_name("口径说明")?;
        ws.set_column_width(1, 120)?;
        for (r, d) in s.definitions.iter().enumerate() {
            ws.write_string(r as u32, 0, d.key)?;
            ws.write_string(r as u32, 1, d.text)?;
        }
    }
    book.save_to_buffer()
}
