//! Names: registers, fields and list values.

/// The label of a list value (enum name, storage code).
pub fn enum_label(key: &str, code: &str) -> Option<&'static str> {
    Some(match (key, code) {
        ("RecordKind", "organisation") => "Organisation",
        ("RecordKind", "person") => "Person",
        ("RecordKind", "qualification") => "Qualification",
        ("RecordKind", "course_package") => "Course package",
        ("RecordKind", "cohort") => "Cohort",
        ("RecordKind", "enrolment") => "Enrolment",
        ("RecordKind", "facility") => "Training facility",
        ("RecordKind", "facility_occupation") => "Facility occupation",
        ("RecordKind", "capacity_declaration") => "Declared annual capacity",
        ("RecordKind", "public_service") => "Public training service",
        ("RecordKind", "apprenticeship") => "Apprenticeship",
        ("RecordKind", "achievement") => "Studio achievement",
        ("RecordKind", "teacher") => "Teacher",
        ("RecordKind", "teacher_training") => "Teacher training",
        ("RecordKind", "competition") => "Competition",
        ("RecordKind", "award") => "Award or honour",
        ("RecordKind", "fund") => "Funds",
        ("RecordKind", "stage_template") => "Plan templates",
        ("RecordKind", "plan_stage") => "Plan stages",
        ("RecordKind", "log_entry") => "Log entries",

        ("EmployerType", "state_owned") => "State-owned enterprise",
        ("EmployerType", "private") => "Private enterprise",
        ("EmployerType", "foreign_funded") => "Foreign-funded enterprise",
        ("EmployerType", "institution") => "Public institution",
        ("EmployerType", "government") => "Government body",
        ("EmployerType", "college") => "College or school",
        ("EmployerType", "training_institution") => "Training institution",
        ("EmployerType", "self_employed") => "Self-employed",
        ("EmployerType", "none") => "No employer",
        ("EmployerType", "other") => "Other",

        ("OrgKind", "training_base") => "High-skill talent training base",
        ("OrgKind", "master_studio") => "Skill master studio",
        ("Tier", "national") => "National level",
        ("Tier", "region") => "Region level",
        ("Tier", "league") => "League/city level",

        ("Programme", "leading_100") => "Hundred leading high-skill talents",
        ("Programme", "shortage_1000") => "Thousand technicians in shortage occupations",
        ("Programme", "enterprise_10000") => "Ten thousand enterprise high-skill talents",
        ("Programme", "other") => "Other",

        ("TrainingMode", "full_time") => "Full-time",
        ("TrainingMode", "part_time") => "Part-time",
        ("TrainingMode", "mentorship") => "Mentorship",
        ("TrainingMode", "off_job") => "Off the job",
        ("TrainingMode", "semi_off_job") => "Partly off the job",
        ("TrainingMode", "on_post") => "On-post training",
        ("TrainingMode", "team_leader") => "Team-leader training",
        ("TrainingMode", "competition") => "Skills competition",

        ("CertType", "qualification") => "Vocational qualification certificate",
        ("CertType", "skill_level") => "Skill level certificate",
        ("CertType", "special_ability") => "Special ability certificate",
        ("CertType", "appointment") => "Enterprise appointment",

        ("EnrolmentStatus", "enrolled") => "In training",
        ("EnrolmentStatus", "completed") => "Completed",
        ("EnrolmentStatus", "withdrawn") => "Withdrawn",
        ("AssessmentResult", "passed") => "Passed",
        ("AssessmentResult", "failed") => "Failed",
        ("AssessmentResult", "absent") => "Absent",

        ("RecipientType", "enterprise") => "Enterprise",
        ("RecipientType", "college") => "College",
        ("RecipientType", "training_institution") => "Training institution",
        ("RecipientType", "other") => "Other",

        ("ApprenticeshipStatus", "active") => "Active",
        ("ApprenticeshipStatus", "completed") => "Completed",
        ("ApprenticeshipStatus", "terminated") => "Terminated",
        ("AchievementKind", "technical_breakthrough") => "Technical breakthrough",
        ("AchievementKind", "process_improvement") => "Process improvement",
        ("AchievementKind", "patent") => "Patent",
        ("AchievementKind", "method") => "Working method",
        ("AchievementKind", "other") => "Other",

        ("TeacherKind", "full_time") => "Full-time",
        ("TeacherKind", "part_time_enterprise") => "Part-time from an enterprise",
        ("TeacherKind", "part_time_other") => "Part-time, other",

        ("CompetitionLevel", "world") => "World",
        ("CompetitionLevel", "national") => "National",
        ("CompetitionLevel", "region") => "Region",
        ("CompetitionLevel", "league") => "League/city",
        ("CompetitionLevel", "enterprise") => "Enterprise",
        ("Honour", "china_skills_award") => "China Skills Award",
        ("Honour", "national_technical_expert") => "National Technical Expert",
        ("Honour", "region_outstanding_technician") => "Inner Mongolia Outstanding Technician Award",
        ("Honour", "region_technical_expert") => "Region Technical Expert",
        ("Honour", "may_day_medal") => "May Day Labour Medal",
        ("Honour", "youth_post_expert") => "Youth Post Expert",
        ("Honour", "women_achiever") => "Women's Achievement Pacesetter",
        ("Honour", "other") => "Other honour",

        ("FundDirection", "income") => "Income",
        ("FundDirection", "expense") => "Expense",
        ("FundCategory", "central_grant") => "Central employment subsidy",
        ("FundCategory", "region_grant") => "Region grant",
        ("FundCategory", "league_grant") => "League/city grant",
        ("FundCategory", "own_funds") => "Own funds",
        ("FundCategory", "equipment") => "Equipment",
        ("FundCategory", "premises") => "Premises",
        ("FundCategory", "training") => "Training delivery",
        ("FundCategory", "teachers") => "Teacher development",
        ("FundCategory", "curriculum") => "Curriculum development",
        ("FundCategory", "competitions") => "Competitions",
        ("FundCategory", "other_expense") => "Other expense",
        // Yes/no fields as the exchange and backup views show them (issue 21).
        ("Bool", "true") => "yes",
        ("Bool", "false") => "no",
        _ => return None,
    })
}

/// What a finding points at that is no register's field: the figures it sets against each
/// other. Fields are named where they are defined, in `registers::fields`.
pub fn figure_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "capacity" => "Annual capacity declaration",
        "high_skill_trained" => "High-skill people trained",
        "public_service_person_times" => "Public training person-times",
        "young_backbones" => "Young skill backbones trained",
        _ => return None,
    })
}
