package org.migcert.report;

import java.util.Comparator;

/** Ordering of rule ids such as {@code COMPAT-2}: by family, then by number, so COMPAT-10 follows COMPAT-9. */
final class RuleIds {
    static final Comparator<String> ORDER = RuleIds::compare;

    private RuleIds() {
    }

    private static int compare(String a, String b) {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        if (da > 0 && db > 0) {
            int byFamily = a.substring(0, da).compareTo(b.substring(0, db));
            if (byFamily != 0) {
                return byFamily;
            }
            Long na = number(a.substring(da + 1));
            Long nb = number(b.substring(db + 1));
            if (na != null && nb != null && !na.equals(nb)) {
                return Long.compare(na, nb);
            }
        }
        return a.compareTo(b);
    }

    private static Long number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(s);
    }
}
