//! The command line: `skillbase [--db PATH] [--lang zh|en] COMMAND`.
//!
//! Commands, flags and exit codes are a contract offices script against: 0 success;
//! 2 bad input or validation errors (nothing written); 1 any other failure. Messages go
//! to stderr in the user's language (Chinese unless `--lang en` or `LANG=en*`).

/// `println!` through [`stdout`]: every command prints its results with it.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!($crate::cli::stdout(), $($arg)*) {
            $crate::cli::pipe::closed_pipe(&e);
        }
    }};
}

mod assess;
mod attach;
mod commands;
mod indicators;
mod init;
mod log;
mod open;
mod packages;
mod pad;
pub(crate) mod pipe;
mod safety;
mod sheets;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::i18n::{Lang, Localize};

/// 技能基地通 SkillBase：高技能人才培训基地和技能大师工作室的登记与年度报表。
#[derive(Debug, Parser)]
#[command(name = "skillbase", version, about, long_about = None)]
pub struct Cli {
    /// 数据库文件（默认在本用户的数据目录中）
    #[arg(long, global = true, value_name = "PATH", env = "SKILLBASE_DB")]
    pub db: Option<PathBuf>,

    /// 提示语言：zh（中文，默认）或 en
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 建立新的数据库并登记本单位（与首次打开窗口时“创建本单位”的校验相同）；文件已存在时拒绝；任何一项有误时退出码为 2，不建立任何文件
    Init {
        /// 单位名称（必填）
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// 类型（必填）：training-base（高技能人才培训基地）或 master-studio（技能大师工作室）
        #[arg(long, value_name = "training-base|master-studio")]
        kind: Option<String>,
        /// 级别（必填）：national（国家级）、region（自治区级）或 league（盟市级）
        #[arg(long, value_name = "national|region|league")]
        tier: Option<String>,
        /// 统一社会信用代码（必填，18 位）
        #[arg(long, value_name = "CODE")]
        credit_code: Option<String>,
        /// 所在地区的行政区划代码（必填，内蒙古自治区现行的 6 位代码，如 150203）
        #[arg(long, value_name = "CODE")]
        division: Option<String>,
        /// 依托单位的名称
        #[arg(long, value_name = "NAME")]
        host: Option<String>,
    },
    /// 打开窗口；给出数据包（.sbpkg）时直接到“数据交换”页面，输入口令即可预览导入（在文件管理器中双击数据包即是如此）
    Open {
        /// 要导入的数据包（.sbpkg）
        #[arg(value_name = "FILE.sbpkg")]
        file: Option<PathBuf>,
    },
    /// 生成演示数据（写入空数据库）
    Demo {
        /// national-base | region-base | studio | region
        #[arg(long, default_value = "national-base", value_parser = parse_profile)]
        profile: crate::demo::Profile,
        /// 随机种子：相同种子生成相同数据
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// 列出指标集，以及各年度、各类型和级别适用的指标集
    Indicators {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 显示各登记簿的记录数和数据库结构版本
    Info {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 校验一年的记录：列出错误和警告，有错误时退出码为 2
    Check {
        /// 年度，例如 2025
        #[arg(long)]
        year: i32,
        /// 组织的名称或标识（默认：数据库中的每个组织）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 生成年度报表：在 DIR 中写入 return.pdf、return.json、return.xlsx
    Return {
        /// 年度，例如 2025
        #[arg(long)]
        year: i32,
        /// 组织的名称或标识（默认：数据库中唯一的、不隶属于其他组织的组织）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 输出文件夹（不存在时建立）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 正式报表（已上报过的年度为更正版）：报告年度尚未结束、在本单位批准年度之前、或校验有错误时拒绝生成
        #[arg(long = "final")]
        final_return: bool,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 生成年度考核自评表：在 DIR 中写入 assessment.pdf、assessment.json、assessment.xlsx
    Assess {
        /// 年度，例如 2025
        #[arg(long)]
        year: i32,
        /// 组织的名称或标识（默认：数据库中唯一的、不隶属于其他组织的组织）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 输出文件夹（不存在时建立）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 同时把佐证材料复制到 DIR/evidence/
        #[arg(long)]
        with_evidence: bool,
        /// 评分办法的标识（默认：适用于该类单位的评分办法）
        #[arg(long, value_name = "KEY")]
        scheme: Option<String>,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 登记已上报：保存 DIR 中 return.json 的数字和校验码（草稿、有错误的、三个文件不是同一次生成的、已登记过的，都拒绝）；此后对该年度的修改会被列出，再生成的报表为更正版
    Submit {
        /// 年度，例如 2025
        #[arg(long)]
        year: i32,
        /// 组织的名称或标识（默认：数据库中唯一的、不隶属于其他组织的组织）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// skillbase return 写出的文件夹（含 return.json）
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// 备份数据库：默认写入数据库旁的 backups 文件夹（软件运行时也会自动备份）
    Backup {
        /// 备份写入这个文件（已存在时需加 --force）；不写时放在 backups 文件夹
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// 只列出已有的备份，不做新的备份
        #[arg(long, conflicts_with = "out")]
        list: bool,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 从备份恢复：先备份当前数据库，再用 FROM 替换它
    Restore {
        /// 备份文件（skillbase backup 或软件自动做的备份）
        #[arg(value_name = "FROM")]
        from: PathBuf,
        /// 确认要用另一个数据库的备份替换这个数据库（不加时拒绝，并说明两者各是哪个数据库）
        #[arg(long)]
        other_database: bool,
    },
    /// 导出修改记录（谁、何时、在哪台电脑、哪条记录、各字段的原值和新值）
    Audit {
        /// 写入这个 .xlsx 文件；不写时在终端列出最近的修改
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// 只看这条记录（记录标识）
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// 终端中列出的条数
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// 包含完整的身份证号和电话（默认遮盖；仅限本单位内部使用）
        #[arg(long)]
        full: bool,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 导入 Excel/CSV 名单：先检查每一行（新增、更新、无变化、错误），全部无误才写入，写入前自动备份；有错误时退出码为 2，未写入任何内容
    Import {
        /// 导入内容：people（人员及最新证书）、enrolments（培训学员）、services（公共实训服务）、apprenticeships（名师带徒）、teachers（师资）、apprentice-log（带徒记录）
        #[arg(long, value_name = "KIND", value_parser = sheets::parse_import_kind)]
        kind: crate::sheets::columns::ImportKind,
        /// 要导入的文件：.xlsx、.xls 或 .csv（UTF-8 或 GBK 编码均可）
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 只检查、列出每一行的结果，不写入
        #[arg(long)]
        dry_run: bool,
        /// 只导入无误的行，把有错误的行（附错误说明）写入这个 XLSX 文件
        #[arg(long, value_name = "FAILED.xlsx")]
        skip_invalid: Option<PathBuf>,
        /// 记录所属的组织（名称或标识；默认：唯一不隶属于其他组织的组织；导入人员时不需要）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 替换已存在的错误行文件（--skip-invalid 的文件）
        #[arg(long)]
        force: bool,
    },
    /// 添加一条带徒记录（供脚本录入）：日期、学时、带教内容，可指定培养计划的阶段；任何一项有误时退出码为 2，不写入任何内容
    Log {
        /// 带徒关系的记录标识
        #[arg(long, value_name = "ID")]
        apprenticeship: Option<String>,
        /// 日期，如 2025-03-01（应在带徒起止日期之内）
        #[arg(long, value_name = "D")]
        date: Option<String>,
        /// 学时：大于 0，同一带徒关系一天合计不超过 24
        #[arg(long, value_name = "H")]
        hours: Option<String>,
        /// 带教内容
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// 培养计划的阶段序号
        #[arg(long, value_name = "N")]
        stage: Option<String>,
    },
    /// 把文件（PDF、JPEG、PNG 或办公文档，每个不超过 20 MB）作为佐证材料附加到一条记录上；文件保存在数据库中，相同内容只保存一份；任何一项有误时退出码为 2，不写入任何内容
    Attach {
        /// 要附加文件的记录的标识（任何登记簿的记录均可）
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// 要附加的文件
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// 附件的说明（可选）
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// 列出附件：文件名、大小、所属记录、附加时间，以及附件总数和总大小
    Attachments {
        /// 只列出这条记录的附件
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// 以 JSON 输出（含每个文件的 SHA-256）
        #[arg(long)]
        json: bool,
    },
    /// 导出一个登记簿为 XLSX 或 CSV（按 --out 的扩展名）；身份证号和电话默认打码
    Export {
        /// people、organisations、qualifications、packages、cohorts、enrolments、facilities、facility-occupations、capacity、services、apprenticeships、achievements、teachers、teacher-trainings、competitions、awards、funds
        #[arg(long, value_name = "KIND", value_parser = sheets::parse_export_kind)]
        kind: crate::sheets::export::ExportKind,
        /// 导出文件：以 .xlsx 或 .csv 结尾（CSV 为带 BOM 的 UTF-8，Excel 可直接打开）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 包含完整身份证号和电话（仅限本单位内部使用）
        #[arg(long)]
        full: bool,
        /// 只导出这个组织的记录（名称或标识；默认全部）
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 写出导入模板（XLSX：表头、下拉列表、代码表和填写说明，不含任何数据）
    Template {
        /// people、enrolments、services、apprenticeships、teachers、apprentice-log
        #[arg(long, value_name = "KIND", value_parser = sheets::parse_import_kind)]
        kind: crate::sheets::columns::ImportKind,
        /// 模板文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 数据包：生成（交给基地、盟市或自治区）和导入（先预览，备份后合并）
    Package {
        #[command(subcommand)]
        action: packages::PackageCommand,
    },
    /// 全区汇总：把各单位的完整数据包载入汇总库（再次载入同一单位会替换它上次的数据），列出各单位指标
    Consolidate {
        /// 数据包文件（一个或多个）
        #[arg(value_name = "PKG", required = true)]
        packages: Vec<PathBuf>,
        /// 指标表的年度（默认：上一年）
        #[arg(long)]
        year: Option<i32>,
        /// 口令所在的文件（第一行）；不给时读环境变量 SKILLBASE_PASSPHRASE
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// 生成全区汇总表：在 DIR 中写入 region-return.pdf、region-return.json、region-return.xlsx
    RegionReturn {
        /// 年度，例如 2025
        #[arg(long)]
        year: i32,
        /// 输出文件夹（不存在时建立）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 替换已存在的同名文件（数据库本身、它的日志和锁文件、备份文件夹始终不会被写入）
        #[arg(long)]
        force: bool,
    },
    /// 运行性能基准，结果写入标准输出
    Bench {
        /// 要运行的场景（默认全部）：region-demo、people-search、annual-return、return-vs-office、first-frame、app、import、consolidate
        #[arg(long)]
        scenario: Option<String>,
        /// 临时文件放在这个文件夹（默认系统临时目录）
        #[arg(long, value_name = "DIR")]
        work_dir: Option<PathBuf>,
    },
}

/// The language chosen for this run, known before clap parses (its value parsers and
/// help are in that language too).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn parse_profile(s: &str) -> Result<crate::demo::Profile, String> {
    let lang = LANG.get().copied().unwrap_or_default();
    let choices: Vec<&str> = crate::demo::Profile::ALL.iter().map(|p| p.code()).collect();
    s.parse().map_err(|bad| match lang {
        Lang::Zh => format!("未知的演示配置 “{bad}”，可选：{}", choices.join("、")),
        Lang::En => format!(
            "unknown demo profile \"{bad}\"; choose one of {}",
            choices.join(", ")
        ),
    })
}

/// English help for `--lang en`.
fn english(cmd: clap::Command) -> clap::Command {
    packages::english(cmd).about("SkillBase: registers and annual returns for high-skill talent training bases and skill master studios")
        .mut_arg("db", |a| a.help("Database file (default: in this user's data directory)"))
        .mut_arg("lang", |a| a.help("Message language: zh (Chinese, default) or en"))
        .mut_subcommand("init", |c| {
            c.about("Make a new database with this organisation (checked as the window's first-run form checks it); an existing file is refused; on any bad value exit 2 with no file made")
                .mut_arg("name", |a| a.help("The organisation's name (required)"))
                .mut_arg("kind", |a| a.help("Its kind (required): training-base (high-skill talent training base) or master-studio (skill master studio)"))
                .mut_arg("tier", |a| a.help("Its tier (required): national, region (autonomous region level) or league (league or city level)"))
                .mut_arg("credit_code", |a| a.help("The unified social credit code (required, 18 characters)"))
                .mut_arg("division", |a| a.help("The division code of where it is (required, a current 6-digit Inner Mongolia code, e.g. 150203)"))
                .mut_arg("host", |a| a.help("The name of the host unit"))
        })
        .mut_subcommand("open", |c| {
            c.about("Open the window; with a data package (.sbpkg), on the Data exchange screen, ready to preview its import once the passphrase is typed (what double-clicking a package does)")
                .mut_arg("file", |a| a.help("The data package to import (.sbpkg)"))
        })
        .mut_subcommand("demo", |c| {
            c.about("Write demo data (into an empty database)")
                .mut_arg("seed", |a| a.help("Random seed: the same seed gives the same data"))
        })
        .mut_subcommand("indicators", |c| {
            c.about("List the indicator sets and which is in force for each year, kind and tier")
                .mut_arg("json", |a| a.help("Print JSON"))
        })
        .mut_subcommand("info", |c| {
            c.about("Show record counts per register and the schema version")
                .mut_arg("json", |a| a.help("Print JSON"))
        })
        .mut_subcommand("check", |c| {
            c.about("Check one year's records: list errors and warnings; exit 2 when there are errors")
                .mut_arg("year", |a| a.help("The year, e.g. 2025"))
                .mut_arg("org", |a| a.help("The organisation's name or id (default: every organisation in the database)"))
                .mut_arg("json", |a| a.help("Print JSON"))
        })
        .mut_subcommand("return", |c| {
            c.about("Make the annual return: writes return.pdf, return.json and return.xlsx into DIR")
                .mut_arg("year", |a| a.help("The year, e.g. 2025"))
                .mut_arg("org", |a| a.help("The organisation's name or id (default: the only one not hosted by another)"))
                .mut_arg("out", |a| a.help("Output folder (created if missing)"))
                .mut_arg("final_return", |a| a.help("Final return (a correction for a year already submitted): refused for a year that has not ended, a year before the organisation's approval, or when the validator finds errors"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("assess", |c| {
            c.about("Make the year's self-assessment sheet: writes assessment.pdf, assessment.json and assessment.xlsx into DIR")
                .mut_arg("year", |a| a.help("The year, e.g. 2025"))
                .mut_arg("org", |a| a.help("The organisation's name or id (default: the only one not hosted by another)"))
                .mut_arg("out", |a| a.help("Output folder (created if missing)"))
                .mut_arg("with_evidence", |a| a.help("Also copy the evidence files into DIR/evidence/"))
                .mut_arg("scheme", |a| a.help("The scoring scheme's key (default: the one for this kind of organisation)"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("submit", |c| {
            c.about("Mark a return as submitted: stores the figures and code of DIR/return.json (refused for a draft, a return with errors, files not made together, or a code already recorded); later edits to that year are listed and the next return is a correction")
                .mut_arg("year", |a| a.help("The year, e.g. 2025"))
                .mut_arg("org", |a| a.help("The organisation's name or id (default: the only one not hosted by another)"))
                .mut_arg("dir", |a| a.help("The folder skillbase return wrote (with return.json)"))
        })
        .mut_subcommand("backup", |c| {
            c.about("Back up the database: by default into the backups folder beside it (the app also backs up by itself)")
                .mut_arg("out", |a| a.help("Write the backup to this file (if it exists, only with --force); default: the backups folder"))
                .mut_arg("list", |a| a.help("Only list the backups there are, take none"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("restore", |c| {
            c.about("Restore from a backup: the current database is backed up first, then replaced by FROM")
                .mut_arg("from", |a| a.help("The backup file (from skillbase backup or one the app took)"))
                .mut_arg("other_database", |a| a.help("Confirm replacing this database with a backup of another database (without it that is refused, naming both)"))
        })
        .mut_subcommand("audit", |c| {
            c.about("Export the audit trail (who, when, on which computer, which record, each field's old and new value)")
                .mut_arg("out", |a| a.help("Write it to this .xlsx file; without it, list the latest changes"))
                .mut_arg("record", |a| a.help("Only this record (its id)"))
                .mut_arg("limit", |a| a.help("How many entries to list on the terminal"))
                .mut_arg("full", |a| a.help("Include full ID and phone numbers (masked by default; for use inside the base only)"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("import", |c| {
            c.about("Import an Excel/CSV roster: every row is checked first (new, update, unchanged, error) and written only when all are valid, after a backup; exit 2 with nothing written when any row is invalid")
                .mut_arg("kind", |a| a.help("What to import: people (with their latest certificate), enrolments (trainees), services (public training), apprenticeships, teachers, apprentice-log (entries of the studio master's log)"))
                .mut_arg("file", |a| a.help("The file: .xlsx, .xls or .csv (UTF-8 or GBK)"))
                .mut_arg("dry_run", |a| a.help("Only check and list every row's result; write nothing"))
                .mut_arg("skip_invalid", |a| a.help("Import only the valid rows; write the rejected rows (with the reasons) to this XLSX file"))
                .mut_arg("org", |a| a.help("The organisation the records belong to (name or id; default: the only one not hosted by another; not needed for people)"))
                .mut_arg("force", |a| a.help("Replace the rejected rows' file (--skip-invalid) if it exists"))
        })
        .mut_subcommand("log", |c| {
            c.about("Add an entry to an apprenticeship's log (for scripts): date, hours, what was taught, optionally the plan's stage; on any bad value exit 2 with nothing written")
                .mut_arg("apprenticeship", |a| a.help("The apprenticeship's record id"))
                .mut_arg("date", |a| a.help("The date, e.g. 2025-03-01 (within the apprenticeship's dates)"))
                .mut_arg("hours", |a| a.help("Hours: more than 0, and at most 24 a day for one apprenticeship"))
                .mut_arg("text", |a| a.help("What was taught or practised"))
                .mut_arg("stage", |a| a.help("The stage number of the apprenticeship's plan"))
        })
        .mut_subcommand("attach", |c| {
            c.about("Attach a file (PDF, JPEG, PNG or an office document, up to 20 MB) to a record as evidence; the file is kept inside the database, the same content once; on any bad input exit 2 with nothing written")
                .mut_arg("record", |a| a.help("The id of the record to attach it to (a record of any register)"))
                .mut_arg("file", |a| a.help("The file to attach"))
                .mut_arg("note", |a| a.help("A note kept with the attachment (optional)"))
        })
        .mut_subcommand("attachments", |c| {
            c.about("List attachments: file name, size, the record, when attached, and the number and total size of attachments")
                .mut_arg("record", |a| a.help("Only this record's attachments"))
                .mut_arg("json", |a| a.help("Print JSON (with each file's SHA-256)"))
        })
        .mut_subcommand("export", |c| {
            c.about("Export a register to XLSX or CSV (by --out's extension); ID and phone numbers are masked unless --full")
                .mut_arg("out", |a| a.help("The file: ends in .xlsx or .csv (CSV is UTF-8 with a BOM, which Excel opens directly)"))
                .mut_arg("full", |a| a.help("Include full ID numbers and phone numbers (for internal use only)"))
                .mut_arg("org", |a| a.help("Only this organisation's records (name or id; default: all)"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("template", |c| {
            c.about("Write an import template (XLSX: headers, drop-down lists, code tables and instructions; no data)")
                .mut_arg("out", |a| a.help("The template file (.xlsx)"))
                .mut_arg("force", |a| a.help(packages::FORCE_HELP))
        })
        .mut_subcommand("bench", |c| {
            c.about("Run performance benchmarks and print the figures")
                .mut_arg("scenario", |a| a.help("Scenario to run (default: all): region-demo, people-search, annual-return, return-vs-office, first-frame, app, import, consolidate"))
                .mut_arg("work_dir", |a| a.help("Folder for temporary files (default: the system temp folder)"))
        })
}

/// Where commands print: stdout through [`crate::i18n::shown::SafeWriter`], so no value
/// from a record, a spreadsheet or a package reaches the terminal as a control sequence
/// (ESC, BEL…); line breaks are kept.
pub fn stdout() -> crate::i18n::shown::SafeWriter<std::io::StdoutLock<'static>> {
    crate::i18n::shown::SafeWriter::new(std::io::stdout().lock())
}

/// An error message on stderr, through the same filter as [`stdout`].
fn report(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(
        crate::i18n::shown::SafeWriter::new(std::io::stderr().lock()),
        "{message}"
    );
}

/// A field the record's rules refused, as the command line names it: the flag it was
/// given with, the field's label and the problem, worded by `say`.
pub(crate) fn refused_flag(
    issue: &crate::domain::FieldIssue,
    flag: &str,
    say: fn(&str, &str, &str) -> String,
    lang: Lang,
) -> String {
    let table = issue.kind.code();
    let problem = match lang {
        Lang::Zh => crate::i18n::zh::problems::problem(&issue.problem, table),
        Lang::En => crate::i18n::en::problems::problem(&issue.problem, table),
    };
    say(flag, crate::i18n::field_label(table, issue.field, lang), &problem)
}

/// What a command returns.
pub(crate) type Outcome = Result<(), Failure>;

/// The command line's own words in `lang`.
pub(crate) fn text(lang: Lang) -> &'static crate::i18n::CliText {
    match lang {
        Lang::Zh => &crate::i18n::zh::cli::TEXT,
        Lang::En => &crate::i18n::en::cli::TEXT,
    }
}

/// A failure of a command, with the exit code it deserves.
#[derive(Debug)]
pub enum Failure {
    /// Bad input or validation errors: exit 2, nothing written.
    BadInput(String),
    /// Anything else: exit 1.
    Other(String),
    /// Validation errors already printed with the result: exit 2 with nothing more said.
    Silent,
}

impl Failure {
    pub fn from_store(e: crate::store::StoreError, lang: Lang) -> Failure {
        if e.is_bad_input() {
            Failure::BadInput(e.localize(lang))
        } else {
            Failure::Other(e.localize(lang))
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::detect(lang_flag(&raw).as_deref());
    let _ = LANG.set(lang);
    let mut command = Cli::command();
    if lang == Lang::En {
        command = english(command);
    }
    let matches = match command.clone().try_get_matches_from(&raw) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    // No command: the desktop app, on `--db` or the default database.
    let command = cli.command.unwrap_or(Command::Open { file: None });
    if !matches!(command, Command::Open { .. }) {
        pipe::end_quietly_on_closed_pipe();
    }
    finish(commands::run(command, cli.db, lang), lang)
}

/// `skillbase` and `skillbase open [FILE.sbpkg]`: the window, on `db` or the default
/// database; with a data package, on the 数据交换 screen ready to preview it. A build
/// without the window (no `gui` feature: a server, a script) says so, and where the
/// commands are.
fn open_window(db: Option<PathBuf>, package: Option<PathBuf>, lang: Lang) -> Result<(), Failure> {
    if let Some(file) = &package
        && !file.is_file()
    {
        return Err(Failure::BadInput((init::text(lang).no_such_package)(file)));
    }
    #[cfg(feature = "gui")]
    {
        let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let launch = crate::app::Launch {
            db,
            lang: lang_flag(&raw).and_then(|l| Lang::parse(&l)),
            package: package.map(|f| std::path::absolute(&f).unwrap_or(f)),
            ..crate::app::Launch::default()
        };
        crate::ui::shell::run(launch).map_err(Failure::Other)
    }
    #[cfg(not(feature = "gui"))]
    {
        let _ = db;
        Err(Failure::Other(text(lang).no_window.to_string()))
    }
}

/// A command's outcome as its exit code, the message (if any) on stderr.
fn finish(outcome: Result<(), Failure>, lang: Lang) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(message)) => {
            report(&prefix(lang, &message));
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            report(&prefix(lang, &message));
            ExitCode::from(1)
        }
        Err(Failure::Silent) => ExitCode::from(2),
    }
}

/// A warning that is not a failure, on stderr: "注意：…" / "note: …".
fn prefix_note(lang: Lang, message: &str) -> String {
    match lang {
        Lang::Zh => format!("注意：{message}"),
        Lang::En => format!("note: {message}"),
    }
}

fn prefix(lang: Lang, message: &str) -> String {
    match lang {
        Lang::Zh => format!("错误：{message}"),
        Lang::En => format!("error: {message}"),
    }
}

/// `--lang X` or `--lang=X`, read before clap so that help itself is in that language.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut iter = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            return iter.next().map(str::to_string);
        }
        if let Some(v) = arg.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed_in_both_languages() {
        Cli::command().debug_assert();
        english(Cli::command()).debug_assert();
        let help = Cli::command().render_long_help().to_string();
        for scenario in crate::bench::SCENARIOS {
            assert!(
                help.contains(scenario)
                    || Cli::command().find_subcommand("bench").is_some_and(|b| b
                        .clone()
                        .render_long_help()
                        .to_string()
                        .contains(scenario)),
                "{scenario}"
            );
        }
    }
}
