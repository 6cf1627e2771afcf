package com.promptforge.batch.db;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Where the database keeps users' e-mails, so that a report can show them beside user ids from the same query (a
 * join): {@code auth.users.email} on Supabase. The plain-PostgreSQL stand-in for the auth schema (sql/001) has no
 * users table, so there the e-mail columns stay empty. Detected once per run.
 */
public record UserEmails(boolean available) {

    private static final String DETECT = """
            -- auth.users with an email column that this role may read (on Supabase the postgres role may)
            select coalesce(bool_or(has_table_privilege(a.attrelid, 'select')), false)
              from pg_catalog.pg_attribute a
             where a.attrelid = to_regclass('auth.users')
               and a.attname = 'email'
               and not a.attisdropped
            """;

    public static UserEmails detect(JdbcOperations jdbc) {
        return new UserEmails(Boolean.TRUE.equals(jdbc.queryForObject(DETECT, Boolean.class)));
    }

    /**
     * An empty relation with the columns of auth.users that statements read (id, email): what stands in for
     * auth.users where the database has none, so that the statement's user join finds no one.
     */
    static final String NO_USERS = "(select null::uuid as id, null::text as email where false)";

    /**
     * The statement (written for Supabase, joining {@code auth.users}) as this database can run it: without
     * auth.users, its joins to it find no user and its e-mails are null.
     */
    public String inStatement(String sql) {
        return available ? sql : sql.replace("auth.users", NO_USERS);
    }

    /** {@code left join auth.users <alias> on <alias>.id = <userId>}, or nothing where there is no auth.users. */
    public String join(String alias, String userId) {
        return available ? "left join auth.users " + alias + " on " + alias + ".id = " + userId : "";
    }

    /** The e-mail of the joined user as text, or a typed null where there is no auth.users. */
    public String email(String alias) {
        return available ? alias + ".email::text" : "null::text";
    }
}
