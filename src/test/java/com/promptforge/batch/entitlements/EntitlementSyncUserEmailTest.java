package com.promptforge.batch.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.promptforge.batch.spreadsheet.PrintableWorkbookAssertions;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.job.JobExecution;

/**
 * On a database with Supabase's {@code auth.users} (made here as Supabase has it: id and e-mail), the Changes sheet
 * shows each user's e-mail beside their id, from the sync's own statement.
 */
@PromptForgeDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntitlementSyncUserEmailTest {

    private TestDatabase db;
    private Billing billing;
    private SyncHarness harness;

    @BeforeAll
    void start(TestDatabase db) {
        this.db = db;
        billing = new Billing(db);
        db.jdbc().execute("create table auth.users (id uuid primary key, email varchar(255))");
        harness = SyncHarness.start(db);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void changesShowEachUsersEmailBesideTheirId() throws IOException {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        db.jdbc().update("insert into auth.users (id, email) values (?, 'ada@example.com')", known);
        UUID org = billing.org();
        billing.active(org, "pro");
        billing.grant(org, known, "license", "lic-ada", "hasSSO", "-1 day", "1 year");
        billing.grant(org, unknown, "license", "lic-gone", "hasSSO", "-1 day", "1 year");

        JobExecution run = harness.run();

        try (XSSFWorkbook workbook = Workbooks.open(SyncHarness.report(run))) {
            XSSFSheet changes = workbook.getSheet(EntitlementSyncReport.CHANGES_SHEET);
            List<String> header = PrintableWorkbookAssertions.header(changes);
            int userId = header.indexOf(PrintableWorkbookAssertions.USER_ID);
            assertThat(header.get(userId + 1)).isEqualTo(PrintableWorkbookAssertions.USER_EMAIL);
            DataFormatter formatter = new DataFormatter();
            List<String> users = new ArrayList<>();
            for (int r = 1; r <= changes.getLastRowNum(); r++) {
                Row row = changes.getRow(r);
                if (!formatter.formatCellValue(row.getCell(userId)).isEmpty()) {
                    users.add(formatter.formatCellValue(row.getCell(userId)) + "|"
                            + formatter.formatCellValue(row.getCell(userId + 1)));
                }
            }
            assertThat(users).containsExactlyInAnyOrderElementsOf(db.jdbc().queryForList("""
                    select concat_ws('|', c.user_id, coalesce(u.email, ''))
                      from public.entitlement_changes c
                      left join auth.users u on u.id = c.user_id
                     where c.user_id is not null and c.job_instance_id = ?
                    """, String.class, SyncHarness.instanceId(run)));
            assertThat(users).contains(known + "|ada@example.com", unknown + "|");
        }
    }
}
