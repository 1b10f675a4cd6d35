package dev.aadsts.store;

import dev.aadsts.core.store.Store;
import dev.aadsts.store.testing.PostgresServer;
import dev.aadsts.store.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;

/** The event replies contract on a real PostgreSQL server. */
class PostgresEventRepliesTest extends EventRepliesContractTest {

    private TestDatabase database;

    @Override
    protected Store open(Clock clock) {
        if (database == null) {
            database = PostgresServer.shared().createDatabase();
        }
        return Stores.postgres(database.url(), clock);
    }

    @Override
    @AfterAll
    void closeStore() {
        super.closeStore();
        if (database != null) {
            database.close();
        }
    }
}
