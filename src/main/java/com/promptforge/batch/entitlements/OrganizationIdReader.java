package com.promptforge.batch.entitlements;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every organization id in id order, one page per chunk, by keyset (ids after the last one handed out), so every
 * page is an index range scan. Its position is the last id handed out, saved with each chunk in the chunk's
 * transaction; a page that fails to load (a lost connection) leaves it as it was, and the page is asked again. It
 * also tallies the ids it handed out ({@link OrgTally}, key {@value #READ}) for the completeness check. A dry run
 * saves nothing, so a restarted dry run starts over.
 */
class OrganizationIdReader extends ItemStreamSupport implements ItemStreamReader<UUID> {

    /** Step context key (prefix) of the tally of the ids handed out. */
    static final String READ = "entitlementSyncOrgReader.orgs read";
    /** Step context key of the position: the last id handed out. */
    static final String AFTER = "entitlementSyncOrgReader.after";

    private final JdbcTemplate jdbc;
    private final int pageSize;
    private final boolean saveState;
    private final Deque<UUID> page = new ArrayDeque<>();
    private @Nullable UUID after;
    private boolean exhausted;
    private OrgTally read = OrgTally.NONE;

    OrganizationIdReader(JdbcTemplate jdbc, int pageSize, boolean saveState) {
        this.jdbc = jdbc;
        this.pageSize = pageSize;
        this.saveState = saveState;
        setName("entitlementSyncOrgReader");
    }

    @Override
    public void open(ExecutionContext executionContext) {
        page.clear();
        exhausted = false;
        after = saveState && executionContext.containsKey(AFTER)
                ? UUID.fromString(executionContext.getString(AFTER)) : null;
        read = saveState ? OrgTally.from(executionContext, READ) : OrgTally.NONE;
    }

    @Override
    public @Nullable UUID read() {
        if (page.isEmpty() && !exhausted) {
            List<UUID> ids = after == null
                    ? jdbc.queryForList("select o.id from public.organizations o order by o.id limit ?", UUID.class,
                            pageSize)
                    : jdbc.queryForList("select o.id from public.organizations o where o.id > ? order by o.id limit ?",
                            UUID.class, after, pageSize);
            page.addAll(ids);
            exhausted = ids.size() < pageSize;
        }
        UUID id = page.poll();
        if (id != null) {
            after = id;
            read = read.plus(id);
        }
        return id;
    }

    @Override
    public void update(ExecutionContext executionContext) {
        if (saveState && after != null) {
            executionContext.putString(AFTER, after.toString());
        }
        read.putInto(executionContext, READ);
    }
}
