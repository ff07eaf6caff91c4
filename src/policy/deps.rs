//! Which policy modules a rule needs besides its own.
//!
//! Each rule is evaluated on an engine of its own that holds only the modules it
//! can read, so that the rules parse and prepare side by side and none pays for
//! analysing the others. What a module reads is found from its text: every
//! `data.<path>` outside comments and strings names the packages at, below or
//! above that path. The reading errs towards including: a `data` that is not
//! followed by a plain path (`data[x]`, `walk(data)`) needs every module, and a
//! package this reading cannot name makes every module needed.

/// For each module (given by package and text), the indexes of the modules an
/// engine evaluating it must also hold: its own package's other files and, through
/// them, everything they read. The module itself is not listed.
pub fn needed(modules: &[(&str, &str)]) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..modules.len()).collect();
    let plain = modules.iter().all(|(p, _)| is_plain_package(p));
    let reads: Vec<Reads> = modules.iter().map(|(_, text)| reads(text)).collect();
    (0..modules.len())
        .map(|i| {
            if !plain {
                return all.iter().copied().filter(|&j| j != i).collect();
            }
            let mut keep = vec![false; modules.len()];
            keep[i] = true;
            let mut todo = vec![i];
            while let Some(m) = todo.pop() {
                for (j, (package, _)) in modules.iter().enumerate() {
                    if keep[j] {
                        continue;
                    }
                    let wanted = *package == modules[m].0
                        || match &reads[m] {
                            Reads::Everything => true,
                            Reads::Paths(paths) => paths.iter().any(|p| related(p, package)),
                        };
                    if wanted {
                        keep[j] = true;
                        todo.push(j);
                    }
                }
            }
            (0..modules.len()).filter(|&j| j != i && keep[j]).collect()
        })
        .collect()
}

/// A package name made of plain identifiers (`lzscan.rules.x`), which `data.`
/// references can be matched against.
fn is_plain_package(p: &str) -> bool {
    !p.is_empty()
        && p.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `data.a.b` reads package `a.b`, the packages below it (`a.b.c`) and the one
/// it points into (`a`, whose rule `b` it may be).
fn related(path: &str, package: &str) -> bool {
    let below = |long: &str, short: &str| {
        long.len() > short.len()
            && long.starts_with(short)
            && long.as_bytes().get(short.len()) == Some(&b'.')
    };
    path == package || below(package, path) || below(path, package)
}

#[derive(Debug, PartialEq)]
enum Reads {
    Paths(Vec<String>),
    Everything,
}

/// The `data.` paths a module's code mentions.
fn reads(text: &str) -> Reads {
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut paths = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
                i += 1;
            }
            c if ident(c) => {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                let after_dot = text[..start].trim_end().ends_with('.');
                if &b[start..i] != b"data" || after_dot {
                    continue;
                }
                let mut path = String::new();
                // A name starts with a letter or `_`: `data.0` is no path to match
                // (an empty one: every module is needed).
                let name_start = |c: &u8| c.is_ascii_alphabetic() || *c == b'_';
                while b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(name_start) {
                    let s = i + 1;
                    i = s;
                    while i < b.len() && ident(b[i]) {
                        i += 1;
                    }
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&text[s..i]);
                }
                if path.is_empty() {
                    return Reads::Everything;
                }
                paths.push(path);
            }
            _ => i += 1,
        }
    }
    paths.sort();
    paths.dedup();
    Reads::Paths(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        match reads(text) {
            Reads::Paths(p) => p,
            Reads::Everything => vec!["*".into()],
        }
    }

    #[test]
    fn reads_data_paths_outside_comments_and_strings() {
        let text = "package a\n# reads data.nothing\nimport data.lzscan.lib\nx := \"data.no\"\ny := `data.raw`\nz := data.lzscan.params.LZ1.k[0]\nw := input.data.v\nmydata := 1\n";
        assert_eq!(paths(text), ["lzscan.lib", "lzscan.params.LZ1.k"]);
    }

    #[test]
    fn a_whole_data_reference_reads_everything() {
        assert_eq!(paths("package a\nx := data[k]\n"), ["*"]);
        assert_eq!(paths("package a\nx := walk(data)\n"), ["*"]);
        assert_eq!(
            paths("package a\nx := \"a\\\"data\"\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn rules_get_their_libraries_and_nothing_else() {
        let lib = ("lzscan.lib", "package lzscan.lib\nf(x) := x\n");
        let a = (
            "lzscan.rules.a",
            "package lzscan.rules.a\nimport data.lzscan.lib\ndeny contains 1 if data.lzscan.params.A.on\n",
        );
        let b = (
            "lzscan.rules.b",
            "package lzscan.rules.b\ndeny contains 1 if true\n",
        );
        let needed = needed(&[lib, a, b]);
        assert_eq!(needed[1], [0]);
        assert!(needed[2].is_empty());
    }

    #[test]
    fn needs_follow_imports_packages_and_prefixes() {
        let mods = [
            (
                "acme.helpers",
                "package acme.helpers\nimport data.acme.util\n",
            ),
            ("acme.util", "package acme.util\nu := 1\n"),
            (
                "acme.rules.r",
                "package acme.rules.r\nimport data.acme.helpers\n",
            ),
            ("acme.rules.r", "package acme.rules.r\nmore := 1\n"),
            ("other.rules.s", "package other.rules.s\nimport data.acme\n"),
            (
                "other.rules.t",
                "package other.rules.t\nx := data.acme.rules.r.deny\n",
            ),
            (
                "other.rules.v",
                "package other.rules.v\nx := data.other.rules\n",
            ),
        ];
        let n = needed(&mods);
        // Transitive: the helper's own import comes along; so does the other
        // file of the rule's package.
        assert_eq!(n[2], [0, 1, 3]);
        // `data.acme` reaches every acme package.
        assert_eq!(n[4], [0, 1, 2, 3]);
        // A rule reading another rule's result gets that rule and its needs.
        assert_eq!(n[5], [0, 1, 2, 3]);
        // A prefix path brings every package below it, and what they need.
        assert_eq!(n[6], [0, 1, 2, 3, 4, 5]);
    }

    proptest::proptest! {
        /// Any text, broken strings and non-ASCII included, is read without a
        /// panic, and what it reads is plain paths; a module never needs itself
        /// and always needs the other files of its package.
        #[test]
        fn any_text_is_read(
            texts in proptest::collection::vec("(data|\\.|[a-z_]{1,4}|#|\"|`|\\\\|\\[|\n| |é|\\PC){0,40}", 1..5),
            packages in proptest::collection::vec("[a-c](\\.[a-c]){0,2}", 1..5),
        ) {
            let mods: Vec<(&str, &str)> = packages
                .iter()
                .zip(&texts)
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .collect();
            for (_, t) in &mods {
                if let Reads::Paths(paths) = reads(t) {
                    proptest::prop_assert!(paths.iter().all(|p| is_plain_package(p)), "{paths:?}");
                }
            }
            let needs = needed(&mods);
            for (i, n) in needs.iter().enumerate() {
                proptest::prop_assert!(!n.contains(&i));
                for (j, (p, _)) in mods.iter().enumerate() {
                    if j != i && *p == mods[i].0 {
                        proptest::prop_assert!(n.contains(&j));
                    }
                }
            }
        }
    }

    #[test]
    fn a_path_of_no_name_reads_everything() {
        assert_eq!(reads("x := data.0\n"), Reads::Everything);
        assert_eq!(reads("x := data.a.0\n"), Reads::Paths(vec!["a".into()]));
    }

    #[test]
    fn unusual_package_names_make_every_module_needed() {
        let mods = [
            ("a[\"b-c\"]", "package a[\"b-c\"]\nx := 1\n"),
            ("d", "package d\ny := 1\n"),
        ];
        assert_eq!(needed(&mods), [vec![1], vec![0]]);
    }
}
