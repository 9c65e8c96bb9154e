-- 003: cards the kiosk has seen identified online, for the offline policy "only patrons seen
-- recently, not blocked". Only a keyed hash of the card number is kept: never the number itself,
-- never a name, never a PIN.
CREATE TABLE kiosk_patrons_seen (
  card_hash TEXT PRIMARY KEY,
  seen_at   INTEGER NOT NULL, -- ms since the epoch
  blocked   INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1))
) STRICT;
