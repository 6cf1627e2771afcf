package com.promptforge.batch.usage;

import com.promptforge.batch.db.DatabaseTarget;
import java.util.Locale;

/**
 * Supabase's transaction pooler (Supavisor, port 6543) hands each transaction to any server connection: the
 * report's own statements would work (its settings are {@code set local}), but the job runner's run lock is a
 * session advisory lock and would be held on a connection others then use. So the report says what to change.
 */
final class TransactionPooler {

    static final int PORT = 6543;

    private TransactionPooler() {
    }

    /** One line saying what to change when {@code target} is a transaction pooler, else null. */
    static String problem(DatabaseTarget target) {
        String host = target.host() == null ? "" : target.host().toLowerCase(Locale.ROOT);
        if (host.endsWith(":" + PORT) && host.contains("pooler.supabase.com")) {
            String name = host.substring(0, host.lastIndexOf(':'));
            return "PF_DB_URL points at Supabase's transaction pooler (" + name + ":" + PORT + "), which gives each "
                    + "transaction any server session; use the session pooler (" + name + ":5432, same user and "
                    + "password) or the direct connection (db.<project>.supabase.co:5432)";
        }
        return null;
    }
}
