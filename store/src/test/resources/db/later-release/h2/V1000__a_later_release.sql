-- FreshSchemaTest: a migration a later release might ship, run by Flyway on a schema FreshSchema created.
ALTER TABLE seen_events ADD COLUMN later_note VARCHAR;
