-- 005: row counts per target and state, kept by triggers. The sync screen asks for them several
-- times a second while the queue moves; counting the whole outbox each time grows with every row
-- ever sent (16 ms at 200,000 rows), on the thread that talks to the library system.
CREATE TABLE outbox_counts (
  target TEXT NOT NULL,
  state  TEXT NOT NULL,
  n      INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (target, state)
) STRICT, WITHOUT ROWID;

INSERT INTO outbox_counts (target, state, n)
  SELECT target, state, count(*) FROM outbox GROUP BY target, state;

CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox BEGIN
  INSERT INTO outbox_counts (target, state, n) VALUES (new.target, new.state, 1)
    ON CONFLICT (target, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox BEGIN
  UPDATE outbox_counts SET n = n - 1 WHERE target = old.target AND state = old.state;
END;

CREATE TRIGGER outbox_counts_update AFTER UPDATE OF target, state ON outbox
  WHEN old.target IS NOT new.target OR old.state IS NOT new.state
BEGIN
  UPDATE outbox_counts SET n = n - 1 WHERE target = old.target AND state = old.state;
  INSERT INTO outbox_counts (target, state, n) VALUES (new.target, new.state, 1)
    ON CONFLICT (target, state) DO UPDATE SET n = n + 1;
END;
