//! The findings for people, as one document that `report.md` and `index.html` both render:
//! the period and the archives, the action list, one section per question of docs/metrics.md with
//! its figures, charts, tables and advice, then coverage. Every number is read off the
//! analyses' typed results or a table; advice is a sentence where a figure calls for one.

use super::Report;
use super::headline::{Headline, format, format_change};
use super::sections::{Context, Placement, count};
use crate::analysis::ScopeFigures;
use crate::analysis::summary::local_date;

/// A figure or a cell as a person reads it, and why it is unknown where it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// The text (`n/a` where unknown).
    pub text: String,
    /// Why the figure is unknown; index.html prints it beside the n/a.
    pub note: Option<String>,
    /// Where the text links to (a person's profile); `https://` addresses only.
    pub link: Option<String>,
}

impl From<String> for Shown {
    fn from(text: String) -> Shown {
        Shown {
            text,
            note: None,
            link: None,
        }
    }
}

impl Shown {
    /// `text` linking to `link` where it is an `https://` address.
    pub fn linked(text: String, link: Option<&str>) -> Shown {
        Shown {
            text,
            note: None,
            link: link
                .filter(|l| l.starts_with("https://") && !l.contains(char::is_whitespace))
                .map(str::to_string),
        }
    }
}

impl From<&str> for Shown {
    fn from(text: &str) -> Shown {
        Shown::from(text.to_string())
    }
}

/// The reasons of one table's n/a cells, each numbered once, in the order they are met:
/// both renderers mark a cell with its number and list the reasons under the table.
#[derive(Debug, Default)]
pub struct Reasons<'a>(Vec<&'a str>);

impl<'a> Reasons<'a> {
    /// The number of `note`'s reason (from 1), where the cell has one.
    pub fn number(&mut self, note: Option<&'a str>) -> Option<usize> {
        let note = note?;
        Some(match self.0.iter().position(|r| *r == note) {
            Some(at) => at + 1,
            None => {
                self.0.push(note);
                self.0.len()
            }
        })
    }

    /// The reasons, in the order of their numbers.
    pub fn list(&self) -> &[&'a str] {
        &self.0
    }
}

/// One block of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of plain text.
    Para(String),
    /// The sentence that stands where a chart with no data would be.
    Missing(String),
    /// A sentence of advice.
    Advice(String),
    /// Numbered points (the summary's things to do).
    Points(Vec<String>),
    /// Labelled figures.
    Figures(Vec<(String, Shown)>),
    /// A table.
    Table {
        /// Column names.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<Shown>>,
    },
    /// A chart of the report, by its index in `Report::charts`.
    Chart(usize),
}

/// One section.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its anchor.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// The whole document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The title.
    pub title: String,
    /// Lines under the title: the period, the archives, the settings.
    pub lead: Vec<String>,
    /// The sections.
    pub sections: Vec<Section>,
}

/// Builds the document of a report.
pub fn build(report: &Report) -> Document {
    let header = &report.header;
    let options = &header.options;
    let ctx = report.context();
    let mut lead = Vec::new();
    let tz = format!(
        "{}, {}",
        options.clock.tz.name(),
        options.clock.origin.says()
    );
    match header.period {
        Some(p) => lead.push(format!(
            "Period: {} to {} ({tz})",
            local_date(p.start, options),
            local_date(p.end, options)
        )),
        None => lead.push("Period: none (the archives hold no dated activity)".into()),
    }
    let names: Vec<String> = header
        .archives
        .iter()
        .map(|a| format!("{} ({}, {})", a.file, a.platform, a.generation))
        .collect();
    lead.push(format!("Archives: {}", names.join("; ")));
    if header.compare_previous
        && let Some(previous) = header.previous
    {
        lead.push(format!(
            "Compared with the previous period: {} to {}",
            local_date(previous.start, options),
            local_date(previous.end, options)
        ));
    }
    if report.redacted {
        lead.push("Redacted: people are shown by pseudonym and post texts are left out.".into());
    }
    for warning in &header.warnings {
        lead.push(format!("Warning: {warning}"));
    }
    let placed = |placement: Placement| {
        report
            .sections
            .iter()
            .filter(move |s| s.placement() == placement)
            .map(|s| s.build(&ctx))
    };
    let body: Vec<Section> = placed(Placement::Body).collect();
    let mut sections = vec![summary(&body)];
    sections.extend(placed(Placement::Top));
    sections.push(headlines(report, &ctx));
    sections.extend(body);
    sections.push(how_to_read(options.min_posts));
    sections.push(coverage(report));
    Document {
        title: "rapport: what builds your relationships".into(),
        lead,
        sections,
    }
}

/// Every headline figure, in the order of the sections that declare them.
pub fn all_headlines(report: &Report) -> Vec<&'static Headline> {
    report
        .sections
        .iter()
        .flat_map(|s| s.headlines().iter())
        .collect()
}

fn headline_row(h: &Headline, shown: &[&ScopeFigures], compare: bool) -> Vec<Shown> {
    let mut row = vec![Shown::from(h.label)];
    for scope in shown {
        let current = (h.read)(scope.current());
        let previous = scope.previous().map(h.read).unwrap_or_default();
        let change = match (current.value, previous.value) {
            (Some(c), Some(p)) => Some(c - p),
            _ => None,
        };
        row.push(super::sections::shown(h.unit, current));
        if compare {
            let before = previous.value;
            row.push(super::sections::shown(h.unit, previous));
            row.push(Shown::from(format_change(h, before, change)));
        }
    }
    row
}

/// How many things to do the summary names.
pub const SUMMARY_POINTS: usize = 3;

/// The sections whose advice the summary takes first, most pressing for a relationship
/// first: answering, following up, giving back, keeping in touch, writing personally, then
/// posting.
const ADVICE_ORDER: [&str; 10] = [
    "responsiveness",
    "follow-up",
    "relationships",
    "broadcast",
    "invitations",
    "consistency",
    "posts",
    "timing",
    "growth",
    "actions",
];

/// The summary at the top: at most [`SUMMARY_POINTS`] things to do, taken from the advice
/// the sections give, in [`ADVICE_ORDER`] (then the order of the sections).
fn summary(body: &[Section]) -> Section {
    let rank = |id: &str| {
        ADVICE_ORDER
            .iter()
            .position(|s| *s == id)
            .unwrap_or(ADVICE_ORDER.len())
    };
    let mut ranked: Vec<(usize, usize, &Section)> = body
        .iter()
        .enumerate()
        .map(|(i, s)| (rank(s.id), i, s))
        .collect();
    ranked.sort_by_key(|(r, i, _)| (*r, *i));
    let points: Vec<String> = ranked
        .iter()
        // The first advice of each section: three different things, not one thing thrice.
        .filter_map(|(_, _, s)| {
            s.blocks.iter().find_map(|b| match b {
                Block::Advice(text) => Some(text.clone()),
                _ => None,
            })
        })
        .take(SUMMARY_POINTS)
        .collect();
    let blocks = if points.is_empty() {
        vec![Block::Para(
            "Nothing calls for a change: no figure of the period falls short of what builds \
             relationships. The people to write to are below."
                .into(),
        )]
    } else {
        vec![
            Block::Para(match points.len() {
                1 => "The one thing to do first:".into(),
                n => format!("The {n} things to do first:"),
            }),
            Block::Points(points),
        ]
    };
    Section {
        id: "summary",
        title: "In short".into(),
        blocks,
    }
}

/// "How to read this report": each word the report uses in its own sense, defined once.
fn how_to_read(min_posts: usize) -> Section {
    let terms = [
        (
            "Period",
            "the days the figures cover; \"now\" is its last day, never today's date.".to_string(),
        ),
        (
            "Engagement",
            "the likes, reposts, replies and quotes a post received (or the platform's own \
             total), where the archive gives them."
                .into(),
        ),
        (
            "Against your average post",
            "how a group of posts does next to all your posts: +41% means 41% more engagement \
             than your average post. A group needs at least {min_posts} posts to be compared."
                .replace("{min_posts}", &min_posts.to_string()),
        ),
        (
            "Waiting for your answer",
            "in a one-on-one conversation, the messages someone sent after your last one; \
             answered by your next message. Group conversations are left out."
                .into(),
        ),
        (
            "Slowest answers",
            "the answer time that 9 in 10 of your answers beat.".into(),
        ),
        (
            "Relationship",
            "a person you interacted with at least 3 times in the period, either way \
             (messages, replies, mentions, likes, comments)."
                .into(),
        ),
        (
            "Reciprocity",
            "your share of the interactions with your relationships: 50% is an even give and \
             take."
                .into(),
        ),
        (
            "Supporter",
            "someone who interacted with you; reciprocated when you interacted with them in \
             the period."
                .into(),
        ),
        (
            "Gone quiet",
            "at least 3 interactions in the year before the last 90 days, and none since.".into(),
        ),
        (
            "One-on-one",
            "a public exchange (a reply, a mention, a comment) followed within 14 days by a \
             direct message from you."
                .into(),
        ),
        (
            "Broadcast",
            "the same message text sent into 5 or more conversations.".into(),
        ),
        (
            "n/a",
            "the archives do not hold what the figure needs, or too few records to say; the \
             reason stands under the table."
                .into(),
        ),
    ];
    Section {
        id: "how-to-read",
        title: "How to read this report".into(),
        blocks: vec![Block::Table {
            header: vec!["Word".into(), "What it means here".into()],
            rows: terms
                .into_iter()
                .map(|(word, meaning)| vec![Shown::from(word), Shown::from(meaning)])
                .collect(),
        }],
    }
}

fn headlines(report: &Report, ctx: &Context) -> Section {
    let compare = report.header.compare_previous;
    let platforms = ctx.platforms();
    // One platform: its figures are the overall ones; show one column.
    let shown: Vec<&ScopeFigures> = if platforms.len() > 1 {
        report.scopes.iter().collect()
    } else {
        report.scopes.iter().take(1).collect()
    };
    let mut header = vec!["Figure".to_string()];
    for s in &shown {
        let name = if s.name == "overall" && platforms.len() == 1 {
            platforms[0].to_string()
        } else {
            s.name.clone()
        };
        header.push(name.clone());
        if compare {
            header.push(format!("{name} (previous)"));
            header.push(format!("{name} (change)"));
        }
    }
    // A figure n/a on every platform is one line under the table, with its reason.
    let (rows, unknown): (Vec<Vec<Shown>>, Vec<Vec<Shown>>) = all_headlines(report)
        .into_iter()
        .map(|h| headline_row(h, &shown, compare))
        .partition(|row| row.iter().skip(1).any(|c| c.text != "n/a"));
    let some_unknown = rows.iter().flatten().any(|c| c.text == "n/a");
    let mut blocks = vec![Block::Table { header, rows }];
    if compare {
        blocks.extend(ctx.chart("compare_previous"));
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown
            .iter()
            .filter_map(|row| {
                let label = &row.first()?.text;
                let why = row.iter().skip(1).find_map(|c| c.note.as_deref());
                Some(match why {
                    Some(why) => format!("{} ({why})", label.to_lowercase()),
                    None => label.to_lowercase(),
                })
            })
            .collect();
        blocks.push(Block::Para(format!(
            "Not shown, unknown on every platform: {}.",
            list.join("; ")
        )));
    }
    if some_unknown {
        blocks.push(Block::Para(
            "n/a: the archives do not hold what the figure needs, or hold too few records to \
             say; each reason is numbered under the table."
                .into(),
        ));
    }
    Section {
        id: "headline",
        title: "Headline figures".into(),
        blocks,
    }
}

/// The people counted as one across platforms, with the evidence of each link.
fn links(report: &Report) -> Vec<Block> {
    let people = &report.header.people;
    if report.header.coverage.len() < 2 && people.links.is_empty() {
        return Vec::new();
    }
    let how = match (people.automatic_links, &people.people_file) {
        (true, None) => "the same full name, unique on each platform".to_string(),
        (true, Some(file)) => {
            format!("the same full name, unique on each platform, and your people file {file}")
        }
        (false, Some(file)) => format!("your people file {file} alone"),
        (false, None) => {
            return vec![Block::Para(
                "No accounts were linked into one person: automatic links were turned off and                  no people file was given."
                    .into(),
            )];
        }
    };
    if people.links.is_empty() {
        return vec![Block::Para(format!(
            "No person was found on two platforms or more (linked by {how})."
        ))];
    }
    let mut blocks = vec![Block::Para(format!(
        "{} on several platforms {} counted as one person each in the overall figures (linked \
         by {how}); the sections of one platform count each account apart. A wrong link is \
         split, and a missing one added, with a people file (docs/people.md).",
        crate::report::format::plural(people.links.len(), "person", "people"),
        if people.links.len() == 1 { "is" } else { "are" },
    ))];
    blocks.push(Block::Table {
        header: vec!["Person".into(), "Accounts".into(), "Evidence".into()],
        rows: people
            .links
            .iter()
            .map(|l| {
                let accounts: Vec<String> = l
                    .accounts
                    .iter()
                    .map(|a| format!("{} {}", a.platform, a.counterpart_id))
                    .collect();
                vec![
                    Shown::from(l.person.as_str()),
                    Shown::from(accounts.join("; ")),
                    Shown::from(l.evidence.words()),
                ]
            })
            .collect(),
    });
    blocks
}

fn coverage(report: &Report) -> Section {
    let mut blocks = vec![Block::Para(
        "What rapport read of the archives. A file it does not use is listed as ignored; a \
         record it could not read is counted, never silently dropped."
            .into(),
    )];
    let platforms = &report.header.coverage;
    let mut rows = Vec::new();
    for (platform, c) in platforms {
        let skipped: u64 = c.records_skipped.values().sum();
        rows.push(
            [
                platform.clone(),
                count(c.files_read),
                count(c.files_ignored),
                count(c.files_unreadable),
                skipped.to_string(),
            ]
            .map(Shown::from)
            .to_vec(),
        );
    }
    blocks.push(Block::Table {
        header: vec![
            "Platform".into(),
            "Files read".into(),
            "Files ignored".into(),
            "Files unreadable".into(),
            "Records skipped".into(),
        ],
        rows,
    });
    for (platform, c) in platforms {
        if !c.records_skipped.is_empty() {
            blocks.push(Block::Table {
                header: vec![format!("{platform}: records skipped"), "Records".into()],
                rows: c
                    .records_skipped
                    .iter()
                    .map(|(r, n)| {
                        vec![
                            Shown::from(r.as_str()),
                            Shown::from(format(super::headline::Unit::Count, Some(*n as f64))),
                        ]
                    })
                    .collect(),
            });
        }
    }
    blocks.extend(links(report));
    if !report.notes.is_empty() {
        blocks.push(Block::Para(
            "Each n/a has its reason under its table; summary.json's notes give the same \
             reasons by key."
                .into(),
        ));
    }
    Section {
        id: "coverage",
        title: "Coverage".into(),
        blocks,
    }
}
