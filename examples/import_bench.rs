//! Release bench of issue 13: import a 10,000-row, 12-column .xlsx (target ≤ 1 s, ≤ 200 MB
//! peak memory) and re-import it with the row diff (target ≤ 0.5 s). Prints the figures.
//!
//! `cargo run --release --example import_bench`

use gongkai::import::{ImportOptions, diff_rows, read_table};
use rust_xlsxwriter::{Format, Workbook};
use std::time::Instant;

const ROWS: usize = 10_000;
const COLUMNS: usize = 12;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let money = Format::new().set_num_format("#,##0.00");
    sheet.write_string(0, 0, "2026年低保资金发放花名册")?;
    for c in 0..COLUMNS {
        sheet.write_string(1, c as u16, format!("列{}", c + 1))?;
    }
    for row in 0..ROWS {
        let r = row as u32 + 2;
        sheet.write_number(r, 0, (row + 1) as f64)?;
        for c in 1..COLUMNS {
            if c % 3 == 0 {
                sheet.write_number_with_format(
                    r,
                    c as u16,
                    row as f64 * 1.25 + c as f64,
                    &money,
                )?;
            } else {
                sheet.write_string(r, c as u16, format!("户主{row}·{c}"))?;
            }
        }
    }
    workbook.save(&path)?;

    let start = Instant::now();
    let first = read_table(&path, &ImportOptions::default())?;
    let import_s = start.elapsed().as_secs_f64();
    assert_eq!(first.rows.len(), ROWS);
    assert_eq!(first.columns.len(), COLUMNS);

    let start = Instant::now();
    let again = read_table(&path, &ImportOptions::default())?;
    let diff = diff_rows(&first.columns, &first.rows, &again.columns, &again.rows);
    let reimport_s = start.elapsed().as_secs_f64();
    assert!(diff.is_empty());

    println!("import {ROWS} rows × {COLUMNS} columns (.xlsx): {import_s:.3} s (target ≤ 1 s)");
    println!("re-import with diff: {reimport_s:.3} s (target ≤ 0.5 s)");
    match peak_rss_mb() {
        Some(mb) => println!(
            "peak memory (VmHWM, whole process incl. writing the workbook): {mb:.0} MB (target ≤ 200 MB)"
        ),
        None => println!("peak memory: not available on this system"),
    }
    Ok(())
}
