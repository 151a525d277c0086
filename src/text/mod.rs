//! Small text utilities shared by linking and rules: word tokens, the
//! normalisation used for matching names, edit distance and id slugs.

pub mod distance;
pub mod normalize;
pub mod slug;
pub mod tokens;
