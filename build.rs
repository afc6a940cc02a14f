//! Build script. For Windows targets only: compiles the exe's resources — the icon
//! (`assets/icon/gongkai.ico`, shown by Explorer, the taskbar and the shortcuts) and the version
//! information (File Explorer's 属性 › 详细信息) — with MinGW's `windres` into an object file
//! linked into the `gongkai` binary. Other targets: nothing to do.

use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, exit};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/gongkai.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!(
            "cargo:warning=icon and version resource are only built for the *-windows-gnu targets (MinGW windres)"
        );
        return;
    }
    if let Err(message) = compile_resources() {
        eprintln!("error: {message}");
        exit(1);
    }
}

fn compile_resources() -> Result<(), String> {
    let var = |name: &str| env::var(name).map_err(|_| format!("{name} is not set"));
    let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(var("OUT_DIR")?);
    let (major, minor, patch) = (
        var("CARGO_PKG_VERSION_MAJOR")?,
        var("CARGO_PKG_VERSION_MINOR")?,
        var("CARGO_PKG_VERSION_PATCH")?,
    );
    let version = var("CARGO_PKG_VERSION")?;
    let icon = manifest_dir.join("assets/icon/gongkai.ico");
    // windres reads the path inside a C string: forward slashes need no escaping.
    let icon = icon.to_string_lossy().replace('\\', "/");
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "gongkai"
      VALUE "FileDescription", "公开栏设计器"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "gongkai"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "gongkai.exe"
      VALUE "ProductName", "公开栏设计器"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#
    );
    let rc_path = out_dir.join("gongkai.rc");
    let object = out_dir.join("gongkai-resource.o");
    fs::write(&rc_path, rc).map_err(|error| format!("writing {}: {error}", rc_path.display()))?;
    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_else(|_| "x86_64".into());
        format!("{arch}-w64-mingw32-windres")
    });
    let status = Command::new(&windres)
        .arg("--codepage=65001")
        .arg("--output-format=coff")
        .arg("-i")
        .arg(&rc_path)
        .arg("-o")
        .arg(&object)
        .status()
        .map_err(|error| {
            format!(
                "cannot run {windres} (Debian: apt-get install binutils-mingw-w64-x86-64): {error}"
            )
        })?;
    if !status.success() {
        return Err(format!("{windres} failed on {}", rc_path.display()));
    }
    println!("cargo:rustc-link-arg-bins={}", object.display());
    Ok(())
}
