//! The desktop app driven headless (egui_kittest: no window, no GPU), as its users drive
//! it: through the screens' buttons and fields, reading what the screens show and what
//! the database holds afterwards.

use std::path::Path;

use crate::common::window::{click, settle};
use crate::common::{d, people, today};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use skillbase::domain::grade::SkillGrade;
use skillbase::domain::org::{OrgKind, Organisation, Tier};
use skillbase::domain::person::Person;
use skillbase::domain::training::{
    Cohort, Enrolment, EnrolmentStatus, Programme, Qualification, TrainingMode,
};
use skillbase::domain::{Id, RecordKind};
use skillbase::i18n::Lang;
use skillbase::store::{Scope, Store};
use skillbase::ui::SkillBaseApp;

/// The app on a database file, in Chinese, judged on the tests' "today".
fn app(db: &Path) -> Harness<'static, SkillBaseApp> {
    crate::common::window::app_on(db, 800.0)
}

/// Waits for background work (dashboard figures, demo data, a return) to finish.
fn wait_for_tasks(h: &mut Harness<'_, SkillBaseApp>) {
    for _ in 0..600 {
        settle(h);
        let s = h.state();
        if s.app.job.is_none() && s.screens.return_idle() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("background work did not finish");
}

fn our_base() -> Organisation {
    Organisation {
        kind: OrgKind::TrainingBase,
        tier: Some(Tier::Region),
        name: "包头职业技术学院高技能人才培训基地".into(),
        credit_code: None,
        division: Some("150203".into()),
        host: None,
        host_unit: None,
        industry: None,
        approval_doc: None,
        approval_year: Some(2020),
        master: None,
        contact_name: None,
        contact_phone: None,
        address: None,
    }
}

/// A database with our base in it.
fn with_base(dir: &Path) -> (std::path::PathBuf, Id<Organisation>) {
    let path = dir.join("base.db");
    let mut store = Store::open(&path).unwrap();
    let org = store.insert(our_base()).unwrap();
    (path, org)
}

fn text_field<'a>(h: &'a Harness<'_, SkillBaseApp>, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// The app with the people screen's New form open.
fn new_person_form(path: &Path) -> Harness<'static, SkillBaseApp> {
    let mut h = app(path);
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    h
}

/// Clicks into a labelled text field and types, as a person would.
fn type_into(h: &mut Harness<'_, SkillBaseApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    settle(h);
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    settle(h);
}

/// Goes to a screen by its button in the navigation bar.
fn go(h: &mut Harness<'_, SkillBaseApp>, screen: &str) {
    h.get_by_role_and_label(Role::Button, screen).click();
    settle(h);
    people_shown(h);
}

/// Opens a record's form as a finding's jump or a link does.
fn open_record(h: &mut Harness<'_, SkillBaseApp>, kind: RecordKind, id: uuid::Uuid) {
    h.state_mut()
        .app
        .commands
        .push(skillbase::app::Command::Open { kind, id });
    settle(h);
}

/// Waits until the people list shows the answer to the current search (it is queried on
/// another thread).
fn people_shown(h: &mut Harness<'_, SkillBaseApp>) {
    for _ in 0..500 {
        settle(h);
        if h.state().screens.people.settled() {
            settle(h);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the people list did not answer");
}

#[test]
fn first_run_offers_our_organisation_or_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut h = app(&path);
    h.get_by_label("欢迎使用技能基地通");
    h.get_by_label_contains("技能大师工作室（一位大师");
    click(&mut h, "创建本单位");
    type_into(&mut h, "单位名称 *", "呼和浩特市技师学院高技能人才培训基地");
    settle(&mut h);
    click(&mut h, "保存");
    let store = Store::open(&path).unwrap();
    let orgs = store.organisations().unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].record.name, "呼和浩特市技师学院高技能人才培训基地");
    // The greeting has made way for the screens.
    h.get_by_label("首页");
    assert!(h.query_by_label("欢迎使用技能基地通").is_none());
}

#[test]
fn a_person_created_through_the_form_is_saved_with_what_the_id_number_says() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    type_into(&mut h, "姓名 *", "乌云其木格");
    type_into(&mut h, "证件号码 *", "150102199003071237");
    settle(&mut h);
    // The number gives the birth date and sex; nobody types them twice.
    assert_eq!(
        text_field(&h, "出生日期 *").value().as_deref(),
        Some("1990-03-07")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    let saved = people(&path);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].name, "乌云其木格");
    assert_eq!(saved[0].birth_date, d(1990, 3, 7));
    assert!(h.state().editor.is_none(), "the form closes after saving");
    h.get_by_label_contains("已保存人员");
}

#[test]
fn an_invalid_id_number_is_shown_next_to_the_field_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    type_into(&mut h, "姓名 *", "张三");
    type_into(&mut h, "证件号码 *", "150102199003071238");
    settle(&mut h);
    click(&mut h, "保存");
    // The number is checked first and its error stands beside it; the birth date it
    // would give is not asked for while the number is there.
    h.get_by_label_contains("身份证号校验位应为 7，现为 8");
    assert_eq!(
        h.state()
            .editor
            .as_ref()
            .unwrap()
            .errors
            .keys()
            .copied()
            .collect::<Vec<_>>(),
        ["doc_number"]
    );
    assert!(h.query_by_label("必填").is_none(), "no field is called required");
    assert!(people(&path).is_empty(), "nothing is written");
    assert!(h.state().editor.is_some(), "the form stays open to be corrected");
}

#[test]
fn a_date_that_is_no_date_is_named_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    type_into(&mut h, "姓名 *", "张三");
    type_into(&mut h, "出生日期 *", "1990-02-30");
    settle(&mut h);
    click(&mut h, "保存");
    h.get_by_label_contains("日期应写作 2025-03-01");
    assert!(people(&path).is_empty());
}

#[test]
fn search_narrows_the_people_table_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    {
        let mut store = Store::open(&path).unwrap();
        for (name, id) in [
            ("张三", "150102199003071237"),
            ("李四", "150102198505051231"),
            ("张伟", "150203199212120017"),
        ] {
            if let Ok(p) = Person::from_citizen_id(name, id, today()) {
                store.insert(p).unwrap();
            }
        }
    }
    let all = people(&path).len();
    assert!(all >= 2, "fixture people were made");
    let mut h = app(&path);
    go(&mut h, "人员");
    assert_eq!(h.state().screens.people.total(), all as u64);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    settle(&mut h);
    let search = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.is_focused())
        .expect("Ctrl+F put the keyboard in the search box");
    search.type_text("张");
    people_shown(&mut h);
    let narrowed = h.state().screens.people.total();
    assert!(narrowed < all as u64 && narrowed >= 1, "{narrowed} of {all}");
    h.get_by_label_contains("共 ");
    assert!(h.query_by_label("李四").is_none(), "李四 no longer shown");
}

#[test]
fn a_person_is_added_to_a_cohort_and_completed_with_their_certificate_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let (path, org) = with_base(dir.path());
    {
        let mut store = Store::open(&path).unwrap();
        store.set_today(today());
        store
            .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
            .unwrap();
        store
            .insert(Cohort {
                theory_hours: None,
                practice_hours: None,
                surveyed: None,
                satisfied: None,
                org,
                name: "2026年焊工高级工培训班".into(),
                package: None,
                programme: Programme::Shortage1000,
                mode: TrainingMode::PartTime,
                occupation: "6-18-02-04".into(),
                target_grade: SkillGrade::Senior,
                start_date: d(2026, 3, 1),
                end_date: d(2026, 6, 30),
                facility: None,
            })
            .unwrap();
    }
    let mut h = app(&path);
    go(&mut h, "培训班次");
    click(&mut h, "2026年焊工高级工培训班");
    h.state_mut().editor = None; // the cohort's form opened beside; not needed here
    settle(&mut h);
    type_into(&mut h, "添加学员：", "张三");
    settle(&mut h);
    // The enrolment date: within the cohort.
    h.state_mut().screens.cohorts.enrol_on = "2026-03-01".into();
    settle(&mut h);
    h.get_by_label_contains("+ 张三").click();
    settle(&mut h);
    let store = Store::open(&path).unwrap();
    let enrolments = store.list::<Enrolment>(&Scope::default()).unwrap();
    assert_eq!(enrolments.len(), 1);
    assert_eq!(enrolments[0].record.status, EnrolmentStatus::Enrolled);
    drop(store);

    // Select the enrolment; the completion step appears under the table.
    h.get_by_label("张三（150102********1237）").click();
    settle(&mut h);
    h.state_mut().editor = None;
    let cohorts = &mut h.state_mut().screens.cohorts;
    let form = cohorts.completing.as_mut().expect("completion step shown");
    form.completed_on = "2026-06-30".into();
    form.cert_number = "S1502031112345678".into();
    form.issued_on = "2026-07-15".into();
    settle(&mut h);
    click(&mut h, "登记结业");
    let store = Store::open(&path).unwrap();
    let e = &store.list::<Enrolment>(&Scope::default()).unwrap()[0];
    assert_eq!(e.record.status, EnrolmentStatus::Completed);
    assert_eq!(e.record.completed_on, Some(d(2026, 6, 30)));
    let q = store.list::<Qualification>(&Scope::default()).unwrap();
    assert_eq!(q.len(), 1, "the certificate was recorded with the completion");
    assert_eq!(q[0].record.grade, SkillGrade::Senior);
    assert_eq!(q[0].record.cert_number.as_deref(), Some("S1502031112345678"));
    assert_eq!(e.record.qualification, Some(q[0].id));
    h.get_by_label_contains("已登记结业");
}

#[test]
fn a_name_typed_through_an_input_method_lands_in_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    text_field(&h, "姓名 *").focus();
    settle(&mut h);
    // Pinyin being composed: what the input method shows is its own. A shortcut pressed
    // meanwhile (Ctrl+S, Ctrl+N) does nothing: the name is not half-saved, no new form.
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "zhang".into(),
        active_range_chars: None,
    }));
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    settle(&mut h);
    assert!(
        people(&path).is_empty(),
        "Ctrl+S during composition saved nothing"
    );
    assert!(
        h.state()
            .editor
            .as_ref()
            .is_some_and(|e| e.id.is_none() && e.kind == RecordKind::Person)
    );
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "zhang san".into(),
        active_range_chars: None,
    }));
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("张三".into())));
    settle(&mut h);
    assert_eq!(h.state().editor.as_ref().unwrap().values["name"], "张三");
    // A rare name character through the same route.
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("𠮷".into())));
    settle(&mut h);
    assert_eq!(h.state().editor.as_ref().unwrap().values["name"], "张三𠮷");
    // Composition over: Esc is the form's again (and asks, the name being typed).
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().editor.as_ref().unwrap().asking_discard);
}

#[test]
fn every_field_of_every_register_takes_committed_ime_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = app(&path);
    for kind in RecordKind::ALL {
        h.state_mut().app.commands.push(skillbase::app::Command::New {
            kind: *kind,
            preset: serde_json::Value::Null,
        });
        settle(&mut h);
        let n = h.get_all_by_role(Role::TextInput).count();
        for i in 0..n {
            let field = h.get_all_by_role(Role::TextInput).nth(i).unwrap();
            let before = field.value().unwrap_or_default();
            field.focus();
            settle(&mut h);
            h.event(egui::Event::Ime(egui::ImeEvent::Commit("蒙".into())));
            settle(&mut h);
            let after = h
                .get_all_by_role(Role::TextInput)
                .nth(i)
                .unwrap()
                .value()
                .unwrap_or_default();
            assert_eq!(after, format!("{before}蒙"), "{kind:?} text field {i}");
        }
        h.state_mut().editor = None;
        settle(&mut h);
    }
}

#[test]
fn switching_to_english_changes_every_screen_name() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = app(&path);
    h.get_by_role_and_label(Role::Button, "人员");
    go(&mut h, "设置");
    click(&mut h, "English");
    for screen in [
        "Home",
        "People",
        "Cohorts",
        "Capacity",
        "Annual return",
        "Settings",
    ] {
        h.get_by_role_and_label(Role::Button, screen);
    }
    assert!(h.query_by_role_and_label(Role::Button, "人员").is_none());
    h.get_by_label("Language");
    assert_eq!(h.state().app.settings.lang, Lang::En);
}

#[test]
fn a_delete_asks_first_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    Store::open(&path)
        .unwrap()
        .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
        .unwrap();
    let mut h = app(&path);
    go(&mut h, "人员");
    click(&mut h, "张三");
    click(&mut h, "编辑");
    click(&mut h, "删除");
    h.get_by_label_contains("确定删除人员“张三");
    assert_eq!(people(&path).len(), 1, "nothing deleted before confirming");
    h.get_all_by_label("删除").last().unwrap().click();
    settle(&mut h);
    assert!(people(&path).is_empty());
    click(&mut h, "撤销");
    assert_eq!(people(&path).len(), 1, "undo brings the person back");
}

#[test]
fn the_window_font_has_every_character_names_use() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let h = app(&path);
    let font = egui::FontId::proportional(14.0);
    for c in "张三乌云其木格𠮷䶮堃喆犇淼".chars() {
        assert!(
            h.ctx.fonts_mut(|f| f.has_glyph(&font, c)),
            "{c} (U+{:04X}) is missing from the window's font",
            c as u32
        );
    }
}

/// A cohort name as long as some are.
const LONG_COHORT: &str =
    "2025年包头市稀土新材料产业高技能人才培训基地电工技师（二级）研修班（第三期，校企合作订单式培养）";

#[test]
fn the_annual_return_screen_lists_findings_that_open_their_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, org) = with_base(dir.path());
    {
        let mut store = Store::open(&path).unwrap();
        store.set_today(today());
        store
            .insert(Cohort {
                theory_hours: None,
                practice_hours: None,
                surveyed: None,
                satisfied: None,
                org,
                name: "2025年电工技师班".into(),
                package: None,
                programme: Programme::Shortage1000,
                mode: TrainingMode::PartTime,
                occupation: "6-31-01-03".into(),
                target_grade: SkillGrade::Technician,
                start_date: d(2025, 3, 1),
                end_date: d(2025, 6, 30),
                facility: None,
            })
            .unwrap();
        store
            .insert(Cohort {
                theory_hours: None,
                practice_hours: None,
                surveyed: None,
                satisfied: None,
                org,
                name: LONG_COHORT.into(),
                package: None,
                programme: Programme::Shortage1000,
                mode: TrainingMode::PartTime,
                occupation: "6-31-01-03".into(),
                target_grade: SkillGrade::Technician,
                start_date: d(2025, 7, 1),
                end_date: d(2025, 9, 30),
                facility: None,
            })
            .unwrap();
    }
    let mut h = app(&path);
    h.state_mut().app.settings.year = Some(2025);
    go(&mut h, "年度报表");
    wait_for_tasks(&mut h);
    // COH01: a cohort with no course package; clicking the finding opens the cohort. The
    // findings are filtered by rule, by register, errors only.
    h.get_by_value("全部规则").click();
    settle(&mut h);
    h.get_by_label_contains("COH01 × 2");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    h.get_by_label_contains("（错误在前）");
    h.get_by_label("只看错误").click();
    settle(&mut h);
    assert!(h.query_by_label("警告").is_none(), "warnings are left out");
    h.get_by_label("只看错误").click();
    settle(&mut h);
    // A record's name too long for its column wraps onto more lines instead of being cut.
    let short = h.get_by_label("2025年电工技师班").rect();
    // (Its Chinese punctuation kept as typed.)
    let long = h.get_by_label(LONG_COHORT).rect();
    assert!(long.height() >= 2.0 * short.height(), "{long:?} beside {short:?}");
    assert!(long.width() <= 260.0, "{long:?} stays in its column");
    h.get_by_label("2025年电工技师班").click();
    settle(&mut h);
    let editor = h.state().editor.as_ref().expect("the finding opened its record");
    assert_eq!(editor.kind, RecordKind::Cohort);
    let opened = editor.id;
    assert_eq!(
        h.state().screens.registers[&(RecordKind::Cohort, "")].selected,
        opened,
        "its row is selected in the register"
    );
    h.state_mut().editor = None;
    go(&mut h, "年度报表");
    // The draft can be saved; the files are the contract's three.
    let out = dir.path().join("out");
    h.state_mut()
        .app
        .commands
        .push(skillbase::app::Command::SaveReturn { dir: out.clone() });
    settle(&mut h);
    for f in ["return.pdf", "return.json", "return.xlsx"] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    // Saved: the PDF can be opened (and printed by its viewer), or its folder.
    settle(&mut h);
    h.get_by_label("打开文件");
    h.get_by_label("打开所在文件夹");
    assert_eq!(
        h.state().app.notes.last().unwrap().file.as_deref(),
        Some(out.join("return.pdf").as_path())
    );
}

#[test]
fn a_second_window_on_a_database_in_use_is_told_so_and_may_open_it_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let _first = Store::open_for_writing(&path, "app").unwrap();
    let mut h = app(&path);
    h.get_by_label("数据库正被另一个程序使用");
    click(&mut h, "以只读方式打开（只能查看）");
    h.get_by_label_contains("只读：另一个技能基地通正在写入这个数据库");
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "张三");
    type_into(&mut h, "证件号码 *", "150102199003071237");
    click(&mut h, "保存");
    assert!(people(&path).is_empty(), "a read-only window writes nothing");
    h.get_by_label_contains("以只读方式打开");
}

#[test]
fn a_backup_taken_on_the_backups_screen_can_be_restored_there() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = app(&path);
    go(&mut h, "备份");
    h.get_by_label_contains("还没有这个数据库的备份");
    click(&mut h, "立即备份");
    crate::common::window::wait_for_safety(&mut h);
    h.get_by_label("手动备份");
    // A person saved after the backup, which the restore takes back.
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "乌云其木格");
    type_into(&mut h, "证件号码 *", "150102199003071237");
    click(&mut h, "保存");
    assert_eq!(people(&path).len(), 1);
    go(&mut h, "备份");
    click(&mut h, "恢复");
    h.get_by_label_contains("当前数据库会先备份");
    h.get_all_by_label("恢复").last().unwrap().click();
    settle(&mut h);
    crate::common::window::wait_for_safety(&mut h);
    h.get_by_label_contains("已恢复到");
    assert!(people(&path).is_empty());
    h.get_by_label("恢复前");
}

/// Waits until the question before a restore has compared the backup with the database.
fn wait_for_comparison(h: &mut Harness<'_, SkillBaseApp>) {
    for _ in 0..500 {
        settle(h);
        if h.query_by_label_contains("正在把这份备份与现在的数据库比较")
            .is_none()
        {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the comparison did not finish");
}

/// Restoring an older backup and then the safety copy back while the people list's
/// reader thread has its connection open: the question names what the backup lacks, the
/// screens hold while the file is replaced, every connection closes around it, and after
/// each restore every screen reads the records restored (before, once, every screen said
/// "disk I/O error" and 人员 showed 0 people until the window was reopened).
#[test]
fn a_restore_and_its_undo_in_the_window_with_the_people_list_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    {
        let mut s = Store::open(&path).unwrap();
        s.set_today(today());
        let zhang = s
            .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
            .unwrap();
        let mut q = Qualification {
            evaluator: None,
            person: zhang,
            occupation: "6-18-02-04".into(),
            work_type: None,
            grade: SkillGrade::Senior,
            cert_type: skillbase::domain::training::CertType::SkillLevel,
            cert_number: None,
            issued_on: d(2020, 5, 10),
            issuer: None,
            enrolment: None,
        };
        let cert = s.insert(q.clone()).unwrap();
        s.backup(
            skillbase::store::BackupReason::Manual,
            &skillbase::progress::Silent,
        )
        .unwrap();
        s.insert(Person::from_citizen_id("乌云其木格", "110101199003074434", today()).unwrap())
            .unwrap();
        q.grade = SkillGrade::Technician;
        s.update(cert, q).unwrap();
    }
    let mut h = app(&path);
    go(&mut h, "人员");
    h.get_by_label_contains("共 2 人");
    go(&mut h, "备份");
    h.get_by_label("手动备份");
    click(&mut h, "恢复");
    wait_for_comparison(&mut h);
    // What the backup lacks, by name with the masked ID number, not by id.
    h.get_by_label_contains("恢复后会失去这份备份之后的下列修改");
    h.get_by_label_contains("人员：新增 1 条");
    h.get_by_label_contains("职业资格：修改 1 条");
    h.get_by_label_contains("例如 乌云其木格（110101********4434）");
    h.get_all_by_label("恢复").last().unwrap().click();
    h.run_steps(1);
    // The screens hold while the file is replaced (its first step waits for the people
    // list's reader, which the next frame closes).
    assert!(h.state().app.restoring());
    h.run_steps(1);
    h.get_by_label("正在恢复备份");
    crate::common::window::wait_for_safety(&mut h);
    h.get_by_label_contains("已恢复到");
    // 最近的修改 in words: the restore by its backup's file, not JSON.
    assert!(h.query_all_by_label_contains("从备份 base-").next().is_some());
    assert!(h.query_by_label_contains("{\"").is_none(), "no JSON");
    go(&mut h, "人员");
    h.get_by_label_contains("共 1 人");
    // And back: the safety copy taken before the restore holds both people.
    go(&mut h, "备份");
    h.get_all_by_label("恢复").next().unwrap().click();
    settle(&mut h);
    wait_for_comparison(&mut h);
    h.get_by_label_contains("包含现在数据库中的全部记录");
    h.get_by_label_contains("人员：备份里有、现在没有（已删除或不在库中）1 条，恢复后会回来");
    h.get_all_by_label("恢复").last().unwrap().click();
    settle(&mut h);
    crate::common::window::wait_for_safety(&mut h);
    // The grade changed after the first backup, by its labels, not its codes.
    assert!(
        h.query_all_by_label_contains("三级/高级工 → 二级/技师")
            .next()
            .is_some()
    );
    assert!(h.query_by_label_contains("technician").is_none());
    go(&mut h, "人员");
    h.get_by_label_contains("共 2 人");
    assert!(h.query_by_label_contains("disk I/O").is_none());
    assert!(h.query_by_label_contains("数据库错误").is_none());
    // Every screen reads the restored file; the window writes to it as before.
    go(&mut h, "首页");
    wait_for_tasks(&mut h);
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "李四");
    type_into(&mut h, "证件号码 *", "15250219850615034X");
    click(&mut h, "保存");
    assert_eq!(people(&path).len(), 3);
    drop(h);
    let store = Store::open(&path).unwrap();
    assert!(store.integrity_problems().unwrap().is_empty());
}

#[test]
fn a_damaged_database_offers_its_newest_backup_and_comes_back_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    {
        let mut s = Store::open(&path).unwrap();
        s.set_today(today());
        for (name, id) in [("张三", "150102199003071237"), ("李四", "110101199003074434")] {
            s.insert(Person::from_citizen_id(name, id, today()).unwrap())
                .unwrap();
        }
        s.backup(
            skillbase::store::BackupReason::Manual,
            &skillbase::progress::Silent,
        )
        .unwrap();
    }
    // A page in the middle overwritten, as a failing disk might.
    {
        use std::io::{Seek, SeekFrom, Write};
        let len = std::fs::metadata(&path).unwrap().len();
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.seek(SeekFrom::Start(len - 4096)).unwrap();
        f.write_all(&[0xA5; 4096]).unwrap();
    }
    let mut h = app(&path);
    h.get_by_label("数据库已损坏");
    h.get_by_label_contains("从最新的备份恢复").click();
    settle(&mut h);
    crate::common::window::wait_for_safety(&mut h);
    go(&mut h, "人员");
    h.get_by_label_contains("共 2 人");
    assert_eq!(people(&path).len(), 2);
}

#[test]
fn every_half_hour_the_window_backs_up_only_when_something_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = app(&path);
    let half_an_hour_ago = || std::time::Instant::now() - skillbase::app::safety::BACKUP_EVERY;
    h.state_mut().app.safety.last_backup_check = Some(half_an_hour_ago());
    settle(&mut h);
    crate::common::window::wait_for_safety(&mut h);
    let backups = skillbase::store::backup::list_backups(&path).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, skillbase::store::BackupReason::Periodic);
    // Nothing changed since: the next half hour takes none.
    h.state_mut().app.safety.last_backup_check = Some(half_an_hour_ago());
    settle(&mut h);
    crate::common::window::wait_for_safety(&mut h);
    assert_eq!(skillbase::store::backup::list_backups(&path).unwrap().len(), 1);
    // Closing the window after a change backs up once more.
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "乌云其木格");
    type_into(&mut h, "证件号码 *", "150102199003071237");
    click(&mut h, "保存");
    h.state_mut().app.backup_on_exit();
    let backups = skillbase::store::backup::list_backups(&path).unwrap();
    assert_eq!(backups.len(), 2);
    assert_eq!(backups[0].reason, skillbase::store::BackupReason::Exit);
}

#[test]
fn a_final_return_is_saved_marked_submitted_and_a_later_edit_makes_the_next_a_correction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.db");
    let org = {
        let mut store = Store::open(&path).unwrap();
        store.set_today(today());
        let body = "121502031R90PYA48";
        let check = skillbase::domain::identity::credit_code_check_char(body).unwrap();
        store
            .insert(Organisation {
                credit_code: Some(format!("{body}{check}")),
                ..our_base()
            })
            .unwrap()
    };
    let mut h = app(&path);
    h.state_mut().app.settings.year = Some(2025);
    go(&mut h, "年度报表");
    wait_for_tasks(&mut h);
    click(&mut h, "正式版");
    wait_for_tasks(&mut h);
    let out = dir.path().join("报表2025");
    h.state_mut().screens.annual_return.out_dir = out.display().to_string();
    click(&mut h, "保存报表（PDF、JSON、XLSX）");
    for f in ["return.pdf", "return.json", "return.xlsx"] {
        assert!(out.join(f).is_file(), "{f} written");
    }
    click(&mut h, "标记为已上报");
    h.get_by_label_contains("确定吗");
    h.get_all_by_label("标记为已上报").last().unwrap().click();
    settle(&mut h);
    let json = std::fs::read_to_string(out.join("return.json")).unwrap();
    let submitted = Store::open(&path)
        .unwrap()
        .latest_submission(org, 2025)
        .unwrap()
        .expect("the return is stored as submitted");
    assert_eq!(
        submitted.verification,
        skillbase::report::companion::verification_code(&json)
    );
    // A 2025 record changed after submission: the next return is a correction.
    let service = {
        let mut store = Store::open(&path).unwrap();
        store.set_today(today());
        store
            .insert(skillbase::domain::capacity::PublicService {
                org,
                date: d(2025, 9, 1),
                recipient: "包头钢铁集团".into(),
                recipient_type: skillbase::domain::capacity::RecipientType::Enterprise,
                person_times: 40,
                hours: 8.0,
                content: "焊工实操".into(),
                facility: None,
            })
            .unwrap()
    };
    h.state_mut().app.changed();
    wait_for_tasks(&mut h);
    let prepared = h.state().screens.annual_return.prepared.as_ref().unwrap();
    assert_eq!(
        prepared.as_ref().unwrap().built.status,
        skillbase::report::pdf::Status::Correction
    );
    // The screen names the record changed since, not only how many (once the window has
    // also noticed the write from outside it, which may build the return again).
    wait_for_tasks(&mut h);
    h.get_by_label_contains("上报以后修改的 1 条记录").click();
    settle(&mut h);
    h.get_by_label_contains("公共实训服务 · 2025-09-01 包头钢铁集团");
    // Its form warns that the year was submitted and the next return is a correction.
    h.state_mut().app.commands.push(skillbase::app::Command::Open {
        kind: RecordKind::PublicService,
        id: service.uuid(),
    });
    settle(&mut h);
    h.get_by_label_contains("这条记录属于 2025 年度，该年度的报表已于 20");
}

/// Our base, its 2026 welding cohort (March to June), 张三 and 张丽 each with an earlier
/// certificate (numbers ending 01 and 02); `enrol_zhang` also enrols 张三 on the cohort's
/// start. Returns the database, the cohort, 张三 and 张丽.
fn cohort_with_people(
    dir: &Path,
    enrol_zhang: bool,
) -> (std::path::PathBuf, Id<Cohort>, Id<Person>, Id<Person>) {
    let (path, org) = with_base(dir);
    let mut store = Store::open(&path).unwrap();
    store.set_today(today());
    let zhang = store
        .insert(Person::from_citizen_id("张三", "150102199003071237", today()).unwrap())
        .unwrap();
    let li = store
        .insert(Person::from_citizen_id("张丽", "150781200109202120", today()).unwrap())
        .unwrap();
    let cohort = store
        .insert(Cohort {
            theory_hours: None,
            practice_hours: None,
            surveyed: None,
            satisfied: None,
            org,
            name: "2026年焊工高级工培训班".into(),
            package: None,
            programme: Programme::Shortage1000,
            mode: TrainingMode::PartTime,
            occupation: "6-18-02-04".into(),
            target_grade: SkillGrade::Senior,
            start_date: d(2026, 3, 1),
            end_date: d(2026, 6, 30),
            facility: None,
        })
        .unwrap();
    for (who, number) in [(zhang, "S1502032000000001"), (li, "S1502032000000002")] {
        store
            .insert(Qualification {
                evaluator: None,
                person: who,
                occupation: "6-18-02-04".into(),
                work_type: None,
                grade: SkillGrade::Intermediate,
                cert_type: skillbase::domain::training::CertType::SkillLevel,
                cert_number: Some(number.into()),
                issued_on: d(2020, 5, 10),
                issuer: None,
                enrolment: None,
            })
            .unwrap();
    }
    if enrol_zhang {
        store
            .insert(Enrolment {
                attended_hours: None,
                training_subsidy: None,
                evaluation_subsidy: None,
                living_subsidy: None,
                voucher_number: None,
                destination: None,
                destination_on: None,
                cohort,
                person: zhang,
                enrolled_on: d(2026, 3, 1),
                status: EnrolmentStatus::Enrolled,
                completed_on: None,
                result: None,
                qualification: None,
            })
            .unwrap();
    }
    (path, cohort, zhang, li)
}

fn enrolments(path: &Path) -> Vec<Enrolment> {
    Store::open(path)
        .unwrap()
        .list::<Enrolment>(&Scope::default())
        .unwrap()
        .into_iter()
        .map(|e| e.record)
        .collect()
}

/// The cohorts screen with the cohort chosen (its form, opened beside, closed).
fn cohort_screen(path: &Path) -> Harness<'static, SkillBaseApp> {
    let mut h = app(path);
    go(&mut h, "培训班次");
    click(&mut h, "2026年焊工高级工培训班");
    h.state_mut().editor = None;
    settle(&mut h);
    h
}

#[test]
fn enrolling_offers_only_people_not_in_the_cohort_dated_on_its_start_with_date_errors_beside_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _, _) = cohort_with_people(dir.path(), false);
    let mut h = cohort_screen(&path);
    assert_eq!(
        h.state().screens.cohorts.enrol_on,
        "2026-03-01",
        "the cohort's start"
    );
    type_into(&mut h, "添加学员：", "张");
    h.get_by_label_contains("+ 张丽");
    h.get_by_label_contains("+ 张三").click();
    settle(&mut h);
    let saved = enrolments(&path);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].enrolled_on, d(2026, 3, 1));
    assert!(
        h.query_by_label_contains("+ 张三").is_none(),
        "someone in the cohort is not offered again"
    );
    // A date after the cohort ended: refused, with the reason beside the date.
    h.state_mut().screens.cohorts.enrol_on = "2026-07-15".into();
    settle(&mut h);
    h.get_by_label_contains("+ 张丽").click();
    settle(&mut h);
    h.get_by_label_contains("晚于培训班次的结束日期 2026-06-30");
    assert_eq!(enrolments(&path).len(), 1, "nothing saved");
    // A date that is no date: named beside it, and nobody can be added.
    h.state_mut().screens.cohorts.enrol_on = "2026-02-30".into();
    settle(&mut h);
    h.get_by_label_contains("日期应写作");
    h.get_by_label_contains("+ 张丽").click();
    settle(&mut h);
    assert_eq!(enrolments(&path).len(), 1, "nobody added without a date");
}

#[test]
fn the_completion_step_is_dated_on_the_cohorts_end_offers_the_persons_own_certificates_and_names_errors_beside_their_field()
 {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _, _) = cohort_with_people(dir.path(), true);
    let mut h = cohort_screen(&path);
    h.get_by_label("张三（150102********1237）").click();
    settle(&mut h);
    h.state_mut().editor = None;
    settle(&mut h);
    {
        let form = h
            .state()
            .screens
            .cohorts
            .completing
            .as_ref()
            .expect("completion step shown");
        assert_eq!(form.completed_on, "2026-06-30", "the cohort's end");
        assert_eq!(form.issued_on, "2026-06-30");
        let offered: Vec<&str> = form.certificates.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(offered.len(), 1, "张三's own certificate only: {offered:?}");
        assert!(offered[0].contains("S1502032000000001") && offered[0].contains("2020-05-10"));
    }
    // A completion before the cohort started: refused, the reason beside the date.
    h.state_mut()
        .screens
        .cohorts
        .completing
        .as_mut()
        .unwrap()
        .completed_on = "2026-02-20".into();
    settle(&mut h);
    click(&mut h, "登记结业");
    h.get_by_label_contains("应在培训班次的起止日期 2026-03-01 至 2026-06-30 之内");
    assert_eq!(
        enrolments(&path)[0].status,
        EnrolmentStatus::Enrolled,
        "nothing saved"
    );
    // A date that is no date, beside it before anything is sent.
    h.state_mut()
        .screens
        .cohorts
        .completing
        .as_mut()
        .unwrap()
        .completed_on = "2026-06-31".into();
    settle(&mut h);
    click(&mut h, "登记结业");
    h.get_by_label_contains("日期应写作");
    // As it should be: the new certificate from the cohort's occupation and grade.
    h.state_mut()
        .screens
        .cohorts
        .completing
        .as_mut()
        .unwrap()
        .completed_on = "2026-06-30".into();
    settle(&mut h);
    click(&mut h, "登记结业");
    let store = Store::open(&path).unwrap();
    let e = &store.list::<Enrolment>(&Scope::default()).unwrap()[0];
    assert_eq!(e.record.status, EnrolmentStatus::Completed);
    let q = store
        .get(e.record.qualification.expect("a certificate linked"))
        .unwrap();
    assert_eq!(q.record.grade, SkillGrade::Senior);
    assert_eq!(q.record.issued_on, d(2026, 6, 30));
    assert_eq!(q.record.enrolment, Some(e.id), "linked both ways");
}

#[test]
fn the_enrolment_forms_certificate_picker_lists_only_that_persons_certificates_and_makes_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, zhang, _) = cohort_with_people(dir.path(), true);
    let e = Store::open(&path)
        .unwrap()
        .list::<Enrolment>(&Scope::default())
        .unwrap()[0]
        .id;
    let mut h = app(&path);
    let open = |h: &mut Harness<'_, SkillBaseApp>| open_record(h, RecordKind::Enrolment, e.uuid());
    open(&mut h);
    h.get_by_role_and_label(Role::ComboBox, "取得证书").click();
    settle(&mut h);
    h.get_by_label_contains("S1502032000000001");
    assert!(
        h.query_by_label_contains("S1502032000000002").is_none(),
        "another person's certificate is not offered"
    );
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    // A new certificate from the cohort's occupation and grade, for this enrolment.
    open(&mut h);
    click(&mut h, "+ 按本班职业、等级新登记证书");
    {
        let editor = h.state().editor.as_ref().unwrap();
        assert_eq!(editor.kind, RecordKind::Qualification);
        assert_eq!(editor.values["grade"], "senior");
        assert_eq!(editor.values["occupation"], "6-18-02-04");
        assert_eq!(editor.values["person"], zhang.to_string());
        assert_eq!(editor.values["enrolment"], e.to_string());
        assert_eq!(editor.values["issued_on"], "2026-06-30");
    }
    h.state_mut().app.commands.push(skillbase::app::Command::Save);
    settle(&mut h);
    assert!(h.state().editor.is_none(), "saved");
    let store = Store::open(&path).unwrap();
    let q = store
        .get(e)
        .unwrap()
        .record
        .qualification
        .expect("the enrolment names it");
    assert_eq!(store.get(q).unwrap().record.enrolment, Some(e));
}

/// The studio view's quick entry, keyboard only: an apprentice chosen in the progress
/// table, the hours and the text typed (the text through the input method), Ctrl+Enter;
/// the form keeps the apprentice and stage for the next entry. Bad hours are named beside
/// the form and nothing is written; Ctrl+Enter while the input method composes is its own.
#[test]
fn the_quick_entry_logs_an_entry_from_the_keyboard_and_remembers_the_apprentice() {
    use skillbase::domain::studio_log::LogEntry;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("studio.db");
    {
        let mut s = Store::open(&path).unwrap();
        skillbase::demo::generate(
            &mut s,
            skillbase::demo::Profile::Studio,
            1,
            &skillbase::progress::Silent,
        )
        .unwrap();
    }
    let count = |path: &Path| {
        Store::open(path)
            .unwrap()
            .list::<LogEntry>(&Scope::default())
            .unwrap()
            .len()
    };
    let before = count(&path);
    let mut h = crate::common::window::app_on(&path, 768.0);
    wait_for_tasks(&mut h);
    click(&mut h, "名师带徒");
    let chosen = {
        let st = &h.state().screens.studio_log;
        assert!(st.apprenticeship.is_none());
        // The first active apprentice of the progress table.
        let s = Store::open(&path).unwrap();
        let rows = s
            .studio_progress(h.state().app.org().unwrap().id, today().0)
            .unwrap();
        rows[0].clone()
    };
    click(&mut h, &chosen.apprentice);
    assert_eq!(
        h.state().screens.studio_log.apprenticeship,
        Some(chosen.apprenticeship.id.uuid())
    );
    let stage = h.state().screens.studio_log.stage;
    assert_eq!(stage, chosen.progress.last_stage.map(|s| s.uuid()));

    // Thirty hours: named, nothing written.
    h.state_mut().screens.studio_log.hours = "30".into();
    h.state_mut().screens.studio_log.content = "加班".into();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    settle(&mut h);
    assert_eq!(count(&path), before);
    assert!(h.state().screens.studio_log.errors.contains_key("hours"));

    h.state_mut().screens.studio_log.hours = "4".into();
    h.state_mut().screens.studio_log.content.clear();
    h.state_mut().screens.studio_log.date = "2026-11-20".into();
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "带教内容").focus();
    settle(&mut h);
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit {
        text: "huanji".into(),
        active_range_chars: None,
    }));
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    settle(&mut h);
    assert_eq!(count(&path), before, "Ctrl+Enter while composing logs nothing");
    h.event(egui::Event::Ime(egui::ImeEvent::Commit("电解槽换极练习".into())));
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    settle(&mut h);
    assert_eq!(count(&path), before + 1);
    let s = Store::open(&path).unwrap();
    let newest = s
        .entries_of(chosen.apprenticeship.id)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(newest.record.content, "电解槽换极练习");
    assert_eq!(newest.record.hours, 4.0);
    assert_eq!(newest.record.stage.map(|s| s.uuid()), stage);
    // Ready for the next: the text cleared, the apprentice, stage and hours kept.
    let st = &h.state().screens.studio_log;
    assert!(st.content.is_empty() && st.errors.is_empty());
    assert_eq!(st.apprenticeship, Some(chosen.apprenticeship.id.uuid()));
    assert_eq!(st.stage, stage);
    assert_eq!(st.hours, "4");
}

// ---- The window at the desk (issue 16) ----

#[test]
fn esc_asks_before_discarding_a_filled_form_and_esc_again_discards_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    // An empty form closes at once.
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().editor.is_none());
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "张三");
    click(&mut h, "保存");
    h.get_by_label_contains("未保存");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().editor.is_some(), "a form with changes asks first");
    h.get_by_label_contains("放弃这些修改吗");
    click(&mut h, "继续编辑");
    assert_eq!(h.state().editor.as_ref().unwrap().values["name"], "张三");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(h.state().editor.is_none(), "Esc again discards");
    assert!(
        h.query_by_label_contains("未保存").is_none(),
        "the unsaved note goes with the form"
    );
    assert!(people(&path).is_empty());
}

#[test]
fn changing_screens_closes_an_untouched_form_and_asks_for_one_with_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    go(&mut h, "首页");
    assert!(
        h.state().editor.is_none(),
        "an untouched form closes with its screen"
    );
    go(&mut h, "人员");
    click(&mut h, "+ 新建");
    type_into(&mut h, "姓名 *", "张三");
    go(&mut h, "年度报表");
    assert!(h.state().editor.is_some());
    assert_eq!(h.state().app.settings.screen, skillbase::app::Screen::People);
    click(&mut h, "放弃修改");
    assert!(h.state().editor.is_none());
    assert_eq!(
        h.state().app.settings.screen,
        skillbase::app::Screen::AnnualReturn
    );
}

#[test]
fn the_code_pickers_know_the_everyday_words_import_knows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = new_person_form(&path);
    type_into(&mut h, "学历", "大专");
    click(&mut h, "31 大学专科毕业");
    assert_eq!(h.state().editor.as_ref().unwrap().values["education"], "31");
    for (word, offered) in [
        ("研究生", "14 硕士研究生毕业"),
        ("初中", "71 初中毕业"),
        ("本科", "21 大学本科毕业"),
    ] {
        h.state_mut().editor.as_mut().unwrap().set("education", "");
        settle(&mut h);
        type_into(&mut h, "学历", word);
        h.get_by_label(offered);
    }
    // A word typed and saved as it is is stored as its code, as import stores it.
    type_into(&mut h, "姓名 *", "张三");
    type_into(&mut h, "证件号码 *", "150102199003071237");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    assert_eq!(people(&path)[0].education.as_deref(), Some("21"));
}

#[test]
fn a_new_cohort_starts_with_no_programme_or_grade_and_takes_them_from_its_package() {
    let dir = tempfile::tempdir().unwrap();
    let (path, org) = with_base(dir.path());
    let mut store = Store::open(&path).unwrap();
    store
        .insert(skillbase::domain::training::CoursePackage {
            org,
            name: "焊工（高级）培训包".into(),
            occupation: "6-18-02-04".into(),
            target_grade: SkillGrade::Senior,
            theory_hours: 40,
            practice_hours: 80,
            mode: TrainingMode::PartTime,
            integrated: true,
            developed_here: true,
            year: Some(2025),
        })
        .unwrap();
    drop(store);
    let mut h = app(&path);
    go(&mut h, "培训班次");
    click(&mut h, "+ 新建");
    {
        let e = h.state().editor.as_ref().unwrap();
        assert_eq!(e.values["programme"], "", "no programme is chosen for the user");
        assert_eq!(e.values["target_grade"], "", "no grade is chosen for the user");
    }
    h.get_by_role_and_label(Role::ComboBox, "培训包").click();
    settle(&mut h);
    click(&mut h, "焊工（高级）培训包");
    let e = h.state().editor.as_ref().unwrap();
    assert_eq!(e.values["occupation"], "6-18-02-04");
    assert_eq!(e.values["target_grade"], SkillGrade::Senior.code());
    assert_eq!(e.values["mode"], TrainingMode::PartTime.code());
}

#[test]
fn the_operators_name_is_asked_until_given_and_then_signs_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut h = app(&path);
    // Asked at first run, beside the greeting.
    h.get_by_label_contains("请填写操作人姓名");
    type_into(
        &mut h,
        "请填写操作人姓名，每次新建、修改和删除都会记下它：",
        "王秀英",
    );
    click(&mut h, "确定");
    assert!(h.query_by_label_contains("请填写操作人姓名").is_none());
    assert!(h.state().app.settings.profile_given);
    click(&mut h, "创建本单位");
    type_into(&mut h, "单位名称 *", "呼和浩特市技师学院高技能人才培训基地");
    click(&mut h, "保存");
    let store = Store::open(&path).unwrap();
    let org = store.organisations().unwrap()[0].id.uuid().to_string();
    let entries = store.audit_for(&org).unwrap();
    assert_eq!(entries[0].profile, "王秀英");
}

#[test]
fn the_people_list_sorts_names_by_pinyin_with_other_scripts_after_and_filters_the_highest_grade() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut store = Store::open(&path).unwrap();
    store.set_today(today());
    let mut ids = Vec::new();
    for (name, number) in [
        ("乌云其木格", "150102199003071237"),
        ("Bayar", "15250219850615034X"),
        ("刘洋", "150781200109202120"),
        ("其其格", "150102198001010014"),
    ] {
        let mut p = Person::from_citizen_id("某", number, today()).unwrap();
        p.name = name.into();
        ids.push(store.insert(p).unwrap());
    }
    for (who, grade) in [
        (ids[0], SkillGrade::Technician),
        (ids[0], SkillGrade::SeniorTechnician),
        (ids[2], SkillGrade::Technician),
        (ids[3], SkillGrade::Intermediate),
    ] {
        store
            .insert(Qualification {
                evaluator: None,
                person: who,
                occupation: "6-18-02-04".into(),
                work_type: None,
                grade,
                cert_type: skillbase::domain::training::CertType::SkillLevel,
                cert_number: None,
                issued_on: d(2020, 5, 10),
                issuer: None,
                enrolment: None,
            })
            .unwrap();
    }
    drop(store);
    let mut h = app(&path);
    go(&mut h, "人员");
    let order = |h: &Harness<'_, SkillBaseApp>, names: &[&str]| -> Vec<String> {
        let mut shown: Vec<(f32, String)> = names
            .iter()
            .filter_map(|n| h.query_by_label(n).map(|node| (node.rect().top(), n.to_string())))
            .collect();
        shown.sort_by(|a, b| a.0.total_cmp(&b.0));
        shown.into_iter().map(|(_, n)| n).collect()
    };
    let all = ["乌云其木格", "Bayar", "刘洋", "其其格"];
    assert_eq!(order(&h, &all), ["刘洋", "其其格", "乌云其木格", "Bayar"]);
    // 二级/技师 is those whose highest grade it is: not the 一级 holder.
    h.get_by_value("全部等级").click();
    settle(&mut h);
    // The list's own 二级/技师 cell is there too; the drop-down's choice comes first.
    h.get_all_by_label("二级/技师").next().unwrap().click();
    people_shown(&mut h);
    assert_eq!(order(&h, &all), ["刘洋"]);
    h.get_by_value("最高等级：二级/技师").click();
    settle(&mut h);
    click(&mut h, "三级及以上（高技能人才）");
    people_shown(&mut h);
    assert_eq!(order(&h, &all), ["刘洋", "乌云其木格"]);
}

#[test]
fn messages_and_the_change_history_name_records_and_values_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _cohort, zhang, _) = cohort_with_people(dir.path(), true);
    let enrolment = Store::open(&path)
        .unwrap()
        .list::<Enrolment>(&Scope::default())
        .unwrap()[0]
        .id;
    let mut h = app(&path);
    let open = |h: &mut Harness<'_, SkillBaseApp>| open_record(h, RecordKind::Enrolment, enrolment.uuid());
    open(&mut h);
    h.state_mut().editor.as_mut().unwrap().set("status", "withdrawn");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    // The message names the person and the cohort, not the record's id.
    h.get_by_label_contains("已保存学员报名“张三（150102********1237） · 2026年焊工高级工培训班”");
    assert!(
        h.query_by_label_contains(&enrolment.uuid().to_string()[..8])
            .is_none()
    );
    open(&mut h);
    click(&mut h, "修改记录");
    h.get_by_label("  状态: 在训 → 退出");
    // A reference reads as the record's name.
    h.get_by_label("  人员: — → 张三（150102********1237）");
    h.get_by_label("  培训班次: — → 2026年焊工高级工培训班");
    assert!(h.query_by_label_contains("enrolled").is_none());
    assert!(h.query_by_label_contains(&zhang.uuid().to_string()).is_none());
}

#[test]
fn the_studio_view_scrolls_to_its_last_apprentice_and_sums_up_young_backbones_by_year() {
    let (dir, store) = crate::common::national_base();
    let path = store.path().unwrap().to_path_buf();
    let orgs = store.organisations().unwrap();
    let studio = orgs
        .iter()
        .find(|o| o.record.kind == skillbase::domain::org::OrgKind::MasterStudio)
        .unwrap()
        .id;
    let base = orgs.iter().find(|o| o.id != studio).unwrap().id;
    drop(store);
    let mut h = app(&path);
    h.state_mut()
        .app
        .commands
        .push(skillbase::app::Command::SelectOrg(base.uuid()));
    go(&mut h, "名师带徒");
    // The base keeps none itself: the studio it hosts is named, with a way there.
    h.get_by_label_contains("本基地依托的工作室“杨浩然铣工技能大师工作室”有名师带徒 112 条");
    click(&mut h, "查看该工作室");
    wait_for_tasks(&mut h);
    h.get_by_label("近五年培养青年技能骨干");
    // The figures are worked out on another thread.
    for _ in 0..500 {
        if h.query_by_label("青年技能骨干（人）").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        settle(&mut h);
    }
    h.get_by_label("青年技能骨干（人）");
    let master = Store::open(&path)
        .unwrap()
        .list::<skillbase::domain::studio::Apprenticeship>(&Scope::default())
        .unwrap()[0]
        .record
        .master;
    h.state_mut().screens.studio.master = Some(master.uuid());
    settle(&mut h);
    h.get_by_label("徒弟 112 人");
    let lowest = |h: &Harness<'_, SkillBaseApp>| {
        h.get_all_by_role(Role::Link)
            .map(|n| n.rect())
            .max_by(|a, b| a.bottom().total_cmp(&b.bottom()))
            .unwrap()
    };
    assert!(
        lowest(&h).bottom() > 800.0,
        "the last apprentice starts below the window"
    );
    let last = h
        .get_all_by_role(Role::Link)
        .max_by(|a, b| a.rect().bottom().total_cmp(&b.rect().bottom()))
        .unwrap();
    last.scroll_to_me();
    settle(&mut h);
    assert!(lowest(&h).bottom() <= 800.0, "scrolled into the window");
    drop(dir);
}

#[test]
fn a_jump_to_a_record_scrolls_its_register_to_it() {
    let (dir, store) = crate::common::national_base();
    let path = store.path().unwrap().to_path_buf();
    drop(store);
    let mut h = app(&path);
    go(&mut h, "培训班次");
    let (last, name) = {
        let table = &h.state().screens.registers[&(RecordKind::Cohort, "")];
        let r = *table.visible().last().unwrap();
        (r.id, r.value["name"].as_str().unwrap().to_string())
    };
    go(&mut h, "年度报表");
    open_record(&mut h, RecordKind::Cohort, last);
    settle(&mut h);
    assert_eq!(
        h.state().screens.registers[&(RecordKind::Cohort, "")].selected,
        Some(last)
    );
    let shown = h
        .get_all_by_label(&name)
        .map(|n| n.rect())
        .filter(|r| r.left() < 700.0)
        .any(|r| r.top() > 0.0 && r.bottom() < 800.0);
    assert!(shown, "the 454th cohort's row is in view");
    drop(dir);
}

#[test]
fn where_no_file_dialog_can_open_browse_says_so_and_the_typed_path_starts_in_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = app(&path);
    // As on a desk with no desktop portal: no dialog opens (none is tried here).
    skillbase::ui::dialog::set_missing();
    let mut documents = skillbase::files::documents_dir().display().to_string();
    documents.push(std::path::MAIN_SEPARATOR);
    let note = "本机没有可用的文件选择窗口";
    let typed = |h: &Harness<'_, SkillBaseApp>| {
        h.get_all_by_role(Role::TextInput)
            .filter(|f| f.value().as_deref() == Some(documents.as_str()))
            .count()
    };

    go(&mut h, "备份");
    assert_eq!(typed(&h), 0);
    // Restore from a file: the empty field starts in the documents folder.
    h.get_all_by_label("浏览…").next().unwrap().click();
    settle(&mut h);
    // Said beside the restore file and beside the audit trail's file.
    assert_eq!(h.get_all_by_label_contains(note).count(), 2);
    assert_eq!(
        typed(&h),
        1,
        "the restore file's field holds the documents folder"
    );
    // The button acts on the typed path: a folder is no backup, and the message names it.
    h.get_by_label("用这个文件恢复……").click();
    settle(&mut h);
    assert!(
        h.get_all_by_role(Role::Label)
            .any(|l| l.value().is_some_and(|v| v.contains(documents.as_str()))),
        "the restore names the typed path it could not use"
    );

    go(&mut h, "数据交换");
    // Beside the package to make and the package to open.
    assert_eq!(h.get_all_by_label_contains(note).count(), 2);
    // Opening a package: its empty field starts in the documents folder.
    h.get_all_by_label("选择文件…").last().unwrap().click();
    settle(&mut h);
    assert_eq!(typed(&h), 1, "the package to open starts in the documents folder");
}

/// 指标集: the built-in plan shown read-only with its copy button; copied, it is a set of
/// this database with its ten indicators; a new set typed into the form is saved and
/// listed; the table of sets in force names the plan.
#[test]
fn the_indicator_sets_screen_copies_the_plan_and_saves_a_new_set() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = with_base(dir.path());
    let mut h = crate::common::window::app_on(&path, 1100.0);
    go(&mut h, "指标集");
    h.get_by_label("各年度适用的指标集");
    assert!(
        !h.query_all_by_label("内蒙古 2015 实施方案")
            .collect::<Vec<_>>()
            .is_empty()
    );
    click(&mut h, "复制为本库指标集");
    settle(&mut h);
    h.get_by_label_contains("已将“内蒙古 2015 实施方案”复制为本库的指标集");
    let s = Store::open(&path).unwrap();
    let sets = s
        .list::<skillbase::domain::indicators::IndicatorSet>(&Scope::default())
        .unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(
        s.list::<skillbase::domain::indicators::Indicator>(&Scope::default())
            .unwrap()
            .len(),
        10
    );
    drop(s);
    click(&mut h, "+ 新建");
    type_into(&mut h, "指标集名称 *", "自治区 2027 绩效目标");
    type_into(&mut h, "发文（文件名称及文号） *", "内人社办发〔2027〕1号");
    type_into(&mut h, "起始年度 *", "2027");
    click(&mut h, "保存");
    settle(&mut h);
    let s = Store::open(&path).unwrap();
    let sets = s
        .list::<skillbase::domain::indicators::IndicatorSet>(&Scope::default())
        .unwrap();
    assert!(
        sets.iter()
            .any(|x| x.record.name == "自治区 2027 绩效目标" && x.record.from_year == 2027)
    );
}

/// A certificate number whose level disagrees with the grade is a warning under the number
/// as it is typed, naming both values; the certificate is still saved.
#[test]
fn the_certificate_form_warns_under_a_number_that_disagrees_and_still_saves() {
    use skillbase::domain::training::{CertType, Qualification};
    let dir = tempfile::tempdir().unwrap();
    let (path, _cohort, zhang, _) = cohort_with_people(dir.path(), false);
    let certificate = {
        let mut store = Store::open(&path).unwrap();
        store
            .insert(Qualification {
                person: zhang,
                occupation: "6-18-02-04".into(),
                work_type: None,
                grade: SkillGrade::Technician,
                cert_type: CertType::SkillLevel,
                cert_number: None,
                issued_on: d(2025, 5, 1),
                issuer: None,
                enrolment: None,
                evaluator: None,
            })
            .unwrap()
    };
    let mut h = app(&path);
    open_record(&mut h, RecordKind::Qualification, certificate.uuid());
    assert!(h.query_by_label_contains("编号中的等级位").is_none());
    // Level 3 (高级工) in the number; the record says 技师 (level 2).
    h.state_mut()
        .editor
        .as_mut()
        .unwrap()
        .set("cert_number", "S000015000123253000045");
    settle(&mut h);
    h.get_by_label_contains("编号中的等级位是“3”，而记录的技能等级对应“2”级");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    let saved = Store::open(&path).unwrap().get(certificate).unwrap().record;
    assert_eq!(saved.cert_number.as_deref(), Some("S000015000123253000045"));
}

/// A 1×1 PNG that decodes.
const ONE_PIXEL_PNG: &str = "89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da6364600000000600023081d02f0000000049454e44ae426082";

fn unhex(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

/// Every record's form shows its evidence by name (an image with its thumbnail), takes
/// a file (as a dropped file or a typed path arrives: `Command::Attach`), names a file it
/// refuses, and removes one only after asking; the removal is in the audit trail.
#[test]
fn a_form_lists_attaches_refuses_and_removes_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (path, org) = with_base(dir.path());
    Store::open(&path)
        .unwrap()
        .attach(
            RecordKind::Organisation,
            org,
            "奖状.png",
            &unhex(ONE_PIXEL_PNG),
            Some("2025 年度"),
        )
        .unwrap();
    let mut h = crate::common::window::app_on(&path, 900.0);
    open_record(&mut h, RecordKind::Organisation, org.uuid());
    h.get_by_label("附件（佐证材料）");
    h.get_by_label("奖状.png");
    h.get_by_label("2025 年度");
    assert!(!h.state().editor.as_ref().unwrap().is_changed());

    let sheet = dir.path().join("签到表.pdf");
    std::fs::write(&sheet, b"%PDF-1.4\n% sign-in sheet\n%%EOF\n").unwrap();
    let empty = dir.path().join("空.pdf");
    std::fs::write(&empty, b"").unwrap();
    h.state_mut().app.commands.push(skillbase::app::Command::Attach {
        kind: RecordKind::Organisation,
        record: org.uuid(),
        files: vec![sheet, empty],
        note: None,
    });
    settle(&mut h);
    h.get_by_label("签到表.pdf");
    let notes: Vec<String> = h.state().app.notes.all().iter().map(|n| n.text.clone()).collect();
    let notes = notes.join("\n");
    assert!(notes.contains("文件是空的"), "{notes}");

    h.get_all_by_label("移除").next().unwrap().click();
    settle(&mut h);
    h.get_by_label_contains("移除附件“奖状.png”？");
    click(&mut h, "确认移除");
    let store = Store::open(&path).unwrap();
    let left: Vec<String> = store
        .attachments()
        .unwrap()
        .into_iter()
        .map(|a| a.file_name)
        .collect();
    assert_eq!(left, ["签到表.pdf"]);
    assert!(
        store
            .audit_all()
            .unwrap()
            .iter()
            .any(|e| e.kind == "attachment" && e.action == "delete")
    );
}

/// 考核自评: a sub-item without evidence is flagged and counts zero, a score typed and
/// saved lands in the store, and one above the item's points is refused, naming it.
#[test]
fn the_self_assessment_screen_flags_missing_evidence_and_saves_scores() {
    use skillbase::domain::assessment::example;
    use skillbase::store::AssessmentSide;

    let dir = tempfile::tempdir().unwrap();
    let (path, org) = with_base(dir.path());
    let scheme = example(OrgKind::TrainingBase);
    {
        let mut store = Store::open(&path).unwrap();
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
        let proof = store
            .attach(RecordKind::Organisation, org, "管理制度.pdf", pdf, None)
            .unwrap();
        store
            .set_assessment_entry(
                AssessmentSide::Own,
                org,
                2025,
                &scheme.key,
                "conditions.facilities",
                Some(6.0),
                "",
                std::slice::from_ref(&proof.sha256),
            )
            .unwrap();
        store
            .set_assessment_entry(
                AssessmentSide::Own,
                org,
                2025,
                &scheme.key,
                "conditions.teachers",
                Some(7.0),
                "",
                &[],
            )
            .unwrap();
    }
    let mut h = app(&path);
    h.state_mut().app.settings.year = Some(2025);
    go(&mut h, "考核自评");
    // The sheet is scored off the UI thread, on opening and again after every save (the
    // save changes the data): the screen shows a spinner, not its buttons, until then.
    let scored = |h: &mut Harness<'_, SkillBaseApp>| {
        for _ in 0..600 {
            settle(h);
            if h.state().screens.assessment.is_idle() && h.state().screens.assessment.loaded.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        settle(h);
    };
    scored(&mut h);
    let sheet = &h
        .state()
        .screens
        .assessment
        .loaded
        .as_ref()
        .unwrap()
        .as_ref()
        .unwrap()
        .sheet;
    assert_eq!(sheet.self_total, 6.0, "the teachers' 7 has no evidence");
    assert!(h.query_all_by_label("缺佐证，计 0 分").count() >= 1);
    // A score typed for 信息化管理平台 (5 points) and saved; then 9, refused.
    h.state_mut()
        .screens
        .assessment
        .edits
        .get_mut("conditions.platform")
        .unwrap()
        .score = "4.5".into();
    click(&mut h, "保存");
    scored(&mut h);
    let entries = Store::open(&path)
        .unwrap()
        .assessment_entries(org, 2025, &scheme.key)
        .unwrap();
    assert_eq!(entries["conditions.platform"].self_score, Some(4.5));
    assert_eq!(
        entries["conditions.facilities"].evidence.len(),
        1,
        "the linked file kept"
    );
    h.state_mut()
        .screens
        .assessment
        .edits
        .get_mut("conditions.platform")
        .unwrap()
        .score = "9".into();
    click(&mut h, "保存");
    settle(&mut h);
    let error = h.state().screens.assessment.error.clone().unwrap_or_default();
    assert!(error.contains("信息化管理平台") && error.contains('5'), "{error}");
}
