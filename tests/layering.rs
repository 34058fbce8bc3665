//! The crate's modules form no cycle: no module refers, through any chain of `crate::` or
//! `super::` paths, to a module that refers back to it. (A parent declaring its children with
//! `mod` is not a reference; calling into a child is.) Read from the sources, so a new cycle
//! fails here with the chain that closes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The module path of a source file: `src/fetch/mod.rs` is `fetch`, `src/fetch/main_fetch.rs`
/// is `fetch::main_fetch`, `src/lib.rs` is the crate root (`""`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments, string literals and `#[cfg(test)]` modules (tests may
/// reach anywhere).
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("//")
        })
        .map(|line| {
            // Drop string literals, crudely: everything between pairs of quotes.
            let mut out = String::new();
            let mut in_string = false;
            for c in line.chars() {
                if c == '"' {
                    in_string = !in_string;
                } else if !in_string {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module a path names: its longest prefix that is a module.
fn resolve(modules: &BTreeSet<String>, path: &[&str]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|candidate| modules.contains(candidate))
}

#[test]
fn no_module_refers_back_to_a_module_that_refers_to_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module.is_empty() || module.starts_with("bin") || module == "fixtures" {
            continue;
        }
        let code = code(&std::fs::read_to_string(file).unwrap());
        let tokens: Vec<&str> = code
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .filter(|t| t.contains("::"))
            .collect();
        let own: Vec<&str> = module.split("::").collect();
        for token in tokens {
            let parts: Vec<&str> = token.split("::").filter(|p| !p.is_empty()).collect();
            let target = match parts.first() {
                Some(&"crate") => resolve(&modules, &parts[1..]),
                // `use super::*` in an inline module names the file's own module.
                Some(&"super") if parts.len() == 1 => None,
                Some(&"super") => {
                    let mut path: Vec<&str> = own[..own.len() - 1].to_vec();
                    path.extend(&parts[1..]);
                    resolve(&modules, &path)
                }
                Some(first) => {
                    // A child module named from its parent (`main_fetch::main_fetch(..)`).
                    let mut path = own.clone();
                    path.push(first);
                    path.extend(&parts[1..]);
                    resolve(&modules, &path).filter(|t| t.len() > module.len())
                }
                None => None,
            };
            if let Some(target) = target.filter(|t| !t.is_empty() && *t != module) {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    // A cycle is an edge a → b with a path b → … → a.
    let reaches = |from: &str, to: &str| -> Option<Vec<String>> {
        let mut stack = vec![vec![from.to_owned()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = path.last().unwrap().clone();
            if last == to {
                return Some(path);
            }
            if !seen.insert(last.clone()) {
                continue;
            }
            for next in edges.get(&last).into_iter().flatten() {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
        None
    };
    let mut cycles = Vec::new();
    for (from, targets) in &edges {
        for to in targets {
            if let Some(back) = reaches(to, from) {
                cycles.push(format!("{from} -> {}", back.join(" -> ")));
            }
        }
    }
    assert!(edges.len() > 20, "too few modules read: {:?}", edges.keys());
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}
