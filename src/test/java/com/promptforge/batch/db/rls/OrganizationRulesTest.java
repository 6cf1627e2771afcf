package com.promptforge.batch.db.rls;

import static com.promptforge.batch.db.rls.RlsFixture.A;
import static com.promptforge.batch.db.rls.RlsFixture.B;
import static com.promptforge.batch.db.rls.RlsFixture.NEWCOMER;
import static com.promptforge.batch.db.rls.RlsFixture.attempt;
import static com.promptforge.batch.db.rls.RlsFixture.count;
import static com.promptforge.batch.db.rls.RlsFixture.snapshot;
import static com.promptforge.batch.db.rls.RlsFixture.superCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.rls.RlsFixture.Outcome;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The organization rules of 002 spelled out one by one (the matrix covers them per cell; these
 * name the rules): creating an organization makes you its owner; only owners create, promote to,
 * demote or remove owners, admins manage the other members; only an owner deletes the organization.
 * Organization A has two owners (owner and coOwner), so demoting or removing one owner is not
 * refused by the last-owner protection, only by the rules under test.
 */
@PromptForgeDatabase
class OrganizationRulesTest {

    private static TestDatabase db;

    @BeforeAll
    static void seed(TestDatabase database) {
        db = database;
        RlsFixture.seed(database);
    }

    // ------------------------------------------------------------------------------------------
    // creating an organization
    // ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("organizations: a signed-in user who creates an organization becomes its owner (insert ... returning works)")
    void creatorBecomesOwner() {
        db.as("authenticated", NEWCOMER, c -> {
            UUID id;
            UUID createdBy;
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "insert into public.organizations (name, slug) values ('Newcomer Ltd', 'newcomer-ltd') "
                                 + "returning id, created_by")) {
                assertThat(rs.next()).as("insert ... returning gives the new row back to its creator").isTrue();
                id = rs.getObject("id", UUID.class);
                createdBy = rs.getObject("created_by", UUID.class);
                assertThat(rs.next()).isFalse();
            }
            assertThat(createdBy).as("created_by defaults to auth.uid()").isEqualTo(NEWCOMER);
            assertThat(RlsFixture.queryString(c, "select role from public.org_members where org_id = '" + id
                    + "' and user_id = '" + NEWCOMER + "'"))
                    .as("the creator reads their own membership: owner").isEqualTo("owner");
            assertThat(count(c, "public.organizations where id = '" + id + "'").rows())
                    .as("the creator sees the organization as a member").isEqualTo(1);
            assertThat(superCount(c, "public.org_members where org_id = '" + id + "'"))
                    .as("exactly one member (the owner), read as superuser").isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("organizations: nobody creates an organization in someone else's name, and anon creates none")
    void noOrganizationInSomeoneElsesName() {
        db.as("authenticated", NEWCOMER, c -> {
            Outcome outcome = attempt(c, "insert into public.organizations (name, slug, created_by) "
                    + "values ('Forged', 'forged-org', '" + A.owner() + "')");
            assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("42501");
            assertThat(superCount(c, "public.organizations where slug = 'forged-org'")).isZero();
            return null;
        });
        db.as("anon", null, c -> {
            Outcome outcome = attempt(c, "insert into public.organizations (name, slug) values ('Anon', 'anon-org')");
            assertThat(outcome.sqlState()).as(outcome.toString()).isEqualTo("42501");
            assertThat(superCount(c, "public.organizations where slug = 'anon-org'")).isZero();
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // owners are managed by owners only
    // ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("org_members: admin cannot insert an owner, owner can")
    void onlyOwnersInsertOwners() {
        String insert = "insert into public.org_members (org_id, user_id, role) values ('" + A.id() + "', '" + NEWCOMER
                + "', 'owner')";
        String newOwner = "public.org_members where org_id = '" + A.id() + "' and user_id = '" + NEWCOMER + "'";
        db.as("authenticated", A.admin(), c -> {
            Outcome outcome = attempt(c, insert);
            assertThat(outcome.sqlState()).as("admin inserting an owner: " + outcome).isEqualTo("42501");
            assertThat(superCount(c, newOwner)).isZero();
            return null;
        });
        db.as("authenticated", A.member(), c -> {
            Outcome outcome = attempt(c, insert);
            assertThat(outcome.sqlState()).as("member inserting an owner: " + outcome).isEqualTo("42501");
            assertThat(superCount(c, newOwner)).isZero();
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            Outcome outcome = attempt(c, insert);
            assertThat(outcome.failed()).as("owner inserting an owner: " + outcome).isFalse();
            assertThat(outcome.rows()).isEqualTo(1);
            assertThat(superCount(c, newOwner + " and role = 'owner'")).isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("org_members: admin cannot promote a member (or themselves) to owner, owner can")
    void onlyOwnersPromoteToOwner() {
        String promoteMember = "update public.org_members set role = 'owner' where org_id = '" + A.id()
                + "' and user_id = '" + A.member() + "'";
        String promoteSelf = "update public.org_members set role = 'owner' where org_id = '" + A.id()
                + "' and user_id = '" + A.admin() + "'";
        db.as("authenticated", A.admin(), c -> {
            assertRefusedAndUnchanged(c, promoteMember, "org_members", memberRow(A.member()));
            assertRefusedAndUnchanged(c, promoteSelf, "org_members", memberRow(A.admin()));
            return null;
        });
        db.as("authenticated", A.member(), c -> {
            assertRefusedAndUnchanged(c, "update public.org_members set role = 'owner' where org_id = '" + A.id()
                    + "' and user_id = '" + A.member() + "'", "org_members", memberRow(A.member()));
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            assertOneRow(c, promoteMember);
            assertThat(superCount(c, "public.org_members where " + memberRow(A.member()) + " and role = 'owner'"))
                    .isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("org_members: admin cannot demote an owner, owner can")
    void onlyOwnersDemoteOwners() {
        String demote = "update public.org_members set role = 'admin' where org_id = '" + A.id()
                + "' and user_id = '" + A.coOwner() + "'";
        db.as("authenticated", A.admin(), c -> {
            assertRefusedAndUnchanged(c, demote, "org_members", memberRow(A.coOwner()));
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            assertOneRow(c, demote);
            assertThat(superCount(c, "public.org_members where " + memberRow(A.coOwner()) + " and role = 'admin'"))
                    .isEqualTo(1);
            return null;
        });
    }

    @Test
    @DisplayName("org_members: admin cannot remove an owner, owner can")
    void onlyOwnersRemoveOwners() {
        String remove = "delete from public.org_members where org_id = '" + A.id() + "' and user_id = '"
                + A.coOwner() + "'";
        db.as("authenticated", A.admin(), c -> {
            assertRefusedAndUnchanged(c, remove, "org_members", memberRow(A.coOwner()));
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            assertOneRow(c, remove);
            assertThat(superCount(c, "public.org_members where " + memberRow(A.coOwner()))).isZero();
            return null;
        });
    }

    @Test
    @DisplayName("org_members: admin manages the other members (add, promote to admin, remove)")
    void adminManagesNonOwners() {
        db.as("authenticated", A.admin(), c -> {
            assertOneRow(c, "insert into public.org_members (org_id, user_id, role) values ('" + A.id() + "', '"
                    + NEWCOMER + "', 'member')");
            assertThat(superCount(c, "public.org_members where " + memberRow(NEWCOMER) + " and role = 'member'"))
                    .isEqualTo(1);
            assertOneRow(c, "update public.org_members set role = 'admin' where " + memberRow(NEWCOMER));
            assertThat(superCount(c, "public.org_members where " + memberRow(NEWCOMER) + " and role = 'admin'"))
                    .isEqualTo(1);
            assertOneRow(c, "delete from public.org_members where " + memberRow(NEWCOMER));
            assertThat(superCount(c, "public.org_members where " + memberRow(NEWCOMER))).isZero();
            return null;
        });
    }

    @Test
    @DisplayName("org_members: a member manages nobody, not even their own role")
    void memberManagesNobody() {
        db.as("authenticated", A.member(), c -> {
            Outcome insert = attempt(c, "insert into public.org_members (org_id, user_id, role) values ('" + A.id()
                    + "', '" + NEWCOMER + "', 'member')");
            assertThat(insert.sqlState()).as(insert.toString()).isEqualTo("42501");
            assertThat(superCount(c, "public.org_members where " + memberRow(NEWCOMER))).isZero();
            assertRefusedAndUnchanged(c, "update public.org_members set role = 'admin' where " + memberRow(A.member()),
                    "org_members", memberRow(A.member()));
            assertRefusedAndUnchanged(c, "delete from public.org_members where " + memberRow(A.admin()),
                    "org_members", memberRow(A.admin()));
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // only an owner deletes the organization
    // ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("organizations: member, admin and outsider cannot delete the organization, its owner can")
    void onlyAnOwnerDeletesTheOrganization() {
        String delete = "delete from public.organizations where id = '" + A.id() + "'";
        for (UUID user : new UUID[] {A.member(), A.admin(), B.owner()}) {
            db.as("authenticated", user, c -> {
                assertRefusedAndUnchanged(c, delete, "organizations", "id = '" + A.id() + "'");
                assertThat(superCount(c, "public.runs where org_id = '" + A.id() + "'")).isEqualTo(2);
                return null;
            });
        }
        db.as("authenticated", A.owner(), c -> {
            assertOneRow(c, delete);
            assertThat(superCount(c, "public.organizations where id = '" + A.id() + "'")).isZero();
            for (String table : new String[] {"org_members", "subscriptions", "entitlements", "runs", "prompt_history",
                    "bundles"}) {
                assertThat(superCount(c, "public." + table + " where org_id = '" + A.id() + "'"))
                        .as(table + " rows of the deleted organization (cascade)").isZero();
            }
            assertThat(superCount(c, "public.organizations where id = '" + B.id() + "'"))
                    .as("the other organization is untouched").isEqualTo(1);
            return null;
        });
        db.as("authenticated", A.owner(), c -> {
            assertRefusedAndUnchanged(c, "delete from public.organizations where id = '" + B.id() + "'",
                    "organizations", "id = '" + B.id() + "'");
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------

    private static String memberRow(UUID user) {
        return "org_id = '" + A.id() + "' and user_id = '" + user + "'";
    }

    private static void assertOneRow(Connection c, String sql) throws SQLException {
        Outcome outcome = attempt(c, sql);
        assertThat(outcome.failed()).as(sql + " -> " + outcome).isFalse();
        assertThat(outcome.rows()).as(sql + " -> " + outcome).isEqualTo(1);
    }

    /** Refused: 42501 or no row touched, and the row, read back as superuser, is as it was. */
    static void assertRefusedAndUnchanged(Connection c, String sql, String table, String row) throws SQLException {
        String before = snapshot(c, table, row);
        assertThat(before).as("the row must exist: " + row).isNotEqualTo("[]");
        Outcome outcome = attempt(c, sql);
        if (outcome.failed()) {
            assertThat(outcome.sqlState()).as(sql + " -> " + outcome).isEqualTo("42501");
        } else {
            assertThat(outcome.rows()).as(sql + " -> " + outcome).isZero();
        }
        assertThat(snapshot(c, table, row)).as("unchanged after " + sql).isEqualTo(before);
    }
}
