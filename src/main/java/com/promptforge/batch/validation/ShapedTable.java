package com.promptforge.batch.validation;

import java.util.ArrayList;
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
record ShapedTable(String name, String keyColumn, List<ShapedColumn> columns) {

    /** Lower-case SQL identifiers only: they are put into SQL text. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** One shaped column: its name, its constraint and the SQL expression that gives its problem (null when valid). */
    record ShapedColumn(String name, String constraint, String problemSql) {
    }

    /** The shaped tables in the order of {@code pf_json_shapes()}, each with its columns. */
    static List<ShapedTable> load(JdbcOperations jdbc) {
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
                    .toList()));
        });
        return tables;
    }

    /** The select list of the reader's query: the key, then one problem per column ({@code problem_1}, ...). */
    String selectClause() {
        StringBuilder select = new StringBuilder("select ").append(keyColumn);
        for (int i = 0; i < columns.size(); i++) {
            select.append(", ").append(columns.get(i).problemSql()).append(" as problem_").append(i + 1);
        }
        return select.toString();
    }

    String fromClause() {
        return "from public." + name;
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
