package dev.aadsts.store;

/** What differs between the two supported databases; everything else is plain SQL both understand. */
enum Dialect {

    H2("db/migration/h2"),
    POSTGRESQL("db/migration/postgresql");

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** Flyway location of this vendor's versioned migrations. */
    String migrationLocation() {
        return "classpath:" + migrations;
    }

    /** The same folder as a class path resource name. */
    String migrationFolder() {
        return migrations;
    }

    /**
     * Only one process can open the embedded file, so its atomic writes are serialised in that process
     * instead of relying on row locks; PostgreSQL is shared by replicas and uses row locks that skip
     * what another instance holds.
     */
    boolean serialisesWritesInProcess() {
        return this == H2;
    }

    /**
     * How a read locks the rows it selects. H2's writes are serialised in the process already, and its row locks
     * cost a write each, so it reads plainly.
     */
    String forUpdate() {
        return this == H2 ? "" : " FOR UPDATE";
    }

    /** Like {@link #forUpdate()}, but rows another transaction holds are passed over instead of waited for. */
    String forUpdateSkipLocked() {
        return this == H2 ? "" : " FOR UPDATE SKIP LOCKED";
    }

    /** Atomic upserts: H2 has none outside its PostgreSQL mode, PostgreSQL has {@code ON CONFLICT}. */
    boolean hasOnConflict() {
        return this == POSTGRESQL;
    }

    /**
     * Deletes up to {@code chunk} rows of {@code table} that expired by the one parameter. H2 bounds a DELETE
     * itself (and runs a key sub-select once per row); PostgreSQL has no bounded DELETE but joins the sub-select.
     */
    String deleteExpired(String table, String keyColumn, int chunk) {
        if (this == H2) {
            return "DELETE FROM " + table + " WHERE expires_at <= ? FETCH FIRST " + chunk + " ROWS ONLY";
        }
        return "DELETE FROM " + table + " WHERE " + keyColumn + " IN (SELECT " + keyColumn + " FROM " + table
                + " WHERE expires_at <= ? LIMIT " + chunk + ")";
    }
}
