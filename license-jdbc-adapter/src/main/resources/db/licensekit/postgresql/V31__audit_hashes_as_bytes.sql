-- LicenseKit schema for PostgreSQL, version 31: an audit entry's hashes and salt are stored as
-- their 32 bytes instead of 64 hex digits.
--
-- personal_salt, previous_hash and entry_hash were CHAR(64): 65 bytes each in the row, 195 of an
-- entry's ~640. As BYTEA they are 33 each (a one-byte length and the bytes), so every entry's row is
-- ~96 bytes smaller, and so is what a bulk chunk (two to four entries per user) writes to the heap
-- and the WAL. Nothing is hashed differently: the hash is still SHA-256 over the encoding that
-- AuditChain documents, in which the previous hash and the salt appear as their 64 lower-case hex
-- digits; the stores write those digits' bytes and read them back as the same digits.
--
-- Existing values are converted exactly: 64 lower-case hex digits (every value LicenseKit wrote)
-- become their 32 bytes, and read back as the same digits. Any other value (an edit outside
-- LicenseKit: upper case, other characters, fewer digits) is kept as the UTF-8 bytes of its text
-- padded to 64 characters as CHAR(64) held it: at least 64 bytes, which read back as at least 128
-- hex digits, never as a hash or a salt, so audit().verify() reports that entry as it did before.
-- An entry not yet sealed keeps NULL.
-- The append-only trigger compares the columns whatever their type; the chain heads keep their
-- CHAR(64) hash (one row per tenant).
ALTER TABLE ${prefix}audit_entries
  ALTER COLUMN personal_salt TYPE BYTEA USING
    CASE WHEN personal_salt ~ '^[0-9a-f]{64}$' THEN decode(personal_salt, 'hex') ELSE convert_to(rpad(personal_salt, 64), 'UTF8') END,
  ALTER COLUMN previous_hash TYPE BYTEA USING
    CASE WHEN previous_hash ~ '^[0-9a-f]{64}$' THEN decode(previous_hash, 'hex') ELSE convert_to(rpad(previous_hash, 64), 'UTF8') END,
  ALTER COLUMN entry_hash TYPE BYTEA USING
    CASE WHEN entry_hash ~ '^[0-9a-f]{64}$' THEN decode(entry_hash, 'hex') ELSE convert_to(rpad(entry_hash, 64), 'UTF8') END;
