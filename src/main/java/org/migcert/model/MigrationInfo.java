package org.migcert.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an implementation says about itself without migrating: the models it implements, each
 * with its parameters. Read and written by {@link MigrationInfoJson}.
 */
public record MigrationInfo(Map<String, ModelInfo> models) {
    public MigrationInfo {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    public static MigrationInfo of(ModelInfo model) {
        return new MigrationInfo(Map.of(model.modelId(), model));
    }

    public Optional<ModelInfo> model(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }
}
