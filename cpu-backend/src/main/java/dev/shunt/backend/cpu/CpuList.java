package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;

/**
 * The kernel's CPU list format ({@code "0-3,8-11"}, {@code "0,4"}, {@code "5"}), as used by
 * {@code Cpus_allowed_list}, {@code .../cpu/online} and {@code thread_siblings_list}.
 */
final class CpuList {

    /** Larger ids are refused as garbage: no kernel numbers CPUs this high. */
    static final int MAX_CPU_ID = 65_535;

    private CpuList() {}

    /**
     * Parses a CPU list.
     *
     * @throws IllegalArgumentException when the text is empty or not a CPU list; the message quotes it
     */
    static BitSet parse(String text) {
        requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty CPU list");
        }
        BitSet cpus = new BitSet();
        for (String part : trimmed.split(",", -1)) {
            int dash = part.indexOf('-');
            int first = id(dash < 0 ? part : part.substring(0, dash), trimmed);
            int last = dash < 0 ? first : id(part.substring(dash + 1), trimmed);
            if (last < first) {
                throw new IllegalArgumentException("not a CPU list: \"" + trimmed + "\" (range " + part + " is reversed)");
            }
            cpus.set(first, last + 1);
        }
        return cpus;
    }

    /** Formats a set of CPUs as a canonical list, e.g. {@code 0-3,8}; empty for none. */
    static String format(BitSet cpus) {
        StringBuilder out = new StringBuilder();
        int first = cpus.nextSetBit(0);
        while (first >= 0) {
            int end = cpus.nextClearBit(first);
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(first);
            if (end - 1 > first) {
                out.append('-').append(end - 1);
            }
            first = cpus.nextSetBit(end);
        }
        return out.toString();
    }

    private static int id(String digits, String whole) {
        String s = digits.trim();
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a CPU list: \"" + abbreviate(whole) + "\"");
        }
        int id = Integer.parseInt(s);
        if (id > MAX_CPU_ID) {
            throw new IllegalArgumentException("not a CPU list: \"" + abbreviate(whole) + "\" (CPU id " + id + " too large)");
        }
        return id;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
