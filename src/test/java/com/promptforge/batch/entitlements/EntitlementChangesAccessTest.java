package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 012's access rules on entitlement_changes and entitlement_sync_skips: members read their org's rows and nothing
 * else, anon reads nothing, and neither anon nor authenticated writes; service_role does everything.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementChangesAccessTest {

    private static final String[] TABLES = {"entitlement_changes", "entitlement_sync_skips"};

    private TestDatabase db;
    private UUID member;
    private UUID ownOrg;
    private UUID otherOrg;

    @BeforeAll
    void recordForTwoOrgs(TestDatabase db) {
        this.db = db;
        Billing billing = new Billing(db);
        ownOrg = billing.org();
        otherOrg = billing.org();
        member = UUID.randomUUID();
        db.jdbc().update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'member')", ownOrg, member);
        for (UUID org : new UUID[] {ownOrg, otherOrg}) {
            db.jdbc().update("""
                    insert into public.entitlement_changes (org_id, flag, source, source_ref, kind, new_value,
                                                            new_valid_from, job_instance_id, job_execution_id)
                    values (?, 'hasSSO', 'plan', 'pro', 'added', false, now(), 1, 1)
                    """, org);
            db.jdbc().update("""
                    insert into public.entitlement_sync_skips (org_id, reason, job_instance_id, job_execution_id)
                    values (?, 'unknown plan code "x"', 1, 1)
                    """, org);
        }
    }

    @Test
    void aMemberReadsTheChangesAndSkipsOfTheirOrgOnly() {
        for (String table : TABLES) {
            List<UUID> seen = db.<List<UUID>>as("authenticated", member, connection -> orgs(connection, table));
            assertThat(seen).as(table).containsExactly(ownOrg);
        }
    }

    @Test
    void anonReadsNothing() {
        for (String table : TABLES) {
            assertThat(db.<Boolean>as("anon", null, connection -> refused(connection, "select count(*) from public." + table)))
                    .as(table).isTrue();
        }
    }

    @Test
    void neitherAnonNorAMemberWrites() {
        for (String role : new String[] {"anon", "authenticated"}) {
            UUID user = role.equals("anon") ? null : member;
            assertThat(db.<Boolean>as(role, user, connection -> refused(connection,
                    "delete from public.entitlement_changes where org_id = '" + ownOrg + "'"))).as(role).isTrue();
            assertThat(db.<Boolean>as(role, user, connection -> refused(connection,
                    "update public.entitlement_sync_skips set reason = 'x' where org_id = '" + ownOrg + "'"))).as(role).isTrue();
            assertThat(db.<Boolean>as(role, user, connection -> refused(connection, """
                    insert into public.entitlement_sync_skips (org_id, reason, job_instance_id, job_execution_id)
                    values ('%s', 'forged', 1, 1)""".formatted(ownOrg)))).as(role).isTrue();
        }
    }

    @Test
    void serviceRoleReadsAndWritesEverything() {
        assertThat(db.<List<UUID>>as("service_role", null, connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("""
                        insert into public.entitlement_sync_skips (org_id, reason, job_instance_id, job_execution_id)
                        values ('%s', 'by service_role', 2, 2)""".formatted(otherOrg));
            }
            return orgs(connection, "entitlement_sync_skips");
        })).contains(ownOrg, otherOrg);
    }

    private static List<UUID> orgs(Connection connection, String table) throws SQLException {
        List<UUID> orgs = new ArrayList<>();
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select distinct org_id from public." + table)) {
            while (rows.next()) {
                orgs.add(rows.getObject(1, UUID.class));
            }
        }
        return orgs;
    }

    /** Whether the statement fails for lack of privilege (in a savepoint, so the transaction goes on). */
    private static boolean refused(Connection connection, String sql) throws SQLException {
        var savepoint = connection.setSavepoint();
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
            return false;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return "42501".equals(e.getSQLState());
        }
    }
}
