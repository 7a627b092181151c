//! The small files of a Twitter archive: likes, followers, following, the account, the
//! manifest, and the older archive's `user_details.js`.

use crate::import::fields::Json;

use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{parse_iso, parse_with_offset};

/// The liked tweet's id, from one `like` element.
pub fn like<J: Json>(element: &J, problems: &mut RecordProblems) -> Option<String> {
    let like = fields::unwrap(element, "like");
    let id = fields::id(like, &["tweetId", "tweet_id"]);
    if id.is_none() {
        problems.skip("likes without a tweetId", || {
            "a like with no tweetId".to_string()
        });
    }
    id
}

/// The account id of one `follower` or `following` element.
pub fn follow<J: Json>(element: &J, key: &str, problems: &mut RecordProblems) -> Option<String> {
    let item = fields::unwrap(element, key);
    let id = fields::id(item, &["accountId"]).or_else(|| {
        fields::text(item, "userLink")
            .and_then(|link| link.rsplit_once("user_id=").map(|(_, id)| id.to_string()))
            .filter(|id| !id.is_empty())
    });
    if id.is_none() {
        problems.skip("entries without an accountId", || {
            format!("a {key} entry with no accountId")
        });
    }
    id
}

/// Who the archive belongs to, from whichever file says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInfo {
    /// The numeric account id.
    pub id: Option<String>,
    /// The handle.
    pub handle: Option<String>,
    /// The display name.
    pub display_name: Option<String>,
    /// When the account was created (ms).
    pub created_at: Option<i64>,
    /// When the archive was generated (ms), from the manifest.
    pub generated_at: Option<i64>,
    /// The zone the owner set (IANA), from `account-timezone.js`.
    pub time_zone: Option<String>,
}

impl AccountInfo {
    /// Fills what this one lacks from another source.
    pub fn or(self, other: AccountInfo) -> AccountInfo {
        AccountInfo {
            id: self.id.or(other.id),
            handle: self.handle.or(other.handle),
            display_name: self.display_name.or(other.display_name),
            created_at: self.created_at.or(other.created_at),
            generated_at: self.generated_at.or(other.generated_at),
            time_zone: self.time_zone.or(other.time_zone),
        }
    }
}

/// `account.js`: `[{"account": {accountId, username, accountDisplayName, createdAt}}]`.
pub fn account<J: Json>(element: &J) -> AccountInfo {
    let account = fields::unwrap(element, "account");
    AccountInfo {
        id: fields::id(account, &["accountId"]),
        handle: fields::text(account, "username"),
        display_name: fields::text(account, "accountDisplayName"),
        created_at: fields::text(account, "createdAt").and_then(|t| parse_iso(&t)),
        generated_at: None,
        time_zone: None,
    }
}

/// `manifest.js`: `window.__THAR_CONFIG = {userInfo: {...}, archiveInfo: {...}}`.
pub fn manifest<J: Json>(value: &J) -> AccountInfo {
    let user = value.field("userInfo").unwrap_or(J::null());
    let archive = value.field("archiveInfo").unwrap_or(J::null());
    AccountInfo {
        id: fields::id(user, &["accountId"]),
        handle: fields::text(user, "userName"),
        display_name: fields::text(user, "displayName"),
        created_at: None,
        generated_at: fields::text(archive, "generationDate").and_then(|t| parse_iso(&t)),
        time_zone: None,
    }
}

/// `data/js/user_details.js` of the older archive: `var user_details = {id, screen_name,
/// full_name, created_at}`.
pub fn user_details<J: Json>(value: &J) -> AccountInfo {
    AccountInfo {
        id: fields::id(value, &["id", "id_str"]),
        handle: fields::text(value, "screen_name"),
        display_name: fields::text(value, "full_name"),
        created_at: fields::text(value, "created_at")
            .and_then(|t| parse_with_offset(&t, &["%Y-%m-%d %H:%M:%S %z"])),
        generated_at: None,
        time_zone: None,
    }
}
