//! A small sort for small slices. `core`'s sorts are fast but large (about 2.5 KB of wasm for each type they
//! sort); a heapsort is a few hundred bytes. The wasm sorts suggestions, hits, entity links, the terms of loaded
//! shards and the shard numbers a query needs with it. One sort keeps the standard library's, where speed matters
//! more than bytes: the index build's sort of every (term, fact) pair (`search::Index::new`, which also indexes
//! 100,000-fact sets natively for `factcard site`).

use core::cmp::Ordering;

/// Sorts `v` in place by `cmp` (not stable), in O(n log n).
///
/// ```
/// let mut v = [5, 1, 4, 2, 3];
/// factcard_core::sort::sort_by(&mut v, |a, b| a.cmp(b));
/// assert_eq!(v, [1, 2, 3, 4, 5]);
/// ```
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let n = v.len();
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && cmp(&v[child], &v[child + 1]) == Ordering::Less {
            child += 1;
        }
        if cmp(&v[root], &v[child]) != Ordering::Less {
            return;
        }
        v.swap(root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    seed % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            sort_by(&mut v, |a, b| a.cmp(b));
            assert_eq!(v, want);
        }
    }
}
