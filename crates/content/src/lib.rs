//! The content generator: writes every [`Document`] of `tuoke_core::content` in every
//! language as JSON under a directory (the trunk staging directory in a build), so the PWA
//! loads them as data rather than carrying them in its wasm.

#![forbid(unsafe_code)]

use std::io;
use std::path::{Path, PathBuf};

use tuoke_core::content::{Document, Playbooks, QuizTexts};
use tuoke_core::i18n::Lang;

fn write<D: Document>(root: &Path, lang: Lang) -> io::Result<PathBuf> {
    let doc = D::build(lang);
    doc.check()
        .map_err(|e| io::Error::other(format!("{} {}: {e}", D::NAME, lang.tag())))?;
    let path = root.join(D::path(lang));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec(&doc).map_err(io::Error::other)?;
    std::fs::write(&path, json)?;
    Ok(path)
}

/// Writes every document in every language under `root` (as `root/content/<lang>/<name>.json`)
/// and returns the files written.
pub fn write_all(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for lang in Lang::ALL {
        written.push(write::<Playbooks>(root, lang)?);
        written.push(write::<QuizTexts>(root, lang)?);
    }
    Ok(written)
}
