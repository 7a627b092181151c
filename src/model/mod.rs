//! The common dataset: five dataframes with the same schema whatever the platform.
//!
//! Importers produce [`Rows`]; [`Dataset::from_rows`] builds the frames once. Datasets of
//! several archives are merged with [`Dataset::merge`].

pub mod builder;
pub mod lake;
pub mod parquet;
pub mod people_table;
pub mod rows;
pub mod schema;

use polars::prelude::*;

pub use rows::*;

/// The five common dataframes of docs/dataset.md.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// One row per item the owner published.
    pub posts: DataFrame,
    /// One row per act between the owner and another person.
    pub interactions: DataFrame,
    /// One row per person in the owner's network.
    pub connections: DataFrame,
    /// One row per direct message (no bodies).
    pub messages: DataFrame,
    /// One row per imported account.
    pub accounts: DataFrame,
}

/// The time span a frame covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    /// Earliest time, ms since the epoch (UTC).
    pub first: i64,
    /// Latest time, ms since the epoch (UTC).
    pub last: i64,
}

impl Dataset {
    /// Puts `frame` in the place of the frame called `name` (`posts`, `interactions`,
    /// `connections`, `messages`; anything else is `accounts`).
    pub fn set_frame(&mut self, name: &str, frame: DataFrame) {
        match name {
            "posts" => self.posts = frame,
            "interactions" => self.interactions = frame,
            "connections" => self.connections = frame,
            "messages" => self.messages = frame,
            _ => self.accounts = frame,
        }
    }

    /// A dataset with no rows and the full schema.
    pub fn empty() -> Dataset {
        let empty = |spec| DataFrame::empty_with_schema(&schema::schema(spec));
        Dataset {
            posts: empty(schema::POSTS),
            interactions: empty(schema::INTERACTIONS),
            connections: empty(schema::CONNECTIONS),
            messages: empty(schema::MESSAGES),
            accounts: empty(schema::ACCOUNTS),
        }
    }

    /// Builds the frames from an importer's rows, the larger ones in parallel.
    pub fn from_rows(rows: &Rows) -> PolarsResult<Dataset> {
        let ((posts, messages), (interactions, (connections, accounts))) = rayon::join(
            || {
                rayon::join(
                    || builder::posts(&rows.posts),
                    || builder::messages(&rows.messages),
                )
            },
            || {
                rayon::join(
                    || builder::interactions(&rows.interactions),
                    || {
                        (
                            builder::connections(&rows.connections),
                            builder::accounts(&rows.accounts),
                        )
                    },
                )
            },
        );
        Ok(Dataset {
            posts: posts?,
            interactions: interactions?,
            connections: connections?,
            messages: messages?,
            accounts: accounts?,
        })
    }

    /// The frames with their names, in docs/dataset.md's order.
    pub fn frames(&self) -> [(&'static str, &DataFrame); 5] {
        [
            ("posts", &self.posts),
            ("interactions", &self.interactions),
            ("connections", &self.connections),
            ("messages", &self.messages),
            ("accounts", &self.accounts),
        ]
    }

    /// Appends the rows of several datasets, in order. De-duplication across archives of
    /// the same account is the importers' registry's job, which knows which is newer.
    pub fn merge(parts: Vec<Dataset>) -> PolarsResult<Dataset> {
        let mut merged = Dataset::empty();
        for part in parts {
            merged.posts.vstack_mut_owned(part.posts)?;
            merged.interactions.vstack_mut_owned(part.interactions)?;
            merged.connections.vstack_mut_owned(part.connections)?;
            merged.messages.vstack_mut_owned(part.messages)?;
            merged.accounts.vstack_mut_owned(part.accounts)?;
        }
        merged.posts.rechunk_mut();
        merged.interactions.rechunk_mut();
        merged.connections.rechunk_mut();
        merged.messages.rechunk_mut();
        merged.accounts.rechunk_mut();
        Ok(merged)
    }

    /// The time column of a frame that has one (`accounts` is not activity).
    pub fn time_column(frame: &str) -> Option<&'static str> {
        match frame {
            "posts" => Some("created_at"),
            "interactions" | "messages" => Some("at"),
            "connections" => Some("connected_at"),
            _ => None,
        }
    }
}

/// The first and last time in a datetime column, or `None` if it holds no time.
pub fn time_range(frame: &DataFrame, column: &str) -> PolarsResult<Option<TimeRange>> {
    let physical = frame.column(column)?.cast(&DataType::Int64)?;
    let values = physical.i64()?;
    Ok(match (values.min(), values.max()) {
        (Some(first), Some(last)) => Some(TimeRange { first, last }),
        _ => None,
    })
}

/// What one platform's archives can and cannot show, as its importer declares it. It
/// travels with the dataset into every scope, so that no analysis or report names a
/// platform: a figure the archives cannot give is null with the reason these facts give.
#[derive(Debug, Clone, Copy)]
pub struct PlatformFacts {
    /// The platform.
    pub platform: Platform,
    /// Whether its archives hold the messages others sent the owner, not only the owner's.
    pub holds_received_messages: bool,
    /// Whether its archives hold invitations (sent or received).
    pub has_invitations: bool,
    /// Whether they list every invitation the owner sent, so that acceptance is known.
    pub knows_sent_invitations: bool,
    /// Why the outcome of sent invitations is unknown, where it is.
    pub sent_invitations_note: &'static str,
    /// Whether its archives hold only what the owner did: how others give back, support
    /// or answer is unknown.
    pub one_sided: bool,
    /// Whether its archives hold a list of the owner's connections.
    pub has_connection_list: bool,
    /// The address of a person's profile made from their counterpart id, where the
    /// platform has one.
    pub profile_url: ProfileUrl,
}

/// Makes the address of a person's profile from their counterpart id, where it can.
pub type ProfileUrl = fn(&str) -> Option<String>;
