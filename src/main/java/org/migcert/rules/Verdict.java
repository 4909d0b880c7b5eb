package org.migcert.rules;

/** The grade of one case. Only PASS and NOT_APPLICABLE (with a reason) keep a run conformant; WAIVED only where the profile allows waivers. */
public enum Verdict {
    PASS, FAIL, ERROR, NOT_APPLICABLE, WAIVED
}
