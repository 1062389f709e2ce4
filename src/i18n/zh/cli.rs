//! 命令行的提示。

use std::path::Path;

use crate::i18n::{CliText, StartText};

pub static TEXT: CliText = CliText {
    database: "数据库：",
    schema_line: |found: i32, supported: i32| format!("结构版本：{found}（本程序支持 {supported}）"),
    app_version: "程序版本：",
    code_tables: "代码表：",
    install_id: "安装标识：",
    register: "登记簿",
    live: "记录数",
    deleted: "已删除",
    no_data_dir: "找不到本用户的数据目录，请用 --db 指定数据库文件",
    no_such_database: |path: &Path| {
        format!(
            "数据库文件 {} 不存在。请检查路径，或先用 skillbase init 建立新的数据库（或用 skillbase demo --db 文件 生成演示数据）",
            path.display()
        )
    },
    demo_done: |profile: &str, seed: u64, path: &Path, secs: f64| {
        format!(
            "已在 {} 生成演示数据 {profile}（种子 {seed}），用时 {secs:.1} 秒：",
            path.display()
        )
    },
    no_window: "这个版本不含图形界面（编译时没有启用 gui 功能）。请使用命令行：skillbase --help 列出全部命令",
    unknown_scenario: |name: &str, scenarios: &[&str]| {
        format!("没有名为 “{name}” 的基准场景，可选：{}", scenarios.join("、"))
    },
    check_heading: |orgs: &str, year: i32| format!("校验 {orgs} {year} 年度的记录"),
    check_total: |errors: usize, warnings: usize| {
        if errors + warnings == 0 {
            "未发现问题。".to_string()
        } else if errors == 0 {
            format!("共 {warnings} 条警告，没有错误：可以生成正式报表。")
        } else {
            format!("共 {errors} 条错误、{warnings} 条警告。改正错误后才能生成正式报表。")
        }
    },
    by_rule: "按规则汇总：",
    error: "错误",
    warning: "警告",
    final_refused: |errors: usize, year: i32, org: &str| {
        format!(
            "{org} {year} 年度的记录有 {errors} 条错误，不能生成正式报表，未写入任何文件。请运行 skillbase check --year {year} 查看并改正，或去掉 --final 先生成草稿核对"
        )
    },
    cannot_write: |path: &Path, e: &str| {
        format!(
            "无法写入 {}：{e}。请检查文件夹是否存在、是否有写入权限、磁盘是否已满",
            path.display()
        )
    },
    return_done: |org: &str, year: i32, status: &str, dir: &Path, code: &str, secs: f64| {
        format!(
            "已生成 {org} {year} 年度报表：{status}（校验码 {code}，用时 {secs:.2} 秒）：{}",
            dir.join("return.pdf").display()
        )
    },
    year_not_ended: |year: i32| {
        format!("{year} 年度尚未结束：这是截至今天的草稿，年度结束后才能生成正式报表。")
    },
    status_draft: "草稿（仅供核对，不能上报）",
    status_final: "正式报表",
    status_correction: |n: u32| format!("更正版 {n}"),
    met: "达标",
    submit_done: |org: &str, year: i32, code: &str| {
        format!(
            "已登记 {org} {year} 年度报表为已上报（校验码 {code}）。此后对该年度记录的修改会在校验时列出，再生成的报表为更正版"
        )
    },
    changed_since: |org: &str, year: i32, date: &str, code: &str, n: usize| {
        if n == 0 {
            format!("{org} {year} 年度报表已于 {date} 上报（校验码 {code}），此后该年度记录没有修改。")
        } else {
            format!(
                "{org} {year} 年度报表已于 {date} 上报（校验码 {code}），此后有 {n} 条该年度记录被修改（再生成的报表为更正版）："
            )
        }
    },
    not_met: "未达标",
};

/// `skillbase init` 和 `skillbase open` 的提示。
pub static START: StartText = StartText {
    name_expected: "单位名称，如“包头职业技术学院高技能人才培训基地”",
    kind_expected: "training-base（高技能人才培训基地）或 master-studio（技能大师工作室）",
    tier_expected: "national（国家级）、region（自治区级）或 league（盟市级）",
    credit_code_expected: "18 位统一社会信用代码（GB 32100），如 12150100460001231U",
    division_expected: "所在地区的 6 位行政区划代码（内蒙古自治区现行代码），如 150203",
    missing: |flag: &str, expected: &str| format!("缺少 {flag}：应为{expected}"),
    not_a_choice: |flag: &str, value: &str, expected: &str| {
        format!("{flag} 的值“{value}”无效：应为 {expected}")
    },
    refused: |flag: &str, field: &str, problem: &str| format!("{flag}（{field}）：{problem}"),
    nothing_created: |path: &Path| format!("没有建立数据库 {}，也没有留下任何文件。", path.display()),
    done: |path: &Path, name: &str, tier: &str, kind: &str| {
        format!(
            "已建立数据库 {}，登记本单位：{name}（{tier}{kind}）。打开窗口：skillbase --db {}",
            path.display(),
            path.display()
        )
    },
    no_such_package: |path: &Path| format!("数据包文件 {} 不存在，请检查路径", path.display()),
};
