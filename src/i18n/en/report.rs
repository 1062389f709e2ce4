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
        "services" => {
            "Public services by recipient type: records dated in the year, their person-times and hours."
        }
        "apprentices" => {
            "Apprentices: distinct apprentices in an apprenticeship at any time in the year; new agreements by agreement date, completions and terminations by end date in the year."
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
        "data_quality" => {
            "Data quality: the validator's result on the year's records. Errors block a final return; warnings do not."
        }
        _ => "",
    }
}
