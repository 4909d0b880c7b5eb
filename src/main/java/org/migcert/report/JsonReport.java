package org.migcert.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code report.json}: the machine-readable report, {@code {"format", "run", "summary", "comparison", "cases": [...]}},
 * for nightly trending and release gates ({@code comparison}, as {@link RunComparison} has it, only for a run
 * compared with a baseline or a history). Cases are streamed into the file, never held together.
 */
public final class JsonReport implements ReportFormat {
    public static final String FILE = "report.json";

    /** Changes when a consumer of report.json would have to change. */
    public static final String FORMAT = "migcert-report/2";

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public void write(Path target, RunInfo info, Summary summary, CaseSource cases) throws IOException {
        AtomicFile.write(target, out -> {
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeFieldName("run");
                Json.MAPPER.writeValue(g, info);
                g.writeFieldName("summary");
                Json.MAPPER.writeValue(g, summary);
                if (summary.comparison() != null) {
                    g.writeFieldName("comparison");
                    Json.MAPPER.writeValue(g, summary.comparison());
                }
                g.writeArrayFieldStart("cases");
                cases.forEach(r -> Json.MAPPER.writeValue(g, r));
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }
}
