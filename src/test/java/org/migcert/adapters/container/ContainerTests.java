package org.migcert.adapters.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.migcert.adapters.vfiouser.Leftovers;

/**
 * What every container test class needs ({@code @ExtendWith(ContainerTests.class)}). Each test
 * runs only where a Docker engine answers and has the fixture image; elsewhere (a developer
 * machine without Docker) it is reported as skipped, with the reason, unless
 * {@code MIGCERT_REQUIRE_DOCKER=1} (CI): then it fails, so container tests never pass by being
 * skipped. After each test that ran, passed or failed, no migcert container may be left, nor a
 * socket directory of this JVM.
 */
public final class ContainerTests implements ExecutionCondition, AfterEachCallback {
    static final String REQUIRE = "MIGCERT_REQUIRE_DOCKER";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided for each test, so each skipped one says why");
        }
        Optional<String> why = DockerForTests.whyUnavailable();
        if (why.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine with " + DockerForTests.FIXTURE_IMAGE);
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(why.get() + "; " + REQUIRE + "=1 says container tests must run here");
        }
        return ConditionEvaluationResult.disabled("container tests skipped: " + why.get());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        assertEquals(List.of(), DockerForTests.migcertContainers(), "migcert containers left after the test");
        assertEquals(List.of(), Leftovers.socketDirectories(ProcessHandle.current().pid()),
                "socket directories left after the test");
    }
}
