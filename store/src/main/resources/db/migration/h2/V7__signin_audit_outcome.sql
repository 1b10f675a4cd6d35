-- Embedded H2. Keep in step with postgresql/V7__signin_audit_outcome.sql.
-- How a lookup ended, beyond found or not: a person not on the allow-list (denied), Graph refusing for the
-- tenant's licence (licensing) or failing (error). Rows written before this migration keep found/not_found.
ALTER TABLE signin_audit ADD COLUMN outcome VARCHAR(16);
UPDATE signin_audit SET outcome = CASE WHEN found THEN 'found' ELSE 'not_found' END;
ALTER TABLE signin_audit ALTER COLUMN outcome SET NOT NULL;
