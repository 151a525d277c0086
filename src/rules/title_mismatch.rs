use crate::analysis::Context;
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::linking::{Modifier, Placement};
use crate::registry::Role;

declare_rule! {
    /// ## What it flags
    /// A title beside a name that the registry's dated roles contradict on
    /// the article's date: "former President X" while X holds that office,
    /// or "President X" after X's term ended (or before it began). Titles in
    /// apposition count too: "X, a former defence secretary".
    ///
    /// ## Why
    /// Titles go stale silently: copy written before an election is reused
    /// after it, and "former" is added or forgotten. The registry records
    /// who held which role when, so the article's date decides.
    ///
    /// Only the actor's own registered role forms are checked; "then-"
    /// titles (the role at the time of the events told) are left alone, and
    /// so is any article without a date (front matter `date`, or `date` in
    /// `copydesk.toml`). A title preceded by another capitalised word ("Vice
    /// President") is a longer title the registry does not know, and is not
    /// judged. Abbreviated titles are read as the titles they stand for
    /// ("former Gov. X" when X's role form is "Governor"; "Lt. Gov." is not
    /// "Governor").
    ///
    /// ## Fix
    /// Removes "former", or adds it (unsafe: review before applying).
    ///
    /// ## Example
    /// ```text
    /// former U.S. President Donald Trump   (article dated 2025-08-19: he is in office)
    /// ```
    pub struct TitleMismatch {
        id: "title-mismatch",
        severity: Warning,
        summary: "A title that contradicts the actor's dated roles on the article date",
        fix: Sometimes(Unsafe),
    }
}

impl crate::rules::Rule for TitleMismatch {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(date) = cx.date else { return };
        for mention in cx.mentions {
            let (Some(actor_idx), Some(title)) = (mention.actor, &mention.title) else { continue };
            let actor = cx.registry.actor(actor_idx);
            let written = cx.text(title.form.clone());
            let form = title.abbreviates.as_deref().unwrap_or(written);
            let roles: Vec<&Role> = actor.roles.iter().filter(|r| r.has_form(form)).collect();
            if roles.is_empty() {
                continue;
            }
            let range = match title.placement {
                Placement::Before => title.range().start..mention.range.end,
                Placement::Apposition => title.range(),
            };
            let held: Vec<&&Role> = roles.iter().filter(|r| r.held_on(date)).collect();
            let finding = match (&title.modifier, held.first()) {
                (Some((Modifier::Then, _)), _) => continue,
                (Some((Modifier::Former, modifier)), Some(role)) => {
                    let holds = match role.from {
                        Some(from) => format!("has held the role of {} since {from}", role.title),
                        None => format!("holds the role of {}", role.title),
                    };
                    let message = format!("{} {holds}; ‘former’ is wrong on {date}", actor.name);
                    let removal = modifier.start..title.form.start;
                    let fix = Fix {
                        title: "Remove ‘former’".to_string(),
                        edits: vec![Edit { range: removal, replacement: String::new() }],
                        applicability: Applicability::Unsafe,
                    };
                    Finding::new(Self::META.id, Self::META.default_severity, range, message).with_fix(fix)
                }
                (None, None) => {
                    if let Some(ended) =
                        roles.iter().filter(|r| r.ended_before(date)).max_by_key(|r| r.to.map(|t| t.last_day()))
                    {
                        let to = ended
                            .to
                            .map(|t| format!("{} {t}", if t.day.is_some() { "on" } else { "in" }))
                            .unwrap_or_default();
                        let message = format!(
                            "{}’s role as {} ended {to}; on {date} write ‘former {written}’",
                            actor.name, ended.title
                        );
                        // At the start of a sentence the inserted word takes the capital.
                        let former =
                            if starts_sentence(cx.article.text(), title.form.start) { "Former" } else { "former" };
                        let fix = Fix {
                            title: format!("Write ‘{former} {written}’"),
                            edits: vec![Edit {
                                range: title.form.start..title.form.start,
                                replacement: format!("{former} "),
                            }],
                            applicability: Applicability::Unsafe,
                        };
                        Finding::new(Self::META.id, Self::META.default_severity, range, message).with_fix(fix)
                    } else if let Some(future) =
                        roles.iter().filter(|r| r.starts_after(date)).min_by_key(|r| r.from.map(|f| f.first_day()))
                    {
                        let from = future.from.map(|f| f.to_string()).unwrap_or_default();
                        let message = format!(
                            "{} did not hold the role of {} until {from}; the article is dated {date}",
                            actor.name, future.title
                        );
                        Finding::new(Self::META.id, Self::META.default_severity, range, message)
                    } else {
                        continue;
                    }
                }
                _ => continue,
            };
            out.push(finding.with_actor(actor_idx));
        }
    }
}

/// Whether `at` begins a sentence: nothing but spaces, opening quotes,
/// brackets, emphasis or heading marks lies between it and the text's
/// start, a line break, or a full stop (question or exclamation mark).
/// Looks back a bounded window (invariant 9).
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = crate::text::tail(text, at, 64);
    match before.trim_end_matches([' ', '\t', '“', '"', '‘', '\'', '(', '*', '_', '#']).chars().next_back() {
        None => before.len() == at,
        Some(c) => matches!(c, '\n' | '.' | '!' | '?'),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, check_with};

    const GOVERNORS: &str = r#"
[[actor]]
id = "ada-quill"
name = "Ada Quill"
[[actor.roles]]
title = "Governor of Westmark"
forms = ["Governor", "Westmark Governor"]
from = "2011-01-15"
to = "2019-01-14"

[[actor]]
id = "tom-brisk"
name = "Tom Brisk"
[[actor.roles]]
title = "Senator for Westmark"
forms = ["Senator"]
from = "2021-01-03"
"#;

    #[test]
    fn abbreviated_titles_are_checked() {
        let date = Some("2024-05-01");
        let seen = check_with(GOVERNORS, "title-mismatch", "Gov. Ada Quill spoke; former Sen. Tom Brisk left.", date);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].text, "Gov. Ada Quill");
        assert_eq!(
            seen[0].message,
            "Ada Quill’s role as Governor of Westmark ended on 2019-01-14; on 2024-05-01 write ‘former Gov.’"
        );
        // At the start of a sentence the inserted word is capitalised.
        assert_eq!(seen[0].fixed.as_deref(), Some("Former Gov. Ada Quill spoke; former Sen. Tom Brisk left."));
        assert_eq!(seen[1].text, "former Sen. Tom Brisk");
        assert_eq!(
            seen[1].message,
            "Tom Brisk has held the role of Senator for Westmark since 2021-01-03; ‘former’ is wrong on 2024-05-01"
        );
        // An abbreviation registered as a role form is read as written.
        let registered = GOVERNORS.replace(r#"forms = ["Senator"]"#, r#"forms = ["Sen."]"#);
        let seen = check_with(&registered, "title-mismatch", "former Sen. Tom Brisk left.", date);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "former Sen. Tom Brisk");
        for text in ["former Gov. Ada Quill", "Sen. Tom Brisk", "Lt. Gov. Ada Quill", "Rep. Tom Brisk"] {
            assert_eq!(check_with(GOVERNORS, "title-mismatch", text, date), [], "{text}");
        }
    }

    #[test]
    fn former_is_capitalised_only_where_a_sentence_starts() {
        let date = Some("2024-05-01");
        let fixed = |text: &str| check_with(GOVERNORS, "title-mismatch", text, date)[0].fixed.clone().unwrap();
        assert_eq!(fixed("He met Governor Ada Quill."), "He met former Governor Ada Quill.");
        assert_eq!(fixed("It rained. Governor Ada Quill left."), "It rained. Former Governor Ada Quill left.");
        assert_eq!(
            fixed("Intro\n\n“Governor Ada Quill left,” he said."),
            "Intro\n\n“Former Governor Ada Quill left,” he said."
        );
        assert_eq!(fixed("## Governor Ada Quill"), "## Former Governor Ada Quill");
        assert_eq!(fixed("Quill, and Governor Ada Quill"), "Quill, and former Governor Ada Quill");
    }

    #[test]
    fn former_while_in_office() {
        let seen = check("title-mismatch", "He met former Russian President Vladimir Putin.", Some("2025-08-19"));
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].text, "former Russian President Vladimir Putin");
        assert_eq!(
            seen[0].message,
            "Vladimir Putin has held the role of President of Russia since 2012-05-07; ‘former’ is wrong on 2025-08-19"
        );
        assert_eq!(seen[0].fixed.as_deref(), Some("He met Russian President Vladimir Putin."));
        assert_eq!(seen[0].actor.as_deref(), Some("vladimir-putin"));
    }

    #[test]
    fn current_title_after_the_role_ended() {
        let seen = check(
            "title-mismatch",
            "Defence Secretary Ben Wallace spoke; Wallace, the defence secretary, left.",
            Some("2025-01-01"),
        );
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].text, "Defence Secretary Ben Wallace");
        assert_eq!(
            seen[0].message,
            "Ben Wallace’s role as Secretary of State for Defence ended on 2023-08-31; on 2025-01-01 write ‘former Defence Secretary’"
        );
        assert_eq!(
            seen[0].fixed.as_deref(),
            Some("Former Defence Secretary Ben Wallace spoke; Wallace, the defence secretary, left.")
        );
        assert_eq!(seen[1].text, "defence secretary");
    }

    #[test]
    fn title_before_the_role_began() {
        let seen = check("title-mismatch", "Ukrainian President Volodymyr Zelenskyy", Some("2018-01-01"));
        assert_eq!(
            seen[0].message,
            "Volodymyr Zelenskyy did not hold the role of President of Ukraine until 2019-05-20; the article is dated 2018-01-01"
        );
    }

    #[test]
    fn correct_titles_then_titles_and_undated_articles_pass() {
        let date = Some("2025-01-01");
        for text in [
            "Russian President Vladimir Putin",
            "former U.K. Defence Secretary Ben Wallace",
            "Ben Wallace, a former Defence Secretary,",
            "then-Defence Secretary Ben Wallace",
            "Vice President Vladimir Putin",
            "Sir Ben Wallace",
        ] {
            assert_eq!(check("title-mismatch", text, date), [], "{text}");
        }
        assert_eq!(check("title-mismatch", "former Russian President Vladimir Putin", None), []);
    }
}
