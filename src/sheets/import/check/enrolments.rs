//! The trainees roster: a person enrolled in a cohort of the organisation, found by name.

use super::super::*;
use super::*;
use crate::domain::Labelled;
use crate::domain::text;
use crate::domain::training::{AssessmentResult, Destination, Enrolment, EnrolmentStatus};
use crate::domain::{Id, Money, Record};
use crate::store::StoreError;

impl RowChecker<'_> {
    pub(super) fn enrolment_row(
        &mut self,
        row: &mut RowReader,
    ) -> Result<(String, Option<Action>), StoreError> {
        let label = label_of(row.text("name"), row.text("doc_number").as_deref());
        let cohort = row.required_text("cohort").and_then(|name| {
            let found = self.cohorts.get(&text::normalise(&name)).cloned();
            if found.is_none() {
                row.issue("cohort", IssueKind::NoSuchCohort);
            }
            found
        });
        let person = self.person_ref(row, PersonKeys::plain())?;
        let enrolled_on = row.date("enrolled_on", false);
        let completed_on = row.date("completed_on", false);
        let status = row.choice("status", EnrolmentStatus::ALL);
        let result = row.parsed(
            "result",
            false,
            IssueKind::Choice {
                key: "AssessmentResult",
                codes: AssessmentResult::ALL.iter().map(|r| r.code()).collect(),
            },
            |s| {
                parse_choice(AssessmentResult::ALL, s).or(match s {
                    "通过" | "是" | "合格通过" => Some(AssessmentResult::Passed),
                    "未通过" | "否" => Some(AssessmentResult::Failed),
                    _ => None,
                })
            },
        );
        let attended_hours = row.number("attended_hours", false);
        let [training_subsidy, evaluation_subsidy, living_subsidy] =
            ["training_subsidy", "evaluation_subsidy", "living_subsidy"]
                .map(|key| row.number(key, false).map(Money::from_yuan));
        let voucher_number = row.text("voucher_number");
        let destination = row.parsed(
            "destination",
            false,
            IssueKind::Choice {
                key: "Destination",
                codes: Destination::ALL.iter().map(|d| d.code()).collect(),
            },
            |s| {
                parse_choice(Destination::ALL, s).or(match s {
                    "在岗" | "原岗位" | "岗位提升" | "在职提升" => Some(Destination::Upskilled),
                    "已就业" | "实现就业" | "就业上岗" => Some(Destination::Employed),
                    "自主创业" | "已创业" => Some(Destination::SelfEmployed),
                    "继续深造" | "继续学习" => Some(Destination::FurtherStudy),
                    "待业" | "失业" | "暂未就业" => Some(Destination::Unemployed),
                    "失联" | "未联系上" | "不详" => Some(Destination::NotTracked),
                    _ => None,
                })
            },
        );
        let destination_on = row.date("destination_on", false);
        let (Some(cohort), Some(person)) = (cohort, person) else {
            return Ok((label, None));
        };
        let doc = person_doc(self.store, &person)?;
        let row_number = row.number;
        if self.duplicate(row, format!("{}|{doc}", cohort.id), "doc_number", row_number) {
            return Ok((label, None));
        }
        let existing = match &person {
            PersonRef::Existing(id) => self.enrolments.get(&(cohort.id, *id)).cloned(),
            PersonRef::New(_) => None,
        };
        let base = existing.as_ref().map(|e| e.record.clone());
        let status = status
            .or(base.as_ref().map(|b| b.status))
            .unwrap_or(if completed_on.is_some() {
                EnrolmentStatus::Completed
            } else {
                EnrolmentStatus::Enrolled
            });
        let mut record = Enrolment {
            cohort: cohort.id,
            person: Id::default(),
            enrolled_on: enrolled_on
                .or(base.as_ref().map(|b| b.enrolled_on))
                .unwrap_or(cohort.record.start_date),
            status,
            completed_on: completed_on.or(base.as_ref().and_then(|b| b.completed_on)),
            result: result.or(base.as_ref().and_then(|b| b.result)),
            qualification: base.as_ref().and_then(|b| b.qualification),
            attended_hours: attended_hours.or(base.as_ref().and_then(|b| b.attended_hours)),
            training_subsidy: training_subsidy.or(base.as_ref().and_then(|b| b.training_subsidy)),
            evaluation_subsidy: evaluation_subsidy.or(base.as_ref().and_then(|b| b.evaluation_subsidy)),
            living_subsidy: living_subsidy.or(base.as_ref().and_then(|b| b.living_subsidy)),
            voucher_number: voucher_number.or(base.as_ref().and_then(|b| b.voucher_number.clone())),
            destination: destination.or(base.as_ref().and_then(|b| b.destination)),
            destination_on: destination_on.or(base.as_ref().and_then(|b| b.destination_on)),
        };
        if let PersonRef::Existing(id) = &person {
            record.person = *id;
        }
        record.normalise();
        row.verdict(&record.validate(self.today), |f| f);
        row.verdict(&record.check_in_cohort(&cohort.record, self.today), |f| f);
        if existing.as_ref().is_some_and(|e| e.record == record) {
            return Ok((label, Some(Action::Nothing)));
        }
        Ok((
            label,
            Some(Action::Enrolment {
                person,
                existing: existing.map(|e| e.id),
                record: Box::new(record),
            }),
        ))
    }
}
