-- LicenseKit schema for PostgreSQL, version 16: training states as report and bulk filters.

-- "Users whose training T is overdue / not completed / completed / expired": the filters are
-- EXISTS conditions per user, answered by the primary keys (tenant, user, training); when the
-- training is the selective part (a few users among many), the planner starts from these indexes
-- instead and reads only the users assigned (or credited with) that training.
CREATE INDEX ${prefix}training_assignments_training_idx ON ${prefix}training_assignments (tenant_id, training_id, user_id);
CREATE INDEX ${prefix}training_records_training_idx ON ${prefix}training_records (tenant_id, training_id, user_id);
