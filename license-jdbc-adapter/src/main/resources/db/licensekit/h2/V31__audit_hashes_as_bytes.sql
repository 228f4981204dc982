-- LicenseKit schema for H2, version 31: an audit entry's hashes and salt are stored as their 32
-- bytes instead of 64 hex digits (as PostgreSQL's version 31).
--
-- personal_salt, previous_hash and entry_hash were CHAR(64); as BINARY VARYING they are 32 bytes.
-- Nothing is hashed differently: the hash is still SHA-256 over the encoding that AuditChain
-- documents, in which the previous hash and the salt appear as their 64 lower-case hex digits; the
-- store writes those digits' bytes and reads them back as the same digits.
--
-- Existing values are converted exactly: 64 lower-case hex digits (every value LicenseKit wrote)
-- become their 32 bytes (H2 has no hex decoding function, but it reads a UUID from its hex digits
-- and writes it as its 16 bytes: each half of the 64 digits is read as one UUID). Any other value
-- (an edit outside LicenseKit) is kept as the UTF-8 bytes of its CHAR(64) text, padded to 64
-- characters: at least 64 bytes, which read back as at least 128 hex digits, never as a hash or a
-- salt, so audit().verify() reports that entry as it did before. An entry not yet sealed keeps NULL.
-- The chain heads keep their CHAR(64) hash (one row per tenant).
ALTER TABLE ${prefix}audit_entries ALTER COLUMN personal_salt SET DATA TYPE BINARY VARYING USING
  CASE WHEN REGEXP_LIKE(personal_salt, '^[0-9a-f]{64}$', 'c')
    THEN CAST(CAST(CONCAT(SUBSTRING(personal_salt, 1, 8), '-', SUBSTRING(personal_salt, 9, 4), '-', SUBSTRING(personal_salt, 13, 4), '-', SUBSTRING(personal_salt, 17, 4), '-', SUBSTRING(personal_salt, 21, 12)) AS UUID) AS BINARY(16))
      || CAST(CAST(CONCAT(SUBSTRING(personal_salt, 33, 8), '-', SUBSTRING(personal_salt, 41, 4), '-', SUBSTRING(personal_salt, 45, 4), '-', SUBSTRING(personal_salt, 49, 4), '-', SUBSTRING(personal_salt, 53, 12)) AS UUID) AS BINARY(16))
    ELSE CAST(personal_salt AS BINARY VARYING) END;
ALTER TABLE ${prefix}audit_entries ALTER COLUMN previous_hash SET DATA TYPE BINARY VARYING USING
  CASE WHEN REGEXP_LIKE(previous_hash, '^[0-9a-f]{64}$', 'c')
    THEN CAST(CAST(CONCAT(SUBSTRING(previous_hash, 1, 8), '-', SUBSTRING(previous_hash, 9, 4), '-', SUBSTRING(previous_hash, 13, 4), '-', SUBSTRING(previous_hash, 17, 4), '-', SUBSTRING(previous_hash, 21, 12)) AS UUID) AS BINARY(16))
      || CAST(CAST(CONCAT(SUBSTRING(previous_hash, 33, 8), '-', SUBSTRING(previous_hash, 41, 4), '-', SUBSTRING(previous_hash, 45, 4), '-', SUBSTRING(previous_hash, 49, 4), '-', SUBSTRING(previous_hash, 53, 12)) AS UUID) AS BINARY(16))
    ELSE CAST(previous_hash AS BINARY VARYING) END;
ALTER TABLE ${prefix}audit_entries ALTER COLUMN entry_hash SET DATA TYPE BINARY VARYING USING
  CASE WHEN REGEXP_LIKE(entry_hash, '^[0-9a-f]{64}$', 'c')
    THEN CAST(CAST(CONCAT(SUBSTRING(entry_hash, 1, 8), '-', SUBSTRING(entry_hash, 9, 4), '-', SUBSTRING(entry_hash, 13, 4), '-', SUBSTRING(entry_hash, 17, 4), '-', SUBSTRING(entry_hash, 21, 12)) AS UUID) AS BINARY(16))
      || CAST(CAST(CONCAT(SUBSTRING(entry_hash, 33, 8), '-', SUBSTRING(entry_hash, 41, 4), '-', SUBSTRING(entry_hash, 45, 4), '-', SUBSTRING(entry_hash, 49, 4), '-', SUBSTRING(entry_hash, 53, 12)) AS UUID) AS BINARY(16))
    ELSE CAST(entry_hash AS BINARY VARYING) END;
