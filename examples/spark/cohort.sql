-- The cohort of a rapport lake in SQL: one row per account with the figures of
-- `rapport analyze LAKE --each` that SQL can compute from the tables alone (docs/lake.md,
-- docs/metrics.md). Run by examples/spark/cohort.py on Spark and by DuckDB (README).
-- {ms(x)} is the engine's "milliseconds since the epoch of a timestamp".
WITH m AS (
  SELECT platform, account, download, account_id, as_of FROM manifest
),
activity AS (
  -- Each account's period: its first to last activity (posts, interactions, messages).
  SELECT platform, account, min(t) AS first_ms, max(t) AS last_ms FROM (
    SELECT platform, account, {ms(created_at)} AS t FROM posts WHERE created_at IS NOT NULL
    UNION ALL
    SELECT platform, account, {ms(at_time)} AS t FROM interactions WHERE at_time IS NOT NULL
    UNION ALL
    SELECT platform, account, {ms(at_time)} AS t FROM messages WHERE at_time IS NOT NULL
  ) a
  GROUP BY platform, account
),
pairs AS (
  SELECT platform, account, download AS newer, as_of AS at_ms,
         LAG(download) OVER (PARTITION BY platform, account ORDER BY as_of) AS older,
         LAG(as_of) OVER (PARTITION BY platform, account ORDER BY as_of) AS since_ms
  FROM m WHERE as_of IS NOT NULL
),
counted AS (
  -- The pairs of consecutive downloads whose time between them the period holds at least
  -- half of.
  SELECT p.platform, p.account, p.newer, p.older FROM pairs p
  JOIN activity a ON a.platform = p.platform AND a.account = p.account
  WHERE p.older IS NOT NULL AND p.at_ms > p.since_ms
    AND 2 * GREATEST(LEAST(a.last_ms, p.at_ms) - GREATEST(a.first_ms, p.since_ms), 0)
        >= p.at_ms - p.since_ms
),
conn AS (
  SELECT DISTINCT platform, account, download, counterpart_id FROM connections
  WHERE counterpart_id IS NOT NULL
),
lost_rows AS (
  -- People in the older download's connections and in none of the newer one's.
  SELECT c.platform, c.account, o.counterpart_id FROM counted c
  JOIN conn o ON o.platform = c.platform AND o.account = c.account AND o.download = c.older
  LEFT JOIN conn x ON x.platform = c.platform AND x.account = c.account
    AND x.download = c.newer AND x.counterpart_id = o.counterpart_id
  WHERE x.counterpart_id IS NULL
),
gained_rows AS (
  SELECT c.platform, c.account, o.counterpart_id FROM counted c
  JOIN conn o ON o.platform = c.platform AND o.account = c.account AND o.download = c.newer
  LEFT JOIN conn x ON x.platform = c.platform AND x.account = c.account
    AND x.download = c.older AND x.counterpart_id = o.counterpart_id
  WHERE x.counterpart_id IS NULL
),
compared AS (
  SELECT DISTINCT platform, account FROM counted
),
lost AS (
  SELECT c.platform, c.account, count(r.counterpart_id) AS n FROM compared c
  LEFT JOIN lost_rows r ON r.platform = c.platform AND r.account = c.account
  GROUP BY c.platform, c.account
),
gained AS (
  SELECT c.platform, c.account, count(r.counterpart_id) AS n FROM compared c
  LEFT JOIN gained_rows r ON r.platform = c.platform AND r.account = c.account
  GROUP BY c.platform, c.account
),
newest AS (
  SELECT platform, account, download FROM (
    SELECT platform, account, download,
           ROW_NUMBER() OVER (PARTITION BY platform, account ORDER BY as_of DESC) AS r
    FROM m WHERE as_of IS NOT NULL
  ) n WHERE r = 1
),
deleted AS (
  -- Posts an older download has and the newest does not.
  SELECT o.platform, o.account, count(DISTINCT o.post_id) AS n
  FROM posts o
  JOIN newest n ON n.platform = o.platform AND n.account = o.account
  LEFT JOIN posts x ON x.platform = o.platform AND x.account = o.account
    AND x.download = n.download AND x.post_id = o.post_id
  WHERE o.download <> n.download AND x.post_id IS NULL
  GROUP BY o.platform, o.account
),
post_counts AS (
  -- Posts in the period: every post with a time, once across downloads.
  SELECT platform, account, count(DISTINCT post_id) AS n FROM posts
  WHERE created_at IS NOT NULL GROUP BY platform, account
),
accounts AS (
  SELECT platform, account, min(account_id) AS account_id, count(*) AS downloads,
         count(as_of) AS dated FROM m GROUP BY platform, account
)
SELECT a.platform, a.account_id AS account, a.downloads,
       COALESCE(pc.n, 0) AS posts,
       CASE WHEN a.dated < 2 THEN NULL ELSE COALESCE(d.n, 0) END AS posts_deleted_since,
       l.n AS connections_lost,
       g.n AS connections_gained
FROM accounts a
LEFT JOIN post_counts pc ON pc.platform = a.platform AND pc.account = a.account
LEFT JOIN deleted d ON d.platform = a.platform AND d.account = a.account
LEFT JOIN lost l ON l.platform = a.platform AND l.account = a.account
LEFT JOIN gained g ON g.platform = a.platform AND g.account = a.account
ORDER BY a.platform, a.account_id
