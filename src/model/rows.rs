//! Plain row types that importers fill. Builders turn them into dataframes in one pass.

/// Declares [`Platform`]: each platform is one line, its variant, its `platform` column
/// value and its name for people.
macro_rules! platforms {
    ($($(#[$meta:meta])* $variant:ident => $value:literal, $title:literal;)+) => {
        /// A platform rapport reads.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Platform { $($(#[$meta])* $variant),+ }
        impl Platform {
            /// The value of the `platform` column.
            pub fn as_str(self) -> &'static str {
                match self { $(Platform::$variant => $value),+ }
            }
            /// The platform's name for people.
            pub fn title(self) -> &'static str {
                match self { $(Platform::$variant => $title),+ }
            }
            /// The platform whose `platform` column value is `value`.
            pub fn from_name(value: &str) -> Option<Platform> {
                match value { $($value => Some(Platform::$variant),)+ _ => None }
            }
        }
    };
}

platforms! {
    /// Twitter / X.
    Twitter => "twitter", "Twitter/X";
    /// LinkedIn.
    LinkedIn => "linkedin", "LinkedIn";
    /// Facebook.
    Facebook => "facebook", "Facebook";
    /// Instagram.
    Instagram => "instagram", "Instagram";
    /// Mastodon (and other servers of the fediverse that export its archive).
    Mastodon => "mastodon", "Mastodon";
}

macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
        impl $name {
            /// The value written in the dataframe.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
    };
}

str_enum!(
    /// What a post is.
    PostKind {
        /// The owner's own post.
        Original => "original",
        /// A reply to the owner's own post.
        Thread => "thread",
        /// A reply to someone else.
        Reply => "reply",
        /// Someone else's post shared as is.
        Repost => "repost",
        /// Someone else's post shared with a comment.
        Quote => "quote",
    }
);

str_enum!(
    /// What a post carries besides text.
    Media {
        /// Text only.
        None => "none",
        /// One or more photos.
        Photo => "photo",
        /// A video.
        Video => "video",
        /// An animated GIF.
        Gif => "gif",
        /// A link to a web page.
        Link => "link",
        /// A poll.
        Poll => "poll",
        /// A document (LinkedIn).
        Document => "document",
        /// An article (LinkedIn).
        Article => "article",
    }
);

str_enum!(
    /// Who acted.
    Direction {
        /// The owner to them.
        Outbound => "outbound",
        /// Them to the owner.
        Inbound => "inbound",
    }
);

str_enum!(
    /// What act an interaction is.
    InteractionKind {
        /// A reply to their post.
        Reply => "reply",
        /// A mention of them.
        Mention => "mention",
        /// A repost of their post.
        Repost => "repost",
        /// A quote of their post.
        Quote => "quote",
        /// A like of their post.
        Like => "like",
        /// A comment.
        Comment => "comment",
        /// A reaction.
        Reaction => "reaction",
        /// A direct message.
        Message => "message",
        /// A connection invitation.
        Invitation => "invitation",
    }
);

str_enum!(
    /// How a connection relates to the owner.
    Relation {
        /// Follows the owner.
        Follower => "follower",
        /// Followed by the owner.
        Following => "following",
        /// Both.
        Mutual => "mutual",
        /// A LinkedIn connection.
        Connection => "connection",
        /// A Facebook friend.
        Friend => "friend",
    }
);

/// One row of `posts`. Times are milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct PostRow {
    pub platform: Platform,
    pub post_id: String,
    pub created_at: i64,
    pub kind: PostKind,
    pub text: String,
    pub text_chars: u32,
    pub media: Media,
    pub hashtags: Vec<String>,
    pub mentions: Vec<String>,
    pub link_domains: Vec<String>,
    pub reply_to: Option<String>,
    pub likes: Option<u64>,
    pub reposts: Option<u64>,
    pub replies: Option<u64>,
    pub quotes: Option<u64>,
    pub impressions: Option<u64>,
    pub engagements: Option<u64>,
    pub lang: Option<String>,
}

impl PostRow {
    /// A post of `text`: `text_chars` counts it trimmed; no media, no hashtags, mentions or
    /// links, no reply, every count null. Importers set what their archive gives with
    /// `PostRow { media, ..PostRow::new(..) }`.
    pub fn new(
        platform: Platform,
        post_id: String,
        created_at: i64,
        kind: PostKind,
        text: String,
    ) -> PostRow {
        PostRow {
            platform,
            post_id,
            created_at,
            kind,
            text_chars: char_count(text.trim()),
            text,
            media: Media::None,
            hashtags: Vec::new(),
            mentions: Vec::new(),
            link_domains: Vec::new(),
            reply_to: None,
            likes: None,
            reposts: None,
            replies: None,
            quotes: None,
            impressions: None,
            engagements: None,
            lang: None,
        }
    }
}

/// One row of `interactions`.
#[derive(Debug, Clone, PartialEq)]
pub struct InteractionRow {
    pub platform: Platform,
    pub at: Option<i64>,
    pub direction: Direction,
    pub kind: InteractionKind,
    pub counterpart_id: Option<String>,
    pub counterpart_name: Option<String>,
    pub post_id: Option<String>,
}

impl InteractionRow {
    /// The `message` interaction of one direct message in a two-person conversation:
    /// outbound when the owner sent it, inbound otherwise.
    pub fn message(
        platform: Platform,
        at: i64,
        from_owner: bool,
        counterpart_id: Option<String>,
        counterpart_name: Option<String>,
    ) -> InteractionRow {
        InteractionRow {
            platform,
            at: Some(at),
            direction: if from_owner {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            kind: InteractionKind::Message,
            counterpart_id,
            counterpart_name,
            post_id: None,
        }
    }
}

/// One row of `connections`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionRow {
    pub platform: Platform,
    pub counterpart_id: String,
    pub name: Option<String>,
    pub handle: Option<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub relation: Relation,
    pub connected_at: Option<i64>,
}

/// One row of `messages`. The body itself is never stored.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    pub platform: Platform,
    pub conversation_id: String,
    pub message_id: String,
    pub at: i64,
    pub sender_id: String,
    pub from_owner: bool,
    pub participants: u32,
    pub text_chars: u32,
    pub body_hash: Option<u64>,
}

/// One row of `accounts`.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub platform: Platform,
    pub account_id: String,
    pub handle: Option<String>,
    pub display_name: Option<String>,
    pub created_at: Option<i64>,
    pub followers: Option<u64>,
    pub following: Option<u64>,
    /// The zone the owner set for the account (IANA name), where the archive states one.
    pub time_zone: Option<String>,
    pub archive: String,
    pub generation: String,
}

/// All the rows one importer produced, before they become dataframes.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    pub posts: Vec<PostRow>,
    pub interactions: Vec<InteractionRow>,
    pub connections: Vec<ConnectionRow>,
    pub messages: Vec<MessageRow>,
    pub accounts: Vec<AccountRow>,
    /// Counterpart ids of sent invitations that carried a personal note. The note has no
    /// column in the common dataframes (docs/dataset.md lists none); the invitations analysis
    /// reads it from here.
    pub invitations_with_note: Vec<String>,
}

impl Rows {
    /// The time of the last activity in the rows (a post, a message, a new connection):
    /// what orders two downloads of one account when the archive does not say when it was
    /// made.
    pub fn last_activity(&self) -> Option<i64> {
        self.posts
            .iter()
            .map(|p| p.created_at)
            .chain(self.messages.iter().map(|m| m.at))
            .chain(self.connections.iter().filter_map(|c| c.connected_at))
            .max()
    }

    /// Puts the posts in time order (then by id) and keeps one post per id: the merge rule
    /// of importers whose files can list one post twice (parts of one export).
    pub fn order_and_dedup_posts(&mut self) {
        self.posts.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.post_id.cmp(&b.post_id))
        });
        self.posts.dedup_by(|a, b| a.post_id == b.post_id);
    }
}

/// The body hash of docs/dataset.md: FNV-1a (64 bit) of the body with case folded and runs of
/// white space made one space; stable across runs, machines and Rust versions.
/// `None` for a body with no text.
pub fn body_hash(body: &str) -> Option<u64> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut any = false;
    let mut pending_space = false;
    for word in body.split_whitespace() {
        if pending_space {
            hash = fnv_step(hash, b' ');
        }
        for ch in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                hash = fnv_step(hash, b);
            }
        }
        any = true;
        pending_space = true;
    }
    any.then_some(hash)
}

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// A stable id for a record that has none: FNV-1a of its parts joined by NUL.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash = fnv_step(hash, 0);
        }
        for b in part.bytes() {
            hash = fnv_step(hash, b);
        }
    }
    format!("h{hash:016x}")
}

/// Length in Unicode scalar values, as docs/dataset.md counts characters.
pub fn char_count(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_hash_folds_case_and_white_space() {
        assert_eq!(body_hash("Hello  World\n"), body_hash("hello world"));
        assert_ne!(body_hash("hello world"), body_hash("hello worlds"));
        assert_eq!(body_hash("   "), None);
        assert_eq!(body_hash(""), None);
    }

    #[test]
    fn stable_ids_do_not_collide_on_joined_parts() {
        assert_ne!(stable_id(&["ab", "c"]), stable_id(&["a", "bc"]));
        assert_eq!(stable_id(&["x"]), stable_id(&["x"]));
    }
}
