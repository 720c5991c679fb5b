//! Publishing a built site: the staging directory beside the output takes the
//! output's place in one step, so `public/` is at every moment either the old site
//! or the new one, complete.
//!
//! On Linux the two directories are exchanged with `renameat2(RENAME_EXCHANGE)`;
//! the old site then sits at the staging path and is deleted (by `serve` on a
//! thread of its own, after it reports the rebuild). Where the exchange is
//! not available (other systems, or file systems without it) the output is renamed
//! aside and the staging directory renamed into place: a kill between the two
//! renames leaves the old site at `.public.old-PID`, which the next build puts back.
//! Leftovers of killed builds (`.public.new-PID-*`, `.public.old-PID` of a process
//! that is gone) are removed when a build starts.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Where a build stops when `REGKB_FAULT` names that step (tests kill builds there:
/// `written`, `exchanged`, `renamed-aside`; `REGKB_NO_EXCHANGE` forces the two renames;
/// `undeletable` makes the old site fail to delete).
fn fault(step: &str) {
    if std::env::var("REGKB_FAULT").is_ok_and(|f| f == step) {
        eprintln!("REGKB_FAULT: stopping at {step}");
        std::process::abort();
    }
}

/// Removes a directory, or fails as a read-only one would when `REGKB_FAULT` is
/// `undeletable` (root ignores permissions, so tests cannot make one).
fn remove_dir(dir: &Path) -> io::Result<()> {
    if std::env::var("REGKB_FAULT").is_ok_and(|f| f == "undeletable") {
        return Err(io::Error::from(io::ErrorKind::PermissionDenied));
    }
    std::fs::remove_dir_all(dir)
}

pub fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// A fresh staging directory beside `output`, named for this process, after the
/// leftovers of dead builds are cleared away. Refuses an output that is not a directory.
pub fn staging_dir(output: &Path) -> io::Result<tempfile::TempDir> {
    if output.exists() && !output.is_dir() {
        return Err(io::Error::other(format!(
            "{} 已存在但不是目录；请改用 --output 指定一个目录，或移走该文件。",
            output.display()
        )));
    }
    let parent = parent_of(output);
    std::fs::create_dir_all(&parent)?;
    clean_stale(output)?;
    tempfile::Builder::new()
        .prefix(&format!(".{}.new-{}-", name_of(output), std::process::id()))
        .tempdir_in(&parent)
}

/// Removes `.NAME.new-PID-*` and restores or removes `.NAME.old-PID` of processes
/// that no longer run.
fn clean_stale(output: &Path) -> io::Result<()> {
    let (parent, name) = (parent_of(output), name_of(output));
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    let new_prefix = format!(".{name}.new-");
    let old_prefix = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let (rest, old) = if let Some(r) = file.strip_prefix(&new_prefix) {
            (r, false)
        } else if let Some(r) = file.strip_prefix(&old_prefix) {
            (r, true)
        } else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || alive(pid) {
            continue;
        }
        if old && !output.exists() {
            // A build died between its two renames: the old site goes back.
            std::fs::rename(entry.path(), output)?;
        } else {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true // cannot tell: leave it
    }
}

/// Joins a page's relative path under `root`, refusing anything that could leave it.
pub fn under(root: &Path, rel: &str) -> io::Result<PathBuf> {
    let rel_path = Path::new(rel);
    let safe = !rel.is_empty()
        && rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(io::Error::other(format!(
            "页面路径“{}”会写到输出目录之外，已拒绝。",
            rel.escape_debug()
        )));
    }
    Ok(root.join(rel_path))
}

/// Writes one file of the new site into the staging directory.
pub fn write_file(staging: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let target = under(staging, rel)?;
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write(&target, bytes)
}

/// Staging directories of the builds running in this process, each with the
/// site it will replace.
static REUSE: std::sync::Mutex<Vec<(PathBuf, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// While it lives, files written under `staging` that the previous site holds
/// with the same bytes are hard-linked from it (see `write`).
pub struct Reuse(PathBuf);

pub fn reuse(staging: &Path, previous: &Path) -> Reuse {
    let mut r = REUSE.lock().unwrap_or_else(|e| e.into_inner());
    r.push((staging.to_path_buf(), previous.to_path_buf()));
    Reuse(staging.to_path_buf())
}

impl Drop for Reuse {
    fn drop(&mut self) {
        let mut r = REUSE.lock().unwrap_or_else(|e| e.into_inner());
        r.retain(|(s, _)| *s != self.0);
    }
}

/// Writes a file of a site being built. When the site it replaces holds the same
/// bytes at the same place, the file is hard-linked instead: a rebuild after one
/// edit (what `serve` does) then creates almost no new inodes and frees almost
/// none when the old site is deleted, which on ext4 costs more than the bytes.
/// The old site is never written to; without links (FAT, some shares) it writes.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let previous = {
        let r = REUSE.lock().unwrap_or_else(|e| e.into_inner());
        r.iter()
            .find_map(|(s, p)| path.strip_prefix(s).ok().map(|rel| p.join(rel)))
    };
    if let Some(old) = previous {
        let same = std::fs::symlink_metadata(&old)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == bytes);
        if same && std::fs::hard_link(&old, path).is_ok() {
            return Ok(());
        }
    }
    std::fs::write(path, bytes)
}

/// Files rendered on several threads, written by one: creating files in one
/// directory is serialised by the file system anyway (threads writing into
/// `cases/` at once only spin on its lock), and a bounded queue keeps what
/// waits to be written to a few hundred pages.
pub struct Writer {
    queue: Option<std::sync::mpsc::SyncSender<(String, Vec<u8>)>>,
    thread: Option<std::thread::JoinHandle<io::Result<()>>>,
}

const QUEUED: usize = 256;

impl Writer {
    pub fn new(staging: &Path) -> Writer {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(QUEUED);
        let dir = staging.to_path_buf();
        let thread = std::thread::spawn(move || {
            for (rel, bytes) in rx {
                write_file(&dir, &rel, &bytes)?;
            }
            Ok(())
        });
        Writer {
            queue: Some(tx),
            thread: Some(thread),
        }
    }

    /// Queues a file; `false` when the writer has stopped on an error (`finish` says which).
    pub fn send(&self, rel: &str, bytes: Vec<u8>) -> bool {
        self.queue
            .as_ref()
            .is_some_and(|q| q.send((rel.to_string(), bytes)).is_ok())
    }

    /// Waits until every queued file is written; the first error, if any.
    pub fn finish(mut self) -> io::Result<()> {
        drop(self.queue.take());
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(io::Error::other("the writer thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        drop(self.queue.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Puts the staging directory, written in full, in `output`'s place. On an error
/// the output is the old site (the message says so only after checking).
pub fn publish(output: &Path, staging: tempfile::TempDir) -> io::Result<Published> {
    fault("written");
    let staging = staging.keep();
    if !output.exists() {
        return match std::fs::rename(&staging, output) {
            Ok(()) => Ok(Published { old: None }),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(e)
            }
        };
    }
    let exchanged = if std::env::var_os("REGKB_NO_EXCHANGE").is_some() {
        Err(io::Error::from_raw_os_error(libc_codes::ENOSYS))
    } else {
        exchange(&staging, output)
    };
    match exchanged {
        Ok(()) => {
            fault("exchanged");
            // The old site is now at the staging path.
            Ok(Published { old: Some(staging) })
        }
        Err(e)
            if e.raw_os_error()
                .is_some_and(|c| c == libc_codes::EINVAL || c == libc_codes::ENOSYS) =>
        {
            two_renames(output, staging)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// What publishing left behind: the old site, moved aside, to be deleted.
#[derive(Debug)]
#[must_use = "the old site is still on disk"]
pub struct Published {
    old: Option<PathBuf>,
}

/// The deletion running on its own thread (`Published::discard_later`).
static DISCARDING: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(None);

impl Published {
    /// Deletes the old site; on a failure, returns where it is left.
    pub fn discard(self) -> Option<(PathBuf, io::Error)> {
        let old = self.old?;
        remove_dir(&old).err().map(|e| (old, e))
    }

    /// `discard` on a thread of its own; `failed` reports a failure. The next
    /// `wait_discarded` waits for it.
    pub fn discard_later(self, failed: impl FnOnce(PathBuf, io::Error) + Send + 'static) {
        wait_discarded();
        let handle = std::thread::spawn(move || {
            if let Some((old, e)) = self.discard() {
                failed(old, e);
            }
        });
        *DISCARDING.lock().expect("discard lock") = Some(handle);
    }
}

/// Waits for the old site `discard_later` is deleting, if any: a build calls it
/// before it publishes, so two deletions never overlap and `.public.old-PID` is
/// free again.
pub fn wait_discarded() {
    let pending = DISCARDING.lock().expect("discard lock").take();
    if let Some(handle) = pending {
        let _ = handle.join();
    }
}

fn two_renames(output: &Path, staging: PathBuf) -> io::Result<Published> {
    let old = parent_of(output).join(format!(".{}.old-{}", name_of(output), std::process::id()));
    if let Err(e) = std::fs::rename(output, &old) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    fault("renamed-aside");
    if let Err(e) = std::fs::rename(&staging, output) {
        let back = std::fs::rename(&old, output);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(match back {
            Ok(()) => e,
            Err(b) => io::Error::other(format!(
                "{e}；旧站点未能放回，现在位于 {}（{b}）",
                old.display()
            )),
        });
    }
    Ok(Published { old: Some(old) })
}

mod libc_codes {
    pub const EINVAL: i32 = 22;
    pub const ENOSYS: i32 = 38;
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them only.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(libc_codes::ENOSYS))
}

#[cfg(test)]
mod tests {
    use super::under;
    use std::path::Path;

    #[test]
    fn page_paths_stay_under_the_root() {
        let root = Path::new("/out");
        assert_eq!(
            under(root, "cases/2025-001.html").unwrap(),
            Path::new("/out/cases/2025-001.html")
        );
        for bad in [
            "../evil.html",
            "cases/../../evil",
            "/etc/passwd",
            "",
            "./x/../../y",
        ] {
            assert!(under(root, bad).is_err(), "{bad}");
        }
    }
}
