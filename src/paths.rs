//! Where gongbao keeps its files: configuration, reading state and page library (data), and
//! rebuildable caches such as the search index. `directories::ProjectDirs` by default;
//! `GONGBAO_CONFIG_DIR`, `GONGBAO_DATA_DIR` and `GONGBAO_CACHE_DIR` override each one.

use std::path::{Path, PathBuf};

/// Takes an exclusive lock on the file `path` (created if missing), waiting while another
/// process holds it; `on_wait` is called first when it must wait. The lock lasts while the
/// file handle lives.
///
/// # Errors
/// When the file cannot be created or locked.
pub fn lock_file(path: &Path, on_wait: impl FnOnce()) -> std::io::Result<std::fs::File> {
    let lock = std::fs::File::create(path)?;
    if lock.try_lock().is_err() {
        on_wait();
        lock.lock()?;
    }
    Ok(lock)
}

/// The three folders gongbao uses. They are not created until something is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `config.toml` lives here.
    pub config: PathBuf,
    /// Reading state, the page library and the log file live here.
    pub data: PathBuf,
    /// The search index and the parsed-model cache live here; deleting it loses nothing.
    pub cache: PathBuf,
}

/// Why the folders could not be found.
#[derive(Debug, thiserror::Error)]
#[error("cannot find a home directory for gongbao's files; set GONGBAO_CONFIG_DIR, GONGBAO_DATA_DIR and GONGBAO_CACHE_DIR")]
pub struct NoHome;

impl Paths {
    /// The page library's folder (`library/` in the data dir), which `gongbao import` fills
    /// and the default corpus reads.
    #[must_use]
    pub fn library(&self) -> PathBuf {
        self.data.join("library")
    }

    /// The folders from the environment overrides, else the platform's defaults.
    ///
    /// # Errors
    /// When an override is missing and the platform has no home directory.
    pub fn from_env() -> Result<Paths, NoHome> {
        Paths::resolve(|k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// Like [`Paths::from_env`], with the environment given as a function (for tests).
    ///
    /// # Errors
    /// When an override is missing and the platform has no home directory.
    pub fn resolve(env: impl Fn(&str) -> Option<PathBuf>) -> Result<Paths, NoHome> {
        let dirs = directories::ProjectDirs::from("", "", "gongbao");
        let pick = |key: &str, default: fn(&directories::ProjectDirs) -> PathBuf| {
            env(key)
                .or_else(|| dirs.as_ref().map(default))
                .ok_or(NoHome)
        };
        Ok(Paths {
            config: pick("GONGBAO_CONFIG_DIR", |d| d.config_dir().to_path_buf())?,
            data: pick("GONGBAO_DATA_DIR", |d| d.data_dir().to_path_buf())?,
            cache: pick("GONGBAO_CACHE_DIR", |d| d.cache_dir().to_path_buf())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_win() {
        let p = Paths::resolve(|k| Some(PathBuf::from(format!("/tmp/{k}")))).unwrap();
        assert_eq!(p.cache, PathBuf::from("/tmp/GONGBAO_CACHE_DIR"));
        assert_eq!(p.config, PathBuf::from("/tmp/GONGBAO_CONFIG_DIR"));
    }
}
