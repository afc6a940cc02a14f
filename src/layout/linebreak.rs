//! Stage 2, line-break: greedy first-fit over abstract fragments (one per character: a width,
//! what it loses at a line end, whether a line may end after it). No fonts, no text.
//!
//! "先挤进，后推出": a fragment's `end_trim_mm` (half of a full-width mark, the ¼ em before a
//! Latin word, a space) is not counted when it ends the line, so a mark that fits squeezed
//! stays; a segment that does not fit is pushed down whole. Only a segment wider than a whole
//! line is cut (between characters), and that line is marked `forced`.

use super::segment::BreakAfter;

/// Lengths within this of each other count as equal (float noise).
pub const EPSILON_MM: f32 = 1e-3;

/// One character as the line breaker sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fragment {
    pub width_mm: f32,
    /// Width not counted when the fragment ends a line.
    pub end_trim_mm: f32,
    pub break_after: BreakAfter,
    /// Hangs past the line end when trailing (spaces, line breaks).
    pub hangs: bool,
}

/// Available width of the first line and of the others (a first-line indent or a hanging
/// indent makes them differ).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineWidths {
    pub first_mm: f32,
    pub rest_mm: f32,
}

impl LineWidths {
    pub fn uniform(width_mm: f32) -> Self {
        LineWidths {
            first_mm: width_mm,
            rest_mm: width_mm,
        }
    }

    fn of_line(&self, line_index: usize) -> f32 {
        if line_index == 0 {
            self.first_mm
        } else {
            self.rest_mm
        }
    }
}

/// A line: fragments `start..end`, its width as set (trailing trim and hanging fragments not
/// counted), whether a rule had to be broken to make it, and whether a paragraph ends with it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineSpan {
    pub start: usize,
    pub end: usize,
    pub width_mm: f32,
    /// Cut inside an unbreakable segment wider than the line.
    pub forced: bool,
    /// Ends at a mandatory break or the end of the text (not justified).
    pub hard_end: bool,
}

/// The width of `fragments` set as one line: hanging fragments at the end and the last
/// visible fragment's end trim are not counted.
pub fn set_width_mm(fragments: &[Fragment]) -> f32 {
    let visible_end = fragments
        .iter()
        .rposition(|fragment| !fragment.hangs)
        .map_or(0, |last| last + 1);
    let visible = &fragments[..visible_end];
    let natural: f32 = visible.iter().map(|fragment| fragment.width_mm).sum();
    natural - visible.last().map_or(0.0, |fragment| fragment.end_trim_mm)
}

/// The set width of a line growing one fragment at a time: the same sums, in the same order,
/// as [`set_width_mm`] over the fragments added, without summing them again.
#[derive(Clone, Copy, Debug, Default)]
struct LineMeasure {
    /// Every fragment added so far, hanging ones included.
    natural_mm: f32,
    /// `natural_mm` up to and including the last visible fragment.
    visible_mm: f32,
    /// The end trim of the last visible fragment.
    last_trim_mm: f32,
}

impl LineMeasure {
    fn add(&mut self, fragment: &Fragment) {
        self.natural_mm += fragment.width_mm;
        if !fragment.hangs {
            self.visible_mm = self.natural_mm;
            self.last_trim_mm = fragment.end_trim_mm;
        }
    }

    fn width_mm(&self) -> f32 {
        self.visible_mm - self.last_trim_mm
    }
}

/// For each fragment, the end (exclusive) of the unbreakable segment it belongs to: computed
/// once, so a long token is never scanned again for every line it is cut into.
fn segment_ends(fragments: &[Fragment]) -> Vec<usize> {
    let mut ends = vec![fragments.len(); fragments.len()];
    let mut end = fragments.len();
    for (index, fragment) in fragments.iter().enumerate().rev() {
        if fragment.break_after != BreakAfter::Never {
            end = index + 1;
        }
        ends[index] = end;
    }
    ends
}

/// Breaks fragments into lines, first fit, in time linear in the number of fragments (each
/// fragment is measured at most a few times: on the line that tries it, on the next, and
/// once more where a token is cut). Fragments must not trim more than their width.
pub fn break_lines(fragments: &[Fragment], widths: LineWidths) -> Vec<LineSpan> {
    let ends = segment_ends(fragments);
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_end = 0;
    // The set width of `line_start..line_end`.
    let mut line = LineMeasure::default();
    while line_end < fragments.len() {
        let available_mm = widths.of_line(lines.len());
        let segment_end = ends[line_end];
        let mut candidate = line;
        for fragment in &fragments[line_end..segment_end] {
            candidate.add(fragment);
            // A line only grows (no fragment trims more than its own width): once too wide,
            // the rest of a long token need not be measured.
            if candidate.width_mm() > available_mm + EPSILON_MM {
                break;
            }
        }
        if candidate.width_mm() <= available_mm + EPSILON_MM {
            line_end = segment_end;
            line = candidate;
            if fragments[segment_end - 1].break_after == BreakAfter::Mandatory {
                lines.push(span(
                    fragments,
                    line_start,
                    line_end,
                    line.width_mm(),
                    false,
                ));
                line_start = line_end;
                line = LineMeasure::default();
            }
        } else if line_end > line_start {
            lines.push(span(
                fragments,
                line_start,
                line_end,
                line.width_mm(),
                false,
            ));
            line_start = line_end;
            line = LineMeasure::default();
        } else {
            // One segment wider than the line: cut it where the line is full.
            let (cut, cut_width_mm) =
                cut_position(fragments, line_start, segment_end, available_mm);
            lines.push(span(fragments, line_start, cut, cut_width_mm, true));
            line_start = cut;
            line_end = cut;
            line = LineMeasure::default();
        }
    }
    if line_end > line_start {
        lines.push(span(
            fragments,
            line_start,
            line_end,
            line.width_mm(),
            false,
        ));
    }
    lines
}

fn span(fragments: &[Fragment], start: usize, end: usize, width_mm: f32, forced: bool) -> LineSpan {
    LineSpan {
        start,
        end,
        width_mm,
        forced,
        hard_end: end == fragments.len() || fragments[end - 1].break_after == BreakAfter::Mandatory,
    }
}

/// Where to cut a too-wide segment: after as many fragments as fit, at least one; and the
/// width of the line so cut.
fn cut_position(
    fragments: &[Fragment],
    start: usize,
    end: usize,
    available_mm: f32,
) -> (usize, f32) {
    let mut line = LineMeasure::default();
    line.add(&fragments[start]);
    let mut cut = start + 1;
    while cut < end {
        let mut longer = line;
        longer.add(&fragments[cut]);
        if longer.width_mm() > available_mm + EPSILON_MM {
            break;
        }
        line = longer;
        cut += 1;
    }
    (cut, line.width_mm())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hanzi(break_after: BreakAfter) -> Fragment {
        Fragment {
            width_mm: 10.0,
            end_trim_mm: 0.0,
            break_after,
            hangs: false,
        }
    }

    fn comma() -> Fragment {
        Fragment {
            width_mm: 10.0,
            end_trim_mm: 5.0,
            break_after: BreakAfter::Allowed,
            hangs: false,
        }
    }

    fn ends(lines: &[LineSpan]) -> Vec<usize> {
        lines.iter().map(|line| line.end).collect()
    }

    #[test]
    fn fills_lines_first_fit() {
        let fragments = vec![hanzi(BreakAfter::Allowed); 7];
        let lines = break_lines(&fragments, LineWidths::uniform(30.0));
        assert_eq!(ends(&lines), vec![3, 6, 7]);
        assert!(!lines[0].hard_end && lines[2].hard_end);
    }

    #[test]
    fn a_line_end_comma_is_squeezed_in_rather_than_pushed_down() {
        // 三字 + 逗号 in 35 mm: the comma fits at half width.
        let mut fragments = vec![hanzi(BreakAfter::Allowed); 2];
        fragments.push(hanzi(BreakAfter::Never));
        fragments.push(comma());
        fragments.push(hanzi(BreakAfter::Allowed));
        let lines = break_lines(&fragments, LineWidths::uniform(35.0));
        assert_eq!(ends(&lines), vec![4, 5]);
        assert!((lines[0].width_mm - 35.0).abs() < 0.001);
    }

    #[test]
    fn a_segment_that_does_not_fit_goes_down_whole() {
        let mut fragments = vec![hanzi(BreakAfter::Allowed); 2];
        fragments.push(hanzi(BreakAfter::Never));
        fragments.push(hanzi(BreakAfter::Allowed));
        let lines = break_lines(&fragments, LineWidths::uniform(30.0));
        assert_eq!(ends(&lines), vec![2, 4]);
    }

    #[test]
    fn widths_summed_as_lines_grow_equal_the_widths_of_the_lines_set_alone() {
        // Fragments of uneven widths, trims, hanging spaces and unbreakable runs.
        let fragments: Vec<Fragment> = (0..500u32)
            .map(|index| Fragment {
                width_mm: 0.37 + (index * 7919 % 13) as f32 * 0.91,
                end_trim_mm: if index % 5 == 0 { 0.2 } else { 0.0 },
                break_after: match index % 11 {
                    0 => BreakAfter::Mandatory,
                    3..=5 => BreakAfter::Never,
                    _ => BreakAfter::Allowed,
                },
                hangs: index % 17 == 0,
            })
            .collect();
        for width_mm in [3.0, 17.5, 60.0, f32::INFINITY] {
            let lines = break_lines(&fragments, LineWidths::uniform(width_mm));
            assert_eq!(lines.last().map(|line| line.end), Some(fragments.len()));
            for line in &lines {
                let alone_mm = set_width_mm(&fragments[line.start..line.end]);
                // Exactly equal (0.0 and -0.0 alike): the same sums in the same order.
                assert!(line.width_mm == alone_mm, "{line:?}: {alone_mm}");
            }
        }
    }

    #[test]
    fn a_long_token_is_cut_once_per_line() {
        // 100,000 unbreakable fragments in lines of 10: each found in one pass.
        let mut fragments = vec![hanzi(BreakAfter::Never); 100_000];
        fragments.push(hanzi(BreakAfter::Allowed));
        let lines = break_lines(&fragments, LineWidths::uniform(100.0));
        assert_eq!(lines.len(), 10_001);
        assert!(
            lines[..10_000]
                .iter()
                .all(|line| line.forced && line.end - line.start == 10)
        );
    }

    #[test]
    fn a_segment_wider_than_the_line_is_cut_and_marked() {
        let mut fragments = vec![hanzi(BreakAfter::Never); 5];
        fragments.push(hanzi(BreakAfter::Allowed));
        let lines = break_lines(&fragments, LineWidths::uniform(25.0));
        assert_eq!(ends(&lines), vec![2, 4, 6]);
        assert!(lines[0].forced && lines[1].forced && !lines[2].forced);
    }
}
