//! Spreadsheet import and export as offices use them: the roster made the way offices
//! make it (title row, merged two-row header, full-width digits, dates typed as text,
//! trailing spaces, 15-digit ID numbers, a duplicate person, two broken rows), GBK and
//! BOM CSV files, files that are no roster at all, all-or-nothing commits, the rejected
//! rows written back, re-imports, export round trips and masking. Fixtures are built
//! here with rust_xlsxwriter or as plain bytes.

use std::path::{Path, PathBuf};

use crate::common::{people, skillbase};
use calamine::Reader;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use skillbase::domain::identity::citizen_id_check_char;
use skillbase::domain::person::Person;
use skillbase::domain::training::Qualification;
use skillbase::i18n::Lang;
use skillbase::progress::Silent;
use skillbase::sheets::columns::ImportKind;
use skillbase::sheets::import::{self, RowStatus, Source};
use skillbase::store::{Scope, Store};

/// A citizen ID number with its check character.
fn id(body17: &str) -> String {
    format!("{body17}{}", citizen_id_check_char(body17).unwrap())
}

/// A body whose check character is X (to type it as a lower-case x).
fn id_ending_in_x() -> String {
    (100..999)
        .map(|seq| format!("15010219870909{seq}"))
        .find(|b| citizen_id_check_char(b) == Some('X'))
        .map(|b| format!("{b}x"))
        .unwrap()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

const ZHANG: &str = "15010219900307123";
const WANG: &str = "15020319880512101";
const ZHAO_BAD: &str = "15010219920101123";
const QIAN: &str = "15010219950606202";

/// The roster as an office makes it.
fn ugly_roster() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 9, "2025年包头焊工培训学员花名册", &plain)
        .unwrap();
    for (c, h) in ["序号", "姓名", "身份证号", "性别", "民族", "文化程度"]
        .iter()
        .enumerate()
    {
        sheet.merge_range(1, c as u16, 2, c as u16, h, &plain).unwrap();
    }
    sheet.merge_range(1, 6, 1, 8, "证书信息", &plain).unwrap();
    for (c, h) in ["职业", "等级", "发证日期"].iter().enumerate() {
        sheet.write_string(2, 6 + c as u16, *h).unwrap();
    }
    sheet.merge_range(1, 9, 2, 9, "联系电话", &plain).unwrap();
    let zhao_bad = format!(
        "{ZHAO_BAD}{}",
        if citizen_id_check_char(ZHAO_BAD) == Some('5') {
            '6'
        } else {
            '5'
        }
    );
    let rows: Vec<[String; 10]> = vec![
        // Row 4: full-width digits, trailing spaces, 民族 without 族, a date typed as text.
        [
            "1",
            "张三 ",
            &full_width(&id(ZHANG)),
            "男",
            "蒙古",
            "大专",
            "焊工",
            "三级/高级工",
            "2023年5月1日",
            "13812345678 ",
        ]
        .map(String::from),
        // Row 5: a 15-digit ID number (female: last digit even); a two-character name padded
        // to line up with three-character ones.
        [
            "2",
            "李\u{3000}四",
            "150102850615034",
            "女",
            "汉族",
            "高中",
            "焊工",
            "高级工",
            "2023.5.1",
            "",
        ]
        .map(String::from),
        // Row 6: grade as a number, date as 20230501.
        [
            "3",
            "王五",
            &id(WANG),
            "男",
            "汉",
            "本科",
            "电工",
            "3",
            "20230501",
            "13900001111",
        ]
        .map(String::from),
        // Row 7: 张三 again.
        [
            "4",
            "张三",
            &id(ZHANG),
            "男",
            "蒙古族",
            "大专",
            "焊工",
            "三级",
            "2023-5-1",
            "",
        ]
        .map(String::from),
        // Row 8: a broken ID number.
        [
            "5", "赵六", &zhao_bad, "男", "汉族", "初中", "焊工", "四级", "2023/5/1", "",
        ]
        .map(String::from),
        // Row 9: a grade that is none, a date that does not exist, and the everyday name
        // of a trade the classification splits into several occupations.
        [
            "6",
            "钱七",
            &id(QIAN),
            "女",
            "汉族",
            "高中",
            "钳工",
            "九级",
            "2023-02-30",
            "",
        ]
        .map(String::from),
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(3 + r as u32, c as u16, v).unwrap();
            }
        }
    }
    // Row 10 empty. Row 11: an ID ending in a lower-case x, a real date cell.
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, v) in [
        "7",
        "孙八",
        &id_ending_in_x(),
        "女",
        "回族",
        "中专",
        "焊工",
        "技师",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(10, c as u16, *v).unwrap();
    }
    sheet
        .write_datetime_with_format(10, 8, ExcelDateTime::from_ymd(2024, 6, 30).unwrap(), &date)
        .unwrap();
    book.save_to_buffer().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// An empty database file (with our schema) in `dir`.
fn empty_db(dir: &Path) -> PathBuf {
    let p = dir.join("base.sqlite");
    drop(Store::open(&p).unwrap());
    p
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = skillbase(args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `skillbase import --kind people FILE --dry-run` on `db`.
fn dry_run_people(db: &Path, file: &Path) -> (i32, String, String) {
    run(&["import", "--db", s(db), "--kind", "people", s(file), "--dry-run"])
}

#[test]
fn the_ugly_roster_dry_runs_with_every_broken_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let file = write(dir.path(), "花名册.xlsx", &ugly_roster());
    let (code, out, _) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&file),
        "--dry-run",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("工作表“花名册”，表头在第 3 行"), "{out}");
    assert!(out.contains("第 4 行（张三 150102********"), "{out}");
    assert!(out.contains("与第 4 行重复"), "row 7 names row 4: {out}");
    let line = |n: usize| {
        out.lines()
            .skip_while(|l| !l.starts_with(&format!("第 {n} 行")))
            .take_while(|l| l.starts_with(&format!("第 {n} 行")) || l.starts_with("    "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        line(8).contains("错误") && line(8).contains("列“身份证号”"),
        "{}",
        line(8)
    );
    assert!(
        line(9).contains("列“等级”的值“九级”：应为技能等级"),
        "{}",
        line(9)
    );
    assert!(
        line(9).contains("列“发证日期”的值“2023-02-30”：应为日期"),
        "{}",
        line(9)
    );
    assert!(
        line(9).contains("列“职业”的值“钳工”")
            && line(9).contains("名称相近的职业：工具钳工 6-18-04-06、装配钳工 6-20-01-01"),
        "{}",
        line(9)
    );
    for ok in [4, 5, 6, 11] {
        assert!(line(ok).contains("新增"), "row {ok}: {}", line(ok));
    }
    assert!(!out.contains("第 10 行"), "the empty row is ignored: {out}");
    assert!(out.contains("共 7 行：新增 4，更新 0，无变化 0，错误 3"), "{out}");
    assert!(people(&db).is_empty(), "a dry run writes nothing");
}

#[test]
fn the_ugly_roster_is_all_or_nothing_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let file = write(dir.path(), "花名册.xlsx", &ugly_roster());
    let (code, _, err) = run(&["import", "--db", s(&db), "--kind", "people", s(&file)]);
    assert_eq!(code, 2);
    assert!(err.contains("有 3 行有错误，没有导入任何记录"), "{err}");
    assert!(people(&db).is_empty());
    assert!(Store::open(&db).unwrap().import_history(10).unwrap().is_empty());
}

#[test]
fn skip_invalid_imports_the_rest_and_writes_the_rejected_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let file = write(dir.path(), "花名册.xlsx", &ugly_roster());
    let failed = dir.path().join("错误行.xlsx");
    let (code, out, err) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&file),
        "--skip-invalid",
        s(&failed),
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("已导入 花名册.xlsx：新增 4 条"), "{out}");
    assert!(out.contains("导入前已备份数据库"), "{out}");
    assert!(std::fs::read_dir(dir.path().join("backups")).unwrap().count() >= 1);

    let stored = people(&db);
    assert_eq!(stored.len(), 4);
    let zhang = stored.iter().find(|p| p.name == "张三").unwrap();
    assert_eq!(zhang.doc_number, id(ZHANG), "full-width digits made half-width");
    assert_eq!(zhang.ethnicity.as_deref(), Some("02"), "蒙古 is 蒙古族");
    assert_eq!(zhang.education.as_deref(), Some("31"));
    assert_eq!(
        zhang.phone.as_deref(),
        Some("13812345678"),
        "trailing space trimmed"
    );
    let li = stored.iter().find(|p| p.name == "李四").unwrap();
    assert_eq!(li.doc_number.len(), 18, "15-digit number upgraded");
    assert!(li.doc_number.starts_with("15010219850615034"));
    let sun = stored.iter().find(|p| p.name == "孙八").unwrap();
    assert!(sun.doc_number.ends_with('X'), "lower-case x upper-cased");

    let store = Store::open(&db).unwrap();
    let quals = store.list::<Qualification>(&Scope::default()).unwrap();
    assert_eq!(quals.len(), 4);
    assert!(
        quals
            .iter()
            .any(|q| q.record.issued_on == crate::common::d(2023, 5, 1)
                && q.record.grade == skillbase::domain::grade::SkillGrade::Senior)
    );
    assert!(
        quals
            .iter()
            .any(|q| q.record.issued_on == crate::common::d(2024, 6, 30)),
        "a real date cell"
    );
    let history = store.import_history(10).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].summary.rejected, 3);
    // The file's own bytes: a roster built again would carry another creation time.
    assert_eq!(
        history[0].summary.sha256,
        import::sha256_hex(&std::fs::read(&file).unwrap())
    );
    let audit = store.audit_recent(1).unwrap();
    assert_eq!(audit[0].action, "import");
    assert_eq!(audit[0].changes["file_name"], "花名册.xlsx");

    // The rejected rows, read back: the file's header, the cells, the reasons.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&failed).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 4, "header and three rejected rows");
    assert_eq!(rows[0][1], "姓名");
    assert_eq!(rows[0][10], "错误说明");
    assert_eq!(rows[1][1], "张三");
    assert!(rows[1][10].contains("与第 4 行重复"), "{}", rows[1][10]);
    assert!(rows[3][10].contains("九级"), "{}", rows[3][10]);
    assert_eq!(rows[3][11], "9", "the original row number");
    // The file can be fixed and imported: its header is recognised.
    let (code, out, _) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&failed),
        "--dry-run",
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("错误说明 → （不导入）"), "{out}");
    assert!(out.contains("共 3 行"), "{out}");
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let file = write(dir.path(), "花名册.xlsx", &ugly_roster());
    let failed = dir.path().join("failed.xlsx");
    let args = [
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&file),
        "--skip-invalid",
        s(&failed),
    ];
    assert_eq!(run(&args).0, 0);
    // The rejected rows' file is there now: replacing it needs --force.
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    let mut again = args.to_vec();
    again.push("--force");
    let (code, out, _) = run(&again);
    assert_eq!(code, 0);
    assert!(out.contains("新增 0，更新 0，无变化 4，错误 3"), "{out}");
    assert!(
        out.contains("已于"),
        "the history says it was imported before: {out}"
    );
    assert_eq!(people(&db).len(), 4);
}

#[test]
fn a_gbk_csv_imports_with_correct_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let csv = format!(
        "姓名,公民身份号码,性别,民族,学历,工种,技能等级,取证日期\r\n巴特尔,{},男,蒙古族,大学本科,车工,二级/技师,2022-09-01\r\n",
        id(WANG)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let file = write(dir.path(), "名单.csv", &gbk);
    let (code, out, err) = run(&["import", "--db", s(&db), "--kind", "people", s(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    let p = &people(&db)[0];
    assert_eq!(p.name, "巴特尔");
    assert_eq!(p.ethnicity.as_deref(), Some("02"));
    assert_eq!(p.education.as_deref(), Some("21"));
}

#[test]
fn a_utf8_csv_with_a_bom_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(format!("证件号码,姓名\n{},乌兰\n", id(QIAN)).as_bytes());
    let file = write(dir.path(), "名单.csv", &bytes);
    assert_eq!(
        run(&["import", "--db", s(&db), "--kind", "people", s(&file)]).0,
        0
    );
    assert_eq!(people(&db)[0].name, "乌兰");
}

#[test]
fn files_that_are_no_roster_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend(vec![0u8; 1024]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let services =
        "日期,服务对象单位,对象类型,服务人次,学时,服务内容\n2025-03-01,包钢集团,企业,40,8,焊接实训\n";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("加密.xlsx", encrypted, "设置了打开密码"),
        (
            "照片.xlsx",
            vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
            "不是电子表格",
        ),
        ("空.csv", Vec::new(), "是空的"),
        (
            "无表头.csv",
            "a,b,c\n1,2,3\n".as_bytes().to_vec(),
            "找不到“人员（含最新证书）”的表头",
        ),
        ("服务.csv", services.as_bytes().to_vec(), "看起来是“公共实训服务”"),
    ];
    for (name, bytes, expected) in cases {
        let file = write(dir.path(), name, &bytes);
        let before = std::fs::read(&db).unwrap();
        let (code, _, err) = run(&["import", "--db", s(&db), "--kind", "people", s(&file)]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(err.contains(name), "the message names the file: {err}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name}: nothing written");
    }
}

#[test]
fn a_failing_commit_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let mut store = Store::open(&db).unwrap();
    let csv = format!(
        "姓名,身份证号\n甲,{}\n乙,{}\n丙,{}\n",
        id(ZHANG),
        id(WANG),
        id(QIAN)
    );
    let source = Source::from_bytes("名单.csv", csv.as_bytes()).unwrap();
    let mapping = import::prepare(&store, &source, ImportKind::People).unwrap();
    let plan = import::dry_run(
        &store,
        &source,
        ImportKind::People,
        &mapping,
        None,
        Lang::Zh,
        &Silent,
    )
    .unwrap();
    assert!(plan.rows.iter().all(|r| r.status == RowStatus::New));
    // Someone registers 丙 after the check and before the commit: the commit fails at
    // its third row, and the first two are not left behind.
    let today = store.today();
    store
        .insert(Person::from_citizen_id("丙", &id(QIAN), today).unwrap())
        .unwrap();
    let result = import::commit(&mut store, &plan, false, Lang::Zh, &Silent);
    assert!(result.is_err());
    let names: Vec<String> = store
        .list::<Person>(&Scope::default())
        .unwrap()
        .into_iter()
        .map(|p| p.record.name)
        .collect();
    assert_eq!(names, ["丙"]);
    assert!(store.import_history(10).unwrap().is_empty());
}

#[test]
fn a_corrected_mapping_is_remembered_for_the_same_layout() {
    let mut store = Store::open_in_memory().unwrap();
    // "代号" is no header the importer knows; the user says it is the ID number.
    let csv = format!("姓名,代号,单位\n甲,{},包钢\n", id(ZHANG));
    let source = Source::from_bytes("a.csv", csv.as_bytes()).unwrap();
    let mut mapping = import::prepare(&store, &source, ImportKind::People).unwrap();
    assert_eq!(mapping.missing(ImportKind::People), ["doc_number"]);
    assert!(matches!(
        import::dry_run(
            &store,
            &source,
            ImportKind::People,
            &mapping,
            None,
            Lang::Zh,
            &Silent
        ),
        Err(import::ImportError::MissingColumns(_))
    ));
    mapping.set(1, Some("doc_number".into()));
    import::remember(&mut store, ImportKind::People, &mapping).unwrap();
    // Next month's file of the same layout gets the same mapping.
    let csv2 = format!("姓名,代号,单位\n乙,{},包钢\n", id(WANG));
    let source2 = Source::from_bytes("b.csv", csv2.as_bytes()).unwrap();
    let again = import::prepare(&store, &source2, ImportKind::People).unwrap();
    assert_eq!(again.fields[1].as_deref(), Some("doc_number"));
    let plan = import::dry_run(
        &store,
        &source2,
        ImportKind::People,
        &again,
        None,
        Lang::Zh,
        &Silent,
    )
    .unwrap();
    assert_eq!(plan.rows[0].status, RowStatus::New);
}

#[test]
fn an_export_imports_back_unchanged_and_masks_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.sqlite");
    assert_eq!(run(&["demo", "--db", s(&db), "--profile", "studio"]).0, 0);
    let full = dir.path().join("人员.xlsx");
    let (code, out, _) = run(&[
        "export",
        "--db",
        s(&db),
        "--kind",
        "people",
        "--out",
        s(&full),
        "--full",
    ]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&full),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}");
    let total = people(&db).len();
    assert!(
        out.contains(&format!("新增 0，更新 0，无变化 {total}，错误 0")),
        "{out}"
    );

    let masked = dir.path().join("人员.csv");
    assert_eq!(
        run(&["export", "--db", s(&db), "--kind", "people", "--out", s(&masked)]).0,
        0
    );
    let text = std::fs::read(&masked).unwrap();
    assert!(text.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(text).unwrap();
    let someone = &people(&db)[0];
    assert!(!text.contains(&someone.doc_number), "no full ID number");
    assert!(text.contains(&skillbase::domain::identity::mask_document_number(
        &someone.doc_number
    )));
    if let Some(phone) = &someone.phone {
        assert!(!text.contains(phone.as_str()));
        assert!(text.contains(&skillbase::domain::identity::mask_phone(phone)));
    }
    for kind in [
        "services",
        "apprenticeships",
        "teachers",
        "enrolments",
        "funds",
        "organisations",
    ] {
        let out = dir.path().join(format!("{kind}.xlsx"));
        let (code, stdout, err) = run(&["export", "--db", s(&db), "--kind", kind, "--out", s(&out)]);
        assert_eq!(code, 0, "{kind}: {stdout}{err}");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert!(
            book.worksheet_range_at(0).unwrap().unwrap().height() >= 1,
            "{kind}"
        );
    }
    let (code, _, err) = run(&["export", "--db", s(&db), "--kind", "people", "--out", "x.pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains(".xlsx 或 .csv"), "{err}");
}

#[test]
fn the_other_rosters_import_against_the_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.sqlite");
    assert_eq!(run(&["demo", "--db", s(&db), "--profile", "studio"]).0, 0);
    let master = people(&db)[0].doc_number.clone();
    let csv = format!(
        "师傅姓名,师傅身份证号,徒弟姓名,徒弟身份证号,职业,带徒协议日期,开始日期,带徒前等级\n\
         ,{master},新徒弟,{},焊工,2025-02-20,2025-03-01,四级\n",
        id(WANG)
    );
    let file = write(dir.path(), "带徒.csv", csv.as_bytes());
    let (code, out, err) = run(&["import", "--db", s(&db), "--kind", "apprenticeships", s(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        people(&db).iter().any(|p| p.name == "新徒弟"),
        "the apprentice is registered"
    );

    let services = "日期,服务对象单位,对象类型,服务人次,学时,服务内容\n2025-03-01,包钢集团,企业,40,8,焊接实训\n2025-03-02,包头技师学院,学校,20,4,参观\n";
    let file = write(dir.path(), "服务.csv", services.as_bytes());
    let (code, out, _) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "services",
        s(&file),
        "--dry-run",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains("列“对象类型”的值“学校”：应为以下之一：企业、院校、培训机构、其他"),
        "{out}"
    );
}

#[test]
fn templates_have_headers_code_sheets_and_no_data() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["people", "enrolments", "services", "apprenticeships", "teachers"] {
        let out = dir.path().join(format!("{kind}.xlsx"));
        let (code, stdout, _) = run(&["template", "--kind", kind, "--out", s(&out)]);
        assert_eq!(code, 0, "{stdout}");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert_eq!(book.sheet_names()[0], "填写");
        assert!(book.sheet_names().contains(&"民族".to_string()));
        let range = book.worksheet_range("填写").unwrap();
        assert_eq!(range.height(), 1, "{kind}: headers only");
        // The template's own header is recognised by the importer.
        let source = Source::read(&out).unwrap();
        let k = ImportKind::from_code(kind).unwrap();
        let mapping = skillbase::sheets::columns::detect(&source.book, k).unwrap();
        assert!(mapping.fields.iter().all(Option::is_some), "{kind}: {mapping:?}");
    }
    let (code, _, err) = run(&["template", "--kind", "cats", "--out", "x.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有“cats”这种内容"), "{err}");
}

#[cfg(feature = "gui")]
mod wizard {
    //! The import wizard driven headless, as a base administrator drives it.

    use super::*;
    use crate::common::window::{app_on, click, settle, wait_for_job as wait};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use skillbase::domain::org::{OrgKind, Organisation};

    #[test]
    fn the_wizard_reads_maps_checks_and_imports_only_the_valid_rows() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("base.sqlite");
        Store::open(&db)
            .unwrap()
            .insert(Organisation::new(
                OrgKind::TrainingBase,
                "包头职业技术学院高技能人才培训基地",
            ))
            .unwrap();
        let file = write(dir.path(), "花名册.xlsx", &ugly_roster());
        let mut h = app_on(&db, 900.0);
        h.get_by_role_and_label(Role::Button, "导入").click();
        settle(&mut h);
        h.get_by_role_and_label(Role::TextInput, "文件").focus();
        settle(&mut h);
        h.get_by_role_and_label(Role::TextInput, "文件")
            .type_text(s(&file));
        settle(&mut h);
        click(&mut h, "读取文件");
        wait(&mut h);
        assert!(h.query_by_label_contains("表头在第 3 行，共 7 行数据").is_some());
        let mapping = h.state().screens.import.mapping.clone().unwrap();
        assert_eq!(mapping.header_of("grade"), Some("等级"));

        click(&mut h, "检查（不写入）");
        wait(&mut h);
        assert!(
            h.query_by_label("共 7 行：新增 4，更新 0，无变化 0，错误 3")
                .is_some()
        );
        // "Import all" is refused while rows have errors: clicking it writes nothing.
        click(&mut h, "全部导入");
        wait(&mut h);
        assert!(people(&db).is_empty());
        // Only the errors, then only the valid rows with the rejected ones saved.
        click(&mut h, "只看有错误的行");
        assert!(h.query_by_label_contains("与第 4 行重复").is_some());
        // Row 9's three messages are shown whole, a line each, not cut off at the edge.
        let line = h
            .query_by_label_contains("与第 4 行重复")
            .unwrap()
            .rect()
            .height();
        let messages = h
            .query_by_label_contains("名称相近的职业：工具钳工 6-18-04-06")
            .expect("row 9's messages");
        assert!(messages.rect().height() >= 3.0 * line, "{:?}", messages.rect());
        assert!(messages.rect().max.x <= 1280.0, "{:?}", messages.rect());
        click(&mut h, "只导入无误的行");
        wait(&mut h);
        assert_eq!(people(&db).len(), 4);
        let failed = dir.path().join("花名册-错误行.xlsx");
        assert!(failed.exists(), "the rejected rows beside the file");
        assert!(
            h.query_all_by_label_contains("已导入 花名册.xlsx：新增 4 条")
                .count()
                >= 1
        );
        assert_eq!(Store::open(&db).unwrap().import_history(5).unwrap().len(), 1);
        // A roster imported as 人员 counts nowhere: said so, and the same file can be
        // read as a roster of enrolments.
        h.get_by_label_contains("新增的 4 名人员未加入任何培训班次，不计入年度指标");
        click(&mut h, "按培训学员名单导入此文件");
        wait(&mut h);
        assert_eq!(
            h.state().screens.import.kind,
            skillbase::sheets::columns::ImportKind::Enrolments
        );
        assert!(
            h.state().screens.import.mapping.is_some(),
            "the file is read again"
        );
    }
}

#[test]
fn formulas_stay_text_on_the_way_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let (zhang, wang) = (id(ZHANG), id(WANG));
    let csv = format!(
        "姓名,身份证号,工作单位,备注\n张三,{zhang},＝１＋１,\"=HYPERLINK(\"\"http://x.example\"\",\"\"点我\"\")\"\n王芳,{wang},-2+3,@SUM(1)\n"
    );
    let file = write(dir.path(), "名单.csv", csv.as_bytes());
    let (code, out, err) = run(&["import", "--db", s(&db), "--kind", "people", s(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    let stored = people(&db);
    let zhang_p = stored.iter().find(|p| p.name == "张三").unwrap();
    // Full-width symbols in free text stay as typed: no "=1+1" for a spreadsheet to compute.
    assert_eq!(zhang_p.employer.as_deref(), Some("＝1＋1"));
    assert_eq!(
        zhang_p.notes.as_deref(),
        Some("=HYPERLINK(\"http://x.example\",\"点我\")")
    );

    let exported = dir.path().join("人员.csv");
    let (code, out, err) = run(&[
        "export",
        "--db",
        s(&db),
        "--kind",
        "people",
        "--out",
        s(&exported),
        "--full",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let text = String::from_utf8(std::fs::read(&exported).unwrap()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell Excel would compute: {c}"
        );
    }
    for shown in ["'=HYPERLINK(", "'-2+3", "'@SUM(1)", "＝1＋1"] {
        assert!(cells.iter().any(|c| c.starts_with(shown)), "{shown} in {cells:?}");
    }
    // The apostrophe is taken off again: the export imports back unchanged.
    let (code, out, err) = dry_run_people(&db, &exported);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("新增 0，更新 0，无变化 2，错误 0"), "{out}");
}

#[test]
fn names_refuse_characters_no_name_has_naming_the_character() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let csv = format!(
        "姓名,身份证号\n=HYPERLINK(1),{}\n张\u{202E}三,{}\n巴特尔·那顺,{}\n",
        id(ZHANG),
        id(WANG),
        id(QIAN)
    );
    let file = write(dir.path(), "名单.csv", csv.as_bytes());
    let (code, out, _) = dry_run_people(&db, &file);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("“=”（U+003D）"), "{out}");
    assert!(out.contains("U+202E") && out.contains("改变文字方向"), "{out}");
    assert!(out.contains("第 4 行（巴特尔·那顺"), "{out}");
    assert!(!out.contains('\u{202E}'), "{out}");
}

#[test]
fn messages_show_control_characters_cut_long_values_and_mask_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let bad_check = format!("{ZHANG}{}", if id(ZHANG).ends_with('8') { '9' } else { '8' });
    let long = "王".repeat(10_000);
    // A CSV file holding a control character is no spreadsheet at all; an .xlsx cell can.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, (name, doc)) in [
        ("姓名", "身份证号".to_string()),
        ("王\u{1b}[2J\u{7}芳", id(WANG)),
        (long.as_str(), id(QIAN)),
        ("赵六", bad_check.clone()),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(r as u32, 0, *name).unwrap();
        sheet.write_string(r as u32, 1, doc).unwrap();
    }
    let file = write(dir.path(), "名单.xlsx", &book.save_to_buffer().unwrap());
    let before = std::fs::read(&db).unwrap();
    let out = skillbase(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "people",
        s(&file),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("王[U+001B][2J[U+0007]芳"), "{text}");
    assert!(text.contains("…（共 10000 个字符）"), "{text}");
    assert!(
        text.len() < 20_000,
        "a long value is not echoed whole: {} bytes",
        text.len()
    );
    assert!(!text.contains(&bad_check), "{text}");
    assert!(
        text.contains(&skillbase::domain::identity::mask_document_number(&bad_check)),
        "{text}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// A minimal `.xlsx` written by hand: one sheet with this XML, and a shared-string table
/// when given (for what no spreadsheet program would write).
fn raw_xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut files = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
            ),
        ),
    ];
    if let Some(sst) = shared {
        files.push((
            "xl/sharedStrings.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {sst}</sst>"#
            ),
        ));
    }
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A minimal `.ods` with this `content.xml` body (inside `<office:spreadsheet>`).
fn raw_ods(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

/// A minimal `.xls`: a compound file (512-byte sectors: the allocation table, the
/// directory, then the workbook stream) holding these BIFF records, with `fat` changed
/// by the caller (a chain that loops) and the stream's declared length `len`.
fn raw_xls(records: &[(u16, Vec<u8>)], edit_fat: impl Fn(&mut Vec<u32>), len: Option<u32>) -> Vec<u8> {
    let mut stream = Vec::new();
    for (typ, data) in records {
        stream.extend_from_slice(&typ.to_le_bytes());
        stream.extend_from_slice(&(data.len() as u16).to_le_bytes());
        stream.extend_from_slice(data);
    }
    stream.resize(stream.len().max(4096).next_multiple_of(512), 0);
    let n = stream.len() / 512;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes());
    header[48..52].copy_from_slice(&1u32.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    header[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        header[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }
    let mut fat = vec![0xFFFF_FFFFu32; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = 0xFFFF_FFFE;
    for i in 0..n {
        fat[2 + i] = if i + 1 == n { 0xFFFF_FFFE } else { (3 + i) as u32 };
    }
    edit_fat(&mut fat);
    let mut dir = vec![0u8; 512];
    let entry = |dir: &mut Vec<u8>, at: usize, name: &str, typ: u8, start: u32, size: u32| {
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        dir[at..at + units.len()].copy_from_slice(&units);
        dir[at + 64..at + 66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        dir[at + 66] = typ;
        for sib in [68, 72, 76] {
            dir[at + sib..at + sib + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        dir[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
        dir[at + 120..at + 124].copy_from_slice(&size.to_le_bytes());
    };
    entry(&mut dir, 0, "Root Entry", 5, 0xFFFF_FFFE, 0);
    entry(
        &mut dir,
        128,
        "Workbook",
        2,
        2,
        len.unwrap_or(stream.len() as u32),
    );
    dir[76..80].copy_from_slice(&1u32.to_le_bytes());
    let mut out = header;
    out.extend(fat.iter().flat_map(|x| x.to_le_bytes()));
    out.extend(dir);
    out.extend(stream);
    out
}

#[test]
fn hostile_spreadsheets_are_refused_before_anything_is_allocated() {
    use skillbase::sheets::bounds::TooLarge;
    use skillbase::sheets::sheet::{ReadError, read_bytes};
    // One value in the last cell of a sheet Excel itself can write (rust_xlsxwriter).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let far = book.save_to_buffer().unwrap();
    assert!(matches!(
        read_bytes(&far).unwrap_err(),
        ReadError::TooLarge(TooLarge::Cells { cell, .. }) if cell == "XFD1048576"
    ));

    let long = "长".repeat(40_000);
    type Expected = fn(&ReadError) -> bool;
    let cases: Vec<(&str, Vec<u8>, Expected)> = vec![
        (
            "a shared string longer than a cell holds",
            raw_xlsx(
                r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c></row></sheetData>"#,
                Some(&format!(
                    r#"count="2" uniqueCount="2"><si><t>姓名</t></si><si><t>{long}</t></si>"#
                )),
            ),
            |e| matches!(e, ReadError::TooLarge(TooLarge::Cell { cell, chars: 40_000, .. }) if cell == "B2"),
        ),
        (
            "an inline string longer than a cell holds",
            raw_xlsx(
                &format!(
                    r#"<sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData>"#
                ),
                None,
            ),
            |e| matches!(e, ReadError::TooLarge(TooLarge::Cell { cell, .. }) if cell == "C3"),
        ),
        (
            "a cell beyond the last column",
            raw_xlsx(
                r#"<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>"#,
                None,
            ),
            |e| matches!(e, ReadError::TooLarge(TooLarge::OutOfSheet { cell, .. }) if cell == "XFE1"),
        ),
        (
            "a shared-string table declaring billions of strings",
            raw_xlsx(
                r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#,
                Some(r#"count="4000000000" uniqueCount="4000000000"><si><t>姓名</t></si>"#),
            ),
            |e| matches!(e, ReadError::Damaged(_)),
        ),
        (
            "an .ods repeating one cell over a whole sheet",
            raw_ods(
                r#"<table:table table:name="名单"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
            ),
            |e| matches!(e, ReadError::TooLarge(TooLarge::Cells { .. })),
        ),
        (
            "an .xls declaring a sheet of four billion rows",
            raw_xls(
                &[
                    (0x0809, vec![0, 6, 0x10, 0, 0, 0, 0, 0]),
                    (0x0085, {
                        let mut d = (4096u32 - 1024).to_le_bytes().to_vec();
                        d.extend_from_slice(&[0, 0, 1, 0, b'S']);
                        d
                    }),
                    (0x000A, vec![]),
                ],
                |_| {},
                None,
            ),
            |_| true,
        ),
        (
            "an .xls whose workbook stream loops",
            raw_xls(
                &[(0x0809, vec![0, 6, 0x10, 0, 0, 0, 0, 0])],
                |fat| fat[9] = 2,
                Some(0x7FFF_FFFF),
            ),
            |e| matches!(e, ReadError::Damaged(m) if m.contains("longer than the file") || m.contains("loops")),
        ),
        (
            "an .xls whose directory chain loops",
            raw_xls(
                &[(0x0809, vec![0, 6, 0x10, 0, 0, 0, 0, 0])],
                |fat| fat[1] = 1,
                None,
            ),
            |e| matches!(e, ReadError::Damaged(m) if m.contains("loops")),
        ),
        (
            "a CSV cell longer than a cell holds",
            format!("姓名,备注\n张三,{long}\n").into_bytes(),
            |e| matches!(e, ReadError::TooLarge(TooLarge::Cell { cell, .. }) if cell == "B2"),
        ),
        (
            "a CSV of more lines than a sheet has rows, all blank",
            format!("姓名,身份证号\n{}", "\n".repeat(1_100_000)).into_bytes(),
            |e| matches!(e, ReadError::TooLarge(TooLarge::OutOfSheet { cell, .. }) if cell == "A1048577"),
        ),
        (
            "a CSV line of more columns than a sheet has",
            format!("姓名{}x\n", ",".repeat(20_000)).into_bytes(),
            |e| matches!(e, ReadError::TooLarge(TooLarge::OutOfSheet { .. })),
        ),
    ];
    for (what, bytes, expected) in cases {
        let e = read_bytes(&bytes).unwrap_err();
        assert!(expected(&e), "{what}: {e:?}");
    }

    // A zip whose entry declares 1 GB (what a 1.1 MB file inflating to a 1 GB cell
    // declares) is refused from its directory, before anything is inflated.
    let mut declared = raw_xlsx(r#"<sheetData/>"#, Some(r#"count="0" uniqueCount="0">"#));
    let cd = declared
        .windows(4)
        .rposition(|w| w == b"PK\x01\x02")
        .expect("a central directory entry");
    declared[cd + 24..cd + 28].copy_from_slice(&(1u32 << 30).to_le_bytes());
    assert!(matches!(
        read_bytes(&declared).unwrap_err(),
        ReadError::TooLarge(TooLarge::Inflated { .. })
    ));

    // On the command line: a message naming the cell, exit 2, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let before = std::fs::read(&db).unwrap();
    let file = write(dir.path(), "花名册.xlsx", &far);
    let (code, out, err) = dry_run_people(&db, &file);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("XFD1048576") && err.contains("没有读取"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// The trainees roster an office keeps for what it is scored on: hours attended, the
/// subsidies by kind, the voucher and the destination, under the headers offices write.
#[test]
fn a_trainees_roster_brings_hours_subsidies_vouchers_and_destinations() {
    use skillbase::domain::grade::SkillGrade;
    use skillbase::domain::org::{OrgKind, Organisation};
    use skillbase::domain::training::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    {
        let mut store = Store::open(&db).unwrap();
        let org = store
            .insert(Organisation::new(OrgKind::TrainingBase, "测试基地"))
            .unwrap();
        store
            .insert(Cohort {
                org,
                name: "2025年焊工高级工班".into(),
                package: None,
                programme: Programme::Enterprise10000,
                mode: TrainingMode::PartTime,
                occupation: "6-18-02-04".into(),
                target_grade: SkillGrade::Senior,
                start_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                end_date: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
                facility: None,
                theory_hours: Some(40),
                practice_hours: Some(80),
                surveyed: None,
                satisfied: None,
            })
            .unwrap();
    }
    let csv = format!(
        "姓名,身份证号,培训班次,状态,结业日期,考核结果,出勤学时,培训补贴(元),鉴定评价补贴（元）,生活费补贴,电子培训券号,就业去向,跟踪日期\n\
         王五,{},2025年焊工高级工班,结业,2025-06-30,合格,112.5,\"1,800\",300,,15202506000123,已就业,2025-09-01\n\
         赵六,{},2025年焊工高级工班,结业,2025-06-30,合格,100,1800,,,,跟踪去向不详呀,\n",
        id("15010219900307123"),
        id("15010219910408123")
    );
    let file = write(dir.path(), "学员.csv", csv.as_bytes());
    let (code, out, _) = run(&[
        "import",
        "--db",
        s(&db),
        "--kind",
        "enrolments",
        s(&file),
        "--dry-run",
    ]);
    assert_eq!(code, 2, "an unknown destination is named: {out}");
    assert!(
        out.contains("就业去向") && out.contains("跟踪去向不详呀"),
        "{out}"
    );
    let csv = csv.replace("跟踪去向不详呀", "未跟踪");
    let file = write(dir.path(), "学员.csv", csv.as_bytes());
    let (code, out, err) = run(&["import", "--db", s(&db), "--kind", "enrolments", s(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    let store = Store::open(&db).unwrap();
    let mut enrolments: Vec<Enrolment> = store
        .list::<Enrolment>(&Scope::default())
        .unwrap()
        .into_iter()
        .map(|e| e.record)
        .collect();
    enrolments.sort_by(|a, b| a.attended_hours.partial_cmp(&b.attended_hours).unwrap());
    let wang = &enrolments[1];
    assert_eq!(wang.attended_hours, Some(112.5));
    assert_eq!(wang.training_subsidy.map(|m| m.0), Some(180_000));
    assert_eq!(wang.evaluation_subsidy.map(|m| m.0), Some(30_000));
    assert_eq!(wang.living_subsidy, None);
    assert_eq!(wang.voucher_number.as_deref(), Some("15202506000123"));
    assert_eq!(wang.destination, Some(Destination::Employed));
    assert_eq!(wang.destination_on, chrono::NaiveDate::from_ymd_opt(2025, 9, 1));
    assert_eq!(enrolments[0].destination, Some(Destination::NotTracked));
}

/// A certificate number that does not match its certificate is a warning on its row:
/// the row is still imported, with its evaluation organisation.
#[test]
fn a_mismatching_certificate_number_is_a_warning_and_the_row_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let csv = format!(
        "姓名,身份证号,职业,技能等级,证书类型,证书编号,发证日期,评价机构\n\
         王五,{},焊工,技师,职业技能等级证书,S000015000123253000045,2025-05-01,包头职业技术学院\n",
        id("15010219900307123")
    );
    let file = write(dir.path(), "人员.csv", csv.as_bytes());
    let (code, out, _) = dry_run_people(&db, &file);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("“3”") && out.contains("“2”"),
        "both levels are named: {out}"
    );
    let (code, out, err) = run(&["import", "--db", s(&db), "--kind", "people", s(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    let store = Store::open(&db).unwrap();
    let q: Vec<Qualification> = store
        .list::<Qualification>(&Scope::default())
        .unwrap()
        .into_iter()
        .map(|q| q.record)
        .collect();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].evaluator.as_deref(), Some("包头职业技术学院"));
    assert_eq!(q[0].cert_number.as_deref(), Some("S000015000123253000045"));
}
