//! Mistakes in the command line itself (an unknown option, a value that does not parse), said
//! in Chinese as every other message of the command line is; help and version print as clap
//! writes them.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// What went wrong, in Chinese, or `None` for help and version (not errors).
pub fn usage_error_zh(error: &clap::Error) -> Option<String> {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join("、"),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if value.is_empty() {
                format!("参数 {argument} 缺少值")
            } else if valid.is_empty() {
                format!("参数 {argument} 不接受“{value}”")
            } else {
                format!("参数 {argument} 不接受“{value}”，可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("参数 {argument} 的值“{value}”不对：{reason}")
        }
        ErrorKind::UnknownArgument => format!("不认识的参数 {argument}"),
        ErrorKind::InvalidSubcommand => {
            format!("没有命令“{}”", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少参数：{argument}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::ArgumentConflict => format!(
            "参数 {argument} 不能和 {} 一起用",
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {argument} 的值个数不对")
        }
        _ => {
            // Anything else: clap's own words, first line only.
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_owned()
        }
    };
    Some(format!("错误：{message}。用 gongkai --help 查看用法。"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn said(args: &[&str]) -> String {
        let error =
            crate::cli::Cli::try_parse_from(std::iter::once("gongkai").chain(args.iter().copied()))
                .expect_err("refused");
        usage_error_zh(&error).expect("an error")
    }

    #[test]
    fn command_line_mistakes_are_said_in_chinese() {
        assert_eq!(
            said(&["new", "--board-size", "0x0"]),
            "错误：参数 --board-size <WxH> 的值“0x0”不对：尺寸“0x0”：宽和高应是 100 到 100000 之间的毫米数。用 gongkai --help 查看用法。"
        );
        assert_eq!(
            said(&["export", "a.json", "--mode", "poster"]),
            "错误：参数 --mode <MODE> 不接受“poster”，可选：board、tiles、parts、register、cards、image。用 gongkai --help 查看用法。"
        );
        assert_eq!(
            said(&["check", "a.json", "--colour"]),
            "错误：不认识的参数 --colour。用 gongkai --help 查看用法。"
        );
        let help = crate::cli::Cli::try_parse_from(["gongkai", "--help"]).expect_err("help");
        assert_eq!(usage_error_zh(&help), None);
    }
}
