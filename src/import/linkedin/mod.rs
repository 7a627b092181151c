//! LinkedIn's "Get a copy of your data" export: the Basic and the Complete zip (given
//! together they are one archive), every generation of docs/formats.md. Files and
//! columns are found by name, never by position.

pub mod activity;
pub mod analytics_xlsx;
pub mod dates;
pub mod messages;
pub mod network;
pub mod people;

use super::coverage::{Coverage, RecordProblems};
use super::csv_table::Table;
use super::{Detection, Imported, Importer};
use crate::archive::{Archive, Entry};
use crate::error::{Error, Result};
use crate::model::{AccountRow, InteractionKind, Platform, Rows};
use crate::progress::Progress;

/// The LinkedIn importer.
pub struct LinkedInImporter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Connections,
    Messages,
    Invitations,
    Profile,
    Shares,
    Reposts,
    Comments,
    Reactions,
    Analytics,
    Ignore(&'static str),
}

impl super::PlannedKind for FileKind {
    fn ignored(self) -> Option<&'static str> {
        match self {
            FileKind::Ignore(reason) => Some(reason),
            _ => None,
        }
    }

    fn optional(self) -> bool {
        matches!(self, FileKind::Profile | FileKind::Analytics)
    }

    fn what(self) -> &'static str {
        match self {
            FileKind::Connections => "connections",
            FileKind::Messages => "messages",
            FileKind::Invitations => "invitations",
            FileKind::Profile => "profile",
            FileKind::Shares => "shares",
            FileKind::Reposts => "reposts",
            FileKind::Comments => "comments",
            FileKind::Reactions => "reactions",
            FileKind::Analytics => "top posts",
            FileKind::Ignore(_) => "",
        }
    }
}

/// `Shares_17529409` -> `shares`; `Messages` -> `messages`.
fn stem(file_name: &str) -> Option<(String, bool)> {
    let lower = file_name.to_ascii_lowercase();
    let base = lower.strip_suffix(".csv")?;
    match base.rsplit_once('_') {
        Some((head, id)) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            Some((head.to_string(), true))
        }
        _ => Some((base.to_string(), false)),
    }
}

fn classify(entry: &Entry) -> FileKind {
    if entry.file_name().to_ascii_lowercase().ends_with(".xlsx") {
        return FileKind::Analytics;
    }
    let Some((stem, _)) = stem(entry.file_name()) else {
        return FileKind::Ignore("not used by rapport");
    };
    match stem.as_str() {
        "connections" => FileKind::Connections,
        "messages" => FileKind::Messages,
        "invitations" => FileKind::Invitations,
        "profile" => FileKind::Profile,
        "shares" => FileKind::Shares,
        "instantreposts" => FileKind::Reposts,
        "comments" => FileKind::Comments,
        "reactions" => FileKind::Reactions,
        "guide_messages" | "learning_coach_messages" => {
            FileKind::Ignore("messages with LinkedIn's assistants")
        }
        _ => FileKind::Ignore("not used by rapport"),
    }
}

enum Parsed {
    Connections(Vec<crate::model::ConnectionRow>, u64),
    Messages(Vec<messages::Message>),
    Invitations(network::Invitations),
    Profile(Option<String>),
    Posts(Vec<crate::model::PostRow>),
    Acts(Vec<crate::model::InteractionRow>),
    TopPosts(Vec<analytics_xlsx::TopPost>),
    OtherWorkbook,
}

fn parse_entry(
    archive: &Archive,
    entry: &Entry,
    kind: FileKind,
) -> std::result::Result<(Parsed, u64, RecordProblems), String> {
    let problem = Error::into_problem;
    if kind == FileKind::Analytics {
        let bytes = archive.read(entry).map_err(problem)?;
        crate::archive::check_nested(&bytes, archive.limits())?;
        if !analytics_xlsx::is_analytics(&bytes) {
            return Ok((Parsed::OtherWorkbook, 0, RecordProblems::default()));
        }
        let top = analytics_xlsx::parse(&bytes)?;
        let n = top.len() as u64;
        return Ok((Parsed::TopPosts(top), n, RecordProblems::default()));
    }
    let text = archive.read_text(entry).map_err(problem)?;
    let mut p = RecordProblems::default();
    let parsed = match kind {
        FileKind::Connections => {
            let (rows, hidden) = network::connections(&text, &mut p)?;
            Parsed::Connections(rows, hidden)
        }
        FileKind::Messages => Parsed::Messages(messages::parse(&text, &mut p)?),
        FileKind::Invitations => Parsed::Invitations(network::invitations(&text, &mut p)?),
        FileKind::Profile => {
            let table = Table::parse(&text, &["First Name", "Last Name"], false)?;
            let name = table
                .rows()
                .next()
                .and_then(|r| people::full_name(r.get("First Name"), r.get("Last Name")));
            Parsed::Profile(name)
        }
        FileKind::Shares => Parsed::Posts(activity::shares(&text, &mut p)?),
        FileKind::Reposts => Parsed::Posts(activity::reposts(&text, &mut p)?),
        FileKind::Comments => {
            Parsed::Acts(activity::acts(&text, InteractionKind::Comment, &mut p)?)
        }
        FileKind::Reactions => {
            Parsed::Acts(activity::acts(&text, InteractionKind::Reaction, &mut p)?)
        }
        FileKind::Analytics | FileKind::Ignore(_) => return Err("ignored".into()),
    };
    let rows = match &parsed {
        Parsed::Connections(rows, hidden) => rows.len() as u64 + hidden,
        Parsed::Messages(m) => m.len() as u64,
        Parsed::Invitations(i) => i.rows.len() as u64,
        Parsed::Profile(_) => 1,
        Parsed::Posts(p) => p.len() as u64,
        Parsed::Acts(a) => a.len() as u64,
        Parsed::TopPosts(t) => t.len() as u64,
        Parsed::OtherWorkbook => 0,
    } + p.skipped;
    Ok((parsed, rows, p))
}

impl Importer for LinkedInImporter {
    fn platform(&self) -> Platform {
        Platform::LinkedIn
    }

    fn joins_parts(&self, _: (&Archive, &Detection), _: (&Archive, &Detection)) -> bool {
        true
    }

    fn part_wrapper(&self, folder: &str) -> bool {
        // `Basic_LinkedInDataExport_05-01-2024/`, `Complete_LinkedInDataExport_.../`.
        folder.contains("dataexport")
    }

    fn has_invitations(&self) -> bool {
        true
    }

    fn knows_sent_invitations(&self) -> bool {
        true
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        let entries = archive.entries();
        let known: Vec<(&Entry, FileKind)> = entries
            .iter()
            .map(|e| (e, classify(e)))
            .filter(|(_, k)| !matches!(k, FileKind::Ignore(_)))
            .collect();
        // A Profile.csv alone is too weak a sign; any relationship file is enough.
        if !known
            .iter()
            .any(|(_, k)| !matches!(k, FileKind::Profile | FileKind::Analytics))
        {
            let workbook = known.iter().any(|(e, k)| {
                *k == FileKind::Analytics
                    && archive.read(e).is_ok_and(|b| {
                        crate::archive::check_nested(&b, archive.limits()).is_ok()
                            && analytics_xlsx::is_analytics(&b)
                    })
            });
            return workbook.then(|| Detection {
                platform: Platform::LinkedIn,
                generation: "analytics".into(),
                addition_only: true,
            });
        }
        let suffixed = entries
            .iter()
            .any(|e| stem(e.file_name()).is_some_and(|(_, suffixed)| suffixed));
        let header = |kind: FileKind| {
            known
                .iter()
                .find(|(_, k)| *k == kind)
                .and_then(|(e, _)| archive.peek_text(e, 4096).ok())
                .and_then(|t| {
                    t.lines()
                        .find(|l| l.to_ascii_lowercase().contains("first name") || l.contains(','))
                        .map(str::to_string)
                })
        };
        let messages = header(FileKind::Messages).unwrap_or_default();
        let generation = if suffixed {
            "linkedin-2025"
        } else if messages.contains("CONVERSATION ID") && messages.contains("ATTACHMENTS") {
            // docs/formats.md: the 2021 header, with ATTACHMENTS from 2024 on.
            "linkedin-2024"
        } else if messages.contains("CONVERSATION ID") {
            "linkedin-2021"
        } else if messages.starts_with("FROM") {
            "linkedin-2019"
        } else if messages.starts_with("From")
            || header(FileKind::Connections)
                .is_some_and(|h| h.starts_with("First Name") && !h.contains("URL"))
        {
            "linkedin-2018"
        } else {
            "linkedin-2020"
        };
        Some(Detection::archive(Platform::LinkedIn, generation))
    }

    fn import(
        &self,
        archive: &Archive,
        detection: &Detection,
        progress: &Progress,
    ) -> Result<Imported> {
        let plan: Vec<(&Entry, FileKind)> =
            archive.entries().iter().map(|e| (e, classify(e))).collect();
        let mut coverage = Coverage::default();
        let read = super::read_plan(archive, &plan, progress, &mut coverage, |entry, kind| {
            parse_entry(archive, entry, kind).map(|(content, n, problems)| match content {
                Parsed::OtherWorkbook => {
                    super::Outcome::Ignore("a workbook that is not post analytics")
                }
                content => super::Outcome::Read(content, n, problems),
            })
        })?;
        let mut rows = Rows::default();
        let mut all_messages = Vec::new();
        let mut profile_name = None;
        let mut seen: Vec<FileKind> = Vec::new();
        let mut hidden = 0;
        let mut top_posts = Vec::new();
        let (mut with_note, mut without_note) = (0, 0);
        for (_, kind, content) in read {
            seen.push(kind);
            match content {
                Parsed::Connections(c, h) => {
                    rows.connections.extend(c);
                    hidden += h;
                }
                Parsed::Messages(m) => all_messages.extend(m),
                Parsed::Invitations(i) => {
                    rows.interactions.extend(i.rows);
                    with_note += i.sent_with_note;
                    rows.invitations_with_note.extend(i.with_note_ids);
                    without_note += i.sent_without_note;
                }
                Parsed::Profile(name) => profile_name = profile_name.or(name),
                Parsed::Posts(p) => rows.posts.extend(p),
                Parsed::Acts(a) => rows.interactions.extend(a),
                Parsed::TopPosts(t) => top_posts.extend(t),
                Parsed::OtherWorkbook => {}
            }
        }
        if seen.contains(&FileKind::Connections) {
            coverage.count(
                "hidden members (rows blank but for the date), not connections",
                hidden,
            );
        }
        if seen.contains(&FileKind::Invitations) {
            coverage.count("invitations sent with a personal note", with_note);
            coverage.count("invitations sent without a note", without_note);
        }
        for (kind, file, consequence) in [
            (
                FileKind::Connections,
                "Connections.csv",
                "connections are empty",
            ),
            (FileKind::Messages, "messages.csv", "there are no messages"),
            (
                FileKind::Shares,
                "Shares.csv",
                "posts are empty (it comes with the Complete export)",
            ),
        ] {
            if !seen.contains(&kind) {
                coverage.warnings.push(format!("no {file}: {consequence}"));
            }
        }

        let owner = messages::owner(&all_messages, profile_name.as_deref());
        let owner_id = owner.as_ref().map(|(id, _)| id.clone());
        let owner_name = owner
            .as_ref()
            .and_then(|(_, n)| n.clone())
            .or_else(|| profile_name.clone());
        messages::convert(
            &all_messages,
            owner_id.as_deref(),
            owner_name.as_deref(),
            &mut rows.messages,
            &mut rows.interactions,
        );
        rows.order_and_dedup_posts();
        if seen.contains(&FileKind::Analytics) {
            let (joined, unmatched) = analytics_xlsx::join(&mut rows.posts, &top_posts);
            coverage.count("analytics rows joined to a share", joined);
            coverage.count("analytics rows with no share in the archive", unmatched);
        }
        coverage.notes.push(
            "LinkedIn gives no engagement counts for shares: every count is null unless the \
             post analytics workbook is given"
                .into(),
        );
        coverage.notes.push(
            "LinkedIn comments and reactions name only the post: their counterpart is null".into(),
        );
        let account_id = owner_id.clone().or_else(|| owner_name.clone());
        rows.accounts.push(AccountRow {
            handle: owner_id.as_deref().and_then(people::slug),
            display_name: owner_name,
            ..detection.account(archive, account_id.clone())
        });
        let as_of = rows.last_activity();
        Ok(Imported {
            rows,
            coverage,
            account_id,
            as_of,
        })
    }
}
