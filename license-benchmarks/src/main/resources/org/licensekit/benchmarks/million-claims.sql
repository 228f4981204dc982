-- One tenant with ${users} users and 4 claims each (1,000,000 claims at 250,000 users), written
-- by SQL on PostgreSQL into a migrated LicenseKit schema. ${prefix}: table prefix, ${tenant}: the
-- tenant id. Every table is ANALYZEd right after it is filled and before a table that refers to
-- it is filled, so foreign-key checks and later statements are planned on real row counts.
--
-- Shape: a district, 10 areas, 100 schools (school s under area s / 10); every user (i) a member of
-- school (i / 8) mod 100 holding one of the 5 roles, every tenth user also of a second school as REPORTER;
-- 8 products, 3 pools each (one whose term ended, two in term); claims: 10% PENDING, 30% ACTIVE,
-- 45% EXPIRED, 15% REVOKED, assigned over the last three years. Values are computed from the
-- row numbers, so every run writes the same data (relative to now()).

INSERT INTO ${prefix}organizations (tenant_id, id, name, parent_id)
SELECT '${tenant}', 'district', 'District', NULL
UNION ALL SELECT '${tenant}', 'area-' || lpad(a::text, 2, '0'), 'Area ' || a, 'district' FROM generate_series(0, 9) a
UNION ALL SELECT '${tenant}', 'school-' || lpad(s::text, 3, '0'), 'School ' || s, 'area-' || lpad((s / 10)::text, 2, '0')
  FROM generate_series(0, 99) s;
ANALYZE ${prefix}organizations;

INSERT INTO ${prefix}roles (tenant_id, id, name, description)
SELECT '${tenant}', r, initcap(lower(r)), 'Role ' || r
FROM unnest(ARRAY['PROCTOR', 'OBSERVABLE', 'OBSERVER', 'EVALUATOR', 'REPORTER']) r;
ANALYZE ${prefix}roles;

INSERT INTO ${prefix}products (tenant_id, id, name, product_type, validity_kind, validity_duration)
SELECT '${tenant}', 'product-' || k, 'Product ' || k,
  (ARRAY['LEARNING_CONTENT', 'ASSESSMENT_TOOL', 'OBSERVATION_TOOL', 'EVALUATION_TOOL'])[k % 4 + 1], 'UNTIL_TERM_END', NULL
FROM generate_series(0, 7) k;
ANALYZE ${prefix}products;

-- Role r grants products r and r + 5 (mod 8).
INSERT INTO ${prefix}role_grants (tenant_id, role_id, product_id)
SELECT DISTINCT '${tenant}', (ARRAY['PROCTOR', 'OBSERVABLE', 'OBSERVER', 'EVALUATOR', 'REPORTER'])[r + 1], 'product-' || ((r + g * 5) % 8)
FROM generate_series(0, 4) r, generate_series(0, 1) g;
ANALYZE ${prefix}role_grants;

-- Pool k-0 ended 30 days ago; k-1 and k-2 are in term (k-2 ends within 20 days for product 0).
INSERT INTO ${prefix}pools (tenant_id, id, product_id, seats, seats_in_use, term_start, term_end, renewal_date, reference,
    scope_organization_id)
SELECT '${tenant}', 'pool-' || k || '-' || p, 'product-' || k, 0, 0,
  now() - interval '4 years',
  CASE WHEN p = 0 THEN now() - interval '30 days' WHEN k = 0 AND p = 2 THEN now() + interval '20 days' ELSE now() + interval '1 year' END,
  (now() + interval '11 months')::date, 'PO-' || k || '-' || p, NULL
FROM generate_series(0, 7) k, generate_series(0, 2) p;
ANALYZE ${prefix}pools;

INSERT INTO ${prefix}users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at)
SELECT '${tenant}', 'user-' || lpad(i::text, 7, '0'),
  'Name ' || substr(md5(i::text), 1, 10), 'u' || i || '@district.example', NULL, 'ACTIVE', NULL,
  now() - interval '4 years'
FROM generate_series(0, ${users} - 1) i;
ANALYZE ${prefix}users;

INSERT INTO ${prefix}memberships (tenant_id, user_id, organization_id)
SELECT '${tenant}', 'user-' || lpad(i::text, 7, '0'), 'school-' || lpad((i / 8 % 100)::text, 3, '0')
FROM generate_series(0, ${users} - 1) i
UNION ALL
SELECT '${tenant}', 'user-' || lpad(i::text, 7, '0'), 'school-' || lpad(((i / 8 + 37) % 100)::text, 3, '0')
FROM generate_series(0, ${users} - 1, 10) i;
ANALYZE ${prefix}memberships;

INSERT INTO ${prefix}membership_roles (tenant_id, user_id, organization_id, role_id)
SELECT '${tenant}', 'user-' || lpad(i::text, 7, '0'), 'school-' || lpad((i / 8 % 100)::text, 3, '0'),
  (ARRAY['PROCTOR', 'OBSERVABLE', 'OBSERVER', 'EVALUATOR', 'REPORTER'])[i % 5 + 1]
FROM generate_series(0, ${users} - 1) i
UNION ALL
SELECT '${tenant}', 'user-' || lpad(i::text, 7, '0'), 'school-' || lpad(((i / 8 + 37) % 100)::text, 3, '0'), 'REPORTER'
FROM generate_series(0, ${users} - 1, 10) i;
ANALYZE ${prefix}membership_roles;

-- Claim j of user i: product (i + 2j) mod 8; status from (7i + 13j) mod 20; live claims in pool
-- 1 or 2 of the product, ended claims in any of its pools.
INSERT INTO ${prefix}claims (tenant_id, id, user_id, product_id, pool_id, status, direct, assigned_at, assigned_by_kind,
    assigned_by_id, claimed_at, expires_at, ended_at, ended_by_kind, ended_by_id, reason)
SELECT '${tenant}', 'claim-' || lpad((i * 4 + j)::text, 8, '0'), 'user-' || lpad(i::text, 7, '0'), 'product-' || k,
  'pool-' || k || '-' || CASE WHEN st IN ('PENDING', 'ACTIVE') THEN 1 + (i / 8 + j) % 2 ELSE i % 3 END,
  st, false, at, 'SYSTEM_ADMINISTRATOR', 'admin',
  CASE WHEN st = 'PENDING' OR (st = 'REVOKED' AND i % 2 = 0) THEN NULL ELSE at + interval '3 hours' END,
  CASE st WHEN 'ACTIVE' THEN now() + interval '1 year' WHEN 'EXPIRED' THEN at + interval '1 year' ELSE NULL END,
  CASE st WHEN 'EXPIRED' THEN at + interval '1 year' WHEN 'REVOKED' THEN at + interval '10 days' ELSE NULL END,
  CASE st WHEN 'EXPIRED' THEN 'SYSTEM_ADMINISTRATOR' WHEN 'REVOKED' THEN 'SYSTEM_ADMINISTRATOR' ELSE NULL END,
  CASE WHEN st IN ('EXPIRED', 'REVOKED') THEN 'admin' ELSE NULL END,
  CASE st WHEN 'REVOKED' THEN 'left the district' ELSE NULL END
FROM (
  SELECT i, j, (i + 2 * j) % 8 AS k,
    CASE WHEN (7 * i + 13 * j) % 20 < 2 THEN 'PENDING' WHEN (7 * i + 13 * j) % 20 < 8 THEN 'ACTIVE'
         WHEN (7 * i + 13 * j) % 20 < 17 THEN 'EXPIRED' ELSE 'REVOKED' END AS st,
    -- Live claims within the last year (a year past the end of an ended claim is before now).
    now() - make_interval(secs => ((i::bigint * 7919 + j * 104729) % (CASE WHEN (7 * i + 13 * j) % 20 < 8 THEN 365 ELSE 1095 END * 86400))::double precision)
      - CASE WHEN (7 * i + 13 * j) % 20 >= 8 THEN interval '1 year' ELSE interval '0' END AS at
  FROM generate_series(0, ${users} - 1) i, generate_series(0, 3) j
) seeded;
ANALYZE ${prefix}claims;

-- Seat counters: each pool's live claims, and room for as many again.
UPDATE ${prefix}pools p SET seats_in_use = k.live, seats = 2 * k.live + 10
FROM (SELECT pool_id, count(*) AS live FROM ${prefix}claims WHERE tenant_id = '${tenant}' AND status IN ('PENDING', 'ACTIVE')
      GROUP BY pool_id) k
WHERE p.tenant_id = '${tenant}' AND p.id = k.pool_id;
UPDATE ${prefix}pools SET seats = 10 WHERE tenant_id = '${tenant}' AND seats = 0;
ANALYZE ${prefix}pools;
