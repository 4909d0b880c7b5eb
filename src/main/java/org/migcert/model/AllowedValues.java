package org.migcert.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code allowed_values} of one parameter: single values and, for ints, inclusive ranges
 * written {@code "min-max"} in migration info.
 */
public final class AllowedValues {
    /** An inclusive int range. */
    public record Range(long min, long max) {
        public Range {
            if (min > max) {
                throw new IllegalArgumentException("range " + min + "-" + max + " is empty (min > max)");
            }
        }

        public boolean contains(long v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return min + "-" + max;
        }
    }

    private final List<Value> singles;
    private final List<Range> ranges;

    public AllowedValues(List<Value> singles, List<Range> ranges) {
        this.singles = List.copyOf(singles);
        this.ranges = List.copyOf(ranges);
    }

    public List<Value> singles() {
        return singles;
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean contains(Value v) {
        if (singles.contains(v)) {
            return true;
        }
        if (v.type() == ParamType.INT) {
            for (Range r : ranges) {
                if (r.contains(v.asLong())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The values a configuration space draws from: every single value, and for each range its
     * bounds, its midpoint and any of {@code extra} (init and off values) that fall inside it.
     * Exhaustive over ranges would be unbounded; boundaries and the special values are where
     * implementations differ.
     */
    public List<Value> representatives(List<Value> extra) {
        TreeSet<Value> out = new TreeSet<>(singles);
        for (Range r : ranges) {
            out.add(Value.integer(r.min()));
            out.add(Value.integer(r.max()));
            // floor((min + max) / 2) without overflow: min + (max - min) / 2 wraps for wide ranges
            out.add(Value.integer((r.min() >> 1) + (r.max() >> 1) + (r.min() & r.max() & 1)));
            for (Value e : extra) {
                if (e != null && e.type() == ParamType.INT && r.contains(e.asLong())) {
                    out.add(e);
                }
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    /** The JSON form: values as they are, ranges as "min-max". */
    public List<Object> toJson() {
        List<Object> out = new ArrayList<>();
        for (Value v : singles) {
            out.add(v.toJson());
        }
        for (Range r : ranges) {
            out.add(r.toString());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllowedValues a && a.singles.equals(singles) && a.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return singles.hashCode() * 31 + ranges.hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
