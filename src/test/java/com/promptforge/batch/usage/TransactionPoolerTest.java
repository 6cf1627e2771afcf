package com.promptforge.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.db.DatabaseTarget;
import org.junit.jupiter.api.Test;

/** A connection through Supabase's transaction pooler gets one line on what to change instead of a report. */
class TransactionPoolerTest {

    private static DatabaseTarget target(String host) {
        return new DatabaseTarget("jdbc:postgresql://" + host + "/postgres", "postgres.abcdef", "secret-password",
                host, "postgres");
    }

    @Test
    void theTransactionPoolerIsRefusedNamingTheSessionPoolerToUseInstead() {
        String problem = TransactionPooler.problem(target("aws-0-eu-central-1.pooler.supabase.com:6543"));

        assertThat(problem).isEqualTo("PF_DB_URL points at Supabase's transaction pooler "
                + "(aws-0-eu-central-1.pooler.supabase.com:6543), which gives each transaction any server session; use "
                + "the session pooler (aws-0-eu-central-1.pooler.supabase.com:5432, same user and password) or the "
                + "direct connection (db.<project>.supabase.co:5432)");
        assertThat(problem).doesNotContain("secret-password");
    }

    @Test
    void theSessionPoolerAndTheDirectConnectionAreAccepted() {
        assertThat(TransactionPooler.problem(target("aws-0-eu-central-1.pooler.supabase.com:5432"))).isNull();
        assertThat(TransactionPooler.problem(target("db.abcdef.supabase.co:5432"))).isNull();
        assertThat(TransactionPooler.problem(target("localhost:6543"))).isNull();
    }
}
