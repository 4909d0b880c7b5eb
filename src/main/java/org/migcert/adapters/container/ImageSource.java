package org.migcert.adapters.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.migcert.adapter.AdapterException;
import org.migcert.adapter.Sha256;
import org.migcert.adapter.ImplementationSpec;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Where an implementation's image comes from: {@code image:}, a name the local engine already
 * has (a tag, or an image {@code docker load}ed from a tarball), or {@code build: {context: DIR,
 * dockerfile: FILE}}, a build context in the repository. Nothing is ever pulled: a missing image
 * fails at once, saying what was looked up.
 */
final class ImageSource {
    static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile");
    /** A build's limit: long enough for a real device image, bounded all the same. */
    static final Duration BUILD_LIMIT = Duration.ofMinutes(15);
    private static final String FIX = "; give image: NAME (an image the local engine has) or build: {context: DIR,"
            + " dockerfile: FILE}";

    private final String image;
    private final Path context;
    private final String dockerfile;
    private final ImplementationSpec spec;

    private ImageSource(ImplementationSpec spec, String image, Path context, String dockerfile) {
        this.spec = spec;
        this.image = image;
        this.context = context;
        this.dockerfile = dockerfile;
    }

    /** Reads {@code image:} or {@code build:}; exactly one must be given. */
    static ImageSource of(ImplementationSpec spec) throws AdapterException {
        JsonNode image = spec.settings().get("image");
        JsonNode build = spec.settings().get("build");
        String what = spec.where() + ": implementation '" + spec.id() + "' (adapter container)";
        if ((image == null) == (build == null)) {
            throw new AdapterException(what + (image == null ? " names no image" : " gives both image: and build:") + FIX);
        }
        if (image != null) {
            if (!image.isTextual() || image.asText().isBlank()) {
                throw new AdapterException(what + ": image: must be an image name such as migcert/refnic:dev" + FIX);
            }
            return new ImageSource(spec, image.asText(), null, null);
        }
        if (!build.isObject() || !build.has("context")) {
            throw new AdapterException(what + ": build: must be a mapping with context: (and optionally dockerfile:)" + FIX);
        }
        for (Iterator<String> keys = build.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!BUILD_KEYS.contains(k)) {
                throw new AdapterException(what + ": unknown key '" + k + "' in build:; known keys: context, dockerfile");
            }
        }
        Path context = spec.baseDir().resolve(build.get("context").asText()).toAbsolutePath().normalize();
        String dockerfile = build.has("dockerfile") ? build.get("dockerfile").asText() : "Dockerfile";
        if (!Files.isRegularFile(context.resolve(dockerfile))) {
            throw new AdapterException(what + ": build: has no " + context.resolve(dockerfile) + " (context resolves"
                    + " against the manifest's directory, dockerfile against the context)");
        }
        return new ImageSource(spec, null, context, dockerfile);
    }

    /**
     * The name of the image, present in the engine: looked up, or built from its context.
     *
     * @throws AdapterException when the image is missing or its build fails, with what was tried
     */
    String resolve(DockerClient docker) throws AdapterException {
        return image != null ? present(docker) : build();
    }

    private String present(DockerClient docker) throws AdapterException {
        try {
            docker.inspectImageCmd(image).exec();
            return image;
        } catch (NotFoundException e) {
            String full = fullName(image);
            throw new AdapterException(spec.where() + ": image '" + image + "' of implementation '" + spec.id()
                    + "' is not in the Docker engine at " + DockerEngine.host() + ". Tried: the engine's local images,"
                    + " as '" + image + "'" + (full.equals(image) ? "" : " (which the engine reads as " + full + ")")
                    + "; pulling is off, no registry is asked. Make it local first: build it (the bundled fixture:"
                    + " .ci/build-fixture-image), docker load -i IMAGE.tar, or docker tag; or give build: {context, dockerfile}");
        }
    }

    /**
     * Builds with the engine's cache under a tag fixed by the context, so an unchanged context
     * builds at once. The Dockerfile is named by path in the context, which Testcontainers
     * deprecates: its replacement, {@code withDockerfile(Path)}, first pulls every FROM image that
     * is not local, waiting two minutes where no registry answers.
     */
    @SuppressWarnings("deprecation")
    private String build() throws AdapterException {
        String tag = "migcert-build/" + digest(context + "\n" + dockerfile) + ":latest";
        ImageFromDockerfile future = new ImageFromDockerfile(tag, false).withFileFromPath(".", context)
                .withDockerfilePath(dockerfile)
                .withBuildImageCmdModifier(cmd -> cmd.withPull(false).withLabels(Map.of(RunLabels.MANIFEST, spec.where())));
        String what = spec.where() + ": building the image of implementation '" + spec.id() + "' from " + context
                + " (dockerfile " + dockerfile + ")";
        try {
            return future.get(BUILD_LIMIT.toMinutes(), TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            throw new AdapterException(what + " failed: " + Causes.root(e) + "; every FROM image must be in the engine"
                    + " already: nothing is pulled", e);
        } catch (TimeoutException e) {
            throw new AdapterException(what + " did not finish within " + BUILD_LIMIT.toMinutes() + " minutes", e);
        }
    }

    /**
     * The name as Docker completes it: a first component without a dot, a colon or {@code localhost}
     * is not a registry, so the name is Docker Hub's ({@code library/} for one component), and a
     * name without tag or digest means {@code :latest}. What the user wrote and what the engine
     * looked up can differ; the message shows both.
     */
    static String fullName(String image) {
        String name = image;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (slash < 0 || !(first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? name : name + ":latest";
    }

    private static String digest(String s) {
        return HexFormat.of().formatHex(Sha256.bytesOf(s), 0, 6);
    }

    @Override
    public String toString() {
        return image != null ? image : "build of " + context.resolve(dockerfile);
    }
}
