//! How personal numbers are masked in external outputs, and the numbers the clerk allowed to be
//! shown (each with its reason and date, also written to the 台账). Detection and masking
//! themselves are in `crate::privacy`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a masked value keeps its ends: the first and last characters shown, the rest starred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaskRule {
    pub keep_first: u8,
    pub keep_last: u8,
}

impl MaskRule {
    pub const fn new(keep_first: u8, keep_last: u8) -> Self {
        MaskRule {
            keep_first,
            keep_last,
        }
    }
}

/// Masking settings of the project. Defaults as in common use: 身份证号 first 4 and last 4
/// (4101**********1234), 银行卡号 last 4 (**** **** **** 3445), 手机号 first 3 and last 4
/// (139****5678).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacySettings {
    pub id_number: MaskRule,
    pub bank_account: MaskRule,
    pub mobile: MaskRule,
    /// Numbers the clerk allowed on public outputs (允许公开), with the reason.
    pub allowed: Vec<AllowedNumber>,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        PrivacySettings {
            id_number: MaskRule::new(4, 4),
            bank_account: MaskRule::new(0, 4),
            mobile: MaskRule::new(3, 4),
            allowed: Vec::new(),
        }
    }
}

impl PrivacySettings {
    /// True when nothing was changed from the defaults (the project file then leaves the
    /// settings out).
    pub fn is_default(&self) -> bool {
        *self == PrivacySettings::default()
    }
}

/// A personal number the clerk allowed to be shown, e.g. a 网格员's work mobile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllowedNumber {
    /// As typed (spaces and dashes are ignored when comparing).
    pub number: String,
    /// Why it may be shown, e.g. "网格员工作电话，本人同意公开".
    pub reason: String,
    pub allowed_on: Option<NaiveDate>,
}
