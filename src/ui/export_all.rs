//! 全部导出 (toolbar and 文件 menu): every board, its tiles, the 表簿 and every 明白卡 into one
//! dated folder beside the project, with its 导出清单 — the job `gongkai export --all` runs
//! ([`crate::jobs::export_all::write_all`]).

use super::GongkaiApp;
use crate::layout::LayoutEngine;

impl GongkaiApp {
    /// Writes the whole set next to the project file; says where, and what was left out.
    pub(crate) fn export_all(&mut self) {
        let Some(project_path) = self.doc.path().map(std::path::Path::to_path_buf) else {
            self.warn("请先保存项目（文件 → 保存），全部导出的文件放在项目文件旁边的文件夹里。");
            return;
        };
        let out_dir = project_path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let mut engine = LayoutEngine::with_shared_fonts(self.layout_engine.shared_fonts());
        engine.set_base_dir(Some(out_dir.clone()));
        let written = crate::jobs::export_all::write_all(
            &mut engine,
            self.doc.project(),
            &project_path,
            &out_dir,
            self.today,
            false,
        );
        match written {
            Ok(written) => {
                self.work.exported_at = Some(self.doc.revision());
                let files = written.files.len().saturating_sub(1);
                let dir = written.dir.display();
                if written.refused.is_empty() {
                    self.say(format!(
                        "已全部导出 {files} 个文件到 {dir}（清单：{}）。",
                        crate::jobs::export_all::LIST_NAME
                    ));
                } else {
                    self.warn(format!(
                        "已导出 {files} 个文件到 {dir}；{} 个未导出：{}",
                        written.refused.len(),
                        written.refused.join("；")
                    ));
                }
            }
            Err(error) => self.warn(format!("全部导出未完成：{error}")),
        }
    }
}
