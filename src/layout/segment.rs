//! Stage 1, segment: where a text may break, by UAX #14 (`unicode-linebreak`) corrected by the
//! clreq / GB/T 15834 rules. Pure text in, one [`BreakAfter`] per character out: no fonts.

use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Whether a line may end after a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakAfter {
    /// Never (inside a word, a number, a URL, before a closing mark, after an opening one).
    Never,
    /// A line may end here.
    Allowed,
    /// A line must end here (after a line break in the text).
    Mandatory,
}

/// A Han ideograph, kana, bopomofo or 〇: text that is set on an em grid.
pub fn is_cjk_ideograph(ch: char) -> bool {
    matches!(ch as u32,
        0x3007 | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// CJK punctuation and full-width forms (、，。：；！？「」《》（）“”…), set on the em grid.
pub fn is_cjk_punctuation(ch: char) -> bool {
    matches!(ch as u32, 0x3000..=0x3006 | 0x3008..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x2014 | 0x2026 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x00B7)
}

/// Ideographs and CJK punctuation: the characters between which justification spreads space.
pub fn is_cjk(ch: char) -> bool {
    is_cjk_ideograph(ch) || is_cjk_punctuation(ch)
}

/// Latin letters and digits (and full-width ones): what gets ¼ em away from a neighbouring hanzi.
pub fn is_latin_or_digit(ch: char) -> bool {
    ch.is_ascii_alphanumeric()
        || matches!(ch as u32, 0xC0..=0x24F | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Characters that may not start a line (clreq): 、，。：；！？, closing brackets and quotes,
/// —— and …… (and their half-width cousins).
pub fn no_line_start(ch: char) -> bool {
    matches!(
        ch,
        '、' | '，'
            | '。'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '」'
            | '』'
            | '〕'
            | '〗'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '—'
            | '…'
            | '·'
            | '‧'
            | '％'
            | '‰'
            | '℃'
            | '．'
            | '〙'
            | '〛'
            | '～'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Characters that may not end a line (clreq): opening brackets and quotes.
pub fn no_line_end(ch: char) -> bool {
    matches!(
        ch,
        '（' | '《'
            | '〈'
            | '【'
            | '「'
            | '『'
            | '〔'
            | '〖'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '〘'
            | '〚'
            | '('
            | '['
            | '{'
            | '￥'
            | '¥'
    )
}

/// Full-width marks whose right half is blank and may be squeezed away at the end of a line
/// ("先挤进"): 、，。：；！？ and the closing brackets and quotes.
pub fn is_squeezable_at_line_end(ch: char) -> bool {
    no_line_start(ch) && is_cjk_punctuation(ch) && !matches!(ch, '—' | '…' | '·' | '‧')
}

/// One [`BreakAfter`] per character of `text` (in `char` order).
pub fn break_opportunities(text: &str) -> Vec<BreakAfter> {
    let chars: Vec<char> = text.chars().collect();
    let mut breaks = vec![BreakAfter::Never; chars.len()];
    if chars.is_empty() {
        return breaks;
    }
    // UAX #14 gives byte offsets where a line may start; map them to "after char i".
    let mut char_index_at_byte = vec![0usize; text.len() + 1];
    for (char_index, (byte, _)) in text.char_indices().enumerate() {
        char_index_at_byte[byte] = char_index;
    }
    for (byte, opportunity) in linebreaks(text) {
        if byte == 0 || byte > text.len() {
            continue;
        }
        let after = if byte == text.len() {
            chars.len() - 1
        } else {
            char_index_at_byte[byte] - 1
        };
        breaks[after] = match opportunity {
            BreakOpportunity::Mandatory => BreakAfter::Mandatory,
            BreakOpportunity::Allowed => BreakAfter::Allowed,
        };
    }
    for index in 0..chars.len() - 1 {
        if breaks[index] == BreakAfter::Mandatory {
            continue;
        }
        breaks[index] = clreq_break(chars[index], chars[index + 1], breaks[index]);
    }
    keep_openers_attached(&chars, &mut breaks);
    keep_urls_whole(&chars, &mut breaks);
    keep_personal_numbers_whole(&chars, &mut breaks);
    // The end of the text ends the last line.
    breaks[chars.len() - 1] = BreakAfter::Mandatory;
    breaks
}

/// The clreq corrections to UAX #14 between `before` and `after`.
fn clreq_break(before: char, after: char, uax14: BreakAfter) -> BreakAfter {
    if no_line_start(after) || no_line_end(before) {
        return BreakAfter::Never;
    }
    // UAX #14 (15.0) glues quotation marks to both neighbours; in Chinese text an opening
    // quote may follow a break and a closing one may precede it.
    let opening_quote = matches!(after, '“' | '‘');
    let closing_quote = matches!(before, '”' | '’');
    if (opening_quote && (is_cjk(before) || before.is_whitespace()))
        || (closing_quote && (is_cjk(after) || after.is_whitespace()))
    {
        return BreakAfter::Allowed;
    }
    // Between two ideographs there is always a break (UAX #14 agrees; this guards fallbacks).
    if is_cjk_ideograph(before) && is_cjk_ideograph(after) {
        return BreakAfter::Allowed;
    }
    uax14
}

/// An opening mark does not end a line even when spaces follow it: no break after it nor after
/// the spaces.
fn keep_openers_attached(chars: &[char], breaks: &mut [BreakAfter]) {
    for index in 0..chars.len() {
        if !no_line_end(chars[index]) {
            continue;
        }
        let mut at = index;
        while at < chars.len() && breaks[at] != BreakAfter::Mandatory {
            breaks[at] = BreakAfter::Never;
            match chars.get(at + 1) {
                Some(next) if next.is_whitespace() && !next.is_control() => at += 1,
                _ => break,
            }
        }
    }
}

/// URLs and e-mail addresses stay whole: no break inside a run of non-space ASCII that looks
/// like one (`http://…`, `www.…`, `name@host.cn`).
fn keep_urls_whole(chars: &[char], breaks: &mut [BreakAfter]) {
    let mut start = 0;
    while start < chars.len() {
        if !is_url_char(chars[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && is_url_char(chars[end]) {
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        if looks_like_url_or_email(&token) {
            for slot in &mut breaks[start..end - 1] {
                if *slot == BreakAfter::Allowed {
                    *slot = BreakAfter::Never;
                }
            }
        }
        start = end;
    }
}

/// 身份证号, 银行卡号 and 手机号 stay whole, written in groups too ("6222 0210 0112 3453 445",
/// "139 1234 5678"), and so do their masked forms ("**** **** **** 3445", "4101**********1234"):
/// no break inside a run of digits, stars and a final X joined by single spaces or dashes that
/// is a personal number or holds a star.
fn keep_personal_numbers_whole(chars: &[char], breaks: &mut [BreakAfter]) {
    let is_part = |ch: char| ch.is_ascii_digit() || ch == '*' || ch == 'X' || ch == 'x';
    let mut start = 0;
    while start < chars.len() {
        if !is_part(chars[start]) {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < chars.len() {
            if is_part(chars[end]) {
                end += 1;
            } else if matches!(chars[end], ' ' | '-')
                && chars.get(end + 1).is_some_and(|next| is_part(*next))
            {
                end += 2;
            } else {
                break;
            }
        }
        let token: String = chars[start..end].iter().collect();
        let personal = token.contains('*')
            || crate::privacy::find_personal_numbers(&token)
                .iter()
                .any(|found| found.range.len() == token.len());
        if personal {
            for slot in &mut breaks[start..end - 1] {
                if *slot == BreakAfter::Allowed {
                    *slot = BreakAfter::Never;
                }
            }
        }
        start = end;
    }
}

fn is_url_char(ch: char) -> bool {
    ch.is_ascii_graphic()
}

fn looks_like_url_or_email(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    match lower.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with '|' at every allowed break.
    fn marked(text: &str) -> String {
        let breaks = break_opportunities(text);
        let mut out = String::new();
        for (ch, after) in text.chars().zip(&breaks) {
            out.push(ch);
            if *after == BreakAfter::Allowed {
                out.push('|');
            }
        }
        out
    }

    #[test]
    fn punctuation_sticks_to_the_character_before_it() {
        assert_eq!(marked("公开，接受监督。"), "公|开，|接|受|监|督。");
        assert_eq!(marked("见《条例》第三条"), "见|《条|例》|第|三|条");
    }

    #[test]
    fn numbers_phones_dates_and_amounts_stay_whole() {
        assert_eq!(marked("电话0000-6612301转"), "电|话|0000-6612301|转");
        assert_eq!(marked("共1,234.56元"), "共|1,234.56|元");
        assert_eq!(marked("于2026-03-01起"), "于|2026-03-01|起");
    }

    #[test]
    fn personal_numbers_stay_whole_even_in_groups() {
        assert_eq!(marked("电话139 1234 5678转"), "电|话|139 1234 5678|转");
        assert_eq!(
            marked("卡号**** **** **** 3445。"),
            "卡|号|**** **** **** 3445。"
        );
        assert_eq!(marked("证4101**********1234号"), "证|4101**********1234|号");
        // Plain groups of digits that are no personal number may still break.
        assert_eq!(marked("第 12 34 号"), "第 |12 |34 |号");
    }

    #[test]
    fn urls_and_emails_stay_whole() {
        assert_eq!(
            marked("见https://www.qinghe.gov.cn/gk/list.html网"),
            "见|https://www.qinghe.gov.cn/gk/list.html|网"
        );
        assert_eq!(marked("邮箱qh_gk@163.com。"), "邮|箱|qh_gk@163.com。");
    }

    #[test]
    fn dashes_and_ellipses_are_never_split_nor_start_a_line() {
        assert_eq!(marked("等等……好——是"), "等|等……|好——|是");
    }

    #[test]
    fn quotes_break_like_brackets() {
        assert_eq!(marked("称“三公”经费"), "称|“三|公”|经|费");
    }

    #[test]
    fn a_line_break_in_the_text_is_mandatory() {
        let breaks = break_opportunities("甲\n乙");
        assert_eq!(breaks[1], BreakAfter::Mandatory);
        assert_eq!(breaks[2], BreakAfter::Mandatory);
    }
}
