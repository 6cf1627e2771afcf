package com.promptforge.batch.generator;

/**
 * How unevenly runs spread over the organizations: org n gets a share proportional to
 * {@code (n + 1)^(1-s) - n^(1-s)} (the continuous Zipf law that {@code pg_temp.pf_skewed} inverts), with the
 * exponent s chosen so that the busiest org has {@value #BUSIEST_SHARE} of all runs, whatever the number of orgs.
 * With fewer than 1 / {@value #BUSIEST_SHARE} orgs the spread is even.
 */
final class OrgSkew {

    static final double BUSIEST_SHARE = 0.05;

    private OrgSkew() {
    }

    static double exponent(long orgs) {
        if (busiestShare(orgs, 0) >= BUSIEST_SHARE) {
            return 0;
        }
        double low = 0;
        double high = 0.999;
        if (busiestShare(orgs, high) < BUSIEST_SHARE) {
            return high;
        }
        for (int i = 0; i < 60; i++) {
            double middle = (low + high) / 2;
            if (busiestShare(orgs, middle) < BUSIEST_SHARE) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** The share of org 1 under exponent s. */
    static double busiestShare(long orgs, double s) {
        double a = 1 - s;
        return (Math.pow(2, a) - 1) / (Math.pow(orgs + 1, a) - 1);
    }
}
