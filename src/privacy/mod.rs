//! Personal numbers (身份证号, 银行卡号, 手机号): finding them in text and masking them, pure
//! functions over strings and the model's settings. What is masked where is decided once in
//! `compose::privacy`; what may leave the program is decided once in `compose::gate`.
//!
//! - [`find_personal_numbers`]: every ID, bank card or mobile number in a text, by its shape
//!   *and* its check: an 18-digit ID's check digit and birth date (15-digit old IDs: the birth
//!   date), a bank card's Luhn digit (16–19 digits), a mobile's `1[3-9]` + 9 digits — read
//!   NFKC-folded (full-width digits), with spaces of every kind, `-`, `.`, `/`, `·` and line
//!   breaks between groups, letters or hanzi glued on, a +86 / 0086 prefix ([`detect`]).
//! - [`mask_value`]: a value masked by its kind with the project's [`MaskRule`]s
//!   (4101**********1234, **** **** **** 3445, 139****5678 by default).
//! - [`PublicNumbers`]: the numbers meant to be seen — the mobiles in the unit's phone fields
//!   (监督电话, 咨询电话) and those the clerk allowed with a reason; never an ID in a title, a
//!   name or the unit's details.

use crate::model::{
    AllowedNumber, ColumnKind, Edit, LogEntry, LogKind, MaskRule, Meta, PrivacySettings, Project,
};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::ops::Range;

pub mod detect;
pub use detect::is_separator;

/// The kind of a personal number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonalKind {
    IdNumber,
    BankAccount,
    Mobile,
}

impl PersonalKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            PersonalKind::IdNumber => "身份证号",
            PersonalKind::BankAccount => "银行卡号",
            PersonalKind::Mobile => "手机号",
        }
    }

    /// The table column kind that masks values of this kind.
    pub fn column_kind(self) -> ColumnKind {
        match self {
            PersonalKind::IdNumber => ColumnKind::IdNumber,
            PersonalKind::BankAccount => ColumnKind::BankAccount,
            PersonalKind::Mobile => ColumnKind::Phone,
        }
    }

    /// The kind a table column masks, if it is a personal one.
    pub fn of_column(kind: ColumnKind) -> Option<PersonalKind> {
        match kind {
            ColumnKind::IdNumber => Some(PersonalKind::IdNumber),
            ColumnKind::BankAccount => Some(PersonalKind::BankAccount),
            ColumnKind::Phone => Some(PersonalKind::Mobile),
            ColumnKind::Text | ColumnKind::Number | ColumnKind::Date => None,
        }
    }
}

/// A personal number found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundNumber {
    pub kind: PersonalKind,
    /// Byte range in the text, separators included.
    pub range: Range<usize>,
    /// The digits (and a final X of an ID), separators removed.
    pub digits: String,
}

/// Every personal number in `text`, in order, however it was typed (see [`detect`]).
pub fn find_personal_numbers(text: &str) -> Vec<FoundNumber> {
    detect::detect(text)
        .into_iter()
        .map(|found| FoundNumber {
            kind: found.kind,
            range: found.range,
            digits: found.digits,
        })
        .collect()
}

/// An ID however its check digit came out: 17 digits and a digit or X, a province code (first
/// digit 1–8) and a valid birth date; or a valid 15-digit old ID.
pub fn looks_like_id_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 18 {
        return is_id_number(text);
    }
    bytes[..17].iter().all(u8::is_ascii_digit)
        && (bytes[17].is_ascii_digit() || bytes[17].eq_ignore_ascii_case(&b'X'))
        && (b'1'..=b'8').contains(&bytes[0])
        && is_birth_date(&text[6..14])
}

/// An 18-character ID (17 digits and a check digit or X) with a valid check digit and birth
/// date, or a 15-digit old ID with a valid birth date (19YYMMDD).
pub fn is_id_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.len() {
        18 => {
            bytes[..17].iter().all(u8::is_ascii_digit)
                && id_check_char(&bytes[..17]) == Some(bytes[17].to_ascii_uppercase() as char)
                && is_birth_date(&text[6..14])
        }
        15 => bytes.iter().all(u8::is_ascii_digit) && is_birth_date(&format!("19{}", &text[6..12])),
        _ => false,
    }
}

/// The check character of an 18-digit ID (GB 11643) from its first 17 digits.
pub fn id_check_char(first17: &[u8]) -> Option<char> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

fn is_birth_date(yyyymmdd: &str) -> bool {
    chrono::NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d")
        .is_ok_and(|date| (1900..=2100).contains(&chrono::Datelike::year(&date)))
}

/// A mainland mobile number: 11 digits, `1[3-9]…`.
pub fn is_mobile(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
}

/// A bank card number: 16–19 digits whose last is the Luhn check digit.
pub fn is_bank_account(digits: &str) -> bool {
    (16..=19).contains(&digits.len())
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && luhn_valid(digits)
}

/// The Luhn (mod 10) check over all digits, the last being the check digit.
pub fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The mask rule of a kind in the project's settings.
pub fn rule_for(settings: &PrivacySettings, kind: PersonalKind) -> MaskRule {
    match kind {
        PersonalKind::IdNumber => settings.id_number,
        PersonalKind::BankAccount => settings.bank_account,
        PersonalKind::Mobile => settings.mobile,
    }
}

/// A value masked as its kind: the rule's first and last characters kept, the rest starred.
/// Bank numbers are written in groups of four ("**** **** **** 3445"); separators in the value
/// are dropped. A value too short to hide anything is starred whole.
pub fn mask_value(value: &str, kind: PersonalKind, rule: MaskRule) -> String {
    let chars: Vec<char> = detect::folded_without_separators(value);
    if chars.is_empty() {
        return String::new();
    }
    let keep_first = usize::from(rule.keep_first);
    let keep_last = usize::from(rule.keep_last);
    if keep_first + keep_last >= chars.len() {
        return "*".repeat(chars.len());
    }
    let first: String = chars[..keep_first].iter().collect();
    let last: String = chars[chars.len() - keep_last..].iter().collect();
    let hidden = chars.len() - keep_first - keep_last;
    match kind {
        PersonalKind::BankAccount => {
            let masked: String = first
                .chars()
                .chain(std::iter::repeat_n('*', hidden))
                .collect();
            let mut groups: Vec<String> = masked
                .chars()
                .collect::<Vec<_>>()
                .chunks(4)
                .map(|group| group.iter().collect())
                .collect();
            // Whatever the length, the stars read as the familiar three groups.
            if keep_first == 0 {
                groups = vec!["****".to_owned(); 3];
            }
            groups.push(last);
            groups.join(" ")
        }
        PersonalKind::IdNumber | PersonalKind::Mobile => {
            format!("{first}{}{last}", "*".repeat(hidden))
        }
    }
}

/// Every personal number in `text` masked by its kind, except public ones.
pub fn mask_text(text: &str, settings: &PrivacySettings, public: &PublicNumbers) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    for found in find_personal_numbers(text) {
        if public.contains(&found.digits) {
            continue;
        }
        out.push_str(&text[copied_to..found.range.start]);
        out.push_str(&mask_value(
            &found.digits,
            found.kind,
            rule_for(settings, found.kind),
        ));
        copied_to = found.range.end;
    }
    out.push_str(&text[copied_to..]);
    out
}

/// A personal-kind table cell masked (an empty cell stays empty).
pub fn mask_cell(cell: &str, kind: PersonalKind, settings: &PrivacySettings) -> String {
    if cell.trim().is_empty() {
        return cell.to_owned();
    }
    mask_value(cell.trim(), kind, rule_for(settings, kind))
}

/// The numbers meant to be seen: the mobiles in the unit's own phone fields (监督电话, 咨询电话,
/// the 意见箱 QR text) and the numbers the clerk allowed with a reason (允许公开). Nothing else
/// in the unit's details is public by being there: a mobile in 单位名称 or 地址, an ID anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicNumbers {
    unit_phones: BTreeSet<String>,
    allowed: BTreeSet<String>,
}

/// Where a text prints, for what may be public in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextPlace {
    /// Content: table cells, paragraphs, lists, card fields.
    Content,
    /// A title, a name or the unit's details: an ID number is never accepted there, allowed
    /// or not.
    Named,
}

impl PublicNumbers {
    pub fn of(meta: &Meta, settings: &PrivacySettings) -> PublicNumbers {
        let unit_phones = unit_phone_texts(meta)
            .flat_map(find_personal_numbers)
            .filter(|found| found.kind == PersonalKind::Mobile)
            .map(|found| found.digits)
            .collect();
        let allowed = settings
            .allowed
            .iter()
            .map(|allowed| digits_of(&allowed.number))
            .collect();
        PublicNumbers {
            unit_phones,
            allowed,
        }
    }

    /// Whether the number (its digits as found) is public.
    pub fn contains(&self, digits: &str) -> bool {
        self.unit_phones.contains(digits) || self.allowed.contains(digits)
    }

    /// Whether `found` may print in full at a place of this kind.
    pub fn accepts(&self, found: &FoundNumber, place: TextPlace) -> bool {
        match place {
            TextPlace::Content => self.contains(&found.digits),
            TextPlace::Named => {
                found.kind != PersonalKind::IdNumber && self.contains(&found.digits)
            }
        }
    }
}

/// The unit's phone fields: 监督电话, 咨询电话 and the 意见箱 QR text.
fn unit_phone_texts(meta: &Meta) -> impl Iterator<Item = &str> {
    [
        meta.supervision_phone.as_str(),
        meta.consult_phone.as_str(),
        meta.suggestion_qr.as_str(),
    ]
    .into_iter()
}

/// The digits of a number as typed (folded, separators dropped, x as X, a mobile without its
/// country code): the form numbers are compared in.
pub fn digits_of(number: &str) -> String {
    detect::canonical_digits(number)
}

/// Every personal number in `text` masked, public or not: for file names and document
/// metadata, which never need one.
pub fn mask_all(text: &str, settings: &PrivacySettings) -> String {
    mask_text(text, settings, &PublicNumbers::default())
}

/// Why a number cannot be allowed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AllowError {
    #[error("“{0}”不是身份证号、银行卡号或手机号。")]
    NotPersonal(String),
    #[error("请写明允许公开的理由（例如：网格员工作电话，本人同意公开）。")]
    NoReason,
}

/// 允许公开: the edit that lets `number` print in full on public outputs, one undo step —
/// the number with its reason and day in the settings, and a 台账 entry saying so (the number
/// masked there).
pub fn allow_public_edit(
    project: &Project,
    number: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<Edit, AllowError> {
    allow_public_numbers_edit(project, &[number], reason, today)
}

/// [`allow_public_edit`] for several numbers with one reason (a column of cadres' work
/// phones), as one edit: each number allowed and written to the 台账.
pub fn allow_public_numbers_edit(
    project: &Project,
    numbers: &[&str],
    reason: &str,
    today: NaiveDate,
) -> Result<Edit, AllowError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AllowError::NoReason);
    }
    let mut settings = project.settings.clone();
    let mut log = Vec::new();
    for number in numbers {
        let digits = digits_of(number.trim());
        let kind = detect::classify_single(&digits)
            .ok_or_else(|| AllowError::NotPersonal(number.trim().to_owned()))?;
        settings
            .privacy
            .allowed
            .retain(|allowed| digits_of(&allowed.number) != digits);
        settings.privacy.allowed.push(AllowedNumber {
            number: number.trim().to_owned(),
            reason: reason.to_owned(),
            allowed_on: Some(today),
        });
        let masked = mask_value(&digits, kind, rule_for(&settings.privacy, kind));
        log.push(Edit::AppendLog(LogEntry {
            date: Some(today),
            kind: LogKind::AllowedPublic,
            summary: format!("允许公开{} {masked}：{reason}", kind.label_zh()),
            item_ids: Vec::new(),
            board_ids: Vec::new(),
        }));
    }
    Ok(Edit::Batch(
        std::iter::once(Edit::SetSettings(settings))
            .chain(log)
            .collect(),
    ))
}

#[cfg(test)]
mod tests;
