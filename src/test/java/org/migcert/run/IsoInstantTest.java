package org.migcert.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct instant parser reads every instant as {@link Instant#parse} does, and refuses what it refuses. */
class IsoInstantTest {
    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            // Whole seconds, milli-, micro- and nanosecond fractions, as Instant.toString writes them.
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertEquals(Instant.parse(text), IsoInstant.parse(text), text);
        }
    }

    @Test
    void otherFormsAreReadOrRefusedAsInstantParseDoes() {
        for (String text : List.of("2026-12-03T14:13:59.1Z", "2026-12-03T14:13:59.12345678Z", "2016-12-31T23:59:60Z",
                "+12026-12-03T14:13:59Z", "2026-12-03T14:13:59.000Z", "2026-12-03T24:00:00Z", "2026-12-03T14:13:59.Z",
                "2026-02-30T00:00:00Z", "2026-12-03T25:00:00Z", "2026-12-03 14:13:59Z", "2026-12-03T14:13:59",
                "2026-1x-03T14:13:59Z", "", "2026-12-03T14:13:59.1234567890Z", "2026-12-03T14:13:59.12a4Z")) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            Object actual;
            try {
                actual = IsoInstant.parse(text);
            } catch (DateTimeParseException e) {
                actual = DateTimeParseException.class;
            }
            assertEquals(expected, actual, text);
        }
        assertThrows(DateTimeParseException.class, () -> IsoInstant.parse("2026-02-30T00:00:00Z"));
    }
}
