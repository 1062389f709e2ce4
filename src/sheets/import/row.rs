//! Reading one row: each cell through the mapping, normalised and parsed as its field
//! expects (dates, numbers, grades, occupations, closed lists, yes/no, ID numbers), each
//! problem kept with the column, value and what was expected.

use chrono::NaiveDate;

use super::*;
use crate::domain::Labelled;
use crate::domain::codes;
use crate::domain::grade::SkillGrade;
use crate::domain::identity::{self};
use crate::domain::text;
use crate::domain::{Severity, Verdict};
use crate::lang::Lang;
use crate::sheets::columns::{ImportKind, Mapping};
use crate::sheets::sheet::Cell;

/// One row's cells, read through the mapping, collecting what is wrong.
pub(super) struct RowReader<'a> {
    pub(super) kind: ImportKind,
    pub(super) mapping: &'a Mapping,
    pub(super) cells: &'a [Cell],
    /// The row number as the spreadsheet shows it.
    pub(super) number: usize,
    pub(super) issues: Vec<RowIssue>,
}

impl RowReader<'_> {
    pub(super) fn cell(&self, key: &str) -> Option<&Cell> {
        let c = self.mapping.column_of(key)?;
        self.cells.get(c).filter(|c| !c.is_blank())
    }

    pub(super) fn raw(&self, key: &str) -> String {
        self.cell(key).map(Cell::text).unwrap_or_default()
    }

    /// The column's header in the file, else the template's header.
    pub(super) fn header(&self, key: &str) -> String {
        self.mapping
            .header_of(key)
            .map(str::to_string)
            .or_else(|| self.kind.target(key).map(|t| t.header().to_string()))
            .unwrap_or_else(|| key.to_string())
    }

    pub(super) fn issue(&mut self, key: &str, problem: IssueKind) {
        self.issue_with(key, problem, Severity::Error);
    }

    pub(super) fn issue_with(&mut self, key: &str, problem: IssueKind, severity: Severity) {
        let raw = self.raw(key);
        // A document number is masked in messages, as everywhere it leaves the database.
        let value = if self.kind.is_document_column(key) {
            identity::mask_document_number(&text::normalise_code(&raw))
        } else {
            raw
        };
        let issue = RowIssue {
            column: self.header(key),
            value,
            problem,
            severity,
        };
        if !self.issues.contains(&issue) {
            self.issues.push(issue);
        }
    }

    /// The text as free text is normalised (`text::normalise_text`: full-width digits and
    /// letters made half-width, full-width symbols such as “＝” kept, so “＝１＋１” stays
    /// text and never becomes the formula “=1+1”); `None` when empty. What is parsed (dates,
    /// numbers, lists) is normalised fully by [`RowReader::parsed`]; codes by the record.
    /// The apostrophe a CSV export puts before a cell starting with = + - @ (so that Excel
    /// shows it as text) is taken off again.
    pub(super) fn text(&self, key: &str) -> Option<String> {
        self.cell(key)
            .map(|c| {
                let t = c.text();
                let t = match t.strip_prefix('\'') {
                    Some(rest) if crate::sheets::export::starts_like_formula(rest) => rest.to_string(),
                    _ => t,
                };
                text::normalise_text(&t)
            })
            .filter(|s| !s.is_empty())
    }

    pub(super) fn required_text(&mut self, key: &str) -> Option<String> {
        let v = self.text(key);
        if v.is_none() {
            self.issue(key, IssueKind::Required);
        }
        v
    }

    pub(super) fn parsed<T>(
        &mut self,
        key: &str,
        required: bool,
        kind: IssueKind,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let Some(s) = self.text(key) else {
            if required {
                self.issue(key, IssueKind::Required);
            }
            return None;
        };
        let v = parse(&text::normalise(&s));
        if v.is_none() {
            self.issue(key, kind);
        }
        v
    }

    pub(super) fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        match self.cell(key) {
            Some(Cell::Date(d)) => Some(*d),
            Some(Cell::Number(n)) => {
                let n = *n;
                let d = text::date_from_excel_serial(n)
                    .filter(|_| n < 100_000.0)
                    .or_else(|| {
                        // 20230501 typed into a number cell.
                        text::parse_date_loose(&crate::sheets::sheet::number_text(n))
                    });
                if d.is_none() {
                    self.issue(key, IssueKind::Date);
                }
                d
            }
            _ => self.parsed(key, required, IssueKind::Date, text::parse_date_loose),
        }
    }

    pub(super) fn number(&mut self, key: &str, required: bool) -> Option<f64> {
        self.parsed(key, required, IssueKind::Number, |s| {
            s.replace([',', '，'], "")
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
        })
    }

    pub(super) fn whole(&mut self, key: &str, required: bool) -> Option<u32> {
        self.parsed(key, required, IssueKind::WholeNumber, |s| {
            let f: f64 = s.replace([',', '，'], "").parse().ok()?;
            (f.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&f)).then_some(f as u32)
        })
    }

    pub(super) fn yes_no(&mut self, key: &str) -> Option<bool> {
        self.parsed(key, false, IssueKind::YesNo, parse_yes_no)
    }

    pub(super) fn grade(&mut self, key: &str, required: bool) -> Option<SkillGrade> {
        self.parsed(key, required, IssueKind::Grade, SkillGrade::parse_loose)
    }

    pub(super) fn occupation(&mut self, key: &str, required: bool) -> Option<String> {
        let Some(s) = self.text(key) else {
            if required {
                self.issue(key, IssueKind::Required);
            }
            return None;
        };
        if let Some(o) = find_occupation(&s) {
            return Some(o.code.to_string());
        }
        let close = codes::occupations_containing(&s, CLOSE_OCCUPATIONS)
            .into_iter()
            .map(|o| o.code)
            .collect();
        self.issue(key, IssueKind::Occupation { close });
        None
    }

    pub(super) fn choice<T: Labelled + Copy>(&mut self, key: &str, all: &'static [T]) -> Option<T> {
        let codes = all.iter().map(Labelled::code).collect();
        self.parsed(
            key,
            false,
            IssueKind::Choice {
                key: T::LABEL_KEY,
                codes,
            },
            |s| parse_choice(all, s),
        )
    }

    /// A document number: an ID number stored as a number has lost its last digits.
    pub(super) fn doc(&mut self, key: &str) -> Option<String> {
        if let Some(Cell::Number(n)) = self.cell(key)
            && n.abs() >= 1e15
        {
            self.issue(key, IssueKind::IdStoredAsNumber);
            return None;
        }
        self.required_text(key).map(|s| text::normalise_code(&s))
    }

    /// The rules of a record, each filed under the column its field came from.
    pub(super) fn verdict(&mut self, verdict: &Verdict, field_key: impl Fn(&'static str) -> &'static str) {
        for issue in &verdict.issues {
            let key = field_key(issue.field);
            self.issue_with(
                key,
                IssueKind::Rule {
                    kind: issue.kind,
                    problem: issue.problem.clone(),
                },
                issue.severity,
            );
        }
    }
}

/// 是/否, √/×, Y/N, 1/0, true/false.
pub(super) fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "√" | "✓" | "y" | "yes" | "1" | "true" | "有" => Some(true),
        "否" | "×" | "✗" | "n" | "no" | "0" | "false" | "无" | "不是" => Some(false),
        _ => None,
    }
}

/// A closed list's value by its code, its Chinese or its English label.
pub(super) fn parse_choice<T: Labelled + Copy>(all: &[T], s: &str) -> Option<T> {
    let s = text::normalise(s);
    let lower = s.to_lowercase();
    all.iter()
        .copied()
        .find(|v| v.code() == lower || v.label(Lang::Zh) == s || v.label(Lang::En).to_lowercase() == lower)
}

/// How many occupations an unknown one's message offers.
pub const CLOSE_OCCUPATIONS: usize = 5;

/// An occupation by code ("6-18-01-01", "6180101"), by name ("车工"), or both
/// ("6-18-01-01 车工", as exports and the template's list write it).
pub fn find_occupation(s: &str) -> Option<&'static codes::Occupation> {
    let s = text::normalise(s);
    codes::occupation(&s)
        .or_else(|| codes::occupation_by_name(&s))
        .or_else(|| {
            let (code, name) = s.split_once(char::is_whitespace)?;
            codes::occupation(code).or_else(|| codes::occupation_by_name(name))
        })
}
