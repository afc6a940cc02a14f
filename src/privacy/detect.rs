//! Finding personal numbers in a text however they were typed: the text is read NFKC-folded
//! (full-width digits and letters as ASCII, no-break and thin spaces as spaces), digit groups
//! may be joined by up to [`MAX_SEPARATOR_CHARS`] separators (spaces of every kind, `-`, `.`,
//! `/`, `·`, line breaks, invisible format characters), and letters or hanzi glued on either
//! side end a number without hiding it (`TEL13912345678`).
//!
//! A run of groups is read in two passes:
//! 1. each group on its own: a group that is a number by itself (`13912345678`) is one, and is
//!    never merged into a longer number (a landline next to a mobile stays two numbers);
//! 2. the groups between those, merged: the longest stretch that is written as such numbers
//!    are written (an ID as 6-8-4 or in fours with its check digit right, a mobile as 3-4-4,
//!    3-8 or 7-4, a bank card in fours or 6 + the rest).

use super::PersonalKind;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// At most this many separator characters between two digit groups of one number (" - ",
/// "\r\n ").
pub const MAX_SEPARATOR_CHARS: usize = 3;
/// At most this many groups make one number (a bank card in fours with a short tail: 5).
const MAX_GROUPS: usize = 6;

/// A character as the detector reads it, and the bytes of the text it came from.
#[derive(Clone, Debug)]
struct FoldedChar {
    ch: char,
    origin: Range<usize>,
}

/// A personal number found: its kind, the bytes of the original text, its digits (an ID's
/// final X upper-case; a mobile without its +86 / 0086).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub kind: PersonalKind,
    pub range: Range<usize>,
    pub digits: String,
}

/// Whether a text can hold a number at all: an ASCII digit, or a character outside ASCII and
/// the common CJK ideographs and punctuation (which fold to no digit). Most texts of a board
/// are answered here without folding.
fn may_hold_digits(text: &str) -> bool {
    text.chars().any(|ch| {
        ch.is_ascii_digit()
            || !(ch.is_ascii()
                || ('\u{4E00}'..='\u{9FFF}').contains(&ch)
                || matches!(
                    ch,
                    '，' | '。'
                        | '、'
                        | '：'
                        | '；'
                        | '！'
                        | '？'
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '（'
                        | '）'
                        | '《'
                        | '》'
                        | '【'
                        | '】'
                        | '—'
                        | '…'
                        | '〔'
                        | '〕'
                ))
    })
}

/// The text NFKC-folded character by character, each folded character knowing its source.
fn fold(text: &str) -> Vec<FoldedChar> {
    let mut folded = Vec::with_capacity(text.len());
    for (offset, ch) in text.char_indices() {
        let origin = offset..offset + ch.len_utf8();
        if ch.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&ch) {
            folded.push(FoldedChar { ch, origin });
            continue;
        }
        for ch in std::iter::once(ch).nfkc() {
            folded.push(FoldedChar {
                ch,
                origin: origin.clone(),
            });
        }
    }
    folded
}

/// A character that may stand between the digit groups of one number, once folded.
pub fn is_separator(ch: char) -> bool {
    ch.is_whitespace()
        || matches!(
            ch,
            '-' | '.'
                | '/'
                | '·'
                | '・'
                | '\u{2010}'..='\u{2015}'
                | '\u{2212}'
                | '\u{00AD}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
}

/// A digit group: its digits (an ID's X included) and where it lies in the folded text.
#[derive(Clone, Debug)]
struct Group {
    digits: String,
    start: usize,
    end: usize,
}

/// The runs of digit groups of the folded text: groups joined by at most
/// [`MAX_SEPARATOR_CHARS`] separators form one run.
fn runs(chars: &[FoldedChar]) -> Vec<Vec<Group>> {
    let mut runs: Vec<Vec<Group>> = Vec::new();
    let mut current: Vec<Group> = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].ch.is_ascii_digit() {
            index += 1;
            continue;
        }
        let start = index;
        let mut digits = String::new();
        while index < chars.len() && chars[index].ch.is_ascii_digit() {
            digits.push(chars[index].ch);
            index += 1;
        }
        // An ID's check character: an X right after the digits, not the start of a word.
        let x_ends_group = chars.get(index).is_some_and(|c| matches!(c.ch, 'X' | 'x'))
            && !chars
                .get(index + 1)
                .is_some_and(|c| c.ch.is_ascii_alphanumeric());
        if x_ends_group {
            digits.push('X');
            index += 1;
        }
        let joined_to_previous = current.last().is_some_and(|previous| {
            let gap = &chars[previous.end..start];
            !gap.is_empty()
                && gap.len() <= MAX_SEPARATOR_CHARS
                && gap.iter().all(|c| is_separator(c.ch))
        });
        if !joined_to_previous && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        current.push(Group {
            digits,
            start,
            end: index,
        });
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Every personal number in `text`, in order.
pub fn detect(text: &str) -> Vec<Detected> {
    if !may_hold_digits(text) {
        return Vec::new();
    }
    let chars = fold(text);
    let mut found = Vec::new();
    for run in runs(&chars) {
        for (range, kind, mut digits) in numbers_of_run(&run) {
            if kind != PersonalKind::IdNumber && digits.ends_with('X') {
                digits.pop();
            }
            let first = &run[range.start];
            let last = &run[range.end - 1];
            let mut start = chars[first.start].origin.start;
            // "+86 139…": the plus belongs to the number.
            if kind == PersonalKind::Mobile
                && first.digits.starts_with("86")
                && first.start > 0
                && chars[first.start - 1].ch == '+'
            {
                start = chars[first.start - 1].origin.start;
            }
            found.push(Detected {
                kind,
                range: start..chars[last.end - 1].origin.end,
                digits,
            });
        }
    }
    found
}

/// The numbers of one run: (the groups it spans, its kind, its digits).
fn numbers_of_run(run: &[Group]) -> Vec<(Range<usize>, PersonalKind, String)> {
    let singles: Vec<Option<PersonalKind>> = run
        .iter()
        .map(|group| classify_single(&group.digits))
        .collect();
    let mut numbers = Vec::new();
    let mut index = 0;
    while index < run.len() {
        if let Some(kind) = singles[index] {
            numbers.push((index..index + 1, kind, canonical(&run[index].digits, kind)));
            index += 1;
            continue;
        }
        // The longest merge from here that stops before the next number of its own.
        let stop = (index..run.len())
            .find(|next| singles[*next].is_some())
            .unwrap_or(run.len())
            .min(index + MAX_GROUPS);
        let merged = (index + 2..=stop).rev().find_map(|end| {
            classify_merged(&run[index..end]).map(|(kind, digits)| (index..end, kind, digits))
        });
        match merged {
            Some(number) => {
                index = number.0.end;
                numbers.push(number);
            }
            None => index += 1,
        }
    }
    numbers
}

/// The digits as they are compared and masked: a mobile without its country code.
fn canonical(digits: &str, kind: PersonalKind) -> String {
    let digits = match kind {
        PersonalKind::IdNumber => digits,
        _ => digits.strip_suffix('X').unwrap_or(digits),
    };
    match kind {
        PersonalKind::Mobile => without_country_code(digits).to_owned(),
        _ => digits.to_owned(),
    }
}

/// What one group of digits is by itself. Leaning towards flagging: an ID typed with a wrong
/// check digit still names a person, a mobile may carry the country code (+86 / 0086), and
/// many passbook and 一卡通 accounts (UnionPay, starting 62) do not pass Luhn.
pub fn classify_single(digits: &str) -> Option<PersonalKind> {
    if let Some(without_x) = digits.strip_suffix('X') {
        // Only an ID ends in X; anything else is the number before a glued letter.
        return super::looks_like_id_number(digits)
            .then_some(PersonalKind::IdNumber)
            .or_else(|| classify_single(without_x));
    }
    if super::looks_like_id_number(digits) {
        return Some(PersonalKind::IdNumber);
    }
    if super::is_mobile(digits) || super::is_mobile(without_country_code(digits)) {
        return Some(PersonalKind::Mobile);
    }
    if super::is_bank_account(digits) || is_unionpay_account(digits) {
        return Some(PersonalKind::BankAccount);
    }
    None
}

/// What several groups are together, if they are written as such numbers are written.
fn classify_merged(groups: &[Group]) -> Option<(PersonalKind, String)> {
    let digits: String = groups.iter().map(|group| group.digits.as_str()).collect();
    let sizes: Vec<usize> = groups.iter().map(|group| group.digits.len()).collect();
    if super::is_id_number(&digits) {
        return Some((PersonalKind::IdNumber, digits));
    }
    // A mobile: an optional 86 / 0086 group, then 3-4-4, 3-8 or 7-4.
    let (prefix, rest) = match groups.first().map(|group| group.digits.as_str()) {
        Some("86") | Some("0086") => (1, &sizes[1..]),
        _ => (0, &sizes[..]),
    };
    let mobile_digits: String = groups[prefix..]
        .iter()
        .map(|group| group.digits.as_str())
        .collect();
    if matches!(rest, [3, 4, 4] | [3, 8] | [7, 4]) && super::is_mobile(&mobile_digits) {
        return Some((PersonalKind::Mobile, mobile_digits));
    }
    // A bank card: in fours with a tail of 1–7, or 6 and the rest.
    let in_fours = sizes[..sizes.len() - 1].iter().all(|size| *size == 4)
        && (1..=7).contains(sizes.last().unwrap_or(&0));
    let six_and_rest = sizes.len() == 2 && sizes[0] == 6;
    if (in_fours || six_and_rest)
        && !digits.starts_with('0')
        && (super::is_bank_account(&digits) || is_unionpay_account(&digits))
    {
        return Some((PersonalKind::BankAccount, digits));
    }
    None
}

/// The digits without a leading country code 86 or 0086.
pub fn without_country_code(digits: &str) -> &str {
    digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86"))
        .unwrap_or(digits)
}

/// A UnionPay account or card number (16–19 digits starting 62), Luhn or not.
fn is_unionpay_account(digits: &str) -> bool {
    (16..=19).contains(&digits.len())
        && digits.starts_with("62")
        && digits.bytes().all(|byte| byte.is_ascii_digit())
}

/// The characters of a value as the detector reads them, separators left out (full-width
/// digits as ASCII, an x as X): what [`super::mask_value`] keeps and stars.
pub fn folded_without_separators(value: &str) -> Vec<char> {
    fold(value)
        .into_iter()
        .map(|folded| folded.ch)
        .filter(|ch| !is_separator(*ch))
        .map(|ch| if ch == 'x' { 'X' } else { ch })
        .collect()
}

/// The digits of a number as typed, folded, separators dropped; a mobile without its country
/// code.
pub fn canonical_digits(number: &str) -> String {
    let digits: String = folded_without_separators(number)
        .into_iter()
        .filter(|ch| ch.is_ascii_digit() || *ch == 'X')
        .collect();
    match classify_single(&digits) {
        Some(kind) => canonical(&digits, kind),
        None => digits,
    }
}
