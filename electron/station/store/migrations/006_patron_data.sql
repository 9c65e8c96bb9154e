-- 006: less patron data kept.

-- The seen-card hashes were keyed with a key stored beside them in this database: anyone with the
-- file could recover every card number by trying them all. The key now lives sealed by the OS
-- keychain or the owner-only key file; the old key and every hash made with it go.
DELETE FROM settings WHERE key = 'kiosk.cardHashKey';
DELETE FROM kiosk_patrons_seen;

-- A return is replayed without a patron (SIP2 checkin has none): its card number was never needed.
UPDATE outbox SET payload = json_set(payload, '$.patronId', NULL)
  WHERE target = 'sip2' AND json_extract(payload, '$.action') = 'checkin'
    AND json_extract(payload, '$.patronId') IS NOT NULL;

-- Done rows by the time they were done, for the retention rule that blanks their card numbers.
CREATE INDEX outbox_done_at ON outbox (done_at) WHERE state = 'done';
