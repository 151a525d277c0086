//! Edit distance between short strings (names), counted in characters.

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and transpositions of adjacent characters each cost one ("Ptuin" is one
/// edit from "Putin"). Returns `None` as soon as the distance must exceed
/// `max`, which keeps candidate checks cheap.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// How many edits a misspelling of a `len`-character name may contain:
/// none below four characters (too many real names are that close), one up
/// to seven, two from eight.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(bounded_distance("Ptuin", "Putin", 2), Some(1));
        assert_eq!(bounded_distance("Vladmir", "Vladimir", 2), Some(1));
        assert_eq!(bounded_distance("Zelenskiy", "Zelenskyy", 2), Some(1));
        assert_eq!(bounded_distance("Marković", "Markovic", 2), Some(1));
        assert_eq!(bounded_distance("Smith", "Smythe", 1), None);
        assert_eq!(bounded_distance("abc", "abc", 0), Some(0));
        assert_eq!(bounded_distance("Zelensky", "Zelenskyy", 0), None);
    }
}
