package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Item 2 of the database issue (002_orgs_members.sql): organizations and their members, the creator
 * becoming owner, last-owner protection and the owner-only rules for owner rows.
 */
@PromptForgeDatabase
class OrganizationsTest {

    private final TestDatabase db;
    private final JdbcTemplate jdbc;

    OrganizationsTest(TestDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    // ----------------------------------------------------------------------------------------- creator = owner

    @Test
    void theCreatorOfAnOrganizationBecomesItsOwner() {
        UUID org = org(1);
        jdbc.update("insert into public.organizations (id, name, slug, created_by) values (?, 'Acme', 'acme', ?)",
                org, user(1));

        assertThat(jdbc.queryForList("select user_id::text || ':' || role from public.org_members where org_id = ?",
                String.class, org)).containsExactly(user(1) + ":owner");
    }

    @Test
    void aSignedInUserCreatingAnOrganizationBecomesItsOwner() {
        UUID org = org(2);

        List<String> members = db.as("authenticated", user(2), connection -> {
            JdbcTemplate asUser = jdbc(connection);
            asUser.update("insert into public.organizations (id, name, slug) values (?, 'Self made', 'self-made')", org);
            return asUser.queryForList("select user_id::text || ':' || role from public.org_members where org_id = ?",
                    String.class, org);
        });

        assertThat(members).containsExactly(user(2) + ":owner");
    }

    // ----------------------------------------------------------------------------------------- last owner

    @Test
    void removingTheLastOwnerFailsSayingLastOwner() {
        UUID org = orgWithOwner(3, user(3));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'admin')", org, user(4));

        assertThatThrownBy(() -> jdbc.update("delete from public.org_members where org_id = ? and user_id = ?",
                org, user(3))).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("last owner");
        assertThat(roleOf(org, user(3))).isEqualTo("owner");
    }

    @Test
    void demotingTheLastOwnerFailsSayingLastOwner() {
        UUID org = orgWithOwner(4, user(5));

        assertThatThrownBy(() -> jdbc.update("update public.org_members set role = 'admin' where org_id = ? and user_id = ?",
                org, user(5))).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("last owner");
        assertThat(roleOf(org, user(5))).isEqualTo("owner");
    }

    @Test
    void removingEveryOwnerInOneStatementFailsSayingLastOwner() {
        UUID org = orgWithOwner(5, user(6));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner'), (?, ?, 'member')",
                org, user(7), org, user(8));

        assertThatThrownBy(() -> jdbc.update("delete from public.org_members where org_id = ? and role = 'owner'", org))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("last owner");
        assertThat(ownerCount(org)).isEqualTo(2);
    }

    @Test
    void anOwnerMayLeaveWhileAnotherOwnerRemains() {
        UUID org = orgWithOwner(6, user(9));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')", org, user(10));

        int deleted = jdbc.update("delete from public.org_members where org_id = ? and user_id = ?", org, user(9));

        assertThat(deleted).isEqualTo(1);
        assertThat(ownerCount(org)).isEqualTo(1);
    }

    @Test
    void anOwnerMayBeDemotedWhileAnotherOwnerRemains() {
        UUID org = orgWithOwner(7, user(11));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')", org, user(12));

        jdbc.update("update public.org_members set role = 'member' where org_id = ? and user_id = ?", org, user(11));

        assertThat(roleOf(org, user(11))).isEqualTo("member");
    }

    @Test
    void deletingTheWholeOrganizationRemovesItAndAllItsMembers() {
        UUID org = orgWithOwner(8, user(13));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'member')", org, user(14));

        int deleted = jdbc.update("delete from public.organizations where id = ?", org);

        assertThat(deleted).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from public.org_members where org_id = ?", Integer.class, org))
                .isZero();
    }

    @Test
    void anOwnerMayDeleteTheirOrganization() {
        UUID org = orgWithOwner(9, user(15));

        int deleted = db.as("authenticated", user(15), connection -> {
            int rows = jdbc(connection).update("delete from public.organizations where id = ?", org);
            // still inside the rolled-back transaction: the members went with the organization
            assertThat(jdbc(connection).queryForObject(
                    "select count(*) from public.org_members where org_id = ?", Integer.class, org)).isZero();
            return rows;
        });

        assertThat(deleted).isEqualTo(1);
    }

    // ----------------------------------------------------------------------------------------- columns

    @Test
    void slugIsUnique() {
        orgWithOwner(10, user(16));

        assertThatThrownBy(() -> jdbc.update(
                "insert into public.organizations (id, name, slug) values (?, 'Copy', ?)", org(11), slug(10)))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23505"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "-leading-hyphen", "x", "under_score", "with space"})
    void slugMustBeLowerCaseLettersDigitsAndHyphens(String slug) {
        assertThatThrownBy(() -> jdbc.update(
                "insert into public.organizations (id, name, slug) values (?, 'Bad slug', ?)", org(12), slug))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void memberRoleIsOwnerAdminOrMember() {
        UUID org = orgWithOwner(13, user(17));

        assertThatThrownBy(() -> jdbc.update(
                "insert into public.org_members (org_id, user_id, role) values (?, ?, 'viewer')", org, user(18)))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23514"));
    }

    @Test
    void aUserIsAMemberOfAnOrganizationAtMostOnce() {
        UUID org = orgWithOwner(14, user(19));

        assertThatThrownBy(() -> jdbc.update(
                "insert into public.org_members (org_id, user_id, role) values (?, ?, 'member')", org, user(19)))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("23505"));
    }

    // ----------------------------------------------------------------------------------------- admins and owner rows

    @Test
    void anAdminAddsAMember() {
        UUID org = orgWithOwnerAndAdmin(20);

        String role = db.as("authenticated", admin(20), connection -> {
            jdbc(connection).update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'member')",
                    org, user(21));
            return jdbc(connection).queryForObject(
                    "select role from public.org_members where org_id = ? and user_id = ?", String.class, org, user(21));
        });

        assertThat(role).isEqualTo("member");
    }

    @Test
    void anAdminCannotAddAnOwner() {
        UUID org = orgWithOwnerAndAdmin(22);

        assertThatThrownBy(() -> db.as("authenticated", admin(22), connection -> jdbc(connection).update(
                "insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')", org, user(23))))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("42501"));
    }

    @Test
    void anAdminCannotPromoteAMemberToOwner() {
        UUID org = orgWithOwnerAndAdmin(24);
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'member')", org, user(25));

        assertThatThrownBy(() -> db.as("authenticated", admin(24), connection -> jdbc(connection).update(
                "update public.org_members set role = 'owner' where org_id = ? and user_id = ?", org, user(25))))
                .isInstanceOfSatisfying(DataAccessException.class, e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThat(roleOf(org, user(25))).isEqualTo("member");
    }

    @Test
    void anAdminCannotDemoteAnOwner() {
        UUID org = orgWithOwnerAndAdmin(26);
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')", org, user(27));

        String roleAfter = db.as("authenticated", admin(26), connection -> {
            int updated = jdbc(connection).update(
                    "update public.org_members set role = 'member' where org_id = ? and user_id = ?", org, user(27));
            assertThat(updated).as("rows the admin demoted").isZero();
            return jdbc(connection).queryForObject(
                    "select role from public.org_members where org_id = ? and user_id = ?", String.class, org, user(27));
        });

        assertThat(roleAfter).isEqualTo("owner");
    }

    @Test
    void anAdminCannotRemoveAnOwner() {
        UUID org = orgWithOwnerAndAdmin(28);
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')", org, user(29));

        Integer ownersAfter = db.as("authenticated", admin(28), connection -> {
            int deleted = jdbc(connection).update(
                    "delete from public.org_members where org_id = ? and user_id = ?", org, user(29));
            assertThat(deleted).as("rows the admin removed").isZero();
            return jdbc(connection).queryForObject(
                    "select count(*) from public.org_members where org_id = ? and role = 'owner'", Integer.class, org);
        });

        assertThat(ownersAfter).isEqualTo(2);
    }

    @Test
    void anOwnerAddsAnotherOwner() {
        UUID org = orgWithOwnerAndAdmin(30);

        Integer owners = db.as("authenticated", user(30), connection -> {
            jdbc(connection).update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'owner')",
                    org, user(31));
            return jdbc(connection).queryForObject(
                    "select count(*) from public.org_members where org_id = ? and role = 'owner'", Integer.class, org);
        });

        assertThat(owners).isEqualTo(2);
    }

    // ----------------------------------------------------------------------------------------- helpers

    private UUID orgWithOwner(int n, UUID owner) {
        UUID org = org(n);
        jdbc.update("insert into public.organizations (id, name, slug, created_by) values (?, ?, ?, ?)",
                org, "Org " + n, slug(n), owner);
        return org;
    }

    /** Organization n with owner user(n) and admin admin(n). */
    private UUID orgWithOwnerAndAdmin(int n) {
        UUID org = orgWithOwner(n, user(n));
        jdbc.update("insert into public.org_members (org_id, user_id, role) values (?, ?, 'admin')", org, admin(n));
        return org;
    }

    private String roleOf(UUID org, UUID user) {
        return jdbc.queryForObject("select role from public.org_members where org_id = ? and user_id = ?",
                String.class, org, user);
    }

    private int ownerCount(UUID org) {
        return jdbc.queryForObject("select count(*) from public.org_members where org_id = ? and role = 'owner'",
                Integer.class, org);
    }

    private static String slug(int n) {
        return "org-test-" + n;
    }

    private static UUID org(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-0002%08d", n));
    }

    private static UUID user(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-0003%08d", n));
    }

    private static UUID admin(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-0004%08d", n));
    }

    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }
}
