package com.promptforge.batch.validation;

import com.promptforge.batch.db.UserEmails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * A table with JSON columns that have a shape, as {@code public.pf_json_shapes()} (sql/013_json_shapes.sql) lists
 * it: the one list the constraints, the migrations and the QA suite use too, so that this job checks exactly what
 * the constraints check, with the same SQL functions.
 */
record ShapedTable(String name, String keyColumn, List<ShapedColumn> columns, String orgColumn, String userColumn,
                   UserEmails emails) {

    /** Lower-case SQL identifiers only: they are put into SQL text. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** One shaped column: its name, its constraint and the SQL expression that gives its problem (null when valid). */
    record ShapedColumn(String name, String constraint, String problemSql) {
    }

    /**
     * The shaped tables in the order of {@code pf_json_shapes()}, each with its columns, and the columns that say
     * which organization ({@code org_id}) and which user ({@code user_id}, else {@code created_by}) a row belongs
     * to, where it has them.
     */
    static List<ShapedTable> load(JdbcOperations jdbc) {
        Map<String, String> orgColumns = new HashMap<>();
        Map<String, String> userColumns = new HashMap<>();
        jdbc.query("""
                select c.table_name, c.column_name
                  from information_schema.columns c
                 where c.table_schema = 'public'
                   and c.data_type = 'uuid'
                   and c.column_name in ('org_id', 'user_id', 'created_by')
                 order by c.table_name, c.column_name = 'created_by'""",
                row -> {
                    String column = row.getString(2);
                    if (column.equals("org_id")) {
                        orgColumns.put(row.getString(1), column);
                    } else {
                        userColumns.putIfAbsent(row.getString(1), column);
                    }
                });
        UserEmails emails = UserEmails.detect(jdbc);
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        jdbc.query("""
                select s.table_name, s.key_column, s.column_name, s.constraint_name, s.problem
                  from public.pf_json_shapes() with ordinality as s(table_name, key_column, column_name,
                                                                    constraint_name, problem, n)
                 order by s.n""",
                row -> {
                    rows.computeIfAbsent(row.getString(1), table -> new ArrayList<>()).add(new String[] {
                            row.getString(2), row.getString(3), row.getString(4), row.getString(5)});
                });
        List<ShapedTable> tables = new ArrayList<>();
        rows.forEach((table, columns) -> {
            String keyColumn = columns.get(0)[0];
            if (columns.stream().anyMatch(column -> !column[0].equals(keyColumn))) {
                throw new IllegalStateException("pf_json_shapes() names two key columns for table " + table);
            }
            tables.add(new ShapedTable(identifier(table), identifier(keyColumn), columns.stream()
                    .map(column -> new ShapedColumn(identifier(column[1]), column[2], column[3]))
                    .toList(), orgColumns.get(table), userColumns.get(table), emails));
        });
        return tables;
    }

    /**
     * The select list of the reader's query: the key, the row's org (id, slug, name) and user (id, e-mail), null
     * where the table has none, then one problem per column ({@code problem_1}, ...).
     */
    String selectClause() {
        StringBuilder select = new StringBuilder("select ").append(keyColumn)
                .append(orgColumn == null ? ", null::uuid as pf_org_id, null::text as pf_org_slug, null::text as pf_org_name"
                        : ", pf_org_id, pf_org_slug, pf_org_name")
                .append(userColumn == null ? ", null::uuid as pf_user_id, null::text as pf_user_email"
                        : ", pf_user_id, pf_user_email");
        for (int i = 0; i < columns.size(); i++) {
            select.append(", ").append(columns.get(i).problemSql()).append(" as problem_").append(i + 1);
        }
        return select.toString();
    }

    /**
     * The table, joined to the row's organization and user (names beside ids, in the same query) inside a derived
     * table, so that the paging's key column and the problems' column names stay unambiguous.
     */
    String fromClause() {
        if (orgColumn == null && userColumn == null) {
            return "from public." + name;
        }
        StringBuilder from = new StringBuilder("from (select t.*");
        if (orgColumn != null) {
            from.append(", t.").append(orgColumn).append(" as pf_org_id, o.slug as pf_org_slug, o.name as pf_org_name");
        }
        if (userColumn != null) {
            from.append(", t.").append(userColumn).append(" as pf_user_id, ").append(emails.email("u"))
                    .append(" as pf_user_email");
        }
        from.append(" from public.").append(name).append(" t");
        if (orgColumn != null) {
            from.append(" left join public.organizations o on o.id = t.").append(orgColumn);
        }
        if (userColumn != null) {
            from.append(' ').append(emails.join("u", "t." + userColumn));
        }
        return from.append(") ").append(name).toString();
    }

    /** The column names, as the summary sheet lists them. */
    String columnNames() {
        return columns.stream().map(ShapedColumn::name).collect(Collectors.joining(", "));
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("pf_json_shapes() lists '" + name + "', which is not a plain identifier");
        }
        return name;
    }
}
