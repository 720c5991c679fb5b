//! Keyed sets of the browser export beside the term buckets: the lexicon by
//! first character (`w/`), the similar-case model (`s/`) and each clause's
//! related documents (`g/`). Each set is a few files of JSON objects, a key
//! in the file FNV-1a(key) mod the set's bucket count selects, written as
//! `regkbSearch.set("w", b, {…});` so they load from file://. A value longer
//! than `BIG_VALUE` gets a file of its own (`<set>/x<k>.js`, calling
//! `regkbSearch.setBig("w", k, value)`) and its bucket holds the number k, so
//! a bucket stays small and a query loads only the long values it needs. The
//! CLI reads them back through `SetReader`, so browser and CLI read the same bytes.

use super::encode::fnv1a;
use crate::diagnostic::Message;
use crate::msg;
use anyhow::{Context, bail};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Serialized values longer than this get a file of their own.
pub const BIG_VALUE: usize = 1536;

/// Writes one set under `dir/<name>/`; returns (bucket count, bytes written).
pub fn write(
    dir: &Path,
    name: &str,
    entries: &BTreeMap<String, Value>,
    target_bytes: usize,
) -> anyhow::Result<(usize, u64)> {
    let sizes: Vec<(&String, String)> = entries.iter().map(|(k, v)| (k, v.to_string())).collect();
    let total: usize = sizes
        .iter()
        .map(|(k, v)| k.len() + v.len().min(BIG_VALUE) + 4)
        .sum();
    let buckets = (total / target_bytes.max(1)).max(1).next_power_of_two();
    let mut files: Vec<Map<String, Value>> = vec![Map::new(); buckets];
    let sub = dir.join(name);
    if sub.exists() {
        std::fs::remove_dir_all(&sub)?;
    }
    std::fs::create_dir_all(&sub)?;
    let mut written = 0;
    let mut put = |rel: String, text: String| -> anyhow::Result<()> {
        let path = sub.join(rel);
        crate::site::publish::write(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written += text.len() as u64;
        Ok(())
    };
    let call = serde_json::to_string(name)?;
    let mut big = 0u64;
    for (k, text) in sizes {
        let slot = &mut files[fnv1a(k) as usize & (buckets - 1)];
        if text.len() > BIG_VALUE {
            put(
                format!("x{big}.js"),
                format!("regkbSearch.setBig({call},{big},{text});\n"),
            )?;
            slot.insert(k.clone(), Value::from(big));
            big += 1;
        } else {
            slot.insert(k.clone(), entries[k].clone());
        }
    }
    for (b, map) in files.into_iter().enumerate() {
        put(
            format!("{b}.js"),
            format!("regkbSearch.set({call},{b},{});\n", Value::Object(map)),
        )?;
    }
    Ok((buckets, written))
}

/// Writes values that another set's entries refer to by number, each a file of
/// its own (`dir/<name>/x<k>.js`, calling `regkbSearch.setBig(name, k, value)`);
/// returns the bytes written.
pub fn write_values(dir: &Path, name: &str, values: &[String]) -> anyhow::Result<u64> {
    let sub = dir.join(name);
    if sub.exists() {
        std::fs::remove_dir_all(&sub)?;
    }
    std::fs::create_dir_all(&sub)?;
    let call = serde_json::to_string(name)?;
    let mut written = 0;
    for (k, v) in values.iter().enumerate() {
        let text = format!(
            "regkbSearch.setBig({call},{k},{});\n",
            Value::from(v.as_str())
        );
        let path = sub.join(format!("x{k}.js"));
        crate::site::publish::write(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        written += text.len() as u64;
    }
    Ok(written)
}

/// Reads keys of the sets a build wrote, each bucket file parsed once.
pub struct SetReader {
    dir: PathBuf,
    buckets: HashMap<String, usize>,
    files: Mutex<HashMap<(String, usize), Map<String, Value>>>,
    meta: Value,
}

impl SetReader {
    /// `search_dir`: the export directory (with `meta.js`).
    pub fn open(search_dir: &Path) -> anyhow::Result<SetReader> {
        let meta = call_payload(&search_dir.join("meta.js"), "regkbSearch.meta")?;
        let meta: Value = serde_json::from_str(&meta)?;
        let buckets = meta["sets"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(1) as usize))
                    .collect()
            })
            .unwrap_or_default();
        Ok(SetReader {
            dir: search_dir.to_path_buf(),
            buckets,
            files: Mutex::new(HashMap::new()),
            meta,
        })
    }

    pub fn meta(&self) -> &Value {
        &self.meta
    }

    pub fn get(&self, set: &str, key: &str) -> anyhow::Result<Option<Value>> {
        let Some(&n) = self.buckets.get(set) else {
            return Ok(None);
        };
        let b = fnv1a(key) as usize & (n - 1);
        let mut files = self.files.lock().expect("no panics while held");
        let slot = (set.to_string(), b);
        if !files.contains_key(&slot) {
            let path = self.dir.join(set).join(format!("{b}.js"));
            let map = match set_value(&path, "regkbSearch.set")? {
                Value::Object(map) => map,
                _ => bail!(not_ours(&path)),
            };
            files.insert(slot.clone(), map);
        }
        match files[&slot].get(key) {
            Some(Value::Number(k)) => {
                let path = self.dir.join(set).join(format!("x{k}.js"));
                Ok(Some(set_value(&path, "regkbSearch.setBig")?))
            }
            other => Ok(other.cloned()),
        }
    }
}

impl SetReader {
    /// Value k of `write_values`.
    pub fn value(&self, set: &str, k: u64) -> anyhow::Result<Value> {
        set_value(
            &self.dir.join(set).join(format!("x{k}.js")),
            "regkbSearch.setBig",
        )
    }
}

/// The value a set file passes: `call("w",3,VALUE);` — it follows the second comma.
fn set_value(path: &Path, call: &str) -> anyhow::Result<Value> {
    let text = call_payload(path, call)?;
    let value = text.splitn(3, ',').nth(2).with_context(|| not_ours(path))?;
    serde_json::from_str(value).with_context(|| not_ours(path))
}

/// A file of the built site is missing: the site was not built, or not there.
pub fn not_built(path: &Path) -> Message {
    let p = path.display();
    msg!(
        "E0903",
        format!("无法读取 {p}：请先运行 regkb build 生成网站，或用 --site 指明网站所在的文件夹"),
        format!("cannot read {p} (run `regkb build` first, or give the site with --site)"),
    )
}

/// A file of the built site is not what regkb wrote there.
pub fn not_ours(path: &Path) -> Message {
    let p = path.display();
    msg!(
        "E0904",
        format!("{p} 不是 regkb build 生成的文件，或已损坏：请重新运行 regkb build"),
        format!("{p} is not a file regkb build wrote, or it is damaged; run regkb build again"),
    )
}

/// The argument text of the one call a data file makes: `call(…);`.
pub fn call_payload(path: &Path, call: &str) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).with_context(|| not_built(path))?;
    text.trim()
        .strip_prefix(call)
        .and_then(|s| s.strip_prefix('('))
        .and_then(|s| s.strip_suffix(");"))
        .map(str::to_string)
        .with_context(|| not_ours(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn what_is_written_reads_back() {
        let tmp = tempfile::tempdir().unwrap();
        let mut entries: BTreeMap<String, Value> = (0..300)
            .map(|i| (format!("key{i}"), json!([i, "台账"])))
            .collect();
        entries.insert("long".into(), json!("台".repeat(BIG_VALUE)));
        let (buckets, _) = write(tmp.path(), "s", &entries, 512).unwrap();
        assert!(buckets > 1 && buckets.is_power_of_two());
        std::fs::write(
            tmp.path().join("meta.js"),
            format!("regkbSearch.meta({});\n", json!({"sets": {"s": buckets}})),
        )
        .unwrap();
        let r = SetReader::open(tmp.path()).unwrap();
        assert_eq!(r.get("s", "key7").unwrap(), Some(json!([7, "台账"])));
        assert_eq!(r.get("s", "nokey").unwrap(), None);
        assert_eq!(
            r.get("s", "long").unwrap(),
            Some(json!("台".repeat(BIG_VALUE)))
        );
        assert!(tmp.path().join("s/x0.js").exists());
        assert_eq!(r.get("w", "key7").unwrap(), None);
    }
}
