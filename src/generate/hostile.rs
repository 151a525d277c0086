//! Hostile shapes: single articles built to find super-linear work (runs of
//! blank lines, fences, comments, one name repeated, cues, figures,
//! quotations, one huge line, thousands of findings at the end, and the
//! structures the sourcing and speaker rules read across sentences:
//! derived bills, round-up items, speakers at a long sentence's end, police
//! acts). Each shape
//! is a repeated unit, so its size is exact and its growth predictable; the
//! tests check each at a size where quadratic work would not finish, and
//! `scripts/bench-hostile` times each at 1 MB and 4 MB.

/// A shape: its name and the unit it repeats (with an optional lead and
/// tail).
pub struct Shape {
    /// Stable name (`copydesk-generate --hostile NAME`).
    pub name: &'static str,
    /// Text before the repeats.
    pub lead: &'static str,
    /// The repeated unit.
    pub unit: &'static str,
    /// Text after the repeats.
    pub tail: &'static str,
}

/// Every shape. The names are those of the generated examples registry
/// (`news::REGISTRY`).
pub const SHAPES: &[Shape] = &[
    Shape { name: "blank-lines", lead: "Putin said.\n", unit: "\n", tail: "Putin said." },
    Shape { name: "whitespace-lines", lead: "Putin said.\n", unit: "\n \n", tail: "Putin said." },
    Shape { name: "fences", lead: "", unit: "```\n", tail: "" },
    Shape { name: "comments", lead: "", unit: "<!-- x --><!-->", tail: "" },
    Shape {
        name: "suppressions",
        lead: "",
        unit: "<!-- copydesk-disable-next-line misspelled-name -->\nVladmir Putin\n<!-- copydesk-disable name-variant -->\n",
        tail: "",
    },
    Shape { name: "repeated-name", lead: "", unit: "Zelensky ", tail: "" },
    Shape { name: "repeated-misspelling", lead: "Vladimir Putin spoke. ", unit: "Vladmir Putin met Putn. ", tail: "" },
    Shape {
        name: "repeated-cues",
        lead: "Vladimir Putin spoke. ",
        unit: "officials said Putin said sources say ",
        tail: "",
    },
    Shape { name: "figures", lead: "", unit: "27% of US$377 million, 5% to 5.25%, ", tail: "." },
    Shape { name: "quotes", lead: "", unit: "“We ", tail: "" },
    Shape { name: "balanced-quotes", lead: "Putin said: ", unit: "“We will,” he said. ", tail: "" },
    Shape { name: "one-huge-line", lead: "", unit: "the talks failed and Putin left ", tail: "" },
    Shape { name: "findings-at-the-end", lead: "", unit: "plain words without names ", tail: "" },
    Shape {
        name: "council-tax-bills",
        lead: "Lanthe Council has approved a council tax rise of 4.9 per cent.\n\n",
        unit: "That's £78.30 more than this year. The increase means Band D householders will pay about £1,023.30, residents said. ",
        tail: "",
    },
    Shape {
        name: "round-up-items",
        lead: "",
        unit: "Velmar Ports: The group on Monday reported a 13 per cent fall in profit to S$337.4 million. The counter closed down 0.3 per cent to S$18.24.\n\n",
        tail: "",
    },
    Shape {
        name: "long-sentence-speakers",
        lead: "",
        unit: "There was no mention of wages or of how the gap between nurses and everyone else would close, Ana Ruiz of the Health Ministry said. \"That will only widen it.\" Dr. Ana Ruis says \"no.\" Gov. Ana Ruiz (D-N.Y.) and Pedro Ruiz Asset Management replied. ",
        tail: "",
    },
    Shape {
        name: "quote-paragraph-pronouns", lead: "The talks went on.\n\n", unit: "“We will,” he said. ", tail: ""
    },
    Shape {
        name: "police-acts",
        lead: "",
        unit: "Dunmore police have arrested two suspects and impounded three vehicles worth Ksh80,000 in the 2700 block of Route 9. ",
        tail: "",
    },
];

/// The shape named `name`.
pub fn shape(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.name == name)
}

impl Shape {
    /// The shape at about `bytes` bytes (never less than its lead and tail).
    pub fn build(&self, bytes: usize) -> String {
        let body = bytes.saturating_sub(self.lead.len() + self.tail.len());
        let mut out = String::with_capacity(bytes + self.unit.len());
        out.push_str(self.lead);
        out.push_str(&self.unit.repeat(body / self.unit.len().max(1)));
        if self.name == "findings-at-the-end" {
            // Thousands of findings after megabytes of clean text: the
            // cost of locating each must not grow with its offset.
            out.push_str(&"Putin Putin said. ".repeat(2000));
        }
        out.push_str(self.tail);
        out
    }
}
