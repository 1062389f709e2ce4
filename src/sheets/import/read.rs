//! Reading the file: its bytes into a workbook, with its name and SHA-256 (the history
//! knows a file imported before by it).

use sha2::{Digest, Sha256};

use crate::sheets::sheet::{ReadError, Workbook};

/// A file to import: its name, the SHA-256 of its bytes, and what it holds.
#[derive(Clone, Debug)]
pub struct Source {
    pub file_name: String,
    pub sha256: String,
    pub book: Workbook,
}

impl Source {
    /// Reads a file from disk.
    pub fn read(path: &std::path::Path) -> Result<Source, ReadError> {
        let (book, bytes) = crate::sheets::sheet::read_path(path)?;
        Ok(Source {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha256_hex(&bytes),
            book,
        })
    }

    /// A file already in memory.
    pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Result<Source, ReadError> {
        Ok(Source {
            file_name: file_name.to_string(),
            sha256: sha256_hex(bytes),
            book: crate::sheets::sheet::read_bytes(bytes)?,
        })
    }
}

/// SHA-256 as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
