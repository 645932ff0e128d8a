//! Which paragraph of a translation translates which paragraph of the
//! original, when the original changed after it was translated: the
//! translation's blocks pair with the original as it was then (its
//! snapshot), and those with the original as it is now by a longest common
//! subsequence. An unchanged block keeps its translation; a changed one
//! keeps it as a draft to review (stale); a new one has none (review R3:
//! one added paragraph dropped every translation of the section).

use crate::translation::changes::normalised;

/// The translation of one block of the current original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    /// The translation's text.
    pub text: String,
    /// True when it translates the block as it was before it changed.
    pub stale: bool,
}

/// For each of `current` (the original's blocks now), its translation:
/// `before` are the original's blocks when `translation` was made, one
/// translated block each. None for every block when the counts of
/// `before` and `translation` differ (nothing can be paired).
pub fn blocks(
    current: &[String],
    before: &[String],
    translation: &[String],
) -> Vec<Option<Aligned>> {
    let mut out = vec![None; current.len()];
    if before.len() != translation.len() {
        return out;
    }
    // Spacing and heading ids are not changes (`changes::normalised`).
    let key = |blocks: &[String]| -> Vec<String> { blocks.iter().map(|b| normalised(b)).collect() };
    let pairs = common(&key(current), &key(before));
    let mut gap_start = (0, 0);
    for &(i, j) in pairs
        .iter()
        .chain(std::iter::once(&(current.len(), before.len())))
    {
        // Changed blocks between two unchanged ones pair up in order.
        let changed = (gap_start.0..i).zip(gap_start.1..j);
        for (ci, bj) in changed {
            out[ci] = Some(Aligned {
                text: translation[bj].clone(),
                stale: true,
            });
        }
        if i < current.len() {
            out[i] = Some(Aligned {
                text: translation[j].clone(),
                stale: false,
            });
        }
        gap_start = (i + 1, j + 1);
    }
    out
}

/// The index pairs of a longest common subsequence of `a` and `b` (also
/// how a re-import pairs a revised paper's notes with the previous import's).
pub(crate) fn common<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = match a[i] == b[j] {
                true => len[i + 1][j + 1] + 1,
                false => len[i + 1][j].max(len[i][j + 1]),
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_added_block_leaves_the_others_translated() {
        let out = blocks(
            &strings(&["a", "new", "b", "c2"]),
            &strings(&["a", "b", "c"]),
            &strings(&["A", "B", "C"]),
        );
        let texts: Vec<Option<(&str, bool)>> = out
            .iter()
            .map(|a| a.as_ref().map(|a| (a.text.as_str(), a.stale)))
            .collect();
        assert_eq!(
            texts,
            [
                Some(("A", false)),
                None,
                Some(("B", false)),
                Some(("C", true))
            ]
        );
    }

    #[test]
    fn a_removed_block_takes_its_translation_with_it() {
        let out = blocks(
            &strings(&["b", "c"]),
            &strings(&["a", "b", "c"]),
            &strings(&["A", "B", "C"]),
        );
        assert_eq!(out[0].as_ref().map(|a| a.text.as_str()), Some("B"));
        assert_eq!(out[1].as_ref().map(|a| a.text.as_str()), Some("C"));
    }

    #[test]
    fn counts_that_differ_pair_nothing() {
        let out = blocks(&strings(&["a"]), &strings(&["a"]), &strings(&["A", "B"]));
        assert_eq!(out, [None]);
    }
}
