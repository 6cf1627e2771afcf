package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.A;
import static com.promptforge.batch.db.rls.RlsFixture.B;
import static com.promptforge.batch.db.rls.RlsFixture.attempt;
import static com.promptforge.batch.db.rls.RlsFixture.count;
import static com.promptforge.batch.db.rls.RlsFixture.execute;
import static com.promptforge.batch.db.rls.RlsFixture.queryString;
import static com.promptforge.batch.db.rls.RlsFixture.snapshot;
import static com.promptforge.batch.db.rls.RlsFixture.superCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.rls.RlsFixture.Org;
import com.promptforge.batch.db.rls.RlsFixture.Outcome;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules of 019's audit_export_requests, one by one, acted out as Supabase's roles with JWT claims: owners and
 * admins file, read and cancel their organization's requests; a plain member, another organization's member and
 * anon can do none of it; nobody but the batch service changes status, results or links. Each organization of
 * {@link RlsFixture} starts with one queued request filed by its owner.
 */
@PromptForgeDatabase
class AuditExportRequestRulesTest {

    private static TestDatabase db;

    @BeforeAll
    static void seed(TestDatabase database) {
        db = database;
        RlsFixture.seed(database);
    }

    private static String request(Org org, String from, String to) {
        return "insert into public.audit_export_requests (org_id, period_from, period_to) values ('" + org.id() + "', '"
                + from + "', '" + to + "')";
    }

    private static String requestsOf(Org org) {
        return "public.audit_export_requests where org_id = '" + org.id() + "'";
    }

    @Test
    @DisplayName("an owner files a request as themselves, queued, and reads it back (insert ... returning)")
    void ownerFilesAndReadsARequest() {
        db.as("authenticated", A.owner(), c -> {
            String filed = queryString(c, request(A, "2026-11-01", "2026-11-30")
                    + " returning requested_by || ' ' || status || ' ' || (report_key is null)");
            assertThat(filed).isEqualTo(A.owner() + " queued true");
            assertThat(count(c, requestsOf(A)).rows()).as("the seeded request and the new one").isEqualTo(2);
            return null;
        });
    }

    @Test
    @DisplayName("an admin files and reads their org's requests")
    void adminFilesAndReadsRequests() {
        db.as("authenticated", A.admin(), c -> {
            Outcome outcome = attempt(c, request(A, "2026-11-01", "2026-11-30"));
            assertThat(outcome.rows()).as(outcome.toString()).isEqualTo(1);
            assertThat(count(c, requestsOf(A) + " and requested_by = '" + A.admin() + "'").rows()).isEqualTo(1);
            assertThat(count(c, "public.audit_export_requests").rows()).as("all of A's, none of B's").isEqualTo(2);
            return null;
        });
    }

    @Test
    @DisplayName("an owner cancels a queued request: the status changes, finished_at is stamped, nothing else")
    void ownerCancelsAQueuedRequest() {
        db.as("authenticated", A.owner(), c -> {
            String where = "id = '" + A.exportRequest() + "'";
            Outcome outcome = attempt(c, "update public.audit_export_requests set status = 'canceled' where " + where);
            assertThat(outcome.rows()).as(outcome.toString()).isEqualTo(1);
            assertThat(queryString(c, "select status || ' ' || (finished_at is not null) || ' ' || period_from "
                    + "from public.audit_export_requests where " + where)).isEqualTo("canceled true 2026-10-01");
            Outcome again = attempt(c, "update public.audit_export_requests set status = 'queued' where " + where);
            assertThat(again.failed() || again.rows() == 0).as("re-queued a canceled request: " + again).isTrue();
            return null;
        });
    }

    @Test
    @DisplayName("a plain member neither reads, files nor cancels requests")
    void plainMemberCanDoNothing() {
        db.as("authenticated", A.member(), c -> {
            assertThat(count(c, requestsOf(A)).rows()).isZero();
            Outcome insert = attempt(c, request(A, "2026-11-01", "2026-11-30"));
            assertThat(insert.sqlState()).as(insert.toString()).isEqualTo("42501");
            String before = snapshot(c, "audit_export_requests", "id = '" + A.exportRequest() + "'");
            Outcome cancel = attempt(c, "update public.audit_export_requests set status = 'canceled' where id = '"
                    + A.exportRequest() + "'");
            assertThat(cancel.rows()).as(cancel.toString()).isZero();
            assertThat(snapshot(c, "audit_export_requests", "id = '" + A.exportRequest() + "'")).isEqualTo(before);
            return null;
        });
    }

    @Test
    @DisplayName("another org's owner neither reads, files nor cancels this org's requests")
    void otherOrgCanDoNothing() {
        db.as("authenticated", B.owner(), c -> {
            assertThat(count(c, requestsOf(A)).rows()).isZero();
            Outcome insert = attempt(c, request(A, "2026-11-01", "2026-11-30"));
            assertThat(insert.sqlState()).as(insert.toString()).isEqualTo("42501");
            Outcome cancel = attempt(c, "update public.audit_export_requests set status = 'canceled' where id = '"
                    + A.exportRequest() + "'");
            assertThat(cancel.rows()).as(cancel.toString()).isZero();
            assertThat(superCount(c, requestsOf(A) + " and status = 'queued'")).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("anon holds no privilege on the requests")
    void anonCanDoNothing() {
        db.as("anon", null, c -> {
            assertThat(count(c, "public.audit_export_requests").sqlState()).isEqualTo("42501");
            Outcome insert = attempt(c, request(A, "2026-11-01", "2026-11-30"));
            assertThat(insert.sqlState()).as(insert.toString()).isEqualTo("42501");
            assertThat(superCount(c, requestsOf(A))).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("a request filed in someone else's name (forged requested_by) is refused")
    void forgedRequesterIsRefused() {
        db.as("authenticated", A.owner(), c -> {
            Outcome outcome = attempt(c, "insert into public.audit_export_requests (org_id, requested_by, period_from, "
                    + "period_to) values ('" + A.id() + "', '" + A.admin() + "', '2026-11-01', '2026-11-30')");
            assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("42501");
            assertThat(superCount(c, requestsOf(A))).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("a tenant changes no status but queued -> canceled, and no result or link")
    void tenantChangesNoStatusResultOrLink() {
        db.as("authenticated", A.owner(), c -> {
            String where = " where id = '" + A.exportRequest() + "'";
            String before = snapshot(c, "audit_export_requests", "id = '" + A.exportRequest() + "'");
            for (String set : new String[] {"status = 'running'", "status = 'succeeded'", "status = 'failed'"}) {
                Outcome outcome = attempt(c, "update public.audit_export_requests set " + set + where);
                assertThat(outcome.sqlState()).as(set + ": " + outcome).isEqualTo("42501");
            }
            for (String set : new String[] {"report_key = 'audit/forged.xlsx'", "download_url = 'https://evil.example'",
                    "sha256 = repeat('0', 64)", "error = null", "period_to = '2026-12-31'"}) {
                Outcome outcome = attempt(c, "update public.audit_export_requests set " + set + where);
                assertThat(outcome.sqlState()).as(set + ": " + outcome).isEqualTo("42501");
            }
            Outcome insertSucceeded = attempt(c, "insert into public.audit_export_requests (org_id, period_from, "
                    + "period_to, status) values ('" + A.id() + "', '2026-11-01', '2026-11-30', 'succeeded')");
            assertThat(insertSucceeded.sqlState()).as(insertSucceeded.toString()).isEqualTo("42501");
            Outcome delete = attempt(c, "delete from public.audit_export_requests" + where);
            assertThat(delete.sqlState()).as(delete.toString()).isEqualTo("42501");
            assertThat(snapshot(c, "audit_export_requests", "id = '" + A.exportRequest() + "'")).isEqualTo(before);
            return null;
        });
    }

    @Test
    @DisplayName("a running request cannot be canceled by a tenant; the batch service changes it")
    void onlyTheBatchServiceMovesARequestOn() {
        db.as("service_role", null, c -> {
            Outcome running = attempt(c, "update public.audit_export_requests set status = 'running', started_at = now() "
                    + "where id = '" + A.exportRequest() + "'");
            assertThat(running.rows()).as(running.toString()).isEqualTo(1);
            execute(c, "set local role authenticated");
            execute(c, "select set_config('request.jwt.claims', '{\"sub\":\"" + A.owner()
                    + "\",\"role\":\"authenticated\"}', true)");
            Outcome cancel = attempt(c, "update public.audit_export_requests set status = 'canceled' where id = '"
                    + A.exportRequest() + "'");
            assertThat(cancel.rows()).as(cancel.toString()).isZero();
            assertThat(superCount(c, requestsOf(A) + " and status = 'running'")).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("a fourth queued or running request of an org is refused")
    void aFourthOpenRequestIsRefused() {
        db.as("authenticated", A.owner(), c -> {
            assertThat(attempt(c, request(A, "2026-07-01", "2026-07-31")).rows()).isEqualTo(1);
            assertThat(attempt(c, request(A, "2026-08-01", "2026-08-31")).rows()).isEqualTo(1);
            Outcome fourth = attempt(c, request(A, "2026-09-01", "2026-09-30"));
            assertThat(fourth.sqlState()).as(fourth.toString()).isEqualTo("23514");
            assertThat(fourth.message()).contains("at most 3");
            assertThat(superCount(c, requestsOf(A))).isEqualTo(3);
            // a finished one frees its place
            execute(c, "update public.audit_export_requests set status = 'canceled' where id = '" + A.exportRequest()
                    + "'");
            assertThat(attempt(c, request(A, "2026-09-01", "2026-09-30")).rows()).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("a 400-day period is refused; 366 days are accepted")
    void aPeriodLongerThan366DaysIsRefused() {
        db.as("authenticated", A.owner(), c -> {
            Outcome tooLong = attempt(c, request(A, "2025-01-01", "2026-02-04"));
            assertThat(tooLong.sqlState()).as(tooLong.toString()).isEqualTo("23514");
            assertThat(tooLong.message()).contains("audit_export_requests_period_chk");
            Outcome leapYear = attempt(c, request(A, "2024-01-01", "2024-12-31"));
            assertThat(leapYear.rows()).as("366 days: " + leapYear).isEqualTo(1);
            Outcome reversed = attempt(c, request(A, "2026-02-01", "2026-01-01"));
            assertThat(reversed.sqlState()).as("to before from: " + reversed).isEqualTo("23514");
            return null;
        });
    }

    @Test
    @DisplayName("two owners filing at the same time cannot both be the third open request (per-org lock)")
    void concurrentInsertsCannotPassTheLimitTogether() throws Exception {
        try (Connection first = authenticated(B.owner()); Connection second = authenticated(B.coOwner())) {
            execute(first, request(B, "2026-07-01", "2026-07-31"));
            execute(first, request(B, "2026-08-01", "2026-08-31")); // B: 3 open, 2 of them not committed yet
            CompletableFuture<Outcome> racing = CompletableFuture.supplyAsync(() -> {
                try {
                    return attempt(second, request(B, "2026-09-01", "2026-09-30"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(racing).as("the second insert waits for the first transaction").isNotDone();
            first.commit();
            Outcome outcome = racing.get(30, TimeUnit.SECONDS);
            assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("23514");
            second.rollback();
        } finally {
            db.jdbc().update("delete from public.audit_export_requests where org_id = ? and id <> ?", B.id(),
                    B.exportRequest());
        }
    }

    private static Connection authenticated(UUID user) throws SQLException {
        Connection connection = db.dataSource().getConnection();
        connection.setAutoCommit(false);
        execute(connection, "set local role authenticated");
        execute(connection, "select set_config('request.jwt.claims', '{\"sub\":\"" + user
                + "\",\"role\":\"authenticated\"}', true)");
        return connection;
    }
}
