//! Citizen ID numbers (GB 11643, 15 and 18 digits), other documents and unified social
//! credit codes (GB 32100) as offices type them: any text. Nothing may panic; a number
//! accepted once is accepted again in its stored form, with the same particulars; masking
//! keeps the length.

#![no_main]

use libfuzzer_sys::fuzz_target;
use skillbase::domain::identity::{
    DocType, mask_document_number, mask_phone, parse_citizen_id, upgrade_15, validate_credit_code,
    validate_other_document,
};
use skillbase::domain::text::{normalise, normalise_code};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let _ = normalise(text);
    let code = normalise_code(text);
    assert_eq!(normalise_code(&code), code, "normalising twice changes nothing");
    if let Ok(info) = parse_citizen_id(text, today) {
        let again = parse_citizen_id(&info.number, today).expect("a stored number parses again");
        assert_eq!(again.number, info.number);
        assert_eq!(again.birth_date, info.birth_date);
        assert_eq!(again.sex, info.sex);
        assert_eq!(mask_document_number(&info.number).chars().count(), 18);
    }
    let _ = upgrade_15(text);
    for doc in DocType::ALL {
        if let Ok(number) = validate_other_document(doc, text) {
            assert_eq!(validate_other_document(doc, &number).ok(), Some(number.clone()));
        }
    }
    if let Ok(credit) = validate_credit_code(text) {
        assert_eq!(validate_credit_code(&credit).ok(), Some(credit.clone()));
    }
    assert_eq!(mask_document_number(text).chars().count(), text.chars().count());
    assert_eq!(mask_phone(text).chars().count(), text.chars().count());
});
