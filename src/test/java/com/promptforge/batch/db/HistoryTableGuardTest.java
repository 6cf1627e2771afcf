package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing Flyway's history table when several scheduler processes start (and migrate) at the same moment. */
class HistoryTableGuardTest {

    private static final String OPEN_HISTORY_TABLE = """
            grant all on table public.flyway_schema_history to anon, authenticated;
            alter table public.flyway_schema_history disable row level security""";

    private static TestDatabase db;

    @BeforeAll
    static void migrated() {
        db = TestDatabase.create("historyguard");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void processesClosingTheTableAtTheSameMomentAllSucceed() throws Exception {
        int processes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            for (int round = 0; round < 25; round++) {
                db.jdbc().execute(OPEN_HISTORY_TABLE);
                List<Callable<Void>> closers = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    closers.add(() -> {
                        try (Connection connection = db.dataSource().getConnection();
                             Statement statement = connection.createStatement()) {
                            statement.execute(HistoryTableGuard.CLOSE_HISTORY_TABLE);
                        }
                        return null;
                    });
                }
                for (Future<Void> closed : pool.invokeAll(closers)) {
                    closed.get(); // throws "tuple concurrently updated" when two REVOKEs meet
                }
                assertClosed();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAlreadyClosedTableIsNotWrittenAgain() {
        db.jdbc().execute(HistoryTableGuard.CLOSE_HISTORY_TABLE);
        String before = catalogRowVersion();

        db.jdbc().execute(HistoryTableGuard.CLOSE_HISTORY_TABLE);

        assertThat(catalogRowVersion()).as("pg_class row of flyway_schema_history (xmin)").isEqualTo(before);
        assertClosed();
    }

    @Test
    void anOpenedTableIsClosedAgain() {
        db.jdbc().execute(OPEN_HISTORY_TABLE);

        db.jdbc().execute(HistoryTableGuard.CLOSE_HISTORY_TABLE);

        assertClosed();
    }

    private static String catalogRowVersion() {
        return db.jdbc().queryForObject(
                "select xmin::text from pg_catalog.pg_class where oid = 'public.flyway_schema_history'::regclass",
                String.class);
    }

    private static void assertClosed() {
        assertThat(db.jdbc().queryForObject("""
                select count(*) from (values ('anon'), ('authenticated')) as r(rolname)
                 cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p(privilege)
                 where pg_catalog.has_table_privilege(r.rolname, 'public.flyway_schema_history', p.privilege)""",
                Long.class)).as("privileges of anon and authenticated on the history table").isZero();
        assertThat(db.jdbc().queryForObject("""
                select relrowsecurity from pg_catalog.pg_class
                 where oid = 'public.flyway_schema_history'::regclass""", Boolean.class)).isTrue();
    }
}
