package com.promptforge.batch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The measurements of one case and its reference, and what they add up to. */
public record BenchmarkResult(BenchmarkCase benchmark, List<Double> values, List<Double> referenceValues,
                              double referenceMedian, long peakHeapBytes) {

    public double median() {
        return median(values);
    }

    public double min() {
        return Collections.min(values);
    }

    public double max() {
        return Collections.max(values);
    }

    /** The case's median over the reference's, NaN without a reference. */
    public double ratio() {
        return Double.isNaN(referenceMedian) || referenceMedian == 0 ? Double.NaN : median() / referenceMedian;
    }

    /**
     * "met", or "MISSED: " and which of the two targets the median missed and by what: a time in seconds and a
     * ratio to the reference.
     */
    public String verdict(double targetSeconds, double targetRatio) {
        List<String> missed = new ArrayList<>();
        if (median() > targetSeconds) {
            missed.add(String.format(Locale.ROOT, "%.0f s", median()));
        }
        if (ratio() > targetRatio) {
            missed.add(String.format(Locale.ROOT, "ratio %.2f", ratio()));
        }
        return missed.isEmpty() ? "met" : "MISSED: " + String.join(", ", missed);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
