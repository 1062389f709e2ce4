//! The annual return's definitions, in English (the printed return is in Chinese).

pub fn definition(key: &str) -> &'static str {
    match key {
        "high_skill_trained" => {
            "High-skill people trained: trainees of the organisation's cohorts running in the year whose target grade is 高级工 (level 3) or above, who completed in the year and passed; distinct persons. The policy does not define 'trained'; this app counts completion with a pass."
        }
        "public_service_person_times" => {
            "Public training services: the sum of person-times of public training service records dated in the year (person-times: a person attending twice counts twice)."
        }
        "young_backbones" => {
            "Young skill backbones: apprentices of the studio whose apprenticeship was completed (出师) in the year, aged 35 or under on completion, at 高级工 (level 3) or above on completion; distinct persons. The policy does not define the term; 35 is the upper age of 'youth'."
        }
        "capacity" => {
            "Capacity and utilisation: the capacity declared for the year beside the two indicators; utilisation = delivered ÷ declared."
        }
        "trainees" => {
            "Trainees: distinct persons enrolled in the organisation's cohorts running at any time in the year; 'completed' and 'passed' mean completed in the year. The total and every breakdown come from the same enrolments: those in a deleted cohort, of a deleted person, or that cannot be read count nowhere (rules REF01 and REC02 name them). The rows by sex, ethnic group and age add up to the total; the rows by occupation and grade and by programme count a person in several cohorts once in each of their rows, so they may add up to more than the total. Occupation, grade and programme are the cohort's; age is taken on 31 December."
        }
        "certificates" => {
            "Certificates: qualifications issued in the year and gained in one of the organisation's cohorts through an enrolment, whatever year the cohort ran, counted per certificate; the certificate, the enrolment and the cohort live, and the holder the enrolled person. Each certificate counts once, in the year it was issued: one issued in January for a cohort that ended in December counts in January's year. High-skill means 高级工 (level 3) or above."
        }
        "hosted_studios" => {
            "Hosted studios: the studios this base is the host unit of; apprentices, completions and young skill backbones as each studio's own return counts them (see 'Apprentices' and 'Young skill backbones'), not counted in this base's indicators. 'Submitted' means the studio's return of the year is marked as submitted in this database."
        }
        "agreements" => {
            "Apprenticeship agreements: the studio's apprenticeships running at any time in the year (started by 31 December, not ended before 1 January), one per line; the period runs from start to end, the grades are those at the start and on completion."
        }
        "achievements" => {
            "Achievements: technical breakthroughs, process improvements, patents, methods and other achievements dated in the year, one per line; the yearly economic benefit is summed as recorded (yuan)."
        }
        "services" => {
            "Public services by recipient type: records dated in the year, their person-times and hours."
        }
        "apprentices" => {
            "Apprentices: distinct apprentices in an apprenticeship at any time in the year; new agreements by agreement date, completions and terminations by end date in the year. Apprenticeship training hours: the hours of those apprenticeships' log entries dated in the year; plan stages completed: by the date each stage was completed, in the year; apprentices with no entry for three months: active apprenticeships whose latest entry is more than three months before the year's end (today, in a year still running)."
        }
        "teachers" => {
            "Teachers: distinct teachers appointed at any time in the year; teacher training by date in the year."
        }
        "course_packages" => {
            "Course packages: all the organisation's packages; 'developed this year' means developed here in the year; 'used' means used by a cohort running in the year."
        }
        "competitions" => {
            "Competitions and honours: records dated in the year; competition prizes by competition level."
        }
        "funds" => "Funds: receipts and payments dated in the year, by category, in yuan to the fen.",
        "completion_rate" => {
            "Completion rate = enrolments completed ÷ enrolments due to complete × 100%. Due to complete: the enrolments (of the same live set the trainees table counts, per enrolment) in the organisation's cohorts that ended in the year, including those withdrawn or still enrolled; completed: those whose status is completed. Each enrolment counts once, in the year its cohort ended. With a denominator of 0 no rate is given (shown as —), never 0% or 100%."
        }
        "pass_rate" => {
            "Pass rate = passed ÷ completed × 100%: of the enrolments due to complete, those completed are the denominator and those whose result is passed the numerator (absent, failed or no result are not passed). No rate with a denominator of 0."
        }
        "certification_rate" => {
            "Certification rate = certified ÷ passed × 100%: of the passed enrolments, those through which a live certificate (of any type) of the trainee's own was gained, issued by 31 December of the year; at most once per enrolment. A certificate issued later counts in a return made again, not in one submitted. No rate with a denominator of 0."
        }
        "satisfaction_rate" => {
            "Satisfaction rate = satisfied ÷ surveyed × 100%: over the cohorts that ended in the year and record a survey (trainees surveyed above 0), the trainees satisfied summed over the trainees surveyed summed. Cohorts without a survey are left out; no rate when there was none."
        }
        "attendance" => {
            "Attendance: of the enrolments due to complete, those that record their hours attended in a cohort that records planned hours (theory and practice, above 0): hours attended summed ÷ hours planned summed × 100%. Completions under the floor of the planned hours (80% unless the indicator set gives another) are counted apart, and rule ENR07 names each."
        }
        "duration_bands" => {
            "Duration bands: a cohort's length from its start date to its end date, both days included, banded as national statistics table 8-3 does: under 6 months when the day after the end is before the same day six months after the start; 6 months to 1 year from there up to and including the same day twelve months after the start; over a year when later. So 1 January to 30 June is 6 months (6 months to 1 year) and 1 January to 1 January of the next year is over a year. Cohorts running in the year, and their enrolments (the trainees table's set)."
        }
        "subsidies" => {
            "Subsidies: the training, evaluation and living-cost subsidies recorded on the enrolments due to complete, summed by kind (yuan); enrolments per kind are those with an amount above 0, and the total line's people are the distinct trainees with any subsidy. Each enrolment's subsidies count once, in the year its cohort ended. The training-subsidy funds received are the funds register's income of the category training subsidy funds dated in the year; rule FND01 warns when the subsidies claimed exceed them."
        }
        "destinations" => {
            "Destinations after training: the completed enrolments due to complete, by the destination recorded (upskilled in post, employed, self-employed, further study, not employed, not followed up), those with none apart. Followed up = enrolments whose destination is recorded and is not 'not followed up' ÷ completed × 100%. No rate with a denominator of 0."
        }
        "data_quality" => {
            "Data quality: the validator's result on the year's records. Errors block a final return; warnings do not."
        }
        _ => "",
    }
}

/// Why a final return may not be made (a draft always may).
pub fn final_refusal(r: &crate::report::status::FinalRefusal) -> String {
    use crate::report::status::FinalRefusal as F;
    match r {
        F::YearNotEnded { year } => format!(
            "The year {year} has not ended: no final return, nothing written. Make the final return once the year is over; a draft can be made now"
        ),
        F::FutureYear { year, today } => format!(
            "The year {year} is in the future (this is {today}): no final return, nothing written. Check the year"
        ),
        F::BeforeApproval { year, approval_year } => format!(
            "The organisation was approved in {approval_year}; {year} is before that: no final return, nothing written. Check the year, or the approval year in the organisation's details"
        ),
        F::Errors { errors } => format!(
            "The records have {errors} error(s): no final return, nothing written. Look at the findings and correct them, or make a draft first"
        ),
    }
}

/// Why a return may not be marked as submitted (nothing was recorded).
pub fn submit_refusal(r: &crate::report::submit::SubmitRefusal) -> String {
    use crate::report::submit::SubmitRefusal as S;
    match r {
        S::Missing { file, error } => format!(
            "Cannot read {}: {}. Name the folder skillbase return wrote (with return.pdf, return.json and return.xlsx); nothing recorded",
            file.display(),
            crate::i18n::io_error(&std::io::Error::from(*error), crate::i18n::Lang::En)
        ),
        S::Unreadable { file, detail } => format!(
            "Cannot read {}: {detail}. Name the folder skillbase return wrote (with return.pdf, return.json and return.xlsx); nothing recorded",
            file.display()
        ),
        S::NotThisReturn { file, org, year } => format!(
            "{} is not {org}'s return for {year} (or an older version made it); nothing recorded. Check the folder, --org and --year, or make the final return again with this version",
            file.display()
        ),
        S::Draft { file } => format!(
            "{} is a draft, and a draft cannot be marked as submitted; nothing recorded. Make the final return with skillbase return --final, sign and submit it, then mark it",
            file.display()
        ),
        S::HasErrors { errors } => format!(
            "This return's data shows {errors} validation error(s) and cannot be marked as submitted; nothing recorded. Correct them and make the final return again"
        ),
        S::FilesDisagree {
            file,
            found,
            expected,
        } => format!(
            "The verification code of {} ({}) differs from return.json's ({expected}): the files in the folder were not made together; nothing recorded. Make the return again and keep its three files together",
            file.display(),
            found.as_deref().unwrap_or("none")
        ),
        S::AlreadyRecorded { code, at } => format!(
            "The return with verification code {code} was already marked as submitted on {at}; not recorded twice"
        ),
    }
}
