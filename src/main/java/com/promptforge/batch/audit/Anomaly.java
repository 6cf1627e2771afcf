package com.promptforge.batch.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Something about a bundle that the schema forbids but the data holds (planted around a trigger or a constraint,
 * or left from before a rule existed): one row of the Anomalies sheet.
 */
record Anomaly(Kind kind, String detail) {

    enum Kind {
        /** The bundle's run is scored below the export threshold. */
        BELOW_THRESHOLD("below_threshold"),
        /** The bundle's run has no score at all. */
        UNSCORED_RUN("unscored_run"),
        /** The checksum is not "sha256:" and 64 lowercase hex digits. */
        MALFORMED_CHECKSUM("malformed_checksum"),
        /** The bundle belongs to another organization than its run. */
        ORG_MISMATCH("org_mismatch");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** Every anomaly of one bundle, in the order of {@link Kind}; empty for a sound bundle. */
    static List<Anomaly> of(AuditedBundle bundle, int threshold) {
        List<Anomaly> found = new ArrayList<>(1);
        if (bundle.runOverall() == null) {
            found.add(new Anomaly(Kind.UNSCORED_RUN, "the run has no score, so it never reached the export "
                    + "threshold of " + threshold));
        } else if (bundle.runOverall() < threshold) {
            found.add(new Anomaly(Kind.BELOW_THRESHOLD, "the run scored " + overall(bundle.runOverall())
                    + " overall, below the export threshold of " + threshold));
        }
        if (!bundle.checksumFormatOk()) {
            found.add(new Anomaly(Kind.MALFORMED_CHECKSUM, "the checksum is not 'sha256:' followed by 64 "
                    + "lowercase hex digits"));
        }
        if (!bundle.orgId().equals(bundle.runOrgId())) {
            found.add(new Anomaly(Kind.ORG_MISMATCH, "the bundle belongs to organization " + bundle.orgId()
                    + " but its run to organization " + bundle.runOrgId()));
        }
        return found;
    }

    private static String overall(double overall) {
        return overall == Math.rint(overall) ? Long.toString((long) overall) : Double.toString(overall);
    }
}
