//! English: messages for identity document numbers and unified social credit codes.
//!
//! Each message says what is wrong and what is expected; positions count from 1.

use crate::domain::identity::{CreditCodeError, IdError};

/// The message for a rejected citizen ID number or other document number.
pub fn id_error(e: &IdError) -> String {
    match e {
        IdError::Empty => "The document number is empty; please enter it.".to_string(),
        IdError::WrongLength { len } => {
            format!("A citizen ID number has 18 characters (or 15 for an old number); this one has {len}.")
        }
        IdError::NotDigit { position, found } => format!(
            "Character {position} of the citizen ID number (“{found}”) is not a digit; the first 17 must be digits and the 18th a digit or X."
        ),
        IdError::CheckChar { expected, found } => format!(
            "The check character of the citizen ID number should be {expected}, not {found}; please check the number."
        ),
        IdError::ImpossibleDate { text } => format!(
            "The birth date {text} in the citizen ID number is not a real date (characters 7–14 are the birth date, e.g. 19900307); please check the number."
        ),
        IdError::FutureDate { date } => format!(
            "The birth date {date} in the citizen ID number is in the future; please check the number."
        ),
        IdError::TooOld { date } => format!(
            "The birth date {date} in the citizen ID number is before 1900-01-01; please check the number."
        ),
        IdError::UnknownProvince { prefix } => format!(
            "The first two digits of the citizen ID number (“{prefix}”) are not a province-level code (Inner Mongolia is 15); please check the number."
        ),
        IdError::DocWrongLength { doc_type, len } => format!(
            "A {} number has 5 to 20 letters or digits; this one has {len}.",
            doc_type.name_en()
        ),
        IdError::DocBadChar {
            doc_type,
            position,
            found,
        } => format!(
            "Character {position} of the {} number (“{found}”) is not allowed; use only letters A–Z, digits and '-'.",
            doc_type.name_en()
        ),
    }
}

/// The message for a rejected unified social credit code.
pub fn credit_code_error(e: &CreditCodeError) -> String {
    match e {
        CreditCodeError::Empty => {
            "The unified social credit code is empty; please enter its 18 characters.".to_string()
        }
        CreditCodeError::WrongLength { len } => {
            format!("A unified social credit code has 18 characters; this one has {len}.")
        }
        CreditCodeError::BadChar { position, found } => format!(
            "Character {position} of the unified social credit code (“{found}”) is not allowed (digits and capital letters except I, O, Z, S, V)."
        ),
        CreditCodeError::OrgCodeCheck { expected, found } => format!(
            "Character 17 of the unified social credit code (the organisation-code check) should be {expected}, not {found}; please check characters 9–17."
        ),
        CreditCodeError::CheckChar { expected, found } => format!(
            "The check character (18th) of the unified social credit code should be {expected}, not {found}; please check the code."
        ),
    }
}
