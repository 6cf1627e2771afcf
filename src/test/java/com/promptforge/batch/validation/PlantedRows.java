package com.promptforge.batch.validation;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plants rows that lack their JSON shape into a migrated database, past the constraints: the constraint is
 * dropped, the row written (the runs trigger disabled for runs), and the constraint added back NOT VALID, as on a
 * database whose rows were there before 013. The definition comes back from pg_get_constraintdef, unchanged.
 */
final class PlantedRows {

    private PlantedRows() {
    }

    static void plant(JdbcTemplate jdbc, String table, String constraint, String sql, Object... arguments) {
        plant(jdbc, table, List.of(constraint), sql, arguments);
    }

    /**
     * As {@link #plant(JdbcTemplate, String, String, String, Object...)} for a row that breaks several shapes: a NOT
     * VALID constraint still checks every row written, so the row is written with all of them dropped.
     */
    static void plant(JdbcTemplate jdbc, String table, List<String> constraints, String sql, Object... arguments) {
        List<String> definitions = constraints.stream().map(constraint -> jdbc.queryForObject("""
                select pg_get_constraintdef(oid) from pg_constraint
                 where conname = ? and conrelid = ('public.' || ?)::regclass""", String.class, constraint, table))
                .toList();
        for (String constraint : constraints) {
            jdbc.execute("alter table public." + table + " drop constraint " + constraint);
        }
        if (table.equals("runs")) {
            jdbc.execute("alter table public.runs disable trigger runs_validate");
        }
        try {
            jdbc.update(sql, arguments);
        } finally {
            if (table.equals("runs")) {
                jdbc.execute("alter table public.runs enable trigger runs_validate");
            }
            for (int i = 0; i < constraints.size(); i++) {
                jdbc.execute("alter table public." + table + " add constraint " + constraints.get(i) + " "
                        + definitions.get(i).replace(" NOT VALID", "") + " not valid");
            }
        }
    }

    /** Validates every shape constraint again (they must all hold by then). */
    static void validateConstraints(JdbcTemplate jdbc) {
        List<String[]> constraints = jdbc.query("select table_name, constraint_name from public.pf_json_shapes()",
                (row, i) -> new String[] {row.getString(1), row.getString(2)});
        for (String[] constraint : constraints) {
            jdbc.execute("alter table public." + constraint[0] + " validate constraint " + constraint[1]);
        }
    }
}
