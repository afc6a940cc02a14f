//! Seeded mutations of a project file, for the fault tests (`fault`) and the long run
//! (`examples/fault_run.rs`, which includes this file): byte flips, truncation, type swaps,
//! huge numbers, deep nesting, invalid UTF-8 and huge strings. Each case says whether the
//! program must complain about it (refuse the file, or report a finding).

use gongkai::jobs::CheckOutcome;
use serde_json::Value;

/// A small seeded generator (splitmix64): the same seed gives the same cases everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next_u64() % bound as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mutation {
    ByteFlips,
    Truncation,
    TypeSwap,
    HugeNumber,
    DeepNesting,
    InvalidUtf8,
    HugeString,
}

impl Mutation {
    pub const ALL: [Mutation; 7] = [
        Mutation::ByteFlips,
        Mutation::Truncation,
        Mutation::TypeSwap,
        Mutation::HugeNumber,
        Mutation::DeepNesting,
        Mutation::InvalidUtf8,
        Mutation::HugeString,
    ];
}

/// One mutated file.
pub struct Case {
    pub mutation: Mutation,
    pub bytes: Vec<u8>,
    /// The file can no longer be a valid project as it was: `check` must refuse it (exit 2)
    /// or report a finding.
    pub must_complain: bool,
}

/// Where a value sits in the JSON tree: object keys and array indices.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every value of the tree with its path (the root excluded) and whether it is null or a
/// string.
fn paths(value: &Value) -> Vec<(Vec<Step>, bool, bool)> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), value)];
    while let Some((path, value)) = stack.pop() {
        let children: Vec<(Step, &Value)> = match value {
            Value::Object(map) => map
                .iter()
                .map(|(key, child)| (Step::Key(key.clone()), child))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, child)| (Step::Index(index), child))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            let mut child_path: Vec<Step> = path.clone();
            child_path.push(step);
            out.push((child_path.clone(), child.is_null(), child.is_string()));
            stack.push((child_path, child));
        }
    }
    out
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::Index(index) => value.get_mut(*index),
    })
}

/// A text of `count` characters as a clerk's content might hold, with a long number in it.
pub fn long_content(count: usize) -> String {
    let pattern = "政务公开，接受监督；电话0000-6612301，账号62220200001234567890123。";
    let mut text: String = pattern
        .chars()
        .cycle()
        .take(count.saturating_sub(40))
        .collect();
    text.push_str(&"9".repeat(count.min(40)));
    text
}

/// Mutates `original` (the fixture's bytes, whose JSON is `tree`) in the way `mutation` says.
/// `huge_chars` is the length of a huge string.
pub fn mutate(
    original: &[u8],
    tree: &Value,
    mutation: Mutation,
    huge_chars: usize,
    rng: &mut Rng,
) -> Case {
    match mutation {
        Mutation::ByteFlips => {
            let mut bytes = original.to_vec();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next_u64() as u8;
            }
            Case {
                mutation,
                bytes,
                must_complain: false,
            }
        }
        Mutation::Truncation => {
            // Anywhere before the closing brace: the JSON is incomplete.
            let end = original.iter().rposition(|byte| *byte == b'}').unwrap_or(0);
            let at = rng.below(end);
            Case {
                mutation,
                bytes: original[..at].to_vec(),
                must_complain: true,
            }
        }
        Mutation::InvalidUtf8 => {
            let mut bytes = original.to_vec();
            let at = rng.below(bytes.len());
            const BAD: [&[u8]; 4] = [&[0xFF], &[0xC3, 0x28], &[0xE4, 0xB8], &[0x80]];
            let bad = *rng.pick(&BAD);
            bytes.splice(at..at, bad.iter().copied());
            Case {
                mutation,
                bytes,
                must_complain: true,
            }
        }
        Mutation::TypeSwap
        | Mutation::HugeNumber
        | Mutation::DeepNesting
        | Mutation::HugeString => tree_mutation(tree, mutation, huge_chars, rng),
    }
}

fn tree_mutation(tree: &Value, mutation: Mutation, huge_chars: usize, rng: &mut Rng) -> Case {
    let mut tree = tree.clone();
    let all = paths(&tree);
    // Nulls are absent options: replacing them proves nothing about the file's checks.
    let candidates: Vec<&Vec<Step>> = all
        .iter()
        .filter(|(_, is_null, is_string)| match mutation {
            Mutation::HugeString => *is_string,
            _ => !*is_null,
        })
        .map(|(path, _, _)| path)
        .collect();
    let path = (*rng.pick(&candidates)).clone();
    let Some(slot) = at_mut(&mut tree, &path) else {
        unreachable!("the path was taken from the tree");
    };
    let must_complain = match mutation {
        Mutation::TypeSwap => {
            *slot = swapped(slot, rng);
            true
        }
        Mutation::HugeNumber => {
            let huge = *rng.pick(&["1.8e19", "-1.8e19", "1e39", "18446744073709551616"]);
            *slot = serde_json::from_str(huge).unwrap_or(Value::Null);
            true
        }
        Mutation::DeepNesting => {
            let depth = 129 + rng.below(20_000);
            // Objects nested in place of an object would be an unknown field, which serde
            // skips (without a depth limit, and without recursion): arrays there.
            let (open, close) = if rng.below(2) == 0 || slot.is_object() {
                ("[", "]")
            } else {
                ("{\"a\":", "}")
            };
            // Too deep for a Value: spliced into the text below.
            *slot = Value::String("@@NEST@@".into());
            let text = serde_json::to_string_pretty(&tree).unwrap_or_default();
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            return Case {
                mutation,
                bytes: text.replacen("\"@@NEST@@\"", &nested, 1).into_bytes(),
                must_complain: true,
            };
        }
        Mutation::HugeString => {
            *slot = Value::String(long_content(huge_chars));
            false
        }
        _ => false,
    };
    Case {
        mutation,
        bytes: serde_json::to_string_pretty(&tree)
            .unwrap_or_default()
            .into_bytes(),
        must_complain,
    }
}

/// A value of another JSON type than `value` (never null; never an array for an object, which
/// a struct may accept as a sequence).
fn swapped(value: &Value, rng: &mut Rng) -> Value {
    let choices: Vec<Value> = match value {
        Value::String(_) => vec![
            serde_json::json!(12345),
            serde_json::json!(true),
            serde_json::json!(["文字"]),
            serde_json::json!({ "k": 1 }),
        ],
        Value::Number(_) => vec![
            serde_json::json!("三十"),
            serde_json::json!(false),
            serde_json::json!([1]),
            serde_json::json!({ "k": 1 }),
        ],
        Value::Bool(_) => vec![serde_json::json!(1), serde_json::json!("是")],
        Value::Array(_) => vec![serde_json::json!("列表"), serde_json::json!(7)],
        Value::Object(_) => vec![serde_json::json!("对象"), serde_json::json!(7)],
        Value::Null => vec![serde_json::json!(0)],
    };
    rng.pick(&choices).clone()
}

/// Whether `check` complained: refused the file, or reported a finding, a problem or a
/// warning.
pub fn complained(outcome: &CheckOutcome) -> bool {
    outcome.exit_code == 2
        || outcome.stdout.iter().any(|line| {
            line.starts_with("问题：")
                || line.starts_with("警告：")
                || line.starts_with("错误 [")
                || line.starts_with("警告 [")
        })
}

/// Whether a message has an English phrase in it (three lower-case words in a row): serde's
/// or the system's English reaching a clerk.
pub fn has_english_phrase(message: &str) -> bool {
    message
        .split(|ch: char| !ch.is_ascii_lowercase() && ch != ' ')
        .any(|part| part.split_whitespace().count() >= 3)
}

/// Lines no longer than this are short enough for a clerk's screen (a quoted value is cut to
/// 60 characters; a message quotes a few).
pub const MAX_LINE_CHARS: usize = 1_000;
