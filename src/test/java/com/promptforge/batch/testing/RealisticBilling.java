package com.promptforge.batch.testing;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * A small, realistic billing data set for the workbooks a person looks at (the LibreOffice print check, the README's
 * pictures): six customers on Pro and Enterprise, two single-sign-on licences for named users, and two customers
 * with bad billing data (an unknown plan code, a grant for an unknown flag) that the sync skips. A first sync of it
 * makes about forty changes: one printed page.
 */
public final class RealisticBilling {

    private RealisticBilling() {
    }

    public static void seed(JdbcOperations jdbc) {
        String[][] customers = {
                {"Northwind Traders", "northwind-traders", "pro"},
                {"Contoso Health", "contoso-health", "enterprise"},
                {"Fabrikam Logistics", "fabrikam-logistics", "pro"},
                {"Tailspin Aviation", "tailspin-aviation", "enterprise"},
                {"Wingtip Retail", "wingtip-retail", "pro"},
                {"Adventure Works Cycles", "adventure-works", "pro"},
                {"Globex Insurance", "globex-insurance", "diamond"},
        };
        UUID northwind = null;
        UUID fabrikam = null;
        for (String[] customer : customers) {
            UUID org = jdbc.queryForObject("""
                    insert into public.organizations (name, slug) values (?, ?) returning id""",
                    UUID.class, customer[0], customer[1]);
            jdbc.update("""
                    insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
                    values (?, ?, 'active', now() - interval '12 days', now() + interval '18 days')""",
                    org, customer[2]);
            if (customer[1].equals("northwind-traders")) {
                northwind = org;
            } else if (customer[1].equals("fabrikam-logistics")) {
                fabrikam = org;
            }
        }
        grant(jdbc, northwind, "license", "sso-seat-2026-0142", "hasSSO");
        grant(jdbc, fabrikam, "addon", "audit-log-addon-88", "hasAuditLog");
        UUID initech = jdbc.queryForObject("""
                insert into public.organizations (name, slug) values ('Initech Software', 'initech') returning id""",
                UUID.class);
        grant(jdbc, initech, "addon", "legacy-addon-7", "hasTelepathy");
    }

    private static void grant(JdbcOperations jdbc, UUID org, String source, String sourceRef, String flag) {
        jdbc.update("""
                insert into public.entitlement_grants (org_id, user_id, source, source_ref, flag, value, valid_from,
                                                       valid_until)
                values (?, ?, ?, ?, ?, true, now() - interval '3 days', now() + interval '1 year')""",
                org, UUID.randomUUID(), source, sourceRef, flag);
    }
}
