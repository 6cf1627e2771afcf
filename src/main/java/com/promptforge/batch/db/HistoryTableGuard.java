package com.promptforge.batch.db;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Closes Flyway's history table to anon and authenticated at the start of every migrate, after Flyway has created
 * the table and before it takes its lock and runs the first pending migration. Flyway creates
 * {@code public.flyway_schema_history} before 001, so on Supabase it receives the project's default grants
 * (everything for anon and authenticated, reachable through the API); were it closed only after a successful
 * migrate, a first migrate that fails would leave it readable and writable there, and a forged row could make a
 * later migrate skip a migration. Nothing happens where those roles do not exist.
 *
 * <p>{@link Migrations#migrate} closes it once more after a successful migrate: on plain PostgreSQL the roles are
 * made by the migrations themselves, so before the first one there is nothing to close them out of.
 *
 * <p>Not before each migration: there Flyway's lock connection holds the table's rows (SELECT ... FOR UPDATE), and
 * enabling row level security waits for that connection forever.
 */
final class HistoryTableGuard implements Callback {

    /**
     * Idempotent, and safe when several processes start at once: it writes the catalog only when the table is still
     * open, and one transaction-scoped advisory lock serializes the check and the write (two concurrent REVOKEs of
     * one table fail with "tuple concurrently updated").
     */
    static final String CLOSE_HISTORY_TABLE = """
            do $$
            begin
              if to_regclass('public.flyway_schema_history') is not null
                 and exists (select 1 from pg_catalog.pg_roles where rolname = 'anon')
                 and exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
                perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('promptforge: close flyway_schema_history'));
                if exists (select 1
                             from (values ('public'), ('anon'), ('authenticated')) as r(rolname)
                             cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE',
                                                     'REFERENCES', 'TRIGGER']) as p(privilege)
                            where pg_catalog.has_table_privilege(r.rolname, 'public.flyway_schema_history',
                                                                 p.privilege))
                   or not (select relrowsecurity from pg_catalog.pg_class
                            where oid = 'public.flyway_schema_history'::regclass) then
                  revoke all on table public.flyway_schema_history from public, anon, authenticated;
                  alter table public.flyway_schema_history enable row level security;
                end if;
              end if;
            end
            $$""";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(CLOSE_HISTORY_TABLE);
        } catch (SQLException e) {
            throw new FlywayException("Could not close public.flyway_schema_history to anon and authenticated: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "close public.flyway_schema_history to anon and authenticated";
    }
}
