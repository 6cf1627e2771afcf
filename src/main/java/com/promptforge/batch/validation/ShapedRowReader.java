package com.promptforge.batch.validation;

import com.promptforge.batch.job.ProgressListener;
import com.promptforge.batch.validation.CheckedRow.Problem;
import com.promptforge.batch.validation.ShapedTable.ShapedColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.PostgresPagingQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads every row of every shaped table, table after table in the order of {@code pf_json_shapes()}, each row with
 * the problems of its JSON columns computed by the database (the shapes' SQL functions, in the select list). Each
 * table is read in key order, one page per chunk (keyset paging on its primary key, so every page is an index
 * range scan, however large the table). Sets the progress total (the rows of all the tables) when it opens.
 *
 * <p>Keeps no restart state: a validation is cheap to redo and its report must be whole, so the job is not
 * restartable and every run reads everything.
 */
class ShapedRowReader extends ItemStreamSupport implements ItemStreamReader<CheckedRow> {

    private final DataSource dataSource;
    private final int pageSize;
    private List<ShapedTable> tables = List.of();
    private int tableIndex;
    private @Nullable JdbcPagingItemReader<CheckedRow> current;

    ShapedRowReader(DataSource dataSource, int pageSize) {
        this.dataSource = dataSource;
        this.pageSize = pageSize;
        setName("dataValidationReader");
    }

    @Override
    public void open(ExecutionContext executionContext) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        tables = ShapedTable.load(jdbc);
        long total = 0;
        for (ShapedTable table : tables) {
            Long rows = jdbc.queryForObject("select count(*) from public." + table.name(), Long.class);
            total += rows == null ? 0 : rows;
        }
        executionContext.putLong(ProgressListener.TOTAL, total);
        tableIndex = 0;
        current = null;
    }

    @Override
    public @Nullable CheckedRow read() throws Exception {
        while (tableIndex < tables.size()) {
            if (current == null) {
                current = open(tables.get(tableIndex));
            }
            CheckedRow row = current.read();
            if (row != null) {
                return row;
            }
            current.close();
            current = null;
            tableIndex++;
        }
        return null;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private JdbcPagingItemReader<CheckedRow> open(ShapedTable table) throws Exception {
        PostgresPagingQueryProvider query = new PostgresPagingQueryProvider();
        query.setSelectClause(table.selectClause());
        query.setFromClause(table.fromClause());
        query.setSortKeys(Map.of(table.keyColumn(), Order.ASCENDING));
        JdbcPagingItemReader<CheckedRow> reader = new JdbcPagingItemReaderBuilder<CheckedRow>()
                .name("dataValidationReader." + table.name())
                .dataSource(dataSource)
                .queryProvider(query)
                .pageSize(pageSize)
                .rowMapper((row, rowNumber) -> checked(table, row))
                .saveState(false)
                .build();
        reader.afterPropertiesSet();
        try {
            reader.open(new ExecutionContext());
        } catch (ItemStreamException e) {
            throw new ItemStreamException("cannot read public." + table.name() + ": " + e.getMessage(), e);
        }
        return reader;
    }

    private static CheckedRow checked(ShapedTable table, ResultSet row) throws SQLException {
        List<Problem> problems = new ArrayList<>(0);
        List<ShapedColumn> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            String problem = row.getString("problem_" + (i + 1));
            if (problem != null) {
                problems.add(new Problem(columns.get(i).name(), problem));
            }
        }
        if (problems.isEmpty()) {
            // Valid rows are only counted: their names are not read.
            return new CheckedRow(table.name(), row.getString(table.keyColumn()), null, null, null, null, null,
                    List.of());
        }
        return new CheckedRow(table.name(), row.getString(table.keyColumn()), row.getObject("pf_org_id", UUID.class),
                row.getString("pf_org_slug"), row.getString("pf_org_name"), row.getObject("pf_user_id", UUID.class),
                row.getString("pf_user_email"), List.copyOf(problems));
    }
}
