//! Text helpers for messages: a value from the user's file is quoted in a message at most
//! [`EXCERPT_CHARS`] characters long, so one bad value never floods the screen or stderr.

/// How many characters of a user's value a message quotes.
pub const EXCERPT_CHARS: usize = 60;

/// `text` cut to `max_chars` characters, with "…（共 N 个字）" when it was cut; line breaks and
/// other control characters shown as spaces so the message stays on one line.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let count = text.chars().count();
    let shown: String = text
        .chars()
        .take(max_chars)
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect();
    if count > max_chars {
        format!("{shown}…（共 {count} 个字）")
    } else {
        shown
    }
}

/// [`excerpt`] at [`EXCERPT_CHARS`].
pub fn quoted(text: &str) -> String {
    excerpt(text, EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_counted() {
        assert_eq!(excerpt("青禾镇", 60), "青禾镇");
        assert_eq!(excerpt("一二三四五", 3), "一二三…（共 5 个字）");
        assert_eq!(excerpt("甲\n乙", 60), "甲 乙");
        assert_eq!(quoted(&"x".repeat(1_000_000)).chars().count(), 60 + 15);
    }
}
