//! Issue 27: one guarded path for every file the program reads or writes. Hostile sources are
//! refused in seconds and under 1 GB with the project byte-identical; an output never
//! replaces the project, its `.bak`, a source or a file the program did not write; two
//! processes never lose each other's work; publish writes the archive before its 台账 entry;
//! the archive copies only pictures inside the project folder; the county CSV is safe.

use crate::support::{fixture_path, gongkai, text};
use chrono::NaiveDate;
use gongkai::model::{self, Block, load_project, save_project};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// What a hostile input may cost the program at most.
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// The address space the program runs in (1 GB): an allocation past it fails the run.
const MEMORY_LIMIT_KB: u64 = 1024 * 1024;

fn project_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(fixture_path(), &path).expect("copy fixture");
    (dir, path)
}

/// Runs the built program within [`MEMORY_LIMIT_KB`] of memory and returns its output and
/// how long it took.
fn gongkai_bounded(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai");
    (output, started.elapsed())
}

/// A workbook made by hand: the sheet's XML, shared strings and styles as given (so a test
/// can say what a real file never would).
fn raw_xlsx(sheet_data: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let mut entries: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_owned(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#
            ),
        ),
    ];
    if let Some(strings) = shared_strings {
        entries.push(("xl/sharedStrings.xml", strings.to_owned()));
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    for (name, content) in entries {
        zip.start_file(name, options).expect("entry");
        zip.write_all(content.as_bytes()).expect("write");
    }
    zip.finish().expect("zip");
    bytes.into_inner()
}

fn text_cell(reference: &str, value: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

fn header_rows() -> String {
    format!(
        r#"<row r="1">{}{}</row><row r="2">{}<c r="B2"><v>1</v></c></row>"#,
        text_cell("A1", "户主"),
        text_cell("B1", "金额"),
        text_cell("A2", "王桂兰")
    )
}

/// `import` of `source` into the fixture: refused (exit 2) within the limits, the project
/// byte-identical; returns what it said.
fn refused_import(source: &Path) -> String {
    let (dir, project) = project_copy();
    let before = std::fs::read(&project).expect("read");
    let (output, took) = gongkai_bounded(&[
        "import",
        project.to_str().expect("utf-8"),
        "--source",
        source.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
    ]);
    let said = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}: {said}",
        source.display()
    );
    assert!(took < TIME_LIMIT, "{}: {took:?}", source.display());
    assert_eq!(std::fs::read(&project).expect("read"), before, "{said}");
    assert!(said.contains("项目未改动"), "{said}");
    assert!(
        !said.contains("memory allocation") && !said.contains("panicked"),
        "{said}"
    );
    drop(dir);
    said
}

#[test]
fn a_cell_at_xfd1048576_is_refused_by_its_column_not_by_aborting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let far = dir.path().join("远.xlsx");
    let sheet = format!(
        r#"{}<row r="1048576">{}</row>"#,
        header_rows(),
        text_cell("XFD1048576", "x")
    );
    std::fs::write(&far, raw_xlsx(&sheet, None)).expect("write");
    assert!(std::fs::metadata(&far).expect("size").len() < 4096);
    let said = refused_import(&far);
    assert!(
        said.contains("第 16384 列（XFD1048576）有内容：共 16384 列以上，超过上限 500 列"),
        "{said}"
    );
}

#[test]
fn zip_bombs_huge_cells_and_endless_shared_strings_are_refused_with_their_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 42 MB of one character packs into well under 1 MB: refused by its packing ratio.
    let bomb = dir.path().join("炸弹.xlsx");
    let huge = format!(
        r#"{}<row r="3">{}</row>"#,
        header_rows(),
        text_cell("A3", &"哈".repeat(14_000_000))
    );
    std::fs::write(&bomb, raw_xlsx(&huge, None)).expect("write");
    let said = refused_import(&bomb);
    assert!(
        said.contains("压缩比超过") && said.contains("上限 100 倍"),
        "{said}"
    );

    // One cell of 40,000 varied characters packs normally: refused by the cell's limit.
    let long = dir.path().join("长.xlsx");
    let varied: String = (0..40_000u32)
        .map(|i| char::from_u32(0x4E00 + (i * 7919) % 20_000).unwrap_or('字'))
        .collect();
    let sheet = format!(
        r#"{}<row r="3">{}</row>"#,
        header_rows(),
        text_cell("A3", &varied)
    );
    std::fs::write(&long, raw_xlsx(&sheet, None)).expect("write");
    let said = refused_import(&long);
    assert!(
        said.contains("单元格 A3 的文字：40000 个字，超过上限 32767 个字"),
        "{said}"
    );

    // A shared-strings part claiming little and holding a lot (a lying header is caught by
    // unpacking: the test's writer states sizes truly, so a ratio stands in for it).
    let strings = dir.path().join("共享.xlsx");
    let items = "<si><t>甲</t></si>".repeat(2_100_000);
    let shared = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">{items}</sst>"#
    );
    std::fs::write(&strings, raw_xlsx(&header_rows(), Some(&shared))).expect("write");
    let said = refused_import(&strings);
    assert!(
        said.contains("共享字符串超过上限") || said.contains("压缩比超过"),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn devices_fifos_folders_and_oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let said = refused_import(Path::new("/dev/zero"));
    assert!(said.contains("不是普通文件（是设备）"), "{said}");
    let fifo = dir.path().join("管道.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let said = refused_import(&fifo);
    assert!(said.contains("不是普通文件（是管道（FIFO））"), "{said}");
    let folder = dir.path().join("文件夹.csv");
    std::fs::create_dir(&folder).expect("folder");
    let said = refused_import(&folder);
    assert!(said.contains("不是普通文件（是文件夹）"), "{said}");
    // 300 MB, sparse: refused by its size, before a byte is read.
    let big = dir.path().join("大.csv");
    std::fs::File::create(&big)
        .and_then(|file| file.set_len(300 * 1024 * 1024))
        .expect("sparse file");
    let said = refused_import(&big);
    assert!(said.contains("有 300 MB，超过上限 64 MB"), "{said}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_picture_does_not_hang_check_export_or_publish() {
    let (dir, path) = project_copy();
    let fifo = dir.path().join("图片.png");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let mut project = load_project(&path).expect("load");
    project.items[0].blocks.push(Block::Image {
        path: "图片.png".into(),
        caption: String::new(),
        width_mm: Some(40.0),
    });
    // Something to publish, so that publish writes an archive.
    project.items[0].disclosure.changed_on = Some(day(2027, 3, 1));
    save_project(&project, &path).expect("save");
    let file = path.to_str().expect("utf-8");
    let pdf = dir.path().join("栏.pdf");
    for args in [
        vec!["check", file, "--today", "2027-03-01"],
        vec!["export", file, "-o", pdf.to_str().expect("utf-8")],
        vec!["publish", file, "--today", "2027-03-01"],
    ] {
        let (output, took) = gongkai_bounded(&args);
        assert!(took < TIME_LIMIT, "{args:?}: {took:?}");
        let said = text(&output.stdout) + &text(&output.stderr);
        assert!(said.contains("不是普通文件"), "{args:?}: {said}");
    }
}

#[test]
fn two_hundred_thousand_columns_are_refused_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wide = dir.path().join("宽.csv");
    let header: Vec<String> = (0..200_000).map(|i| format!("列{i}")).collect();
    let row: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
    std::fs::write(&wide, format!("{}\n{}\n", header.join(","), row.join(","))).expect("write");
    let said = refused_import(&wide);
    assert!(said.contains("超过上限 500 列"), "{said}");
}

#[test]
fn utf16_without_bom_nul_bytes_formulas_without_values_and_far_dates_are_said() {
    let (dir, project) = project_copy();
    let file = project.to_str().expect("utf-8");
    // UTF-16LE without a byte-order mark, one cell holding a NUL.
    let csv = dir.path().join("名单.csv");
    let text16: Vec<u8> = "户主,金额\r\n王桂兰,369.25\r\n李\0建国,453.65\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&csv, text16).expect("write");
    let output = gongkai(&[
        "import",
        file,
        "--source",
        csv.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
    ]);
    let said = text(&output.stdout) + &text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("1 个空字符（NUL，如单元格 A3），已删除"),
        "{said}"
    );
    let table = table_of(&project, "p07-1");
    assert_eq!(table.columns, ["户主", "金额"]);
    assert_eq!(table.rows[1][0], "李建国");

    // A formula saved without its value.
    let book = dir.path().join("公式.xlsx");
    let sheet = format!(
        r#"{}<row r="3">{}<c r="B3"><f>SUM(B2:B2)</f></c></row>"#,
        header_rows(),
        text_cell("A3", "李建国"),
    );
    std::fs::write(&book, raw_xlsx(&sheet, None)).expect("write");
    let said = imported(file, &book);
    assert!(
        said.contains("有 1 个公式单元格没有保存计算结果（如 B3），导入为空"),
        "{said}"
    );
    let table = table_of(&project, "p07-1");
    assert_eq!(table.rows[1], ["李建国", ""]);

    // Date cells out of Excel's range stay numbers, with a warning; one in range is a date.
    let dates = dir.path().join("日期.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    for (row, (name, serial)) in [
        ("户主", None),
        ("赵小红", Some(0.0)),
        ("钱多多", Some(2_958_466.0)),
        ("孙立", Some(45_352.0)),
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string(row as u32, 0, name).expect("name");
        match serial {
            Some(serial) => sheet
                .write_number_with_format(row as u32, 1, serial, &date)
                .map(|_| ()),
            None => sheet.write_string(row as u32, 1, "发放日期").map(|_| ()),
        }
        .expect("cell");
    }
    workbook.save(&dates).expect("xlsx");
    let said = imported(file, &dates);
    assert!(
        said.contains("单元格 B2（0）、B3（2958466）是日期格式，但数值超出 1900-01-01 至 9999-12-31，已按数字保留"),
        "{said}"
    );
    let table = table_of(&project, "p07-1");
    let shown: Vec<&str> = table.rows.iter().map(|row| row[1].as_str()).collect();
    assert_eq!(shown[..2], ["0", "2958466"]);
    assert!(shown[2].contains("2024"), "{shown:?}");
}

/// `import` of `source` into the fixture's p07-1: exit 0; what it said.
fn imported(file: &str, source: &Path) -> String {
    let output = gongkai(&[
        "import",
        file,
        "--source",
        source.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
    ]);
    let said = text(&output.stdout) + &text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    said
}

fn table_of(project: &Path, item: &str) -> model::Table {
    let project = load_project(project).expect("load");
    project
        .item(item)
        .and_then(|item| {
            item.blocks.iter().find_map(|block| match block {
                Block::Table(table) => Some(table.clone()),
                _ => None,
            })
        })
        .expect("a table")
}

#[test]
fn an_output_never_replaces_the_project_its_backup_a_source_or_a_foreign_file() {
    let (dir, path) = project_copy();
    let file = path.to_str().expect("utf-8");
    // A save makes the .bak.
    let project = load_project(&path).expect("load");
    save_project(&project, &path).expect("save");
    let backup = dir.path().join("qinghe.gongkai.json.bak");
    let notes = dir.path().join("会议记录.pdf");
    std::fs::write(&notes, "三月会议记录").expect("write");
    let project_bytes = std::fs::read(&path).expect("read");
    let backup_bytes = std::fs::read(&backup).expect("read");
    for (args, expected) in [
        (vec!["export", file, "-o", file], "它是项目文件本身"),
        (
            vec!["export", file, "-o", backup.to_str().expect("utf-8")],
            "它是项目文件的备份（.bak）",
        ),
        (
            vec!["report", file, "--kind", "self-check", "-o", file],
            "它是项目文件本身",
        ),
        (
            vec!["export", file, "-o", notes.to_str().expect("utf-8")],
            "它不是PDF（内容不是本程序写出的），本程序不会覆盖它",
        ),
    ] {
        let output = gongkai(&args);
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(expected), "{args:?}: {said}");
    }
    assert_eq!(std::fs::read(&path).expect("read"), project_bytes);
    assert_eq!(std::fs::read(&backup).expect("read"), backup_bytes);
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "三月会议记录"
    );
    // A PDF the program wrote is replaced as before.
    let pdf = dir.path().join("栏.pdf");
    for _ in 0..2 {
        let output = gongkai(&[
            "export",
            file,
            "--force",
            "-o",
            pdf.to_str().expect("utf-8"),
        ]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}",
            text(&output.stderr)
        );
        assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    }
}

#[test]
fn two_imports_at_once_keep_both_tables() {
    let (dir, path) = project_copy();
    let file = path.to_str().expect("utf-8");
    let first = dir.path().join("一.csv");
    let second = dir.path().join("二.csv");
    std::fs::write(&first, "户主,金额\n王桂兰,1\n").expect("write");
    std::fs::write(&second, "姓名,面积\n李建国,2\n").expect("write");
    for round in 0..5 {
        let spawn = |source: &Path, item: &str| {
            Command::new(env!("CARGO_BIN_EXE_gongkai"))
                .args([
                    "import",
                    file,
                    "--source",
                    source.to_str().expect("utf-8"),
                    "--into",
                    &format!("table:{item}"),
                ])
                .output()
        };
        let (one, two) = std::thread::scope(|scope| {
            let one = scope.spawn(|| spawn(&first, "p01-1"));
            let two = scope.spawn(|| spawn(&second, "p01-2"));
            (
                one.join().expect("thread").expect("run"),
                two.join().expect("thread").expect("run"),
            )
        });
        for output in [&one, &two] {
            assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        }
        assert_eq!(
            table_of(&path, "p01-1").columns,
            ["户主", "金额"],
            "round {round}"
        );
        assert_eq!(
            table_of(&path, "p01-2").columns,
            ["姓名", "面积"],
            "round {round}"
        );
        // Next round: both tables gone again.
        let mut project = load_project(&path).expect("load");
        for id in ["p01-1", "p01-2"] {
            if let Some(item) = project.items.iter_mut().find(|item| item.id == id) {
                item.blocks
                    .retain(|block| !matches!(block, Block::Table(_)));
            }
        }
        save_project(&project, &path).expect("save");
    }
}

#[test]
fn a_project_another_process_writes_is_refused_after_a_short_wait_naming_the_holder() {
    let (_dir, path) = project_copy();
    let before = std::fs::read(&path).expect("read");
    let lock =
        gongkai::fileio::ProjectLock::try_acquire(&path, "公开栏设计器").expect("the app's lock");
    let started = Instant::now();
    let output = gongkai(&[
        "allow",
        path.to_str().expect("utf-8"),
        "110101199003074514",
        "--reason",
        "测试",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(started.elapsed() >= gongkai::fileio::lock::CLI_WAIT);
    assert!(
        said.contains("正在被") && said.contains("公开栏设计器（进程"),
        "{said}"
    );
    assert!(said.contains(&std::process::id().to_string()), "{said}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    drop(lock);
}

#[test]
fn temporary_files_of_an_interrupted_save_are_removed_at_the_next_open() {
    let (dir, path) = project_copy();
    // A process id no system hands out: the save it made was interrupted.
    let left = dir.path().join(".qinghe.gongkai.json.4294967295.tmp");
    std::fs::write(&left, vec![b'x'; 2_400_000]).expect("write");
    let output = gongkai(&[
        "check",
        path.to_str().expect("utf-8"),
        "--today",
        "2027-03-01",
    ]);
    assert!(output.status.code().is_some());
    assert!(!left.exists(), "the temporary file is still there");
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("date")
}

#[test]
fn publish_archives_only_pictures_inside_the_project_folder() {
    let (dir, path) = project_copy();
    let elsewhere = tempfile::tempdir().expect("another folder");
    let picture = |target: &Path| {
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).expect("folder");
        }
        image::RgbImage::from_fn(32, 20, |x, _| image::Rgb([(x * 8) as u8, 90, 160]))
            .save(target)
            .expect("png");
    };
    picture(&dir.path().join("图片/村委会.png"));
    picture(&elsewhere.path().join("合影.png"));
    std::fs::write(dir.path().join("图片/说明.png"), "不是图片").expect("write");
    let mut project = load_project(&path).expect("load");
    let outside = elsewhere.path().join("合影.png").display().to_string();
    for (index, block_path) in [
        "图片/村委会.png",
        outside.as_str(),
        "/etc/passwd",
        "../../../../../../etc/passwd",
        "图片/说明.png",
    ]
    .into_iter()
    .enumerate()
    {
        project.items[index].blocks.push(Block::Image {
            path: block_path.to_owned(),
            caption: String::new(),
            width_mm: Some(40.0),
        });
    }
    let archive = gongkai::jobs::write_archive(&project, &path, day(2027, 3, 1)).expect("archive");
    assert_eq!(archive.pictures, [archive.dir.join("图片/村委会.png")]);
    let reasons: Vec<String> = archive
        .pictures_not_copied
        .iter()
        .map(|picture| picture.message())
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    for reason in &reasons[..3] {
        assert!(
            reason.contains("在项目文件夹之外，为安全起见不复制"),
            "{reason}"
        );
    }
    assert!(
        reasons[3].contains("不是 PNG 或 JPEG 图片，不复制"),
        "{reasons:?}"
    );
    let mut all = Vec::new();
    let mut pending = vec![archive.dir.clone()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).expect("read dir").flatten() {
            if entry.path().is_dir() {
                pending.push(entry.path());
            } else {
                all.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    assert!(
        !all.iter()
            .any(|name| name == "passwd" || name.contains("合影")),
        "{all:?}"
    );
    // The findings list names the picture from outside the folder.
    let problems = gongkai::jobs::export_problems(&project, Some(dir.path()));
    assert!(
        problems
            .iter()
            .any(|problem| problem.contains("在项目文件夹之外")),
        "{problems:?}"
    );
}

#[test]
fn the_county_csv_neutralises_cells_a_spreadsheet_would_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = load_project(&fixture_path()).expect("fixture");
    project.meta.unit_name = "=HYPERLINK(\"http://例子\",\"点此\")".into();
    save_project(&project, &dir.path().join("a.gongkai.json")).expect("save");
    project.meta.unit_name = "@SUM(1+1)".into();
    save_project(&project, &dir.path().join("b.gongkai.json")).expect("save");
    let csv = dir.path().join("汇总.csv");
    let output = gongkai(&[
        "check",
        dir.path().to_str().expect("utf-8"),
        "--today",
        "2027-03-01",
        "--csv",
        csv.to_str().expect("utf-8"),
    ]);
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{}",
        text(&output.stderr)
    );
    let written = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        written.contains(r#""'=HYPERLINK(""http://例子"",""点此"")""#),
        "{written}"
    );
    assert!(written.contains(r#""'@SUM(1+1)""#), "{written}");
    // Written again over its own file; never over a CSV it did not write.
    let output = gongkai(&[
        "check",
        dir.path().to_str().expect("utf-8"),
        "--today",
        "2027-03-01",
        "--csv",
        csv.to_str().expect("utf-8"),
    ]);
    assert!(output.status.code().is_some_and(|code| code < 2));
    let theirs = dir.path().join("名单.csv");
    std::fs::write(&theirs, "\u{feff}姓名,身份证号\r\n").expect("write");
    let output = gongkai(&[
        "check",
        dir.path().to_str().expect("utf-8"),
        "--csv",
        theirs.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&theirs).expect("read"),
        "\u{feff}姓名,身份证号\r\n"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_app_holds_the_lock_and_never_saves_over_a_file_changed_on_disk() {
    use gongkai::ui::GongkaiApp;
    let (_dir, path) = project_copy();
    let today = day(2027, 3, 1);
    let mut app = GongkaiApp::open_on(Some(path.clone()), today);
    assert!(app.doc.path().is_some());
    // A second window cannot open it, and says who has it.
    let second = GongkaiApp::open_on(Some(path.clone()), today);
    assert!(second.doc.path().is_none());
    let said = second
        .notice
        .as_ref()
        .map(|notice| notice.text.clone())
        .unwrap_or_default();
    assert!(said.contains("公开栏设计器（进程"), "{said}");
    drop(second);
    // Another program (an older version, without the lock) changes the file.
    let mut theirs = load_project(&path).expect("load");
    theirs.meta.unit_name = "别人改过的单位".into();
    std::fs::write(&path, serde_json::to_string_pretty(&theirs).expect("json")).expect("write");
    let on_disk = std::fs::read(&path).expect("read");
    {
        let mut meta = app.project().meta.clone();
        meta.unit_name = "我的修改".into();
        app.apply_edit(gongkai::model::Edit::SetMeta(meta));
    }
    app.save_to(&path);
    assert!(app.disk_conflict.is_some(), "the save waits for the clerk");
    assert_eq!(std::fs::read(&path).expect("read"), on_disk);
    app.reload_from_disk(&path);
    assert_eq!(app.project().meta.unit_name, "别人改过的单位");
    assert!(app.disk_conflict.is_none());
    {
        let mut meta = app.project().meta.clone();
        meta.unit_name = "重新载入后再改".into();
        app.apply_edit(gongkai::model::Edit::SetMeta(meta));
    }
    app.save_to(&path);
    assert!(app.disk_conflict.is_none());
    assert_eq!(
        load_project(&path).expect("load").meta.unit_name,
        "重新载入后再改"
    );
}
