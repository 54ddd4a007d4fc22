//! Hints for unknown ids: the known id nearest in edit distance ("did you mean `liangjiang`?").

/// The known id closest to `bad`, as a hint.
pub(crate) fn closest<'a>(bad: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    let (best, d) = known.map(|k| (k, edit_distance(bad, k))).min_by_key(|&(k, d)| (d, k.clone()))?;
    (d <= bad.chars().count().max(3) / 3 + 1).then(|| format!("did you mean `{best}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
