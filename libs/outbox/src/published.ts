/**
 * SQL (on `outbox`, not aliased): an outbox row the relay's saved cursor has passed (published): committed before its window,
 * or in its window up to the last id sent. Rows in the last batch or two may be published already
 * and still count as unpublished until the relay saves its cursor here.
 */
export const PUBLISHED = `(select pg_visible_in_snapshot(outbox.xid, c.from_snapshot)
  or (pg_visible_in_snapshot(outbox.xid, c.to_snapshot) and outbox.id <= c.row_id)
  from outbox_relay_cursor c)`;

/**
 * SQL: an outbox row not published yet. Such a row was not committed before the window began, so
 * its xid is at least the window's xmin: the bound lets the xid index find the backlog.
 */
export const UNPUBLISHED = `outbox.xid >= (select pg_snapshot_xmin(from_snapshot) from outbox_relay_cursor)
  and not ${PUBLISHED}`;
