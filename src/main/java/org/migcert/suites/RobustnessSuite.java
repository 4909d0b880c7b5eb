package org.migcert.suites;

import java.util.Random;
import java.util.function.LongFunction;
import org.migcert.adapter.Implementation;
import org.migcert.manifest.StateFormat;
import org.migcert.model.Configuration;
import org.migcert.model.ModelInfo;
import org.migcert.rules.Expected;
import org.migcert.rules.Observation;
import org.migcert.rules.Oracle;
import org.migcert.rules.Rule;
import org.migcert.state.Mgst;
import org.migcert.state.Mutations;
import org.migcert.state.StateMutation;

/**
 * Robustness suite (ROBUST-1, ROBUST-2). Per implementation at its initial configuration, a real
 * saved state is corrupted on its way into another instance of the same implementation:
 * structural corruptions (truncations, empty, trailing garbage, an oversized record) must be
 * refused at load by a device that stays alive; seeded random bit flips may load or be refused
 * but must neither crash nor hang it. After a refused or abandoned migration, the source must resume
 * with its hardware interface unchanged: once after a corrupted load and once after a save abandoned
 * midway per implementation, and once per ordered pair the oracle calls impossible.
 */
public final class RobustnessSuite extends SuiteBase {
    static final String NAME = "Robustness";
    /** Seeds of the random bit flips: fixed, so case ids and the flipped bits are stable across runs. */
    static final int BIT_FLIPS = 8;
    static final int GARBAGE_BYTES = 64;

    public RobustnessSuite() {
        super(NAME, Rule.ROBUST_1, Rule.ROBUST_2);
    }

    /**
     * A structural corruption of a state of {@code size} bytes. {@code mgst}: needs the MGST record
     * structure (not applicable to opaque state formats).
     */
    private enum Corruption {
        TRUNCATED_HALF("truncated-half", false, "the first half of the state", size -> cut(size, size / 2)),
        TRUNCATED_1_BYTE("truncated-1-byte", false, "the first byte of the state", size -> cut(size, 1)),
        TRUNCATED_BEFORE_END("truncated-before-end", true, "every record but not the end record",
                size -> cut(size, size - Mgst.RECORD_HEADER_SIZE)),
        EMPTY("empty", false, "no data at all", size -> {
            requireCut(size, 0); // an empty real state: no data is the state itself
            return Mutations.empty();
        }),
        TRAILING_GARBAGE("trailing-garbage", false, "the state followed by " + GARBAGE_BYTES
                + " garbage bytes after its end", size -> Mutations.trailingGarbage(GARBAGE_BYTES)),
        OVERSIZED_RECORD("oversized-record", true, "a record header claiming 0x"
                + Long.toHexString(Mutations.OVERSIZED_LENGTH) + " bytes, then the stream ends",
                size -> Mutations.oversizedRecord());

        private final String variant;
        private final boolean mgst;
        private final String what;
        private final LongFunction<StateMutation> of;

        Corruption(String variant, boolean mgst, String what, LongFunction<StateMutation> of) {
            this.variant = variant;
            this.mgst = mgst;
            this.what = what;
            this.of = of;
        }
    }

    @Override
    public void plan(SuiteContext ctx, CasePlan out) {
        Migrator migrator = ctx.migrator();
        boolean opaque = ctx.manifest().stateFormat() == StateFormat.OPAQUE;
        for (Implementation impl : ctx.implementations()) {
            Configuration c = ctx.model(impl).initial();
            Migrator.Step self = new Migrator.Step(impl, c);
            for (Corruption k : Corruption.values()) {
                CaseBuilder b = CaseBuilder.in(NAME).rules(Rule.ROBUST_1).source(impl).destination(impl)
                        .config(c.canonical()).variant(k.variant);
                out.add(k.mgst && opaque
                        ? b.notApplicable("state-format is opaque: " + k.variant + " needs the MGST record structure"
                                + " to place the corruption")
                        : b.expect(Expected.REFUSED, "a state cut or padded to " + k.what + " is refused at load, in"
                                + " time, and the destination stays alive (answers, resets to RUNNING)",
                                () -> corrupted(migrator, self, k.of)));
            }
            for (int seed = 1; seed <= BIT_FLIPS; seed++) {
                int s = seed;
                out.add(CaseBuilder.in(NAME).rules(Rule.ROBUST_1).source(impl).destination(impl).config(c.canonical())
                        .variant("bitflip-" + seed)
                        .expect(Expected.SURVIVES, "one bit flipped at a seeded random offset (seed " + seed
                                + ") may load or be refused, but never crashes or hangs the destination", () -> corrupted(migrator, self, size -> bitFlip(s, size))));
            }
            Corruption half = Corruption.TRUNCATED_HALF;
            out.add(CaseBuilder.in(NAME).rules(Rule.ROBUST_2).source(impl).destination(impl).config(c.canonical())
                    .variant("source-resumes:" + half.variant)
                    .expect(Expected.IDENTICAL, "the destination gets " + half.what + " and fails to load; the source"
                            + " goes back from STOP_COPY to RUNNING with its hardware interface unchanged",
                            () -> migrator.withStateSize(self, size -> migrator.migrateAndResume(self, self,
                                    half.of.apply(size)))));
            out.add(CaseBuilder.in(NAME).rules(Rule.ROBUST_2).source(impl).destination(impl).config(c.canonical())
                    .variant("source-resumes:abandoned-save")
                    .expect(Expected.IDENTICAL, "the save is abandoned midway, as when the network fails: the source"
                            + " goes RUNNING -> STOP_COPY, half of its stream is read (at least one read), then STOP_COPY"
                            + " -> STOP -> RUNNING; its hardware interface is unchanged, and a complete migration from"
                            + " it afterwards succeeds", () -> migrator.withStateSize(self, size -> {
                                Observation o = migrator.abandonSave(self, Math.max(1, size / 2));
                                return o.withEvidence(o.evidence() + " (the real state has " + size + " bytes)");
                            })));
        }
        for (Implementation src : ctx.implementations()) {
            ModelInfo ms = ctx.model(src);
            for (Implementation dst : ctx.implementations()) {
                refusedPair(ctx, migrator, src, ms, dst, out);
            }
        }
    }

    /**
     * ROBUST-2 for an ordered pair the oracle calls impossible, at the first such source
     * configuration: the destination is created at its initial configuration anyway (the
     * mis-configured orchestrator of COMPAT-3), so the source really stops and saves before the
     * load fails.
     */
    private static void refusedPair(SuiteContext ctx, Migrator migrator, Implementation src, ModelInfo ms,
                                    Implementation dst, CasePlan out) {
        for (Configuration c : ctx.configurations(src)) {
            Oracle.Decision d = Oracle.decide(ms, c, dst.info());
            if (d.possible()) {
                continue;
            }
            Migrator.Step from = new Migrator.Step(src, c);
            Migrator.Step to = new Migrator.Step(dst, ctx.model(dst).initial());
            out.add(CaseBuilder.in(NAME).rules(Rule.ROBUST_2).source(src).destination(dst)
                    .config(c.canonical(), ctx.describe(ms, c)).variant("source-resumes:refused-migration")
                    .expect(Expected.IDENTICAL, "the oracle says impossible (" + d.reason() + "); " + dst.id()
                            + " is created at " + to.config().canonical() + " anyway and must refuse the state; the"
                            + " source goes back to RUNNING with its hardware interface unchanged",
                            () -> migrator.migrateAndResume(from, to, StateMutation.IDENTITY)));
            return;
        }
    }

    /** Measures the real state once, corrupts it by its size, and feeds it to a fresh instance of the same implementation. */
    private static Observation corrupted(Migrator migrator, Migrator.Step self, LongFunction<StateMutation> corruption) {
        return migrator.withStateSize(self, size -> {
            StateMutation m = corruption.apply(size);
            Observation o = migrator.migrateCorrupted(self, self, m);
            return o.withEvidence(m.name() + " (the real state has " + size + " bytes): " + o.evidence());
        });
    }

    /** The first {@code keep} bytes of a state of {@code size}; not applicable when that cuts nothing. */
    private static StateMutation cut(long size, long keep) {
        requireCut(size, keep);
        return Mutations.truncate(keep);
    }

    private static void requireCut(long size, long keep) {
        if (keep < 0 || keep >= size) {
            throw new Check.NotApplicable("the real state has only " + size + " bytes: keeping " + keep
                    + " of them cuts nothing");
        }
    }

    /** One bit at an offset inside the state, both derived from the seed alone (and the state's size). */
    static StateMutation bitFlip(int seed, long size) {
        Random r = new Random(seed);
        long offset = Math.floorMod(r.nextLong(), Math.max(1, size));
        return Mutations.flipBit(offset, r.nextInt(8));
    }
}
