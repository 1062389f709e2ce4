//! 导入、导出的提示：命令行、导入向导、导出对话框和错误行文件。

use std::path::Path;

use crate::i18n::import::{ImportText, close_occupations};
use crate::i18n::{Lang, label};
use crate::sheets::bounds::{self, TooLarge};
use crate::sheets::columns::ImportKind;
use crate::sheets::import::IssueKind;
use crate::sheets::sheet::ReadError;

fn kind(k: ImportKind) -> &'static str {
    match k {
        ImportKind::People => "人员（含最新证书）",
        ImportKind::Enrolments => "培训学员名单",
        ImportKind::Services => "公共实训服务",
        ImportKind::Apprenticeships => "名师带徒",
        ImportKind::Teachers => "师资",
        ImportKind::ApprenticeLog => "带徒记录",
    }
}

/// 映射和提示中字段的名称：字段自己的名称（`registers::fields`）。
fn target(k: ImportKind, key: &'static str) -> &'static str {
    k.target(key).map_or(key, |t| t.label(Lang::Zh))
}

/// 一个值应当怎样写。
pub fn expected(p: &IssueKind) -> String {
    match p {
        IssueKind::Required => "必须填写".into(),
        IssueKind::Date => "应为日期，如 2023-05-01、2023/5/1、2023.5.1、2023年5月1日 或 20230501".into(),
        IssueKind::Number => "应为数字，如 12 或 12.5".into(),
        IssueKind::WholeNumber => "应为不小于 0 的整数".into(),
        IssueKind::YesNo => "应为“是”或“否”".into(),
        IssueKind::Sex => "应为“男”或“女”（也可写 M/F）".into(),
        IssueKind::Grade => {
            "应为技能等级，如 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师，或写 三级、高级工、3".into()
        }
        IssueKind::Ethnicity => "应为民族名称（如 蒙古族、汉族，可不写“族”）或两位代码".into(),
        IssueKind::Education => "应为学历，如 大学本科、大专、中专、高中、初中，或 GB/T 4658 两位代码".into(),
        IssueKind::Occupation { close } => {
            let mut s = "应为《职业分类大典》（2022）中的职业名称（如 焊工、车工）或代码（如 6-18-02-04）".to_string();
            if !close.is_empty() {
                s.push_str("。名称相近的职业：");
                s.push_str(&close_occupations(close, "、"));
            }
            s
        }
        IssueKind::DocType => "应为证件类型：居民身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证或外国人永久居留身份证".into(),
        IssueKind::Choice { key, codes } => {
            let names: Vec<&str> = codes
                .iter()
                .map(|c| label(key, c, Lang::Zh).unwrap_or(c))
                .collect();
            format!("应为以下之一：{}", names.join("、"))
        }
        IssueKind::IdStoredAsNumber => {
            "Excel 把身份证号存成了数字，后几位已经丢失。请把这一列设为“文本”格式，重新输入完整号码".into()
        }
        IssueKind::NoSuchCohort => "本单位没有这个培训班次。请先在“培训班次”中建立，或核对班次名称".into(),
        IssueKind::NoSuchApprenticeship => {
            "本单位没有这个徒弟在该日期的带徒关系。请核对身份证号和日期，或先在“名师带徒”中登记".into()
        }
        IssueKind::NoSuchStage { have } if have.is_empty() => {
            "这个带徒关系还没有培养计划，没有这个阶段；先生成培养计划，或空着阶段序号".into()
        }
        IssueKind::NoSuchStage { have } => format!(
            "这个带徒关系的培养计划没有这个阶段（现有阶段：{}）",
            have.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、")
        ),
        IssueKind::NoSuchFacility => "本单位没有这个实训场地。请核对场地名称，或先在“实训能力”中登记".into(),
        IssueKind::PersonNotFound => "数据库中没有这个人，且这一行没有姓名，无法新建。请填写姓名".into(),
        IssueKind::DuplicateInFile { first_row } => format!("与第 {first_row} 行重复（同一人或同一条记录出现了两次），本行不导入"),
        IssueKind::Rule { kind, problem } => crate::i18n::problem(problem, kind.code(), Lang::Zh),
    }
}

fn file_error(path: &Path, e: &ReadError) -> String {
    let f = path.display();
    match e {
        ReadError::Io(m) => format!("无法读取文件 {f}：{m}。请检查文件是否存在、是否正被其他程序打开"),
        ReadError::Empty => format!("文件 {f} 是空的，没有可导入的内容"),
        ReadError::NotASpreadsheet => {
            format!("{f} 不是电子表格。请选择 .xlsx、.xls 或 .csv 文件（在 Excel 中“另存为”这几种格式之一）")
        }
        ReadError::PasswordProtected => {
            format!(
                "{f} 设置了打开密码，无法读取。请在 Excel 中打开它，去掉密码（文件 → 信息 → 保护工作簿）后另存，再导入"
            )
        }
        ReadError::Damaged(m) => {
            format!(
                "{f} 已损坏，无法读取（{}）。请在 Excel 中打开并另存为 .xlsx 后再导入",
                shown(m)
            )
        }
        ReadError::TooLarge(t) => too_large(&f.to_string(), t),
    }
}

/// 文件超出可读取的范围：在哪里、上限是多少。
fn too_large(f: &str, t: &TooLarge) -> String {
    let at = |sheet: &str, cell: &str| {
        if sheet.is_empty() {
            format!("单元格 {cell}")
        } else {
            format!("工作表“{}”的单元格 {cell}", shown(sheet))
        }
    };
    match t {
        TooLarge::File { bytes } => format!(
            "{f} 有 {} MB，超过可导入的上限 {} MB，没有读取。名单通常只有几 MB：请确认选对了文件，或把名单分成几个文件导入",
            bytes >> 20,
            bounds::MAX_FILE_BYTES >> 20
        ),
        TooLarge::Inflated { bytes, entries } => format!(
            "{f} 解压后有 {} MB（{entries} 个部件），超过可读取的上限 {} MB（{} 个部件），可能已损坏或是恶意文件，没有读取。请在 Excel 中打开并另存为 .xlsx 后再导入",
            bytes >> 20,
            bounds::MAX_INFLATED_BYTES >> 20,
            bounds::MAX_ZIP_ENTRIES
        ),
        TooLarge::Cells { sheet, cell, cells } => format!(
            "{f} 读到{} 时已有 {cells} 个单元格（从 A1 算到最后一行、最后一列），超过可读取的上限 {} 个，没有读取。常见原因是在很远的单元格里误输入了内容：请删除表格右侧和下方多余的内容，或把名单分成几个文件导入",
            at(sheet, cell),
            bounds::MAX_CELLS
        ),
        TooLarge::OutOfSheet { sheet, cell } => format!(
            "{f} 的{} 超出了电子表格的最大范围（1048576 行、16384 列，到 XFD1048576 为止），没有读取。请检查文件是否完整、是否选对了文件",
            at(sheet, cell)
        ),
        TooLarge::Cell { sheet, cell, chars } => format!(
            "{f} 的{} 有 {chars} 个字符，超过一个单元格最多能存的 {} 个字符，没有读取。请检查这个单元格",
            at(sheet, cell),
            bounds::MAX_CELL_CHARS
        ),
        TooLarge::Text { sheet, cell } => format!(
            "{f} 中的文字读到{} 时已超过可读取的上限 {} MB，没有读取",
            at(sheet, cell),
            bounds::MAX_TEXT_BYTES >> 20
        ),
    }
}

pub static TEXT: ImportText = ImportText {
    stage_check: "检查",
    stage_backup: "备份",
    stage_write: "写入",
    stage_read: "读取",
    stage_export: "导出",
    failed_sheet: "未导入的行",
    status_new: "新增",
    status_update: "更新",
    status_unchanged: "无变化",
    status_error: "错误",
    warning: "提醒",
    not_imported: "（不导入）",
    dry_run_done: "这是试运行（--dry-run），没有写入任何内容。",
    no_org: "数据库中还没有组织。请先建立本单位（基地或工作室），再导入这类记录",
    bad_export_extension: "导出文件名须以 .xlsx 或 .csv 结尾",
    masked_note: "身份证号和电话已打码。需要完整号码（仅限本单位内部使用）时加 --full",
    full_note: "注意：文件中有完整的身份证号和电话，仅限本单位内部使用，请妥善保管",
    yes: "是",
    no: "否",
    list_separator: "、",
    kind,
    target,
    issue_line: |column: &str, value: &str, expected: &str| {
        let (column, value) = (shown(column), shown(value));
        if value.is_empty() {
            format!("列“{column}”为空：{expected}")
        } else {
            format!("列“{column}”的值“{value}”：{expected}")
        }
    },
    row_line: |row: usize, label: &str, status: &str| {
        let label = shown(label);
        if label.is_empty() {
            format!("第 {row} 行  {status}")
        } else {
            format!("第 {row} 行（{label}）  {status}")
        }
    },
    summary: |rows: u64, new: u64, update: u64, unchanged: u64, error: u64| {
        format!("共 {rows} 行：新增 {new}，更新 {update}，无变化 {unchanged}，错误 {error}")
    },
    file_error,
    no_header: |path: &Path, kind: ImportKind, sheets: &[String]| {
        let sheets: Vec<&str> = sheets
            .iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        let where_ = if sheets.is_empty() {
            String::new()
        } else {
            format!("（查看了工作表：{}）", sheets.join("、"))
        };
        format!(
            "{} 中找不到“{}”的表头{where_}。表头行应含有如“姓名”“身份证号”等列名；可用 skillbase template --kind {} 下载模板",
            path.display(),
            self::kind(kind),
            kind.code()
        )
    },
    other_kind: |path: &Path, asked: ImportKind, found: ImportKind| {
        format!(
            "{} 看起来是“{}”，不是“{}”。请用 --kind {} 导入，或选择正确的文件或工作表",
            path.display(),
            self::kind(found),
            self::kind(asked),
            found.code()
        )
    },
    missing_columns: |path: &Path, columns: &str| {
        format!(
            "{} 缺少必需的列：{columns}。请在表头中加上这些列（列名见模板）",
            path.display()
        )
    },
    mapping_heading: |sheet: &str, row: usize| {
        let sheet = shown(sheet);
        if sheet.is_empty() {
            format!("表头在第 {row} 行，各列对应：")
        } else {
            format!("工作表“{sheet}”，表头在第 {row} 行，各列对应：")
        }
    },
    mapping_line: |header: &str, field: &str| format!("  {} → {field}", shown(header)),
    refused: |errors: u64| {
        format!(
            "有 {errors} 行有错误，没有导入任何记录。请改正后重新导入，或加 --skip-invalid 错误行.xlsx 只导入无误的行"
        )
    },
    committed: |file: &str, new: u64, update: u64, unchanged: u64| {
        format!("已导入 {file}：新增 {new} 条，更新 {update} 条，{unchanged} 条无变化")
    },
    backup_taken: |path: &Path| format!("导入前已备份数据库：{}", path.display()),
    backup_failed: |e: &str| format!("导入前的备份没有成功，未导入任何内容：{e}"),
    rejected_written: |n: u64, path: &Path| {
        format!(
            "{n} 行有错误，未导入，已写入 {}（最后一列是错误说明）。改正后可以重新导入这个文件",
            path.display()
        )
    },
    unknown_kind: |given: &str, choices: &str| format!("没有“{given}”这种内容，可选：{choices}"),
    cannot_write: |path: &Path, e: &str| {
        format!(
            "无法写入 {}：{e}。请检查文件夹是否存在、文件是否正被 Excel 打开",
            path.display()
        )
    },
    exported: |n: usize, path: &Path| format!("已导出 {n} 条记录到 {}", path.display()),
    template_written: |k: ImportKind, path: &Path| {
        format!("已写出“{}”导入模板：{}", self::kind(k), path.display())
    },
    template_notes: &[
        "填写说明",
        "1. 在“填写”工作表中每行填一条记录，第一行表头不要改动；带 * 的列必须填写。",
        "2. 身份证号请按文本输入（本模板该列已设为文本），15 位旧号码会自动升级为 18 位。",
        "3. 日期可写 2023-05-01、2023/5/1、2023.5.1、2023年5月1日 或 20230501。",
        "4. 性别、民族、学历、技能等级等列可从下拉列表中选择；代码表在后面的工作表中。",
        "5. 导入时先检查（不写入），每一行显示新增、更新、无变化或错误；确认后才写入，写入前自动备份。",
        "6. 已登记的人按身份证号对应，表中填写的内容会更新原记录，空着的单元格保留原值。",
    ],
    same_file_before: |at: &str, file: &str| {
        let file = shown(file);
        format!("这个文件（{file}）已于 {at} 导入过一次；再次导入时，已有记录显示为“无变化”")
    },
    nav_import: "导入",
    wizard_title: "从 Excel / CSV 导入",
    steps: ["1 选择文件", "2 核对列", "3 检查结果", "4 完成"],
    kind_label: "导入内容",
    file_label: "文件",
    choose_file: "选择文件…",
    read_file: "读取文件",
    save_template: "下载模板…",
    template_hint: "没有现成的表格？先下载模板，按模板填写后再导入。",
    mapping_help: "已按表头识别各列。识别得不对的列，请在“导入为”中改选；确认后，相同格式的文件下次自动按此对应。",
    column: "文件中的列",
    sample: "示例",
    import_as: "导入为",
    run_check: "检查（不写入）",
    only_errors: "只看有错误的行",
    row: "行",
    status: "状态",
    record: "记录",
    messages: "说明",
    import_all: "全部导入",
    import_valid: "只导入无误的行",
    failed_file: "错误行保存到",
    all_or_nothing_note: "“全部导入”要求每一行都没有错误：要么改正文件后重新检查，要么只导入无误的行（错误行另存为表格，改正后再导入）。写入前自动备份数据库。",
    back: "上一步",
    start_over: "导入另一个文件",
    history: "导入记录",
    no_history: "还没有导入过文件。",
    history_line: |at: &str, kind: &str, file: &str, summary: &str| {
        format!("{at}  {kind}  {file}  {summary}")
    },
    export_button: "导出…",
    export_title: "导出",
    export_file: "保存到",
    export_full: "包含完整身份证号和电话（仅限本单位内部使用）",
    export_do: "导出",
    export_what: |register: &str, n: usize| {
        format!(
            "导出“{register}”当前显示的 {n} 条记录（按屏幕上的搜索和筛选）。文件名以 .xlsx 或 .csv 结尾。"
        )
    },
    org_for_import: |org: &str| format!("记录将登记在：{org}（可在窗口顶部更换组织）"),
    sheet_of: |sheet: &str, row: usize, rows: usize| {
        if sheet.is_empty() {
            format!("表头在第 {row} 行，共 {rows} 行数据")
        } else {
            format!("工作表“{sheet}”，表头在第 {row} 行，共 {rows} 行数据")
        }
    },
    file_missing: "请先选择要导入的文件",
    busy: "正在处理上一个操作，请稍候",
};

/// A value from the file inside a message.
fn shown(value: &str) -> std::borrow::Cow<'_, str> {
    crate::i18n::shown::value(value, Lang::Zh)
}
