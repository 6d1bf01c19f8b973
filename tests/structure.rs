//! The shape of `src/`: one folder per job, and dependencies between them run one way, in the
//! order data flows (text and numbers, time, the spec, analysis, layout, explaining, drawing;
//! then the adapters and the web glue on top). Each folder's `crate::name` references (outside
//! its tests) are its dependencies; a circle, or a reference up the order, fails, naming it.
//! (`src/bin/` is the command line on top of the library, not a module.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, with or without `src/bin/`'s.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>, with_bin: bool) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            if with_bin || path.file_name().is_some_and(|n| n != "bin") {
                rust_files(&path, out, with_bin);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's code without its test items: each `#[cfg(test)]` item (a `mod tests { … }`, a
/// function) is cut from its attribute to its closing brace, found by counting braces outside
/// comments, strings, raw strings and char literals; the code after it stays checked.
fn code_outside_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[item_end(rest)..];
    }
    out.push_str(rest);
    out
}

/// The byte just past the item that starts `text` (at its attribute): its first `{` to the
/// matching `}`, or its `;` if it ends before any brace (`#[cfg(test)] use …;`).
fn item_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
                continue;
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'#') | Some(b'"'))
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(i + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let start = i + 2 + hashes;
                    i = start
                        + text[start..]
                            .find(&close)
                            .map_or(text.len() - start, |k| k + close.len());
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A char literal ('{', '\'', '\u{7f}'); a lifetime ('a) has no closing quote.
                let body = &text[i + 1..];
                let end = match body.chars().next() {
                    Some('\\') => body.get(2..).and_then(|b| b.find('\'')).map(|k| k + 3),
                    Some(c) => body[c.len_utf8()..]
                        .starts_with('\'')
                        .then(|| c.len_utf8() + 1),
                    None => None,
                };
                if let Some(end) = end {
                    i += 1 + end;
                    continue;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    text.len()
}

/// Module → the modules it uses, from `crate::name` in each file outside its tests.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files, false);
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = code_outside_tests(&text);
        let entry = deps.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                entry.insert(name);
            }
        }
    }
    deps
}

#[test]
fn no_import_circle_among_the_modules() {
    let deps = dependencies();
    assert!(deps.len() >= 8, "modules found: {:?}", deps.keys());
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit(
        module: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut circle = path[at..].to_vec();
            circle.push(module.to_string());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for next in deps.get(module).into_iter().flatten() {
            if let Some(circle) = visit(next, deps, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for module in deps.keys() {
        if let Some(circle) = visit(module, &deps, &mut Vec::new(), &mut done) {
            panic!("import circle: {}", circle.join(" → "));
        }
    }
}

/// The folders in the order data flows through them; each may use only those before it.
const ORDER: [&str; 9] = [
    "text", "time", "spec", "analysis", "layout", "explain", "render", "adapters", "web",
];

#[test]
fn each_folder_uses_only_the_folders_before_it() {
    let deps = dependencies();
    let found: BTreeSet<&str> = deps.keys().map(String::as_str).collect();
    assert_eq!(
        found,
        ORDER.into_iter().collect(),
        "src/ holds exactly these folders (lib.rs and bin/ aside)"
    );
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    for (module, uses) in &deps {
        for used in uses {
            let (Some(a), Some(b)) = (rank(module), rank(used)) else {
                panic!("{module} uses crate::{used}, which is not a folder of src/");
            };
            assert!(
                b < a,
                "{module} uses {used}, which comes after it in the data flow"
            );
        }
    }
}

/// Functions longer than this many lines are split into named steps (issues 15 and 30).
const LONGEST_FUNCTION: usize = 80;

/// Files with more lines of code than this (outside test items) are split by job (issue 30).
const LONGEST_FILE: usize = 600;

/// (file, function, reason) allowed past the function limit: a table, not logic. An entry no
/// longer needed fails, so the list only shrinks.
const LONG_FUNCTIONS: [(&str, &str, &str); 1] =
    [("text/i18n.rs", "dates", "a table of date formats")];

/// (file, reason) allowed past the file limit; as above, an entry no longer needed fails.
const LONG_FILES: [(&str, &str); 1] = [("text/i18n.rs", "word tables")];

/// Each source file (the command line's too) by its path under src/, with its code outside
/// test items.
fn sources() -> Vec<(String, String)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files, true);
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&src).unwrap();
            let name = relative.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&file).unwrap();
            (name, code_outside_tests(&text))
        })
        .collect()
}

/// Each function in `code`, by name, with its length in lines.
fn functions(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let after_vis = trimmed
            .strip_prefix("pub(super) ")
            .or_else(|| trimmed.strip_prefix("pub(crate) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        let Some(rest) = after_vis.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The function ends at the first later line that closes at its own indentation.
        let end = lines[i + 1..]
            .iter()
            .position(|l| l.starts_with(&format!("{}}}", " ".repeat(indent))))
            .map_or(lines.len(), |k| i + 1 + k);
        out.push((name, end - i + 1));
    }
    out
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let mut long = Vec::new();
    let mut allowed_and_long = Vec::new();
    for (file, code) in sources() {
        for (name, length) in functions(&code) {
            if length <= LONGEST_FUNCTION {
                continue;
            }
            if LONG_FUNCTIONS
                .iter()
                .any(|(f, n, _)| *f == file && *n == name)
            {
                allowed_and_long.push((file.clone(), name));
            } else {
                long.push(format!("{file}: {name} ({length} lines)"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {LONGEST_FUNCTION} lines: {long:?}"
    );
    let stale: Vec<_> = LONG_FUNCTIONS
        .iter()
        .filter(|(f, n, _)| !allowed_and_long.iter().any(|(af, an)| af == f && an == n))
        .map(|(f, n, why)| format!("{f}: {n} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed past {LONGEST_FUNCTION} lines but no longer are: take them out of LONG_FUNCTIONS: {stale:?}"
    );
}

/// Lines of code: not blank, not a `//` comment (doc comments included).
fn code_lines(code: &str) -> usize {
    code.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .count()
}

#[test]
fn no_file_has_more_than_600_lines_of_code() {
    let mut long = Vec::new();
    let mut allowed_and_long = Vec::new();
    for (file, code) in sources() {
        let lines = code_lines(&code);
        if lines <= LONGEST_FILE {
            continue;
        }
        if LONG_FILES.iter().any(|(f, _)| *f == file) {
            allowed_and_long.push(file);
        } else {
            long.push(format!("{file} ({lines} lines of code)"));
        }
    }
    assert!(
        long.is_empty(),
        "files over {LONGEST_FILE} lines of code outside tests (split them by job): {long:?}"
    );
    let stale: Vec<_> = LONG_FILES
        .iter()
        .filter(|(f, _)| !allowed_and_long.iter().any(|a| a == f))
        .map(|(f, why)| format!("{f} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "allowed past {LONGEST_FILE} lines but no longer are: take them out of LONG_FILES: {stale:?}"
    );
}

#[test]
fn code_lines_leave_out_blanks_and_comments() {
    let code =
        "//! A module.\n\n/// A function.\nfn f() {\n    // why\n    let x = 1; // trailing\n}\n";
    assert_eq!(code_lines(code), 3);
    assert_eq!(functions(code), vec![("f".to_string(), 4)]);
}

#[test]
fn test_items_are_cut_and_the_code_after_them_checked() {
    let text = concat!(
        "fn before() {}\n",
        "#[cfg(test)]\n",
        "mod tests {\n",
        "    fn inside() { let s = \"}\"; let c = '}'; let q = '\\''; let r = r#\"}\"#; } // }\n",
        "    fn lifetime<'a>(x: &'a str) -> &'a str { x }\n",
        "}\n",
        "#[cfg(test)]\n",
        "use std::fmt;\n",
        "fn after() -> &'static str { \"{\" }\n",
    );
    let code = code_outside_tests(text);
    assert!(code.contains("fn before()"));
    assert!(!code.contains("fn inside()") && !code.contains("fn lifetime"));
    assert!(!code.contains("use std::fmt"));
    assert!(code.contains("fn after()"), "{code}");
    // A real case: text/mod.rs has code after a test module, which is checked now.
    let text_mod =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/mod.rs")).unwrap();
    let first_cut = text_mod.split("#[cfg(test)]").next().unwrap().len();
    assert!(code_outside_tests(&text_mod).len() > first_cut);
}
