//! Spreadsheets that are zip files (.xlsx, .ods), checked before they are parsed: the number of
//! entries, each entry's unpacked size as declared AND as really unpacked (a header may lie),
//! the packing ratio, and the total. Every entry is unpacked once into nothing, counting bytes,
//! and stops at the first limit passed, so a 1 MB "zip bomb" costs a fraction of a second.

use std::io::Read;

/// More entries than this are refused (a workbook has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// One entry unpacked larger than this is refused (50,000 rows of 40 columns ≈ 80 MB of XML).
pub const MAX_ENTRY_BYTES: u64 = 160 * 1024 * 1024;
/// All entries together unpacked larger than this are refused.
pub const MAX_TOTAL_BYTES: u64 = 400 * 1024 * 1024;
/// An entry that unpacks to more than this many times its packed size is refused (worksheets
/// pack 5–30 times; zip bombs a thousand times).
pub const MAX_RATIO: u64 = 100;
/// Entries smaller than this are not held to [`MAX_RATIO`] (tiny, very regular XML).
const RATIO_FREE_BYTES: u64 = 1024 * 1024;
/// More shared strings (`<si>` in `xl/sharedStrings.xml`) than this are refused.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// Why a zip was refused: which limit, and the file's figure. Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZipRefusal {
    #[error("不是完整的 zip 文件（{0}）")]
    Broken(String),
    #[error("文件内有 {found} 个部件，超过上限 {limit} 个")]
    TooManyEntries { found: usize, limit: usize },
    #[error("部件 {name} 解压后{}，超过上限 {}", at_least(*.size_bytes, *.limit_bytes), super::read::size_zh(*.limit_bytes))]
    EntryTooLarge {
        name: String,
        size_bytes: u64,
        limit_bytes: u64,
    },
    #[error("部件 {name} 的压缩比超过 {ratio} 倍（上限 {limit} 倍），疑似“压缩炸弹”")]
    Ratio {
        name: String,
        ratio: u64,
        limit: u64,
    },
    #[error("部件 {name} 解压后比文件头声明的 {} 更大，文件已被改动或损坏", super::read::size_zh(*.declared_bytes))]
    LargerThanDeclared { name: String, declared_bytes: u64 },
    #[error("全部部件解压后超过上限 {}", super::read::size_zh(*.limit_bytes))]
    TotalTooLarge { limit_bytes: u64 },
    #[error("共享字符串超过上限 {limit} 条")]
    TooManySharedStrings { limit: u64 },
}

fn at_least(size_bytes: u64, limit_bytes: u64) -> String {
    if size_bytes > limit_bytes {
        format!("至少 {}", super::read::size_zh(size_bytes))
    } else {
        super::read::size_zh(size_bytes)
    }
}

/// What the check found in a zip that passed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ZipFacts {
    pub entries: usize,
    pub unpacked_bytes: u64,
    pub shared_strings: u64,
}

/// Checks every entry of the zip in `bytes` against the limits above.
pub fn check_zip(bytes: &[u8]) -> Result<ZipFacts, ZipRefusal> {
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|error| ZipRefusal::Broken(error.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ZipRefusal::TooManyEntries {
            found: archive.len(),
            limit: MAX_ENTRIES,
        });
    }
    let mut facts = ZipFacts {
        entries: archive.len(),
        ..ZipFacts::default()
    };
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| ZipRefusal::Broken(error.to_string()))?;
        let entry_name = entry
            .name()
            .map_err(|error| ZipRefusal::Broken(error.to_string()))?
            .into_owned();
        let name = crate::text::quoted(&entry_name);
        let declared = entry.size();
        let packed = entry.compressed_size().max(1);
        if declared > MAX_ENTRY_BYTES {
            return Err(ZipRefusal::EntryTooLarge {
                name,
                size_bytes: declared,
                limit_bytes: MAX_ENTRY_BYTES,
            });
        }
        let ratio_cap = ratio_cap_bytes(packed);
        if declared > ratio_cap {
            return Err(ZipRefusal::Ratio {
                name,
                ratio: declared / packed,
                limit: MAX_RATIO,
            });
        }
        let shared = entry_name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        // The declared size passed every limit: read one byte past it, the proof of a lie.
        let mut counter = Counter::new(shared);
        let copied = std::io::copy(&mut (&mut entry).take(declared + 1), &mut counter);
        if counter.items > MAX_SHARED_STRINGS {
            return Err(ZipRefusal::TooManySharedStrings {
                limit: MAX_SHARED_STRINGS,
            });
        }
        let unpacked = copied.map_err(|error| ZipRefusal::Broken(error.to_string()))?;
        if unpacked > declared {
            return Err(ZipRefusal::LargerThanDeclared {
                name,
                declared_bytes: declared,
            });
        }
        facts.unpacked_bytes += unpacked;
        if facts.unpacked_bytes > MAX_TOTAL_BYTES {
            return Err(ZipRefusal::TotalTooLarge {
                limit_bytes: MAX_TOTAL_BYTES,
            });
        }
        facts.shared_strings += counter.items;
    }
    Ok(facts)
}

/// The most an entry packed in `packed_bytes` may unpack to.
fn ratio_cap_bytes(packed_bytes: u64) -> u64 {
    packed_bytes.saturating_mul(MAX_RATIO).max(RATIO_FREE_BYTES)
}

/// A sink that counts `<si>` / `<si ` (shared string items) across buffer boundaries.
struct Counter {
    count_items: bool,
    tail: Vec<u8>,
    items: u64,
}

impl Counter {
    fn new(count_items: bool) -> Self {
        Self {
            count_items,
            tail: Vec::new(),
            items: 0,
        }
    }
}

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.count_items {
            self.tail.extend_from_slice(&buf[..buf.len().min(3)]);
            let starts = |window: &[u8]| window[..3] == *b"<si" && matches!(window[3], b'>' | b' ');
            self.items += self.tail.windows(4).filter(|w| starts(w)).count() as u64;
            self.items += buf.windows(4).filter(|w| starts(w)).count() as u64;
            // Keep the last three bytes to see an item cut between two buffers.
            let keep = buf.len().min(3);
            self.tail = buf[buf.len() - keep..].to_vec();
            if self.items > MAX_SHARED_STRINGS {
                return Err(std::io::Error::other(format!(
                    "共享字符串超过上限 {MAX_SHARED_STRINGS} 条"
                )));
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ratio_cap_leaves_small_entries_free() {
        assert_eq!(ratio_cap_bytes(1), RATIO_FREE_BYTES);
        assert_eq!(ratio_cap_bytes(1024 * 1024), 100 * 1024 * 1024);
    }

    #[test]
    fn shared_string_items_are_counted_across_buffers() {
        use std::io::Write;
        let mut counter = Counter::new(true);
        counter
            .write_all(b"<sst><si><t>a</t></si><s")
            .expect("write");
        counter.write_all(b"i><t>b</t></si><si ").expect("write");
        counter.write_all(b"x=\"1\"><sis>").expect("write");
        assert_eq!(counter.items, 3);
    }
}

#[cfg(test)]
mod bomb_tests {
    use super::*;
    use std::io::Write;

    fn zip_of(name: &str, content: &[u8]) -> Vec<u8> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        let mut zip = ::zip::ZipWriter::new(&mut bytes);
        let options = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        zip.start_file(name, options).expect("entry");
        zip.write_all(content).expect("write");
        zip.finish().expect("zip");
        bytes.into_inner()
    }

    #[test]
    fn a_part_packed_a_thousand_times_is_refused() {
        let bytes = zip_of(
            "xl/worksheets/sheet1.xml",
            &"哈".repeat(4_000_000).into_bytes(),
        );
        let refused = check_zip(&bytes).expect_err("bomb");
        assert!(matches!(refused, ZipRefusal::Ratio { .. }), "{refused:?}");
        let fine = zip_of("xl/worksheets/sheet1.xml", b"<sheetData/>");
        assert_eq!(check_zip(&fine).map(|facts| facts.entries), Ok(1));
    }
}
