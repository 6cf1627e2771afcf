-- When pg_stat_statements' counters were last reset ({schema} as in statement_counters_read.sql).
select stats_reset from {schema}.pg_stat_statements_info
