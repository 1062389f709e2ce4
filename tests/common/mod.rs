//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test file uses some of these

pub mod window;

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use skillbase::domain::Today;

/// Runs the `skillbase` binary with `args` as a Chinese-language office machine would
/// (no language variables, no default database from the environment).
pub fn skillbase(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skillbase"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SKILLBASE_DB")
        .output()
        .expect("the skillbase binary runs")
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

/// The day the tests are judged on.
pub fn today() -> Today {
    Today(d(2026, 11, 23))
}

/// Everyone in a database file's people register (live).
pub fn people(db: &Path) -> Vec<skillbase::domain::person::Person> {
    skillbase::store::Store::open(db)
        .expect("the database opens")
        .list::<skillbase::domain::person::Person>(&skillbase::store::Scope::default())
        .expect("people are listed")
        .into_iter()
        .map(|s| s.record)
        .collect()
}

/// A woman born on 1 January 1990 who holds the passport `doc`: a person whose document no
/// check digit can fail.
pub fn passport_person(name: &str, doc: &str) -> skillbase::domain::person::Person {
    skillbase::domain::person::Person {
        name: name.into(),
        doc_type: skillbase::domain::identity::DocType::Passport,
        doc_number: doc.into(),
        sex: skillbase::domain::identity::Sex::Female,
        birth_date: d(1990, 1, 1),
        ethnicity: None,
        education: None,
        phone: None,
        employer: None,
        employer_type: None,
        division: None,
        notes: None,
    }
}
