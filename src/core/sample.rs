//! The bundled sample collection: five articles from `assets/sample/`, found beside the sources or
//! the binary, or written out from the copies built into the binary.

use std::path::{Path, PathBuf};

/// The sample articles built into the binary, for a Dateline installed without its `assets/`.
const EMBEDDED: [(&str, &str); 5] = [
    (
        "000_53a47ea64c1c0eb4.txt",
        include_str!("../../assets/sample/000_53a47ea64c1c0eb4.txt"),
    ),
    (
        "001_733b5a0515859e55.txt",
        include_str!("../../assets/sample/001_733b5a0515859e55.txt"),
    ),
    (
        "002_4c8b3ae003e75f68.txt",
        include_str!("../../assets/sample/002_4c8b3ae003e75f68.txt"),
    ),
    (
        "003_75513eacda7d24c0.txt",
        include_str!("../../assets/sample/003_75513eacda7d24c0.txt"),
    ),
    (
        "004_48452417f1ed6d85.txt",
        include_str!("../../assets/sample/004_48452417f1ed6d85.txt"),
    ),
];

/// Where the sample collection is: `assets/sample` in the source tree or beside the binary, or
/// else a copy written into `data_dir`.
pub fn bundled_collection(data_dir: Option<&Path>) -> Result<PathBuf, std::io::Error> {
    let source_tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join("assets/sample")));
    for candidate in std::iter::once(source_tree).chain(beside_binary) {
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    let Some(data_dir) = data_dir else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no sample collection and no data folder to write one to",
        ));
    };
    let dir = data_dir.join("sample");
    std::fs::create_dir_all(&dir)?;
    for (name, text) in EMBEDDED {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(path, text)?;
        }
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_copies_match_the_assets() -> std::io::Result<()> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
        for (name, text) in EMBEDDED {
            assert_eq!(std::fs::read_to_string(dir.join(name))?, text, "{name}");
        }
        Ok(())
    }
}
