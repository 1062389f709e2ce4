//! The command line: `skillbase [--db PATH] [--lang zh|en] COMMAND`.
//!
//! Commands, flags and exit codes are a contract offices script against: 0 success;
//! 2 bad input or validation errors (nothing written); 1 any other failure. Messages go
//! to stderr in the user's language (Chinese unless `--lang en` or `LANG=en*`).

mod commands;
mod exchange;

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
    /// 生成演示数据（写入空数据库）
    Demo {
        /// national-base | region-base | studio | region
        #[arg(long, default_value = "national-base", value_parser = parse_profile)]
        profile: crate::demo::Profile,
        /// 随机种子：相同种子生成相同数据
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
        /// 正式报表：校验有错误时拒绝生成
        #[arg(long = "final")]
        final_return: bool,
    },
    /// 登记已上报：保存 DIR 中 return.json 的数字和校验码；此后对该年度的修改会被列出，再生成的报表为更正版
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
    /// 数据包：生成（交给基地、盟市或自治区）和导入（先预览，备份后合并）
    Package {
        #[command(subcommand)]
        action: exchange::PackageCommand,
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
    },
    /// 运行性能基准，结果写入标准输出
    Bench {
        /// 要运行的场景（默认全部）：region-demo、people-search、annual-return、app、consolidate
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
    exchange::english(cmd).about("SkillBase: registers and annual returns for high-skill talent training bases and skill master studios")
        .mut_arg("db", |a| a.help("Database file (default: in this user's data directory)"))
        .mut_arg("lang", |a| a.help("Message language: zh (Chinese, default) or en"))
        .mut_subcommand("demo", |c| {
            c.about("Write demo data (into an empty database)")
                .mut_arg("seed", |a| a.help("Random seed: the same seed gives the same data"))
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
                .mut_arg("final_return", |a| a.help("Final return: refused when the validator finds errors"))
        })
        .mut_subcommand("submit", |c| {
            c.about("Mark a return as submitted: stores the figures and code of DIR/return.json; later edits to that year are listed and the next return is a correction")
                .mut_arg("year", |a| a.help("The year, e.g. 2025"))
                .mut_arg("org", |a| a.help("The organisation's name or id (default: the only one not hosted by another)"))
                .mut_arg("dir", |a| a.help("The folder skillbase return wrote (with return.json)"))
        })
        .mut_subcommand("bench", |c| {
            c.about("Run performance benchmarks and print the figures")
                .mut_arg("scenario", |a| a.help("Scenario to run (default: all): region-demo, people-search, annual-return, app, consolidate"))
                .mut_arg("work_dir", |a| a.help("Folder for temporary files (default: the system temp folder)"))
        })
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
    let Some(cmd) = cli.command else {
        // No command: the desktop app, on `--db` or the default database.
        let launch = crate::app::Launch {
            db: cli.db,
            lang: lang_flag(&raw).and_then(|l| Lang::parse(&l)),
            ..crate::app::Launch::default()
        };
        return match crate::app::run(launch) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{}", prefix(lang, &message));
                ExitCode::from(1)
            }
        };
    };
    match commands::run(cmd, cli.db, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BadInput(message)) => {
            eprintln!("{}", prefix(lang, &message));
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            eprintln!("{}", prefix(lang, &message));
            ExitCode::from(1)
        }
        Err(Failure::Silent) => ExitCode::from(2),
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
