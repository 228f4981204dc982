-- LicenseKit schema for H2, version 11: the seat waitlist.

-- Users refused for lack of seats, queued per product: one row per tenant x product x user, in
-- the order of position (rewritten whole when an administrator reorders the queue). Changes of a
-- product's queue are serialised by locking the product's pool rows, so positions never collide.
CREATE TABLE ${prefix}waitlist (
  tenant_id          VARCHAR(128) NOT NULL,
  product_id         VARCHAR(128) NOT NULL,
  user_id            VARCHAR(128) NOT NULL,
  position           BIGINT NOT NULL,
  queued_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  direct             BOOLEAN NOT NULL,
  reason             VARCHAR NOT NULL,
  CONSTRAINT ${prefix}waitlist_pk PRIMARY KEY (tenant_id, product_id, user_id)
);
-- The queue in order (the head first), and the products one user waits for.
CREATE INDEX ${prefix}waitlist_order_idx ON ${prefix}waitlist (tenant_id, product_id, position);
CREATE INDEX ${prefix}waitlist_user_idx ON ${prefix}waitlist (tenant_id, user_id);
