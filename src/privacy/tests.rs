//! Detection and masking on generated numbers (valid check digits made here, never copied).

use super::*;
use crate::model::PrivacySettings;

/// An 18-digit ID from its first 17 digits, with the right check character.
fn id_number(first17: &str) -> String {
    let check = id_check_char(first17.as_bytes()).expect("17 digits");
    format!("{first17}{check}")
}

/// A bank card number from its digits but the last, with the Luhn check digit.
fn bank_number(without_check: &str) -> String {
    (0..=9)
        .map(|digit| format!("{without_check}{digit}"))
        .find(|number| luhn_valid(number))
        .expect("one digit fits")
}

#[test]
fn ids_need_their_check_digit_and_a_birth_date() {
    let id = id_number("41010219800101123");
    assert!(is_id_number(&id), "{id}");
    let last = id.chars().last().expect("last");
    let wrong = if last == '0' { '1' } else { '0' };
    let mut broken = id[..17].to_owned();
    broken.push(wrong);
    assert!(!is_id_number(&broken), "a wrong check digit is no ID");
    assert!(!is_id_number(&id_number("41010219801301123")), "month 13");
    // Old 15-digit IDs: area, YYMMDD, sequence.
    assert!(is_id_number("410102800101123"));
    assert!(!is_id_number("410102801301123"));
    // An X check character, in either case.
    let with_x = (100..999)
        .map(|seq| id_number(&format!("11010519491231{seq}")))
        .find(|id| id.ends_with('X'))
        .expect("some sequence ends in X");
    assert!(is_id_number(&with_x));
    assert_eq!(find_personal_numbers(&with_x.to_lowercase()).len(), 1);
}

#[test]
fn bank_cards_pass_luhn() {
    let card = bank_number("622202100112345678");
    assert_eq!(card.len(), 19);
    assert!(is_bank_account(&card));
    let mut wrong = card.clone();
    let last = wrong.pop().expect("digit");
    wrong.push(if last == '9' {
        '0'
    } else {
        (last as u8 + 1) as char
    });
    assert!(!is_bank_account(&wrong));
    assert!(luhn_valid("79927398713"), "the textbook Luhn example");
    assert!(!luhn_valid("79927398710"));
}

#[test]
fn mobiles_but_not_fixed_lines() {
    assert!(is_mobile("13912345678"));
    assert!(is_mobile("19912345678"));
    assert!(!is_mobile("12912345678"), "no 12x mobiles");
    assert!(!is_mobile("1391234567"));
    let found = find_personal_numbers("监督电话：0000-6612301，网格员 139 1234 5678。");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, PersonalKind::Mobile);
    assert_eq!(found[0].digits, "13912345678");
    assert!(find_personal_numbers("咨询电话 0371-65551234").is_empty());
}

#[test]
fn numbers_in_text_are_found_with_their_place() {
    let id = id_number("41010219800101123");
    let card = bank_number("622202100112345678");
    let text = format!(
        "户主张三，身份证{id}，卡号 {} ，电话13912345678。",
        group4(&card)
    );
    let found = find_personal_numbers(&text);
    let kinds: Vec<PersonalKind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            PersonalKind::IdNumber,
            PersonalKind::BankAccount,
            PersonalKind::Mobile
        ]
    );
    assert_eq!(&text[found[0].range.clone()], id);
    assert_eq!(found[1].digits, card);
}

#[test]
fn numbers_glued_to_letters_are_found_but_longer_runs_are_no_match() {
    // Letters glued on do not hide a number (TEL13912345678, 编号A13912345678).
    for text in ["编号A13912345678", "TEL13912345678", "13912345678ABC"] {
        let found = find_personal_numbers(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].digits, "13912345678", "{text}");
    }
    assert!(
        find_personal_numbers("139123456789").is_empty(),
        "12 digits"
    );
    assert!(find_personal_numbers("金额 12,345.67 元，2026-03-01").is_empty());
}

#[test]
fn masks_follow_the_common_patterns() {
    let settings = PrivacySettings::default();
    let id = id_number("41010219800101123");
    assert_eq!(
        mask_value(&id, PersonalKind::IdNumber, settings.id_number),
        format!("4101**********{}", &id[14..])
    );
    assert_eq!(
        mask_value(
            "6222 0210 0112 3453 445",
            PersonalKind::BankAccount,
            settings.bank_account
        ),
        "**** **** **** 3445"
    );
    assert_eq!(
        mask_value("13912345678", PersonalKind::Mobile, settings.mobile),
        "139****5678"
    );
    let custom = MaskRule::new(6, 2);
    assert_eq!(
        mask_value(&id, PersonalKind::IdNumber, custom),
        format!("410102**********{}", &id[16..])
    );
    assert_eq!(
        mask_value("12", PersonalKind::Mobile, settings.mobile),
        "**"
    );
}

#[test]
fn masking_a_text_keeps_public_numbers() {
    let mut settings = PrivacySettings::default();
    settings.allowed.push(crate::model::AllowedNumber {
        number: "137-0000-1111".into(),
        reason: "网格员工作手机，本人同意公开".into(),
        allowed_on: None,
    });
    let meta = crate::model::Meta {
        supervision_phone: "13800001234".into(),
        ..crate::model::Meta::default()
    };
    let public = PublicNumbers::of(&meta, &settings);
    let text = "监督电话13800001234，网格员13700001111，户主13912345678";
    assert_eq!(
        mask_text(text, &settings, &public),
        "监督电话13800001234，网格员13700001111，户主139****5678"
    );
}

fn group4(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn numbers_written_the_ways_clerks_write_them_are_found() {
    let id = id_number("41010219800101123");
    // Grouped like on the card (6-8-4) or in fours.
    let grouped = format!("{} {} {}", &id[..6], &id[6..14], &id[14..]);
    let fours = format!(
        "{} {} {} {} {}",
        &id[..4],
        &id[4..8],
        &id[8..12],
        &id[12..16],
        &id[16..]
    );
    for text in [grouped, fours] {
        let found = find_personal_numbers(&format!("身份证{text}。"));
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].kind, PersonalKind::IdNumber);
        assert_eq!(found[0].digits, id);
    }
    // A mistyped check digit still names a person.
    let last = id.chars().last().expect("last");
    let mistyped = format!("{}{}", &id[..17], if last == '0' { '1' } else { '0' });
    assert_eq!(
        find_personal_numbers(&mistyped)[0].kind,
        PersonalKind::IdNumber
    );
    // Mobiles with the country code.
    for text in ["+86 13912345678", "+8613912345678", "0086 139 1234 5678"] {
        let found = find_personal_numbers(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].kind, PersonalKind::Mobile, "{text}");
    }
    // UnionPay passbook accounts that do not pass Luhn.
    let account = "6217000010001234567";
    assert!(!luhn_valid(account) || account.starts_with("62"));
    let found = find_personal_numbers(&format!("账号{account}"));
    assert_eq!(found[0].kind, PersonalKind::BankAccount);
    // Fixed lines, amounts, dates and 18-digit codes that are no ID stay unflagged.
    assert!(find_personal_numbers("0371-65551234，项目编号 990000000000000000").is_empty());
}
