package org.migcert.rules;

/** The grade of one case. Only PASS counts as a pass; NOT_APPLICABLE carries its reason and counts as nothing. */
public enum Verdict {
    PASS, FAIL, ERROR, NOT_APPLICABLE
}
