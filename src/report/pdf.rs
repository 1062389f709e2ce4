//! The printed return: the [`AnnualReturn`] laid out on A4 pages (`layout`) and written
//! as PDF with the embedded Noto Sans CJK SC face, subset to the characters used.

use printpdf::{
    Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

use crate::fonts::ReportFont;

use super::figures::{AnnualReturn, Counts, DEFINITION_KEYS, Row};
use super::layout::{Align, Column, Item, Layout, Metrics, PAGE_HEIGHT, PAGE_WIDTH, Page};

/// Whether the return is a draft, the final return to submit, or a correction of a
/// submitted one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Final,
    Correction,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded report font could not be read")]
    Font,
}

/// An amount as printed: thousands separated, two decimals (`1234567.8` → `1,234,567.80`).
fn grouped(yuan: &str) -> String {
    let (sign, digits) = yuan.strip_prefix('-').map_or(("", yuan), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}.{fraction}")
}

fn n(v: u64) -> String {
    v.to_string()
}

fn counts_row(key_label: &str, c: &Counts) -> Vec<String> {
    vec![key_label.to_string(), n(c.enrolled), n(c.completed), n(c.passed)]
}

fn note(key: &str) -> String {
    let i = DEFINITION_KEYS
        .iter()
        .position(|k| *k == key)
        .map_or(0, |i| i + 1);
    format!("[{i}]")
}

fn title(r: &AnnualReturn) -> String {
    let what = if r.organisation.kind == "master_studio" {
        "技能大师工作室"
    } else {
        "高技能人才培训基地"
    };
    format!("内蒙古自治区{what}{}年度工作报表", r.year)
}

/// Lays out the whole return; every page's footer carries the verification code, the page
/// number and the organisation, year and app version.
pub fn layout(r: &AnnualReturn, status: Status, verification: &str, metrics: &dyn Metrics) -> Vec<Page> {
    let mut l = Layout::new(metrics);
    let o = &r.organisation;
    l.paragraph(&title(r), 17.0, Align::Center);
    l.space(1.0);
    let status_text = match status {
        Status::Draft => "草稿：仅供核对，不得作为正式报表上报",
        Status::Final => "正式报表",
        Status::Correction => "更正版：替代此前已上报的本年度报表",
    };
    l.paragraph(
        &format!("报告期：{0}年1月1日至{0}年12月31日　　{status_text}", r.year),
        9.5,
        Align::Center,
    );
    l.space(3.0);

    if let Some(c) = &r.correction {
        l.heading("更正说明");
        l.paragraph(
            &format!(
                "本报表为更正版，替代 {} 上报的本年度报表（校验码 {}）。与已上报报表相比：",
                c.submitted_at, c.corrects
            ),
            9.5,
            Align::Left,
        );
        l.space(1.5);
        if c.changes.is_empty() {
            l.paragraph("主要数字没有变化。", 9.5, Align::Left);
            l.space(2.0);
        } else {
            let rows: Vec<Vec<String>> = c
                .changes
                .iter()
                .map(|x| vec![x.item.clone(), x.submitted.clone(), x.corrected.clone()])
                .collect();
            l.table(
                &[
                    Column::new("项目", 4.0, Align::Left),
                    Column::new("已上报", 2.5, Align::Right),
                    Column::new("更正后", 2.5, Align::Right),
                ],
                &rows,
                9.5,
            );
        }
    }

    l.heading("一、单位基本情况");
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "（未填写）".into());
    let kv = [
        ("单位名称", o.name.clone(), "类型", o.kind_label.clone()),
        (
            "级别",
            opt(&o.tier_label),
            "统一社会信用代码",
            opt(&o.credit_code),
        ),
        (
            "所在地区",
            o.division_name
                .clone()
                .or(o.division.clone())
                .unwrap_or_else(|| "（未填写）".into()),
            "依托单位",
            opt(&o.host_unit),
        ),
        ("所属重点产业", opt(&o.industry), "批准文件", opt(&o.approval_doc)),
        if o.kind == "master_studio" {
            (
                "批准年度",
                o.approval_year
                    .map_or_else(|| "（未填写）".into(), |y| y.to_string()),
                "领办技能大师",
                opt(&o.master),
            )
        } else {
            let hosted = if o.hosted.is_empty() {
                "无".to_string()
            } else {
                o.hosted.join("、")
            };
            (
                "批准年度",
                o.approval_year
                    .map_or_else(|| "（未填写）".into(), |y| y.to_string()),
                "承建技能大师工作室",
                hosted,
            )
        },
        ("联系人", opt(&o.contact_name), "联系电话", opt(&o.contact_phone)),
    ];
    let columns = [
        Column::new("项目", 2.2, Align::Left),
        Column::new("内容", 4.0, Align::Left),
        Column::new("项目", 2.2, Align::Left),
        Column::new("内容", 4.0, Align::Left),
    ];
    let mut rows: Vec<Vec<String>> = kv
        .iter()
        .map(|(a, b, c, d)| vec![a.to_string(), b.clone(), c.to_string(), d.clone()])
        .collect();
    rows.push(vec!["地址".into(), opt(&o.address), String::new(), String::new()]);
    l.table(&columns, &rows, 9.0);

    l.heading("二、政策指标完成情况");
    let rows: Vec<Vec<String>> = r
        .indicators
        .iter()
        .map(|i| {
            vec![
                format!("{}{}", i.label, note(i.key)),
                format!("{} {}", i.value, i.unit),
                i.target
                    .map_or_else(|| "政策未规定".into(), |t| format!("≥ {t} {}", i.unit)),
                match i.met {
                    Some(true) => "达标".into(),
                    Some(false) => "未达标".into(),
                    None => "—".into(),
                },
            ]
        })
        .collect();
    l.table(
        &[
            Column::new("指标", 4.0, Align::Left),
            Column::new("实际完成", 2.0, Align::Right),
            Column::new("目标（按级别）", 2.4, Align::Right),
            Column::new("是否达标", 1.6, Align::Center),
        ],
        &rows,
        9.5,
    );

    if !r.capacity.is_empty() {
        l.heading(&format!("三、培训能力与利用率{}", note("capacity")));
        let rows: Vec<Vec<String>> = r
            .capacity
            .iter()
            .map(|c| {
                vec![
                    c.label.clone(),
                    c.declared.map_or_else(|| "未申报".into(), n),
                    n(c.delivered),
                    c.utilisation_percent
                        .map_or_else(|| "—".into(), |p| format!("{p:.1}%")),
                ]
            })
            .collect();
        l.table(
            &[
                Column::new("项目", 4.0, Align::Left),
                Column::new("申报能力", 2.0, Align::Right),
                Column::new("实际", 2.0, Align::Right),
                Column::new("利用率", 2.0, Align::Right),
            ],
            &rows,
            9.5,
        );
    }

    l.heading(&format!("四、培训学员情况{}", note("trainees")));
    let t = &r.trainees_total;
    l.paragraph(
        &format!(
            "报告年度内在训学员 {} 人，其中结业 {} 人、考核合格 {} 人（均按人数去重）。",
            t.enrolled, t.completed, t.passed
        ),
        9.5,
        Align::Left,
    );
    l.space(1.5);
    let rows: Vec<Vec<String>> = r
        .trainees_by_occupation
        .iter()
        .map(|x| {
            vec![
                x.occupation.clone(),
                x.occupation_name.clone(),
                x.grade_label.clone(),
                n(x.counts.enrolled),
                n(x.counts.completed),
                n(x.counts.passed),
            ]
        })
        .collect();
    l.table(
        &[
            Column::new("职业代码", 1.9, Align::Left),
            Column::new("职业（工种）", 3.2, Align::Left),
            Column::new("培训等级", 2.0, Align::Left),
            Column::new("在训", 1.1, Align::Right),
            Column::new("结业", 1.1, Align::Right),
            Column::new("合格", 1.1, Align::Right),
        ],
        &rows,
        9.0,
    );
    let group = |name: &str, rows: &[Row<Counts>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|x| {
                let mut v = counts_row(&x.label, &x.counts);
                v.insert(0, name.to_string());
                v
            })
            .collect()
    };
    let mut rows = group("所属项目", &r.trainees_by_programme);
    rows.extend(group("性别", &r.trainees_by_sex));
    rows.extend(group("民族", &r.trainees_by_ethnicity));
    rows.extend(group("年龄", &r.trainees_by_age));
    l.table(
        &[
            Column::new("分组", 1.5, Align::Left),
            Column::new("类别", 4.5, Align::Left),
            Column::new("在训", 1.2, Align::Right),
            Column::new("结业", 1.2, Align::Right),
            Column::new("合格", 1.2, Align::Right),
        ],
        &rows,
        9.0,
    );

    l.heading(&format!("五、取得证书{}", note("certificates")));
    let mut rows: Vec<Vec<String>> = r
        .certificates_by_grade
        .iter()
        .map(|x| vec![x.label.clone(), n(x.count)])
        .collect();
    rows.push(vec![
        "其中高技能人才证书（高级工及以上）".into(),
        n(r.certificates_high_skill),
    ]);
    l.table(
        &[
            Column::new("等级", 6.0, Align::Left),
            Column::new("证书数（张）", 2.0, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("六、公共实训服务{}", note("services")));
    let rows: Vec<Vec<String>> = r
        .services_by_recipient
        .iter()
        .map(|x| {
            vec![
                x.label.clone(),
                n(x.counts.records),
                n(x.counts.person_times),
                format!("{:.0}", x.counts.hours),
            ]
        })
        .collect();
    l.table(
        &[
            Column::new("服务对象类型", 3.0, Align::Left),
            Column::new("服务次数", 2.0, Align::Right),
            Column::new("服务人次", 2.0, Align::Right),
            Column::new("学时", 2.0, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("七、名师带徒与青年技能骨干{}", note("apprentices")));
    let a = &r.apprentices;
    let rows = vec![vec![
        n(a.active),
        n(a.new_agreements),
        n(a.completed),
        n(a.grade_raised),
        n(a.terminated),
        n(a.young_backbones),
    ]];
    l.table(
        &[
            Column::new("在带徒弟", 1.5, Align::Right),
            Column::new("新签协议", 1.5, Align::Right),
            Column::new("出师", 1.5, Align::Right),
            Column::new("出师晋级", 1.5, Align::Right),
            Column::new("终止", 1.5, Align::Right),
            Column::new("青年技能骨干", 2.0, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("八、师资队伍{}", note("teachers")));
    let tc = &r.teachers;
    let rows = vec![vec![
        n(tc.total),
        n(tc.full_time),
        n(tc.part_time_enterprise + tc.part_time_other),
        n(tc.integrated),
        n(tc.dual_qualified),
        format!("{} 人 / {:.0} 学时", tc.teachers_trained, tc.training_hours),
    ]];
    l.table(
        &[
            Column::new("教师总数", 1.4, Align::Right),
            Column::new("专职", 1.2, Align::Right),
            Column::new("兼职", 1.2, Align::Right),
            Column::new("一体化教师", 1.6, Align::Right),
            Column::new("双师型", 1.3, Align::Right),
            Column::new("参加师资培训", 2.6, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("九、培训包开发与使用{}", note("course_packages")));
    let p = &r.course_packages;
    let rows = vec![vec![
        n(p.total),
        n(p.developed_here),
        n(p.developed_this_year),
        n(p.integrated),
        n(p.used_this_year),
    ]];
    l.table(
        &[
            Column::new("培训包总数", 1.6, Align::Right),
            Column::new("本单位开发", 1.6, Align::Right),
            Column::new("本年开发", 1.6, Align::Right),
            Column::new("一体化", 1.4, Align::Right),
            Column::new("本年使用", 1.4, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("十、技能竞赛、荣誉与成果{}", note("competitions")));
    let mut rows: Vec<Vec<String>> = r
        .competitions_by_level
        .iter()
        .map(|x| {
            vec![
                format!("{}竞赛", x.label),
                format!(
                    "{} 项，参赛 {} 人次，承办 {} 项，获奖 {} 项",
                    x.counts.competitions, x.counts.participants, x.counts.organised_here, x.counts.awards
                ),
            ]
        })
        .collect();
    rows.extend(
        r.honours
            .iter()
            .map(|x| vec![x.label.clone(), format!("{} 人次", x.count)]),
    );
    rows.extend(
        r.achievements
            .iter()
            .map(|x| vec![format!("成果：{}", x.label), format!("{} 项", x.count)]),
    );
    if rows.is_empty() {
        rows.push(vec!["（本年度无记录）".into(), String::new()]);
    }
    l.table(
        &[
            Column::new("项目", 3.0, Align::Left),
            Column::new("情况", 6.0, Align::Left),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("十一、经费收支（元）{}", note("funds")));
    let f = &r.funds;
    let mut rows: Vec<Vec<String>> = Vec::new();
    rows.extend(
        f.income
            .iter()
            .map(|m| vec!["收入".into(), m.label.clone(), grouped(&m.yuan)]),
    );
    rows.push(vec!["收入".into(), "收入合计".into(), grouped(&f.income_total)]);
    rows.extend(
        f.expense
            .iter()
            .map(|m| vec!["支出".into(), m.label.clone(), grouped(&m.yuan)]),
    );
    rows.push(vec!["支出".into(), "支出合计".into(), grouped(&f.expense_total)]);
    rows.push(vec![
        "结余".into(),
        "收入合计－支出合计".into(),
        grouped(&f.balance),
    ]);
    l.table(
        &[
            Column::new("收支", 1.2, Align::Center),
            Column::new("类别", 4.0, Align::Left),
            Column::new("金额（元）", 2.4, Align::Right),
        ],
        &rows,
        9.5,
    );

    l.heading(&format!("十二、数据质量{}", note("data_quality")));
    let q = &r.data_quality;
    l.paragraph(
        &format!("校验发现错误 {} 条、警告 {} 条。", q.errors, q.warnings),
        9.5,
        Align::Left,
    );
    if !q.by_rule.is_empty() {
        l.space(1.5);
        let rows: Vec<Vec<String>> = q
            .by_rule
            .iter()
            .map(|x| {
                vec![
                    x.rule.to_string(),
                    if x.severity == "error" {
                        "错误".into()
                    } else {
                        "警告".into()
                    },
                    n(x.count),
                    x.purpose.to_string(),
                ]
            })
            .collect();
        l.table(
            &[
                Column::new("规则", 1.2, Align::Left),
                Column::new("级别", 1.0, Align::Center),
                Column::new("条数", 1.0, Align::Right),
                Column::new("规则说明", 6.0, Align::Left),
            ],
            &rows,
            9.0,
        );
    }

    l.heading("注：口径说明");
    for (i, d) in r.definitions.iter().enumerate() {
        l.paragraph(&format!("[{}] {}", i + 1, d.text), 8.5, Align::Left);
        l.space(0.8);
    }
    l.paragraph(
        &format!("生成：技能基地通 {}；代码表：{}。", r.app_version, r.code_tables),
        8.0,
        Align::Left,
    );
    l.space(4.0);
    l.signature_block(
        &["填报人：", "负责人：", "联系电话：", "填报日期："],
        "单位盖章：",
        "　　　　年　　月　　日",
    );
    l.finish(|page, total| {
        [
            format!("校验码 {verification}"),
            format!("第 {page} 页 共 {total} 页"),
            format!("技能基地通 {}", r.app_version),
        ]
    })
}

/// The return as PDF bytes, `verification` (the first 16 hex digits of the SHA-256 of the
/// companion JSON) printed on every page.
pub fn render(r: &AnnualReturn, status: Status, verification: &str) -> Result<Vec<u8>, PdfError> {
    let font = ReportFont::get().ok_or(PdfError::Font)?;
    let pages = layout(r, status, verification, font);
    write_pages(&title(r), &pages)
}

/// Laid-out pages as PDF bytes with the report font, subset to the characters used (the
/// annual return and the regional summary are printed by this one writer).
pub fn write_pages(title: &str, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    let font = ReportFont::get().ok_or(PdfError::Font)?;
    let mut doc = PdfDocument::new(title);
    let font_id = doc.add_font(font.parsed());
    let pdf_pages: Vec<PdfPage> = pages.iter().map(|p| to_pdf_page(p, &font_id)).collect();
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    Ok(doc.with_pages(pdf_pages).save(&options, &mut warnings))
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Mm(x).into(),
        y: Mm(PAGE_HEIGHT - y_from_top).into(),
    }
}

fn to_pdf_page(page: &Page, font: &printpdf::FontId) -> PdfPage {
    let mut ops = Vec::with_capacity(page.items.len() * 5);
    for item in &page.items {
        match item {
            Item::Text { x, y, size, text } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
    }
    PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn amounts_are_printed_with_thousands_separators() {
        assert_eq!(grouped("1230000.00"), "1,230,000.00");
        assert_eq!(grouped("184500.00"), "184,500.00");
        assert_eq!(grouped("999.50"), "999.50");
        assert_eq!(grouped("-1000.05"), "-1,000.05");
        assert_eq!(grouped("0.00"), "0.00");
    }
}
