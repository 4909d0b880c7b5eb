package org.migcert.run;

import org.migcert.report.ReportRenderer;
import org.migcert.suites.SuiteCatalogue;

/**
 * What this build can be extended with, found once through {@link java.util.ServiceLoader} in one
 * class loader: the suites and the report formats. (Adapters are found by
 * {@code org.migcert.adapter.Adapters} when a manifest names one.)
 */
public record Extensions(SuiteCatalogue suites, ReportRenderer reports) {
    public static Extensions load(ClassLoader loader) {
        return new Extensions(SuiteCatalogue.load(loader), ReportRenderer.load(loader));
    }

    /** The extensions of the class path migcert itself was loaded from. */
    public static Extensions standard() {
        return load(Extensions.class.getClassLoader());
    }
}
